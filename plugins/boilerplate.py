"""Clean stage: find page furniture (share bars, consent banners, credits) in raw text.

The rules are regular expressions with a *scope* saying how much text a match
removes; they all live in ``config/boilerplate.toml``. This module only knows
how far each scope reaches and the guards that keep article prose safe.
"""

from __future__ import annotations

import bisect
import json
import re
import sys
from array import array
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from re import _constants as _sre_c
from re import _parser as _sre_parse
from typing import Any, Iterable, Literal

from provenance.hookspecs import hookimpl
from provenance.records import Document, Span
from provenance.text import sentences

Scope = Literal["match", "line", "paragraph", "tail", "context"]
SCOPES: tuple[str, ...] = ("match", "line", "paragraph", "tail", "context")
Guard = Literal["none", "sentence", "speech"]
GUARDS: tuple[str, ...] = ("none", "sentence", "speech")

# A unit "ends like a sentence": final . ! ? or … maybe followed by closing quotes/brackets.
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s*$")
# A statement (not a question, which headlines often are) ends in . ! or ….
_STATEMENT_END = re.compile(r"[.!…][\"'”’)\]]*\s*$")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Rule:
    """One furniture pattern, named for the spans it produces."""

    name: str
    scope: Scope
    pattern: re.Pattern[str]
    max_words: int | None
    prose_guard: Guard
    tail_any: bool = False


@dataclass(frozen=True)
class Rules:
    """The compiled ``[boilerplate]`` section: rules plus the thresholds of the scopes."""

    rules: tuple[Rule, ...]
    enabled: bool
    line_max_words: int
    paragraph_max_words: int
    paragraph_min_share: float
    paragraph_min_matches: int
    wrap_min_words: int
    tail_min_position: float
    tail_max_line_words: int
    tail_prose_min_words: int
    prose_min_words: int
    prose: re.Pattern[str]
    prefilter: Prefilter | None = None


@dataclass(frozen=True)
class _Line:
    """A line of raw text: ``[start, end)`` is its content, ``stop`` is past its line break."""

    start: int
    end: int
    stop: int
    text: str


# ----------------------------------------------------------------------------- configuration


def _positive_int(section: dict[str, Any], key: str, default: int) -> int:
    value = section.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"[boilerplate] {key} must be a positive integer, got {value!r}")
    return value


