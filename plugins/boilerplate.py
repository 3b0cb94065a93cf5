"""Clean stage: find page furniture (share bars, consent banners, credits) in raw text.

The rules are regular expressions with a *scope* saying how much text a match
removes; they all live in ``config/boilerplate.toml``. This module only knows
how far each scope reaches and the guards that keep article prose safe.
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

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
    return _compile_cached(json.dumps(section, sort_keys=True, default=str))


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


def _paragraph_spans(raw: str, lines: list[_Line], rules: Rules) -> list[Span]:
    """``paragraph`` scope: whole paragraphs where furniture sentences are the majority."""
    para_rules = [r for r in rules.rules if r.scope == "paragraph"]
    if not para_rules:
        return []
    out: list[Span] = []
    for a, b in _paragraphs(lines, rules):
        norm = _SPACES.sub(" ", raw[lines[a].start : lines[b - 1].end]).strip()
        if len(norm.split()) > rules.paragraph_max_words:
            continue
        first = next((r for r in para_rules if r.pattern.search(norm)), None)
        if first is None:
            continue
        sents = sentences(norm)
        hits = matches = 0
        for sent in sents:
            if rules.prose.search(sent.text):
                continue
            found = sum(1 for r in para_rules for _ in r.pattern.finditer(sent.text))
            hits += found > 0
            matches += found
        if matches >= rules.paragraph_min_matches and hits / len(sents) >= rules.paragraph_min_share:
            out.append(Span(first.name, lines[a].start, lines[b - 1].stop, raw[lines[a].start : lines[b - 1].stop]))
    return out


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


def find_boilerplate(raw: str, rules: Rules) -> list[Span]:
    """The spans of ``raw`` that are page furniture, sorted and non-overlapping.

    Args:
        raw: The document text as read.
        rules: Compiled rules, e.g. ``rules_from_config(load_config())``.

    Returns:
        Spans with ``raw[span.start:span.end] == span.text``, each named for the
        rule that found it (the first rule when two spans overlap).
    """
    if not raw.strip():
        return []
    lines = _lines(raw)
    spans: list[Span] = []
    tails: list[tuple[int, Rule]] = []
    contexts: list[tuple[int, Rule]] = []
    for rule in rules.rules:
        if rule.scope == "paragraph" or not rule.pattern.search(raw):
            continue
        for i, line in enumerate(lines):
            if not line.text.strip():
                continue
            if rule.scope == "match":
                spans.extend(_match_spans(raw, line, rule, rules))
                continue
            if not rule.pattern.search(line.text):
                continue
            if not _unit_ok(line.text.strip(), rule, rules, rules.line_max_words):
                continue
            if rule.scope == "line":
                spans.append(_line_span(raw, line, rule.name))
            elif rule.scope == "tail":
                tails.append((i, rule))
            else:
                contexts.append((i, rule))
    spans.extend(_paragraph_spans(raw, lines, rules))

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
