"""Text primitives shared by plugins: sentences with offsets, words, stems."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import Stemmer

WORD = re.compile(r"\w+(?:['’.,]\w+)*")
_SENT_END = re.compile(r"[.!?…][\"'”’)\]]*$")
# A sentence ends at . ! ? followed by space and an upper-case letter, digit or opening quote.
_BOUNDARY = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")

STOPWORDS = frozenset(
    """a an the and or but if then else of to in on at by for with from as is are was were be been being
    it its it's this that these those he she they them his her their we our you your i me my not no nor so
    than too very can could would should will shall may might must do does did done have has had having
    which who whom whose what when where why how all any both each few more most other some such only own
    same also into over under again further once here there about above below up down out off just now
    said says say while during before after between through against per via upon within without because
    until unless although though however therefore thus yet still even ever""".split()
)


@dataclass(frozen=True)
class Sentence:
    """A sentence of a text with its character offsets ``[start, end)``."""

    start: int
    end: int
    text: str


def _line_breaks_sentence(line: str) -> bool:
    """Whether a single newline after ``line`` ends a sentence (not a hard wrap)."""
    s = line.rstrip()
    return not s or bool(_SENT_END.search(s)) or s.endswith(":") or len(s.split()) < 8


def sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences with offsets.

    Blank lines and sentence punctuation end sentences; a single newline ends one
    only when the line looks complete (ends in punctuation, or is a short line such
    as a headline or caption), so hard-wrapped paragraphs are joined.
    """
    out: list[Sentence] = []
    # First cut into blocks at line ends that close a sentence.
    blocks: list[tuple[int, int]] = []
    start = 0
    pos = 0
    for line in text.splitlines(keepends=True):
        pos_end = pos + len(line)
        if _line_breaks_sentence(line):
            blocks.append((start, pos_end))
            start = pos_end
        pos = pos_end
    if start < len(text):
        blocks.append((start, len(text)))
    for b_start, b_end in blocks:
        block = text[b_start:b_end]
        cut = 0
        for m in _BOUNDARY.finditer(block):
            _emit(out, text, b_start + cut, b_start + m.start())
            cut = m.end()
        _emit(out, text, b_start + cut, b_end)
    return out


def _emit(out: list[Sentence], text: str, start: int, end: int) -> None:
    seg = text[start:end]
    body = seg.strip()
    if body:
        start += len(seg) - len(seg.lstrip())
        out.append(Sentence(start, start + len(body), body))


def words(text: str) -> list[str]:
    """Lower-cased word tokens (letters, digits, inner apostrophes and decimal points)."""
    return WORD.findall(text.lower().replace("’", "'"))


_stemmer = Stemmer.Stemmer("english")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Snowball (Porter 2) stem of a lower-case word."""
    return _stemmer.stemWord(word)


def one_digit_edit(a: str, b: str, substitution: bool = False) -> bool:
    """Whether figure ``b`` is ``a`` with one digit dropped or added, or two neighbours swapped.

    A changed digit ("2023" for "2024") counts only with ``substitution``: it is
    as often a different, correct fact as a corruption.
    """
    if a == b:
        return False
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diff = [i for i in range(la) if a[i] != b[i]]
        if len(diff) == 1:
            return substitution
        return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    short, long_ = (a, b) if la < lb else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))