def _fraction(section: dict[str, Any], key: str, default: float) -> float:
    value = section.get(key, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0.0 <= value <= 1.0:
        raise ValueError(f"[boilerplate] {key} must be a number in [0.0, 1.0], got {value!r}")
    return float(value)


def _compile(pattern: Any, ignore_case: bool, where: str) -> re.Pattern[str]:
    if not isinstance(pattern, str) or not pattern:
        raise ValueError(f"{where}: pattern must be a non-empty string")
    flags = re.MULTILINE | (re.IGNORECASE if ignore_case else 0)
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise ValueError(f"{where}: invalid regular expression: {exc}") from exc


def compile_rules(section: dict[str, Any]) -> Rules:
    """Validate and compile a ``[boilerplate]`` config section.

    Raises:
        ValueError: a rule lacks a name or pattern, has an unknown scope, a
            pattern does not compile, or a threshold is out of range; the
            message names the rule and the fix.
    """
    raw_rules = section.get("rules")
    if not isinstance(raw_rules, list) or not raw_rules:
        raise ValueError("[boilerplate] needs a non-empty list of [[boilerplate.rules]] tables")
    rules: list[Rule] = []
    seen: set[str] = set()
    for i, item in enumerate(raw_rules):
        where = f"boilerplate.rules[{i}]"
        if not isinstance(item, dict):
            raise ValueError(f"{where} must be a table with name, scope and pattern")
        name = item.get("name")
        if not isinstance(name, str) or not name:
            raise ValueError(f"{where} needs a non-empty string 'name'")
        where = f"{where} ({name!r})"
        if name in seen:
            raise ValueError(f"{where}: duplicate rule name; names must be unique")
        seen.add(name)
        scope = item.get("scope")
        if scope not in SCOPES:
            raise ValueError(f"{where}: unknown scope {scope!r}; use one of {', '.join(SCOPES)}")
        max_words = item.get("max_words")
        if max_words is not None and (isinstance(max_words, bool) or not isinstance(max_words, int) or max_words < 1):
            raise ValueError(f"{where}: max_words must be a positive integer, got {max_words!r}")
        unknown = set(item) - {"name", "scope", "pattern", "max_words", "prose_guard", "ignore_case", "tail_any"}
        if unknown:
            raise ValueError(f"{where}: unknown keys {sorted(unknown)}")
        guard = item.get("prose_guard", "none")
        if guard not in GUARDS:
            raise ValueError(f"{where}: prose_guard must be one of {', '.join(GUARDS)}, got {guard!r}")
        if item.get("tail_any") and scope != "tail":
            raise ValueError(f"{where}: tail_any only applies to scope 'tail'")
        rules.append(
            Rule(
                name=name,
                scope=scope,
                pattern=_compile(item.get("pattern"), bool(item.get("ignore_case", True)), where),
                max_words=max_words,
                prose_guard=guard,
                tail_any=bool(item.get("tail_any", False)),
            )
        )
    return Rules(
        rules=tuple(rules),
        prefilter=build_prefilter(rules),
        enabled=bool(section.get("enabled", True)),
        line_max_words=_positive_int(section, "line_max_words", 30),
        paragraph_max_words=_positive_int(section, "paragraph_max_words", 300),
        paragraph_min_share=_fraction(section, "paragraph_min_share", 0.5),
        paragraph_min_matches=_positive_int(section, "paragraph_min_matches", 2),
        wrap_min_words=_positive_int(section, "wrap_min_words", 8),
        tail_min_position=_fraction(section, "tail_min_position", 0.3),
        tail_max_line_words=_positive_int(section, "tail_max_line_words", 16),
        tail_prose_min_words=_positive_int(section, "tail_prose_min_words", 4),
        prose_min_words=_positive_int(section, "prose_min_words", 6),
        prose=_compile(section.get("prose_pattern", r"\bsaid\b"), True, "[boilerplate] prose_pattern"),
    )


@lru_cache(maxsize=16)
def _compile_cached(key: str) -> Rules:
    return compile_rules(json.loads(key))


def rules_from_config(config: dict[str, Any]) -> Rules:
    """The compiled rules of ``config["boilerplate"]``, compiled once per distinct section."""
    section = config.get("boilerplate")
    if not isinstance(section, dict):
        raise ValueError("config has no [boilerplate] table (see config/boilerplate.toml)")
    global _last
    if _last is not None and _last[0] is section:  # the same config object: skip re-serializing it
        return _last[1]
    rules = _compile_cached(json.dumps(section, sort_keys=True, default=str))
    _last = (section, rules)
    return rules


_last: tuple[dict[str, Any], Rules] | None = None


# ----------------------------------------------------------------------------- prefilter
#
# Most documents hold no furniture, so the rules are first reduced to literal keywords
# that every match must contain, read off each pattern's parse tree: ``anchored``
# keywords start a line (after optional spaces or bullets), ``tokens`` may be anywhere.
# One scan of the document for all keywords finds the lines (and paragraphs) each rule
# can match at all; a document without a keyword has no furniture. The keywords are
# *necessary* conditions only, so the spans are exactly those of evaluating every rule
# on every line.

_EXACT_LIMIT = 64
_REPEATS = (_sre_c.MAX_REPEAT, _sre_c.MIN_REPEAT, _sre_c.POSSESSIVE_REPEAT)
_LINE_START = (_sre_c.AT_BEGINNING, _sre_c.AT_BEGINNING_STRING)
# Words too common in news to make a useful token, when the pattern offers another one.
_COMMON = frozenset(
    "according information using your continue first next more most like press media your "
    "about what also read story stories article articles when with this that from have will".split()
)

Strings = set[str]


def _product(a: Strings, b: Strings) -> Strings | None:
    return {x + y for x in a for y in b} if len(a) * len(b) <= _EXACT_LIMIT else None


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _uncased_nonword(ch: str) -> bool:
    return not _is_word(ch) and ch != "\n" and ch.lower() == ch == ch.upper()


def _node(op: Any, av: Any) -> tuple[Strings | None, Strings | None]:
    """``(exact, required)``: all strings the node matches (if few), and tokens one of which any match holds."""
    if op is _sre_c.LITERAL:
        return {chr(av)}, None
    if op is _sre_c.IN:
        if len(av) <= _EXACT_LIMIT and all(o is _sre_c.LITERAL for o, _ in av):
            return {chr(a) for _, a in av}, None
        return None, None
    if op in (_sre_c.AT, _sre_c.ASSERT, _sre_c.ASSERT_NOT):
        return {""}, None
    if op is _sre_c.SUBPATTERN:
        return _seq(av[3])
    if op is _sre_c.ATOMIC_GROUP:
        return _seq(av)
    if op is _sre_c.BRANCH:
        parts = [_seq(alt) for alt in av[1]]
        exact: Strings | None = None
        if all(e is not None for e, _ in parts):
            union = set().union(*(e for e, _ in parts))
            exact = union if len(union) <= _EXACT_LIMIT else None
        required = None
        if all(r is not None for _, r in parts):
            required = set().union(*(r for _, r in parts))
        return exact, required
    if op in _REPEATS:
        lo, hi, sub = av
        exact, required = _seq(sub)
        if lo == 0:
            return ({""} | exact if hi == 1 and exact is not None else None), None
        if exact is not None and lo == hi:
            out: Strings | None = {""}
            for _ in range(lo):
                out = _product(out, exact) if out is not None else None
            if out is not None:
                return out, None
        return None, required if required is not None else _tokens(exact)
    return None, None  # ANY, NOT_LITERAL, CATEGORY, GROUPREF, ...


def _tokens(strings: Strings | None) -> Strings | None:
    """One whitespace-free piece of each string (a match holding the string holds the piece)."""
    if not strings:
        return None
    out: Strings = set()
    for s in strings:
        parts = s.split()
        if not parts:
            return None
        best = max(parts, key=lambda w: (w.lower() not in _COMMON, len(w)))
        out.add(best)
    return out


def _score(tokens: Strings) -> tuple[int, int, int]:
    return (-sum(t.lower() in _COMMON for t in tokens), min(map(len, tokens)), -len(tokens))


def _seq(items: Any) -> tuple[Strings | None, Strings | None]:
    """``(exact, required)`` of a sequence: runs of exact nodes are joined, the best token set wins."""
    candidates: list[Strings | None] = []
    run: Strings = {""}
    whole = True
    for op, av in items:
        exact, required = _node(op, av)
        if exact is not None:
            joined = _product(run, exact)
            if joined is not None:
                run = joined
                continue
        whole = False
        candidates.append(_tokens(run))
        run = set(exact) if exact is not None else {""}
        candidates.append(required)
    candidates.append(_tokens(run))
    usable = [c for c in candidates if c]
    return (run if whole else None), (max(usable, key=_score) if usable else None)


# Stands for "a digit" in a line's first keyword (``\d`` is any Unicode digit, not a set of strings).
_DIGIT = "\ue000"


def _is_digit_class(op: Any, av: Any) -> bool:
    return op is _sre_c.IN and av == [(_sre_c.CATEGORY, _sre_c.CATEGORY_DIGIT)]


def _prefix(items: Any) -> Strings:
    """Strings one of which starts every match of ``items`` (``{""}`` when nothing is known)."""
    items = list(items)
    run: Strings = {""}
    for k, (op, av) in enumerate(items):
        exact, _ = _node(op, av)
        if exact is not None:
            joined = _product(run, exact)
            if joined is None:
                return run
            run = joined
            continue
        nxt: Strings | None = None
        if _is_digit_class(op, av):
            nxt = {_DIGIT}
        elif op is _sre_c.SUBPATTERN:
            nxt = _prefix(list(av[3]) + items[k + 1 :])
        elif op is _sre_c.BRANCH:
            nxt = set().union(*(_prefix(list(alt) + items[k + 1 :]) for alt in av[1]))
        elif op in _REPEATS and av[0] >= 1:
            nxt = _prefix(av[2])
        elif op in _REPEATS and av[0] == 0:  # optional: its own start, or what follows it
            nxt = _prefix(av[2]) | _prefix(items[k + 1 :])
        if nxt is not None and "" not in nxt:
            joined = _product(run, nxt)
            if joined is not None:
                return joined
        return run
    return run


def _skippable(op: Any, av: Any) -> bool:
    r"""An optional run of spaces or punctuation, as before a line's first word (``\s*``, ``[-•*]*``)."""
    if op not in _REPEATS or av[0] != 0 or len(av[2]) != 1:
        return False
    sub_op, sub_av = av[2][0]
    if sub_op is _sre_c.LITERAL:
        return _uncased_nonword(chr(sub_av))
    if sub_op is not _sre_c.IN:
        return False
    for o, a in sub_av:
        if o is _sre_c.LITERAL and _uncased_nonword(chr(a)):
            continue
        if o is _sre_c.CATEGORY and a is _sre_c.CATEGORY_SPACE:
            continue
        return False
    return True


def _line_start(items: list[Any]) -> Strings | None:
    """Keywords after optional spaces or punctuation at the start of every match of ``items``."""
    k = 0
    while k < len(items) and _skippable(*items[k]):
        k += 1
    if k < len(items):
        op, av = items[k]
        rest = items[k + 1 :]
        alts = None
        if op is _sre_c.BRANCH:
            alts = [list(alt) + rest for alt in av[1]]
        elif op is _sre_c.SUBPATTERN:
            alts = [list(av[3]) + rest]
        elif op in _REPEATS and av[0] == 0:
            alts = [list(av[2]) + rest, rest]
        if alts is not None:
            out: Strings = set()
            for alt in alts:
                keys = _line_start(alt)
                if keys is None:
                    return None
                out |= keys
            return out
    keys = {_DIGIT if key.startswith(_DIGIT) else key.split(_DIGIT)[0] for key in _prefix(items[k:])}
    if "" in keys or any("\n" in key for key in keys):
        return None
    return keys


def _starts_word(key: str) -> bool:
    return bool(key) and _is_word(key[0]) and not key[0].isdecimal()


def _anchored(items: Any) -> Strings | None:
    """Keywords that start the line of every match: the pattern is ``^``, optional spaces or
    punctuation, then one of these strings (each alternative of a top-level ``|`` likewise)."""
    items = list(items)
    if len(items) == 1 and items[0][0] in (_sre_c.BRANCH, _sre_c.SUBPATTERN):
        op, av = items[0]
        out: Strings = set()
        for alt in (av[1] if op is _sre_c.BRANCH else [av[3]]):
            keys = _anchored(alt)
            if keys is None:
                return None
            out |= keys
        return out
    if not items or items[0][0] is not _sre_c.AT or items[0][1] not in _LINE_START:
        return None
    keys = _line_start(items[1:])
    return None if keys is None else {key.lower() for key in keys}


@dataclass(frozen=True)
class Prefilter:
    """Keyword scans that find, in one pass, the lines where each rule can match."""

    exhaustive: bool  # False: some rule has no keyword, so every document gets the full scan
    unfiltered: frozenset[int]  # context rules: searched on every line once other furniture is found
    anchored: re.Pattern[str] | None  # "\n", optional punctuation, a keyword (group 1)
    anchored_first: re.Pattern[str] | None  # the same at the start of the text
    anchored_rules: dict[str, tuple[int, ...]]
    digit_group: int  # the group of ``anchored`` that holds a digit starting a line (0: none)
    tokens: re.Pattern[str] | None  # keywords anywhere, searched in the lower-cased text
    # keyword -> (rule, spellings): a case-sensitive rule lists the spellings the raw text must hold
    token_rules: dict[str, tuple[tuple[int, frozenset[str] | None], ...]]
    risky: re.Pattern[str] | None  # characters whose lower case differs from their regex case folding


_INLINE_I = re.compile(r"\(\?[a-zA-Z]*i")


def _trie_regex(words: set[str]) -> str:
    """An alternation of ``words`` as a trie, the longest word first at every branch."""
    trie: dict[str, Any] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        alts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(trie)


def _closure(keyed: dict[str, set[int]]) -> dict[str, tuple[int, ...]]:
    """Each keyword's rules plus those of the keywords it starts with (a scan reports the longest)."""
    return {
        k: tuple(sorted(set().union(*(v for p, v in keyed.items() if k.startswith(p)))))
        for k in keyed
    }


@lru_cache(maxsize=1)
def _all_chars() -> str:
    codes = array("I", range(0, 0xD800))
    codes.extend(range(0xE000, 0x110000))
    if sys.byteorder != "little":
        codes.byteswap()
    return codes.tobytes().decode("utf-32-le")


@lru_cache(maxsize=64)
def _risky_chars(alphabet: frozenset[str]) -> str:
    """Characters that match a keyword character case-insensitively but lower-case to another one."""
    found = set(re.findall("[" + "".join(re.escape(c) for c in sorted(alphabet)) + "]", _all_chars(), re.IGNORECASE))
    return "".join(
        sorted(
            c
            for c in found
            if any(c.lower() != k and re.fullmatch(re.escape(k), c, re.IGNORECASE) for k in alphabet)
        )
    )


def build_prefilter(rules: list[Rule] | tuple[Rule, ...]) -> Prefilter:
    """The keyword scans of ``rules`` (see the comment above :class:`Prefilter`)."""
    anchored: dict[str, set[int]] = defaultdict(set)
    tokens: dict[str, dict[int, set[str] | None]] = defaultdict(dict)
    exhaustive = True
    unfiltered: set[int] = set()
    for i, rule in enumerate(rules):
        if rule.scope == "context":  # context rules only act next to other furniture
            unfiltered.add(i)
            continue
        tree = _sre_parse.parse(rule.pattern.pattern, rule.pattern.flags)
        keys = _anchored(tree) if rule.scope != "paragraph" else None
        # A keyword starting with a letter is found by the line-start scan, which skips the
        # punctuation before it; one starting with punctuation ("©", "«") is looked for anywhere.
        loose = {key.split()[0].lower() for key in keys or () if key != _DIGIT and not _starts_word(key) and key.split()}
        if keys and all(key == _DIGIT or _starts_word(key) or key.split() for key in keys):
            for key in keys:
                if key == _DIGIT or _starts_word(key):
                    anchored[key].add(i)
            for key in loose:
                tokens[key][i] = None
            continue
        _, required = _seq(tree)
        if required and all(len(t.lower()) == len(t) for t in required):
            exact_case = not rule.pattern.flags & re.IGNORECASE and not _INLINE_I.search(rule.pattern.pattern)
            for t in required:
                spellings = tokens[t.lower()].setdefault(i, set() if exact_case else None)
                if spellings is not None:
                    spellings.add(t)
        else:
            exhaustive = False
    alphabet = frozenset("".join(tokens))
    risky = _risky_chars(alphabet) if alphabet else ""
    words = set(anchored) - {_DIGIT}
    anchor_re = "|".join(([f"({_trie_regex(words)})"] if words else []) + ([r"(\d)"] if _DIGIT in anchored else []))
    return Prefilter(
        exhaustive=exhaustive,
        unfiltered=frozenset(unfiltered),
        anchored=re.compile(rf"\n[^\w\n]*(?:{anchor_re})", re.IGNORECASE) if anchor_re else None,
        anchored_first=re.compile(rf"[^\w\n]*(?:{anchor_re})", re.IGNORECASE) if anchor_re else None,
        anchored_rules=_closure(anchored),
        digit_group=(2 if words else 1) if _DIGIT in anchored else 0,
        tokens=re.compile(_trie_regex(set(tokens))) if tokens else None,
        token_rules={
            key: tuple(
                (r, None if forms is None else frozenset(forms))
                for prefix, by_rule in sorted(tokens.items())
                if key.startswith(prefix)
                for r, forms in sorted(by_rule.items())
            )
            for key in tokens
        },
        risky=re.compile("[" + re.escape(risky) + "]") if risky else None,
    )


def _anchor_key(m: re.Match[str], digit_group: int) -> str:
    if digit_group and m.group(digit_group) is not None:
        return _DIGIT
    return m.group(1).lower()


def _candidate_lines(raw: str, rules: Rules) -> dict[int, set[int]] | None:
    """Offsets of the line starts where each rule (by index) may match; ``None``: scan everything."""
    pf = rules.prefilter
    if pf is None or not pf.exhaustive:
        return None
    out: dict[int, set[int]] = defaultdict(set)
    if pf.anchored is not None:
        every = tuple(range(len(rules.rules)))
        m = pf.anchored_first.match(raw)
        if m:
            for r in pf.anchored_rules.get(_anchor_key(m, pf.digit_group), every):
                out[r].add(0)
        for m in pf.anchored.finditer(raw):
            for r in pf.anchored_rules.get(_anchor_key(m, pf.digit_group), every):
                out[r].add(m.start() + 1)
    if pf.tokens is not None:
        low = raw.lower()
        if not raw.isascii() and (len(low) != len(raw) or (pf.risky is not None and pf.risky.search(raw))):
            return None
        search = pf.tokens.search
        m = search(low)
        while m:
            at = m.start()
            start = raw.rfind("\n", 0, at) + 1
            for r, spellings in pf.token_rules[m.group()]:
                if spellings is None or raw[at : at + len(next(iter(spellings)))] in spellings:
                    out[r].add(start)
            m = search(low, at + 1)
    return out


# ----------------------------------------------------------------------------- text helpers


def _lines(raw: str) -> list[_Line]:
    out: list[_Line] = []
    pos = 0
    for piece in raw.split("\n"):
        end = pos + len(piece)
        content_end = end - 1 if piece.endswith("\r") else end
        out.append(_Line(pos, content_end, min(end + 1, len(raw)), raw[pos:content_end]))
        pos = end + 1
    return out


def _is_prose(text: str, rules: Rules) -> bool:
    """Whether ``text`` reads like an article sentence rather than a label or button."""
    if rules.prose.search(text):
        return True
    return len(text.split()) >= rules.prose_min_words and bool(_SENTENCE_END.search(text))


def _unit_ok(text: str, rule: Rule, rules: Rules, default_max: int | None) -> bool:
    """Whether a matched unit passes the rule's size limit and prose guard."""
    limit = rule.max_words or default_max
    if limit is not None and len(text.split()) > limit:
        return False
    if rule.prose_guard == "speech":
        return not rules.prose.search(text)
    return not (rule.prose_guard == "sentence" and _is_prose(text, rules))


def _line_at(raw: str, start: int) -> _Line:
    """The line of ``raw`` starting at offset ``start``, as :func:`_lines` makes it."""
    nl = raw.find("\n", start)
    end = len(raw) if nl < 0 else nl
    content_end = end - 1 if end > start and raw[end - 1] == "\r" else end
    return _Line(start, content_end, min(end + 1, len(raw)), raw[start:content_end])


def _too_long(text: str, limit: int | None) -> bool:
    """Whether ``text`` has more than ``limit`` words (cheap: stops counting past the limit)."""
    return limit is not None and len(text.split(None, limit)) > limit


def _line_span(raw: str, line: _Line, name: str) -> Span:
    return Span(name, line.start, line.stop, raw[line.start : line.stop])


def _closes_paragraph(text: str, rules: Rules) -> bool:
    """Whether a line ends its paragraph: it ends a sentence or a label, or is short (not hard-wrapped)."""
    s = text.rstrip()
    return bool(_SENTENCE_END.search(s)) or s.endswith(":") or len(s.split()) < rules.wrap_min_words


def _paragraphs(lines: list[_Line], rules: Rules) -> list[tuple[int, int]]:
    """Paragraphs as line-index ranges ``[a, b)``: hard-wrapped lines joined, blank lines split."""
    out: list[tuple[int, int]] = []
    first: int | None = None
    for i, line in enumerate(lines):
        if not line.text.strip():
            if first is not None:
                out.append((first, i))
                first = None
            continue
        if first is None:
            first = i
        if _closes_paragraph(line.text, rules):
            out.append((first, i + 1))
            first = None
    if first is not None:
        out.append((first, len(lines)))
    return out


def _covered_lines(lines: list[_Line], spans: list[Span]) -> set[int]:
    """Indices of non-blank lines whose visible content lies inside one merged span."""
    merged: list[list[int]] = []
    for span in sorted(spans, key=lambda s: s.start):
        if merged and span.start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], span.end)
        else:
            merged.append([span.start, span.end])
    starts = [m[0] for m in merged]
    covered: set[int] = set()
    for i, line in enumerate(lines):
        stripped = line.text.strip()
        if not stripped:
            continue
        cs = line.start + line.text.index(stripped)
        ce = cs + len(stripped)
        k = bisect.bisect_right(starts, cs) - 1
        if k >= 0 and merged[k][1] >= ce:
            covered.add(i)
    return covered


