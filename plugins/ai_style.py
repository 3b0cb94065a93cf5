"""AI-rewrite style signals of one document: stock vocabulary, framing, quotes, rhythm.

Each heuristic measures one habit that separates chat-model prose from human
reporting and essays, and turns it into a :class:`~provenance.records.Signal`
with a weight in [0, 1] and a reason quoting the evidence. The host combines the
weights (noisy-OR) and flags against ``[ai] flag_threshold``. Every list, weight
and threshold lives in ``config/ai.toml`` under ``[ai.style]``.

Speed: :func:`analyze` reads the text once. It splits sentences once (the same
cut as :func:`provenance.text.sentences`) and reuses them for paragraphs, counts
words once per sentence, and finds every configured phrase and marker with one
compiled alternation each (cached by the configured lists), so a 550-word
document costs a few regular-expression passes rather than one per phrase.
"""

from __future__ import annotations

import math
import re
import sys
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable

try:  # Python 3.11+
    from re import _constants, _parser
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _constants  # type: ignore[no-redef]
    import sre_parse as _parser  # type: ignore[no-redef]

from provenance.hookspecs import hookimpl
from provenance.records import Document, Signal
from provenance.text import WORD, sentences

__all__ = [
    "MarkerCounter",
    "PhraseMatcher",
    "TextStats",
    "analyze",
    "paragraphs",
    "phrase_matcher",
    "quotations",
    "ramp",
    "sentence_spans",
    "style_signals",
]

_SENT_PUNCT = re.compile(r"[.!?…:][\"'”’)\]]*\s*$")
# Each quotation pattern starts with its opening mark, so the engine can skip to
# candidates; the lookbehind after the mark checks the character before it.
_QUOTE_PATTERNS = (
    re.compile(r"“([^”\n]{1,800})”"),
    re.compile(r"\"(?<![\w\"]\")([^\"\n]{1,800})\"(?!\w)"),
    re.compile(r"‘(?<!\w‘)([^\n]{1,800}?)’(?!\w)"),
    re.compile(r"'(?<!\w')([^'\n]{1,800}?)'(?!\w)"),
)
_NUMBER = re.compile(r"\d")
_CAPITAL = re.compile(r"^[A-Z][\w’'.-]*$")
_BLANK_LINE = re.compile(r"\n\s*\n")

# Sentence cutting, as provenance.text.sentences does it (tests check they agree).
_SENT_END = re.compile(r"[.!?…][\"'”’)\]]*$")
# provenance.text._BOUNDARY with the closing punctuation consumed instead of looked
# behind at: the cut is one character after the match start.
_BOUNDARY = re.compile(r"[.!?…][\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")

# Specific tokens (numbers, capitalised words) over sentences joined by NUL, so
# each sentence's first token follows NUL, not whitespace (see _specific_count).
_SEP = "\x00"
_STRIP = "\"'“”‘’()[],.;:!?–—-"
_STRIP_CLASS = "[" + re.escape(_STRIP) + "]"
_DIGIT_TOKEN = re.compile(r"\d[^\s\x00]*")
# A capital opening a token after up to two stripped characters, with no digit in
# the token, not the pronoun "I", and only word characters to the token's end.
_CAPITAL_TOKEN = re.compile(
    r"[A-Z](?:(?<=\s.)|(?<=\s{p}.)|(?<=\s{p}{p}.))(?![^\s\x00]*\d)(?!(?<=I){p}*[\s\x00])[\w’'.-]*{p}*(?=[\s\x00])".format(
        p=_STRIP_CLASS
    )
)
_LONG_LEAD = re.compile(_STRIP_CLASS + "{3}[A-Z]")


def ramp(value: float, zero: float, full: float) -> float:
    """Map ``value`` to [0, 1]: 0 at ``zero``, 1 at ``full`` (either direction), linear between."""
    if zero == full:
        return 1.0 if (value >= full if full > 0 else value <= full) else 0.0
    t = (value - zero) / (full - zero)
    return max(0.0, min(1.0, t))


