"""AI-rewrite style signals of one document: stock vocabulary, framing, quotes, rhythm.

Each heuristic measures one habit that separates chat-model prose from human
reporting and essays, and turns it into a :class:`~provenance.records.Signal`
with a weight in [0, 1] and a reason quoting the evidence. The host combines the
weights (noisy-OR) and flags against ``[ai] flag_threshold``. Every list, weight
and threshold lives in ``config/ai.toml`` under ``[ai.style]``.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable

from provenance.hookspecs import hookimpl
from provenance.records import Document, Signal
from provenance.text import sentences, words

__all__ = [
    "PhraseMatcher",
    "TextStats",
    "analyze",
    "paragraphs",
    "phrase_matcher",
    "quotations",
    "ramp",
    "style_signals",
]

_SENT_PUNCT = re.compile(r"[.!?…:][\"'”’)\]]*\s*$")
_QUOTE_PATTERNS = (
    re.compile(r"“([^”\n]{1,800})”"),
    re.compile(r"(?<![\w\"])\"([^\"\n]{1,800})\"(?!\w)"),
    re.compile(r"(?<!\w)‘([^\n]{1,800}?)’(?!\w)"),
    re.compile(r"(?<!\w)'([^'\n]{1,800}?)'(?!\w)"),
)
_NUMBER = re.compile(r"\d")
_CAPITAL = re.compile(r"^[A-Z][\w’'.-]*$")


def ramp(value: float, zero: float, full: float) -> float:
    """Map ``value`` to [0, 1]: 0 at ``zero``, 1 at ``full`` (either direction), linear between."""
    if zero == full:
        return 1.0 if (value >= full if full > 0 else value <= full) else 0.0
    t = (value - zero) / (full - zero)
    return max(0.0, min(1.0, t))


def paragraphs(text: str) -> list[str]:
    """Split ``text`` into paragraphs.

    Blank lines always separate paragraphs. Inside a block, each line is its own
    paragraph unless the block looks hard-wrapped (most lines stop mid-sentence),
    since news pages often put one paragraph per line with no blank line between.
    """
    out: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [ln.strip() for ln in block.splitlines() if ln.strip()]
        if not lines:
            continue
        inner = lines[:-1]
        wrapped = sum(1 for ln in inner if not _SENT_PUNCT.search(ln))
        if inner and wrapped / len(inner) > 0.5:
            out.append(" ".join(lines))
        else:
            out.extend(lines)
    return out


def quotations(text: str, min_words: int) -> list[str]:
    """Quoted passages of at least ``min_words`` words (“…”, "…", ‘…’, '…').

    Short quoted terms ('security shield') are scare quotes or names, not speech.
    """
    found: list[str] = []
    for pattern in _QUOTE_PATTERNS:
        for m in pattern.finditer(text):
            inner = m.group(1).strip()
            if len(words(inner)) >= min_words:
                found.append(inner)
    return found


@dataclass(frozen=True)
class PhraseMatcher:
    """Finds configured phrases in text, longest first, without double counting."""

    regex: re.Pattern[str]
    parts: tuple[tuple[str, re.Pattern[str], float], ...]

    def find(self, text: str) -> Counter[str]:
        """Count each configured phrase in ``text`` (case-insensitive)."""
        counts: Counter[str] = Counter()
        for m in self.regex.finditer(text.lower()):
            hit = m.group(0)
            for phrase, rx, _ in self.parts:
                if rx.fullmatch(hit):
                    counts[phrase] += 1
                    break
        return counts

    def points(self, counts: Counter[str]) -> float:
        """Total points of the phrase ``counts`` returned by :meth:`find`."""
        table = {phrase: pts for phrase, _, pts in self.parts}
        return sum(table[p] * n for p, n in counts.items())


def _phrase_regex(phrase: str) -> str:
    body = re.escape(phrase.lower()).replace(r"\*", r"\w*")
    if phrase[:1].isalnum():
        body = r"\b" + body
    if phrase[-1:].isalnum() or phrase.endswith("*"):
        body = body + r"\b"
    return body


@lru_cache(maxsize=32)
def _matcher(items: tuple[tuple[str, float], ...]) -> PhraseMatcher:
    ordered = sorted(items, key=lambda kv: -len(kv[0].rstrip("*")))
    parts = tuple((p, re.compile(_phrase_regex(p)), float(w)) for p, w in ordered)
    regex = re.compile("|".join(_phrase_regex(p) for p, _ in ordered)) if ordered else re.compile(r"(?!x)x")
    return PhraseMatcher(regex, parts)


def phrase_matcher(points: dict[str, float]) -> PhraseMatcher:
    """A (cached) :class:`PhraseMatcher` for a ``{phrase: points}`` table from config.

    Raises:
        ValueError: a phrase is empty or its points are negative.
    """
    for phrase, pts in points.items():
        if not phrase.strip("* "):
            raise ValueError("ai.style.vocabulary.points: empty phrase; remove it")
        if not isinstance(pts, (int, float)) or pts < 0:
            raise ValueError(f"ai.style.vocabulary.points[{phrase!r}] must be a number >= 0, got {pts!r}")
    return _matcher(tuple(sorted(points.items())))


@lru_cache(maxsize=64)
def _compile_all(patterns: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    out = []
    for p in patterns:
        try:
            out.append(re.compile(p, re.IGNORECASE))
        except re.error as exc:
            raise ValueError(f"invalid regular expression in config/ai.toml: {p!r}: {exc}") from exc
    return tuple(out)


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


def _count_markers(lower: str, markers: list[str]) -> int:
    return sum(len(re.findall(_phrase_regex(m), lower)) for m in markers)


def analyze(text: str, cfg: dict[str, Any]) -> TextStats:
    """Measure ``text`` once for all heuristics (``cfg`` is ``config["ai"]["style"]``)."""
    n_words = len(words(text))
    min_sw = int(cfg["min_sentence_words"])
    sents = [s.text for s in sentences(text)]
    kept = [s for s in sents if len(words(s)) >= min_sw]
    paras = [p for p in paragraphs(text) if len(words(p)) >= min_sw]
    para_sents = [max(1, sum(1 for s in sentences(p) if len(words(s.text)) >= min_sw)) for p in paras]
    lower = text.lower()
    news = _count_markers(lower, list(cfg["news"]["markers"]))
    return TextStats(
        text=text,
        n_words=n_words,
        sentence_lengths=[len(words(s)) for s in kept],
        sentence_texts=kept,
        paragraphs=paras,
        paragraph_sentences=para_sents,
        news_markers=news,
        news_density=1000.0 * news / max(n_words, 1),
    )


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
    matcher = phrase_matcher(dict(c["points"]))
    counts = matcher.find(stats.text)
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


def _pattern_hits(texts: list[str], patterns: list[str]) -> list[str]:
    compiled = _compile_all(tuple(patterns))
    hits = []
    for t in texts:
        for rx in compiled:
            m = rx.search(t)
            if m:
                hits.append(t)
                break
    return hits


def _hit_weight(n: int, per_hit: float, max_weight: float) -> float:
    return min(max_weight, 1.0 - (1.0 - per_hit) ** n) if n else 0.0


def signal_meta(stats: TextStats, cfg: dict[str, Any]) -> Signal | None:
    """Meta/summary framing: sentences about "the article" or "the importance of" things."""
    c = cfg["meta"]
    hits = _pattern_hits(stats.sentence_texts, list(c["patterns"]))
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
    min_sw = int(cfg["min_sentence_words"])
    finals = []
    for p in stats.paragraphs:
        sents = [s.text for s in sentences(p) if len(words(s.text)) >= min_sw]
        if sents:
            finals.append(sents[-1])
    hits = _pattern_hits(finals, list(c["patterns"]))
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
    plain = _count_markers(stats.text.lower(), list(cfg["attribution"]["plain"]))
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
    lower = stats.text.lower()
    plain = _count_markers(lower, list(c["plain"]))
    fancy_counts = Counter({v: _count_markers(lower, [v]) for v in c["fancy"]})
    fancy_counts = +fancy_counts
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
    mean = statistics.fmean(lengths)
    cv = statistics.pstdev(lengths) / mean
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
    mean = statistics.fmean(counts)
    weight = float(c["max_weight"]) * ramp(mean, float(c["sentences_zero"]), float(c["sentences_full"]))
    if weight <= 0:
        return None
    return Signal(
        "long_paragraphs",
        weight,
        f"{len(counts)} paragraphs of {mean:.1f} sentences on average in news-like text",
    )


def _specific_tokens(sentence: str) -> int:
    toks = sentence.split()
    n = 0
    for i, tok in enumerate(toks):
        core = tok.strip("\"'“”‘’()[],.;:!?–—-")
        if not core:
            continue
        if _NUMBER.search(core):
            n += 1
        elif i > 0 and core != "I" and _CAPITAL.match(core):
            n += 1
    return n


def signal_specifics(stats: TextStats, cfg: dict[str, Any]) -> Signal | None:
    """Few specific facts (numbers, dates, names) per sentence in news-like text."""
    c = cfg["specifics"]
    if len(stats.sentence_texts) < int(cfg["burstiness"]["min_sentences"]) or not _is_news(stats, cfg):
        return None
    per = sum(_specific_tokens(s) for s in stats.sentence_texts) / len(stats.sentence_texts)
    weight = float(c["max_weight"]) * ramp(per, float(c["per_sentence_zero"]), float(c["per_sentence_full"]))
    if weight <= 0:
        return None
    return Signal(
        "few_specifics",
        weight,
        f"only {per:.1f} numbers/names per sentence over {len(stats.sentence_texts)} sentences of news-like text",
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
    if len(words(text)) < int(cfg["min_words"]):
        return []
    stats = analyze(text, cfg)
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