# ----------------------------------------------------------------------------- scopes


def _match_spans(raw: str, line: _Line, rule: Rule, rules: Rules) -> list[Span]:
    """``match`` scope: the matched characters, or the whole line when they are all it holds."""
    out: list[Span] = []
    for m in rule.pattern.finditer(line.text):
        unit = m.group().strip()
        if not unit or not _unit_ok(unit, rule, rules, None):
            continue
        if not line.text[: m.start()].strip() and not line.text[m.end() :].strip():
            out.append(_line_span(raw, line, rule.name))
            continue
        start, end = line.start + m.start(), line.start + m.end()
        while start > line.start and raw[start - 1] in " \t":
            start -= 1
        out.append(Span(rule.name, start, end, raw[start:end]))
    return out


def _paragraph_span(
    raw: str, para: list[_Line], rules: Rules, para_rules: list[Rule], may_match: list[Rule] | None = None
) -> Span | None:
    """The span of one paragraph (its lines) when furniture sentences are its majority.

    ``may_match``: the paragraph rules that can match at all (default: all), in rule order.
    """
    norm = _SPACES.sub(" ", raw[para[0].start : para[-1].end]).strip()
    if _too_long(norm, rules.paragraph_max_words):
        return None
    first = next((r for r in (para_rules if may_match is None else may_match) if r.pattern.search(norm)), None)
    if first is None:
        return None
    sents = sentences(norm)
    hits = matches = 0
    for sent in sents:
        if rules.prose.search(sent.text):
            continue
        found = sum(1 for r in para_rules for _ in r.pattern.finditer(sent.text))
        hits += found > 0
        matches += found
    if matches >= rules.paragraph_min_matches and hits / len(sents) >= rules.paragraph_min_share:
        return Span(first.name, para[0].start, para[-1].stop, raw[para[0].start : para[-1].stop])
    return None