def _line_breaks_sentence(line: str) -> bool:
    s = line.rstrip()
    return not s or bool(_SENT_END.search(s)) or s.endswith(":") or len(s.split()) < 8


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of ``text``: the cut of :func:`provenance.text.sentences`, faster."""
    out: list[tuple[int, int]] = []
    start = pos = 0
    blocks: list[tuple[int, int]] = []
    for line in text.splitlines(keepends=True):
        pos += len(line)
        if _line_breaks_sentence(line):
            blocks.append((start, pos))
            start = pos
    if start < len(text):
        blocks.append((start, len(text)))
    for b_start, b_end in blocks:
        cut = b_start
        for m in _BOUNDARY.finditer(text, b_start, b_end):
            _span(out, text, cut, m.start() + 1)
            cut = m.end()
        _span(out, text, cut, b_end)
    return out


def _span(out: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    seg = text[start:end]
    stripped = seg.strip()
    if stripped:
        lead = len(seg) - len(seg.lstrip())
        out.append((start + lead, start + lead + len(stripped)))


def _paragraph_blocks(text: str) -> list[tuple[str, int, int, bool]]:
    """Paragraphs as ``(text, start, end, joined)``; ``joined`` paragraphs are hard-wrapped lines joined by spaces."""
    out: list[tuple[str, int, int, bool]] = []
    offset = 0
    for block in _BLANK_LINE.split(text):
        b_start = text.index(block, offset) if block else offset
        offset = b_start + len(block)
        spans = []
        pos = b_start
        for raw in block.splitlines(keepends=True):
            s = raw.strip()
            if s:
                a = pos + (len(raw) - len(raw.lstrip()))
                spans.append((s, a, a + len(s)))
            pos += len(raw)
        if not spans:
            continue
        inner = spans[:-1]
        wrapped = sum(1 for s, _, _ in inner if not _SENT_PUNCT.search(s))
        if inner and wrapped / len(inner) > 0.5:
            out.append((" ".join(s for s, _, _ in spans), spans[0][1], spans[-1][2], True))
        else:
            out.extend((s, a, b, False) for s, a, b in spans)
    return out


def paragraphs(text: str) -> list[str]:
    """Split ``text`` into paragraphs.

    Blank lines always separate paragraphs. Inside a block, each line is its own
    paragraph unless the block looks hard-wrapped (most lines stop mid-sentence),
    since news pages often put one paragraph per line with no blank line between.
    """
    return [p for p, _, _, _ in _paragraph_blocks(text)]


def quotations(text: str, min_words: int) -> list[str]:
    """Quoted passages of at least ``min_words`` words (“…”, "…", ‘…’, '…').

    Short quoted terms ('security shield') are scare quotes or names, not speech.
    """
    found: list[str] = []
    for pattern in _QUOTE_PATTERNS:
        for m in pattern.finditer(text):
            inner = m.group(1).strip()
            if len(WORD.findall(inner)) >= min_words:
                found.append(inner)
    return found


def _phrase_regex(phrase: str) -> str:
    body = re.escape(phrase.lower()).replace(r"\*", r"\w*")
    if phrase[:1].isalnum():
        body = r"\b" + body
    if phrase[-1:].isalnum() or phrase.endswith("*"):
        body = body + r"\b"
    return body


def _alternation(phrases: list[str]) -> tuple[re.Pattern[str], tuple[str, ...]]:
    """One regex matching any of ``phrases``, and the phrase of each capturing group (``m.lastindex - 1``).

    Branches are grouped by first character, keeping their order within a group,
    so the engine tests one literal per group at each word start; the first
    phrase (in order) that matches at a position wins, as in a plain alternation.
    """
    if not phrases:
        return re.compile(r"(?!x)x"), ()
    bodies = [_phrase_regex(p) for p in phrases]
    if not all(p[:1].isalnum() for p in phrases):
        return re.compile("|".join(f"({b})" for b in bodies)), tuple(phrases)
    groups: dict[str, list[tuple[str, str]]] = {}
    for phrase, body in zip(phrases, bodies):
        first = phrase.lower()[0]
        groups.setdefault(first, []).append((phrase, body[3:]))  # drop the leading \b and the first character
    order = tuple(p for alts in groups.values() for p, _ in alts)
    rx = r"\b(?:" + "|".join(f"{re.escape(c)}(?:{'|'.join(f'({r})' for _, r in alts)})" for c, alts in groups.items()) + ")"
    return re.compile(rx), order


@dataclass(frozen=True)
class PhraseMatcher:
    """Finds configured phrases in text, longest first, without double counting."""

    regex: re.Pattern[str]
    parts: tuple[tuple[str, re.Pattern[str], float], ...]
    table: dict[str, float] = field(default_factory=dict)
    groups: tuple[str, ...] = ()

    def find(self, text: str) -> Counter[str]:
        """Count each configured phrase in ``text`` (case-insensitive)."""
        groups = self.groups
        return Counter(groups[m.lastindex - 1] for m in self.regex.finditer(text.lower()))

    def points(self, counts: Counter[str]) -> float:
        """Total points of the phrase ``counts`` returned by :meth:`find`."""
        table = self.table
        return sum(table[p] * n for p, n in counts.items())


@lru_cache(maxsize=32)
def _matcher(items: tuple[tuple[str, float], ...]) -> PhraseMatcher:
    ordered = sorted(items, key=lambda kv: -len(kv[0].rstrip("*")))
    parts = tuple((p, re.compile(_phrase_regex(p)), float(w)) for p, w in ordered)
    regex, groups = _alternation([p for p, _ in ordered])
    return PhraseMatcher(regex, parts, {p: float(w) for p, w in ordered}, groups)


@lru_cache(maxsize=32)
def _checked_matcher(items: tuple[tuple[str, Any], ...]) -> PhraseMatcher:
    for phrase, pts in items:
        if not phrase.strip("* "):
            raise ValueError("ai.style.vocabulary.points: empty phrase; remove it")
        if not isinstance(pts, (int, float)) or pts < 0:
            raise ValueError(f"ai.style.vocabulary.points[{phrase!r}] must be a number >= 0, got {pts!r}")
    return _matcher(tuple(sorted(items)))


def phrase_matcher(points: dict[str, float]) -> PhraseMatcher:
    """A (cached) :class:`PhraseMatcher` for a ``{phrase: points}`` table from config.

    Raises:
        ValueError: a phrase is empty or its points are negative.
    """
    return _checked_matcher(tuple(points.items()))


@dataclass(frozen=True)
class MarkerCounter:
    """Counts each of a set of whole-word markers, each match counted for every list it is in."""

    regex: re.Pattern[str] | None
    markers: tuple[str, ...]
    groups: tuple[str, ...] = ()

    def count(self, lower: str) -> Counter[str]:
        """``{marker: occurrences}`` in the lower-cased text ``lower`` (absent markers omitted)."""
        if self.regex is None:  # markers may overlap in text: count each on its own
            out: Counter[str] = Counter()
            for m in self.markers:
                n = len(re.findall(_phrase_regex(m), lower))
                if n:
                    out[m] = n
            return out
        groups = self.groups
        return Counter(groups[m.lastindex - 1] for m in self.regex.finditer(lower))


def _may_overlap(a: list[str], b: list[str], same: bool) -> bool:
    """Whether occurrences of word sequences ``a`` and ``b`` can overlap in a text.

    They can when one contains the other or they chain (a suffix of one is a
    prefix of the other); ``same`` means ``a`` and ``b`` are one marker (chains only).
    """
    if len(a) > len(b):
        a, b = b, a
    if not same and any(b[i : i + len(a)] == a for i in range(len(b) - len(a) + 1)):
        return True
    return any(a[-k:] == b[:k] or b[-k:] == a[:k] for k in range(1, len(a)))


@lru_cache(maxsize=32)
def _marker_counter(markers: tuple[str, ...]) -> MarkerCounter:
    uniq = tuple(dict.fromkeys(m.lower() for m in markers))
    ordered = tuple(sorted(uniq, key=lambda m: -len(m)))
    simple = all(re.fullmatch(r"\w+(?: \w+)*", m) for m in ordered)
    split = [m.split() for m in ordered]
    overlap = any(_may_overlap(split[i], split[j], i == j) for i in range(len(split)) for j in range(i, len(split)))
    if not simple or overlap:
        return MarkerCounter(None, ordered)
    regex, groups = _alternation(list(ordered))
    return MarkerCounter(regex, ordered, groups)


class _AnyOf:
    """Searches with several regexes; a match of any counts (when they cannot be joined in one)."""

    def __init__(self, patterns: list[re.Pattern[str]]) -> None:
        self.patterns = patterns

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        for rx in self.patterns:
            m = rx.search(text, pos, endpos)
            if m:
                return m
        return None


def _starts_with_boundary(pattern: str) -> bool:
    """Whether ``pattern`` is a sequence that starts with ``\\b`` (no top-level ``|``)."""
    try:
        parsed = list(_parser.parse(pattern))
    except Exception:  # noqa: BLE001 - any doubt: do not factor the \b out
        return False
    return bool(parsed) and parsed[0] == (_constants.AT, _constants.AT_BOUNDARY)


@lru_cache(maxsize=64)
def _compile_any(patterns: tuple[str, ...]) -> tuple[Any, Any | None]:
    """A searcher matching any of ``patterns`` (case-insensitive), and when the
    patterns have no upper-case letters, one without IGNORECASE for lower-cased text.

    Raises:
        ValueError: a pattern is not a valid regular expression.
    """
    compiled = []
    for p in patterns:
        try:
            compiled.append(re.compile(p, re.IGNORECASE))
        except re.error as exc:
            raise ValueError(f"invalid regular expression in config/ai.toml: {p!r}: {exc}") from exc
    if not patterns:
        never = re.compile(r"(?!x)x")
        return never, never
    try:
        anyof: Any = re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
    except re.error:  # e.g. inline global flags inside one pattern
        return _AnyOf(compiled), None
    if any(ch.isupper() for p in patterns for ch in p):
        return anyof, None
    if all(_starts_with_boundary(p) for p in patterns):
        lower = re.compile(r"\b(?:" + "|".join(f"(?:{p[2:]})" for p in patterns) + ")")
    else:
        lower = re.compile("|".join(f"(?:{p})" for p in patterns))
    return anyof, lower


@dataclass
class TextStats:
    """Measurements of one text shared by the style heuristics."""

    text: str
    n_words: int
    sentence_lengths: list[int]
    sentence_texts: list[str]
    paragraphs: list[str]
    paragraph_sentences: list[int]
    news_markers: int
    news_density: float
    lower: str = ""
    sentence_spans: list[tuple[int, int]] = field(default_factory=list)
    sentence_starts: list[int] = field(default_factory=list)
    sentence_kept: list[bool] = field(default_factory=list)
    paragraph_finals: list[str] = field(default_factory=list)
    markers: Counter[str] = field(default_factory=Counter)


def _marker_lists(cfg: dict[str, Any]) -> tuple[str, ...]:
    a = cfg["attribution"]
    return tuple(cfg["news"]["markers"]) + tuple(a["plain"]) + tuple(a["fancy"])


def _count(stats: TextStats, markers: list[str]) -> int:
    counts = stats.markers
    return sum(counts.get(m.lower(), 0) for m in markers)


def analyze(text: str, cfg: dict[str, Any]) -> TextStats:
    """Measure ``text`` once for all heuristics (``cfg`` is ``config["ai"]["style"]``)."""
    min_sw = int(cfg["min_sentence_words"])
    spans = sentence_spans(text)
    findall = WORD.findall
    lengths = [len(findall(text, a, b)) for a, b in spans]
    n_words = sum(lengths)
    kept_idx = [i for i, n in enumerate(lengths) if n >= min_sw]
    kept_spans = [spans[i] for i in kept_idx]
    starts = [a for a, _ in spans]

    paras: list[str] = []
    para_sents: list[int] = []
    finals: list[str] = []
    for p, a, b, joined in _paragraph_blocks(text):
        i = bisect_right(starts, a) - 1
        j = bisect_right(starts, b - 1) - 1
        if not joined and i >= 0 and spans[i][0] == a and spans[j][1] == b:
            own = range(i, j + 1)
            if sum(lengths[k] for k in own) < min_sw:
                continue
            good = [k for k in own if lengths[k] >= min_sw]
            paras.append(p)
            para_sents.append(max(1, len(good)))
            if good:
                k = good[-1]
                finals.append(text[spans[k][0] : spans[k][1]])
        else:  # a hard-wrapped or unusual paragraph: cut it on its own
            if len(findall(p)) < min_sw:
                continue
            good_s = [s.text for s in sentences(p) if len(findall(s.text)) >= min_sw]
            paras.append(p)
            para_sents.append(max(1, len(good_s)))
            if good_s:
                finals.append(good_s[-1])

    lower = text.lower()
    markers = _marker_counter(_marker_lists(cfg)).count(lower)
    stats = TextStats(
        text=text,
        n_words=n_words,
        sentence_lengths=[lengths[i] for i in kept_idx],
        sentence_texts=[text[a:b] for a, b in kept_spans],
        paragraphs=paras,
        paragraph_sentences=para_sents,
        news_markers=0,
        news_density=0.0,
        lower=lower,
        sentence_spans=spans,
        sentence_starts=starts,
        sentence_kept=[n >= min_sw for n in lengths],
        paragraph_finals=finals,
        markers=markers,
    )
    news = _count(stats, list(cfg["news"]["markers"]))
    stats.news_markers = news
    stats.news_density = 1000.0 * news / max(n_words, 1)
    return stats


def _is_news(stats: TextStats, cfg: dict[str, Any]) -> bool:
    c = cfg["news"]
    return stats.news_markers >= int(c["min_count"]) and stats.news_density >= float(c["min_density"])


def _quote_list(items: list[str], n: int) -> str:
    return ", ".join(f"'{s}'" for s in items[:n]) + ("..." if len(items) > n else "")


def _short(s: str, n: int = 90) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 3].rstrip() + "..."


def signal_vocabulary(stats: TextStats, cfg: dict[str, Any]) -> Signal | None:
    """Density of stock LLM vocabulary ("underscoring", "pivotal", "complex dynamics")."""
    c = cfg["vocabulary"]
    matcher = phrase_matcher(c["points"])
    counts = matcher.find(stats.lower or stats.text)
    if len(counts) < int(c["min_distinct"]):
        return None
    density = 1000.0 * matcher.points(counts) / max(stats.n_words, 1)
    weight = float(c["max_weight"]) * ramp(density, float(c["density_zero"]), float(c["density_full"]))
    if weight <= 0:
        return None
    top = [f"{p.rstrip('*')}" + (f" x{n}" if n > 1 else "") for p, n in counts.most_common(int(c["examples"]))]
    total = sum(counts.values())
    return Signal(
        "stock_vocabulary",
        weight,
        f"uses {total} stock LLM phrases ({density:.1f} points per 1,000 words): " + _quote_list(top, len(top)),
    )


def _sentence_hits(stats: TextStats, patterns: list[str]) -> list[str]:
    """Kept sentences matching any of ``patterns``."""
    anyof, lower_rx = _compile_any(tuple(patterns))
    if lower_rx is None or len(stats.lower) != len(stats.text):
        return [t for t in stats.sentence_texts if anyof.search(t)]
    # One pass over the whole text; a match that does not sit inside one
    # sentence could hide another, so then search sentence by sentence.
    spans, starts = stats.sentence_spans, stats.sentence_starts
    hit: set[int] = set()
    for m in lower_rx.finditer(stats.lower):
        k = bisect_right(starts, m.start()) - 1
        if k < 0 or m.end() > spans[k][1]:
            search, lower = lower_rx.search, stats.lower
            hit = {i for i, (a, b) in enumerate(spans) if search(lower, a, b)}
            break
        hit.add(k)
    text = stats.text
    return [text[spans[i][0] : spans[i][1]] for i in sorted(hit) if stats.sentence_kept[i]]


def _pattern_hits(texts: list[str], patterns: list[str]) -> list[str]:
    anyof, lower_rx = _compile_any(tuple(patterns))
    out = []
    for t in texts:
        low = t.lower()
        if lower_rx is not None and len(low) == len(t):
            if lower_rx.search(low):
                out.append(t)
        elif anyof.search(t):
            out.append(t)
    return out


def _hit_weight(n: int, per_hit: float, max_weight: float) -> float:
    return min(max_weight, 1.0 - (1.0 - per_hit) ** n) if n else 0.0


def signal_meta(stats: TextStats, cfg: dict[str, Any]) -> Signal | None:
    """Meta/summary framing: sentences about "the article" or "the importance of" things."""
    c = cfg["meta"]
    hits = _sentence_hits(stats, c["patterns"])
    if not hits:
        return None
    weight = _hit_weight(len(hits), float(c["per_hit"]), float(c["max_weight"]))
    return Signal(
        "meta_framing",
        weight,
        f"{len(hits)} sentence(s) of summary/meta framing: " + _quote_list([_short(h) for h in hits], int(c["examples"])),
    )


def signal_closers(stats: TextStats, cfg: dict[str, Any]) -> Signal | None:
    """Hedged generic closers ending paragraphs ("...remains to be seen")."""
    c = cfg["closers"]
    hits = _pattern_hits(stats.paragraph_finals, c["patterns"])
    if not hits:
        return None
    weight = _hit_weight(len(hits), float(c["per_hit"]), float(c["max_weight"]))
    return Signal(
        "generic_closers",
        weight,
        f"{len(hits)} paragraph(s) end on a hedged generic line: " + _quote_list([_short(h) for h in hits], int(c["examples"])),
    )


def signal_quotes(stats: TextStats, cfg: dict[str, Any]) -> Signal | None:
    """Little sourcing (direct quotations, plain "said"/"told") in news-like text."""
    c = cfg["quotes"]
    if stats.n_words < int(c["min_words"]) or not _is_news(stats, cfg):
        return None
    quotes = quotations(stats.text, int(c["min_quote_words"]))
    plain = _count(stats, cfg["attribution"]["plain"])
    density = 1000.0 * (len(quotes) + plain) / stats.n_words
    weight = float(c["max_weight"]) * ramp(density, float(c["density_zero"]), float(c["density_full"]))
    if weight <= 0:
        return None
    what = "no direct quotations" if not quotes else f"only {len(quotes)} direct quotation(s)"
    return Signal(
        "few_quotations",
        weight,
        f"{what} and {plain} plain attribution(s) ('said', 'told') in {stats.n_words} words of news-like text",
    )


def signal_attribution(stats: TextStats, cfg: dict[str, Any]) -> Signal | None:
    """Varied attribution verbs ("noted", "emphasized") where reporters write "said"."""
    c = cfg["attribution"]
    plain = _count(stats, c["plain"])
    counts = stats.markers
    fancy_counts = +Counter({v: counts.get(v.lower(), 0) for v in c["fancy"]})
    fancy = sum(fancy_counts.values())
    if fancy < int(c["min_fancy"]):
        return None
    share = plain / (plain + fancy)
    weight = float(c["max_weight"]) * ramp(share, float(c["share_zero"]), float(c["share_full"]))
    if weight <= 0:
        return None
    top = [f"{v}" + (f" x{n}" if n > 1 else "") for v, n in fancy_counts.most_common(4)]
    return Signal(
        "attribution_verbs",
        weight,
        f"attributes with {fancy} varied verbs ({_quote_list(top, 4)}) against {plain} plain 'said'/'told'",
    )


def signal_burstiness(stats: TextStats, cfg: dict[str, Any]) -> Signal | None:
    """Low burstiness: sentence lengths that barely vary."""
    c = cfg["burstiness"]
    lengths = stats.sentence_lengths
    if len(lengths) < int(c["min_sentences"]):
        return None
    mean = sum(lengths) / len(lengths)
    cv = math.sqrt(sum((x - mean) ** 2 for x in lengths) / len(lengths)) / mean
    weight = float(c["max_weight"]) * ramp(cv, float(c["cv_zero"]), float(c["cv_full"]))
    if weight <= 0:
        return None
    return Signal(
        "low_burstiness",
        weight,
        f"{len(lengths)} sentences of even length (mean {mean:.0f} words, variation {cv:.2f})",
    )


def signal_paragraphs(stats: TextStats, cfg: dict[str, Any]) -> Signal | None:
    """Long uniform paragraphs in news-like text."""
    c = cfg["paragraphs"]
    counts = stats.paragraph_sentences
    if len(counts) < int(c["min_paragraphs"]) or not _is_news(stats, cfg):
        return None
    mean = sum(counts) / len(counts)
    weight = float(c["max_weight"]) * ramp(mean, float(c["sentences_zero"]), float(c["sentences_full"]))
    if weight <= 0:
        return None
    return Signal(
        "long_paragraphs",
        weight,
        f"{len(counts)} paragraphs of {mean:.1f} sentences on average in news-like text",
    )


def _specific_tokens(sentence: str) -> int:
    """Numbers and capitalised words (not the first word, not "I") among the tokens of ``sentence``."""
    n = 0
    for i, tok in enumerate(sentence.split()):
        core = tok.strip(_STRIP)
        if not core:
            continue
        if _NUMBER.search(core):
            n += 1
        elif i > 0 and core != "I" and _CAPITAL.match(core):
            n += 1
    return n


def _specific_count(texts: list[str]) -> int:
    """``sum(_specific_tokens(t) for t in texts)`` with two regex passes instead of a loop per token."""
    joined = _SEP.join(texts)
    if joined.count(_SEP) != max(len(texts) - 1, 0) or _LONG_LEAD.search(joined):
        return sum(_specific_tokens(t) for t in texts)
    joined = _SEP + joined + _SEP
    return len(_DIGIT_TOKEN.findall(joined)) + len(_CAPITAL_TOKEN.findall(joined))


def signal_specifics(stats: TextStats, cfg: dict[str, Any]) -> Signal | None:
    """Few specific facts (numbers, dates, names) per sentence in news-like text."""
    c = cfg["specifics"]
    if len(stats.sentence_texts) < int(cfg["burstiness"]["min_sentences"]) or not _is_news(stats, cfg):
        return None
    per = _specific_count(stats.sentence_texts) / len(stats.sentence_texts)
    weight = float(c["max_weight"]) * ramp(per, float(c["per_sentence_zero"]), float(c["per_sentence_full"]))
    if weight <= 0:
        return None
    return Signal(
        "few_specifics",
        weight,
        f"only {per:.1f} numbers/names per sentence over {len(stats.sentence_texts)} sentences of news-like text",
    )


def signal_reported_speech(stats: TextStats, cfg: dict[str, Any]) -> Signal | None:
    """Speech reported ("X said the plan...") but seldom quoted verbatim, in news-like text.

    Reporters pair "said" with direct quotations; a rewrite keeps the "said"
    and turns the quotation into paraphrase.
    """
    c = cfg["reported_speech"]
    if stats.n_words < int(cfg["quotes"]["min_words"]) or not _is_news(stats, cfg):
        return None
    plain = _count(stats, cfg["attribution"]["plain"])
    if plain < int(c["min_said"]):
        return None
    quotes = quotations(stats.text, int(cfg["quotes"]["min_quote_words"]))
    share = len(quotes) / plain
    weight = float(c["max_weight"]) * ramp(share, float(c["share_zero"]), float(c["share_full"]))
    if weight <= 0:
        return None
    return Signal(
        "reported_speech",
        weight,
        f"{plain} plain attribution(s) ('said', 'told') but only {len(quotes)} direct quotation(s): speech paraphrased, not quoted",
    )


_HEADING = re.compile(r"\n[ \t]*\n[ \t]*([A-Z][^\n]{2,80}?)[ \t]*(?=\n[ \t]*\n)")
_HEADING_END = re.compile(r"[.!?…:;,\"”’'\])]$")


def signal_subheadings(stats: TextStats, cfg: dict[str, Any]) -> Signal | None:
    """Blog-style subheadings (short title lines between paragraphs) inside a news-length text."""
    c = cfg["subheadings"]
    if not _is_news(stats, cfg):
        return None
    max_words = int(c["max_words"])
    heads = [
        h
        for h in _HEADING.findall(stats.text.strip())
        if len(h.split()) <= max_words and not _HEADING_END.search(h)
    ]
    weight = float(c["max_weight"]) * ramp(len(heads), float(c["count_zero"]), float(c["count_full"]))
    if weight <= 0:
        return None
    return Signal(
        "subheadings",
        weight,
        f"{len(heads)} subheading(s) between paragraphs: " + _quote_list([_short(h, 50) for h in heads], 3),
    )


HEURISTICS: tuple[Callable[[TextStats, dict[str, Any]], Signal | None], ...] = (
    signal_vocabulary,
    signal_meta,
    signal_closers,
    signal_quotes,
    signal_attribution,
    signal_burstiness,
    signal_paragraphs,
    signal_specifics,
    signal_reported_speech,
    signal_subheadings,
)


def _style_config(config: dict[str, Any]) -> dict[str, Any]:
    try:
        cfg = config["ai"]["style"]
    except (KeyError, TypeError) as exc:
        raise ValueError("config has no [ai.style] table; see config/ai.toml for the defaults") from exc
    for name, table in cfg.items():
        if isinstance(table, dict) and "max_weight" in table:
            w = table["max_weight"]
            if not isinstance(w, (int, float)) or not 0.0 <= w <= 1.0:
                raise ValueError(f"ai.style.{name}.max_weight must be in [0.0, 1.0], got {w!r}")
    return cfg


def style_signals(text: str, config: dict[str, Any]) -> list[Signal]:
    """Every style signal of ``text`` with a positive weight (``config`` is the full config).

    Raises:
        ValueError: the ``[ai.style]`` configuration is missing or invalid.
    """
    cfg = _style_config(config)
    stats = analyze(text, cfg)
    if stats.n_words < int(cfg["min_words"]):
        return []
    out = []
    for heuristic in HEURISTICS:
        sig = heuristic(stats, cfg)
        if sig is not None and sig.weight > 0:
            out.append(sig)
    return out


@hookimpl
def provenance_ai_signals(document: Document, config: dict[str, Any]) -> list[Signal]:
    """Style signals of the cleaned text of ``document`` (see :func:`style_signals`)."""
    return style_signals(document.text or "", config)