def _paragraph_spans(raw: str, lines: list[_Line], rules: Rules) -> list[Span]:
    """``paragraph`` scope: whole paragraphs where furniture sentences are the majority."""
    para_rules = [r for r in rules.rules if r.scope == "paragraph"]
    if not para_rules:
        return []
    found = (_paragraph_span(raw, lines[a:b], rules, para_rules) for a, b in _paragraphs(lines, rules))
    return [span for span in found if span is not None]


def _paragraph_around(raw: str, line: _Line, rules: Rules) -> list[_Line]:
    """The lines of the paragraph holding non-blank ``line``, as :func:`_paragraphs` splits them."""
    para = [line]
    cur = line
    while cur.start > 0:
        prev = _line_at(raw, raw.rfind("\n", 0, cur.start - 1) + 1)
        if not prev.text.strip() or _closes_paragraph(prev.text, rules):
            break
        para.insert(0, prev)
        cur = prev
    cur = line
    while not _closes_paragraph(cur.text, rules):
        nl = raw.find("\n", cur.start)
        if nl < 0:
            break
        cur = _line_at(raw, nl + 1)
        if not cur.text.strip():
            break
        para.append(cur)
    return para


def _tail_ok(lines: list[_Line], i: int, rule: Rule, furniture: set[int], rules: Rules, length: int) -> bool:
    """Whether line ``i`` starts a tail: late enough, and followed only by furniture-like lines.

    Later lines must be blank, furniture, or short non-prose lines, unless the rule
    is ``tail_any`` (its marker only ever closes a page).
    """
    if lines[i].start < rules.tail_min_position * length:
        return False
    if rule.tail_any:
        return True
    for j in range(i + 1, len(lines)):
        text = lines[j].text.strip()
        if not text or j in furniture:
            continue
        words = len(text.split())
        if words > rules.tail_max_line_words:
            return False
        if words >= rules.tail_prose_min_words and _STATEMENT_END.search(text):
            return False
    return True


def _neighbour_covered(lines: list[_Line], covered: set[int], i: int) -> bool:
    """Whether the nearest non-blank line before or after line ``i`` is covered."""
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(lines) and not lines[j].text.strip():
            j += step
        if 0 <= j < len(lines) and j in covered:
            return True
    return False


def _finish(raw: str, spans: list[Span]) -> list[Span]:
    """Sort, absorb blank lines after whole-line spans, and join overlaps (first rule named)."""
    out: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        start, end = span.start, span.end
        whole_lines = (start == 0 or raw[start - 1] == "\n") and (end == len(raw) or raw[end - 1] == "\n")
        if whole_lines:
            while end < len(raw):
                nl = raw.find("\n", end)
                stop = len(raw) if nl < 0 else nl + 1
                if raw[end:stop].strip():
                    break
                end = stop
        if out and start < out[-1].end:
            prev = out[-1]
            if end > prev.end:
                out[-1] = Span(prev.rule, prev.start, end, raw[prev.start : end])
            continue
        out.append(Span(span.rule, start, end, raw[start:end]))
    return out


_Found = tuple[list[Span], list[int], list[int]]  # spans, tail line starts, context line starts


def _scan_rule(raw: str, rule: Rule, rules: Rules, lines: Iterable[_Line]) -> _Found:
    """What one (non-paragraph) rule finds on the given lines, as if searched line by line."""
    spans: list[Span] = []
    tails: list[int] = []
    contexts: list[int] = []
    limit = None if rule.scope == "match" else rule.max_words or rules.line_max_words
    for line in lines:
        if not line.text.strip():
            continue
        if rule.scope == "match":
            spans.extend(_match_spans(raw, line, rule, rules))
            continue
        if _too_long(line.text, limit) or not rule.pattern.search(line.text):
            continue
        if not _unit_ok(line.text.strip(), rule, rules, rules.line_max_words):
            continue
        if rule.scope == "line":
            spans.append(_line_span(raw, line, rule.name))
        elif rule.scope == "tail":
            tails.append(line.start)
        else:
            contexts.append(line.start)
    # A rule whose pattern never matches the whole text finds nothing (a line ending in "\r"
    # can match on its own but not inside the text); asked only when the lines found something.
    if (spans or tails or contexts) and not rule.pattern.search(raw):
        return [], [], []
    return spans, tails, contexts


def find_boilerplate(raw: str, rules: Rules) -> list[Span]:
    """The spans of ``raw`` that are page furniture, sorted and non-overlapping.

    A keyword scan (:func:`build_prefilter`) first finds the lines each rule can
    match; a text with none returns at once, and the rules only look at those lines
    (and the paragraphs around them). The result is the same as searching every
    rule on every line.

    Args:
        raw: The document text as read.
        rules: Compiled rules, e.g. ``rules_from_config(load_config())``.

    Returns:
        Spans with ``raw[span.start:span.end] == span.text``, each named for the
        rule that found it (the first rule when two spans overlap).
    """
    if not raw.strip():
        return []
    candidates = _candidate_lines(raw, rules)
    if candidates is not None and not candidates:
        return []
    pf = rules.prefilter
    para_rules = [r for r in rules.rules if r.scope == "paragraph"]
    found: dict[int, _Found] = {}
    deferred: list[int] = []  # rules searched on every line, once it is known they can matter
    para_spans: list[Span] | None = None
    if candidates is not None and pf is not None:
        para_starts: dict[int, set[int]] = defaultdict(set)  # line start -> paragraph rules
        for k, rule in enumerate(rules.rules):
            if rule.scope == "paragraph":
                for at in candidates.get(k, ()):
                    para_starts[at].add(k)
            elif k in pf.unfiltered:
                deferred.append(k)
            elif k in candidates:
                found[k] = _scan_rule(raw, rule, rules, (_line_at(raw, at) for at in sorted(candidates[k])))
        # Each paragraph holding a keyword is tried with the rules whose keywords it holds
        # (the first rule to match names the span, so they are tried in their order).
        paragraphs: dict[int, tuple[list[_Line], set[int]]] = {}
        for at in sorted(para_starts):
            para = _paragraph_around(raw, _line_at(raw, at), rules)
            paragraphs.setdefault(para[0].start, (para, set()))[1].update(para_starts[at])
        para_spans = []
        for _, (para, keys) in sorted(paragraphs.items()):
            span = _paragraph_span(raw, para, rules, para_rules, [rules.rules[k] for k in sorted(keys)])
            if span is not None:
                para_spans.append(span)
        if not para_spans and not any(f[0] or f[1] for f in found.values()):
            return []  # context words alone are never furniture
    else:
        deferred = [k for k, rule in enumerate(rules.rules) if rule.scope != "paragraph"]
    lines = _lines(raw)
    for k in deferred:
        found[k] = _scan_rule(raw, rules.rules[k], rules, lines)
    starts = [line.start for line in lines]
    spans: list[Span] = []
    tails: list[tuple[int, Rule]] = []
    contexts: list[tuple[int, Rule]] = []
    for k in sorted(found):
        rule = rules.rules[k]
        rule_spans, rule_tails, rule_contexts = found[k]
        spans.extend(rule_spans)
        tails.extend((bisect.bisect_left(starts, at), rule) for at in rule_tails)
        contexts.extend((bisect.bisect_left(starts, at), rule) for at in rule_contexts)
    spans.extend(_paragraph_spans(raw, lines, rules) if para_spans is None else para_spans)

    # Tails: the first one followed only by furniture takes the rest; the others are lines.
    candidates = {i for i, _ in tails} | {i for i, _ in contexts}
    furniture = _covered_lines(lines, spans) | candidates
    tail_start: int | None = None
    for i, rule in sorted(tails, key=lambda t: t[0]):
        if tail_start is not None and i > tail_start:
            break
        if _tail_ok(lines, i, rule, furniture, rules, len(raw)):
            spans.append(Span(rule.name, lines[i].start, len(raw), raw[lines[i].start :]))
            tail_start = i
        else:
            spans.append(_line_span(raw, lines[i], rule.name))

    # Context words: removed only next to removed lines, repeated until nothing changes.
    covered = _covered_lines(lines, spans)
    changed = True
    while changed:
        changed = False
        for i, rule in contexts:
            if i not in covered and _neighbour_covered(lines, covered, i):
                spans.append(_line_span(raw, lines[i], rule.name))
                covered.add(i)
                changed = True
    return _finish(raw, spans)


@hookimpl
def provenance_clean(document: Document, config: dict[str, Any]) -> list[Span]:
    """Spans of ``document.raw`` that are page furniture, by the rules of ``[boilerplate]``."""
    rules = rules_from_config(config)
    if not rules.enabled:
        return []
    return find_boilerplate(document.raw, rules)
