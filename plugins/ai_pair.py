"""AI-rewrite signals of a derived document seen next to its source.

An LLM rewrite of an article leaves traces only visible against the original:
numbers mangled in passing ("2024" becomes "224"), verbatim quotations turned
into paraphrase, and generic framing sentences with no counterpart in the
source. Weights and thresholds live in ``config/ai.toml`` under ``[ai.pair]``.
"""

from __future__ import annotations

import re
from typing import Any

from provenance.hookspecs import hookimpl
from provenance.records import Document, Signal
from provenance.text import one_digit_edit, sentences, words

from .ai_style import phrase_matcher, quotations, ramp

__all__ = ["corrupted_numbers", "dropped_quotations", "added_framing", "pair_signals"]

# A number: digits with inner thousands separators or one decimal point ("1,200", "98.8").
_NUMBER = re.compile(r"(?<![\w.,])\d+(?:,\d{3})*(?:\.\d+)?(?![\w])")


def _numbers(text: str) -> list[str]:
    """Numbers of ``text`` in order, thousands separators removed ("1,200" -> "1200")."""
    return [m.group(0).replace(",", "") for m in _NUMBER.finditer(text)]


def corrupted_numbers(
    parent_text: str, child_text: str, min_digits: int = 3, substitution: bool = False
) -> list[tuple[str, str]]:
    """Numbers of the child that look like corrupted copies of numbers of the parent.

    A child number is corrupted when it is not itself in the parent but is one
    edit (a digit dropped or added, or two adjacent digits swapped; a digit
    changed too with ``substitution``) away from a parent number of at least
    ``min_digits`` digits: "2024" -> "224", "1976" -> "1967".

    Args:
        parent_text: The source text.
        child_text: The derived text.
        min_digits: Shortest parent number considered (short numbers collide by chance).
        substitution: Also count one changed digit ("2024" -> "2023").

    Returns:
        ``(parent_number, child_number)`` pairs in the child's order, each once.

    Example:
        >>> corrupted_numbers("Talks began in 2024.", "Talks began in 224.")
        [('2024', '224')]
    """
    if min_digits < 1:
        raise ValueError("min_digits must be >= 1")
    parent = set(_numbers(parent_text))
    candidates = sorted((n for n in parent if sum(ch.isdigit() for ch in n) >= min_digits), key=lambda n: (-len(n), n))
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for num in _numbers(child_text):
        if num in parent or num in seen or len(num) < 2:
            continue
        for source in candidates:
            if one_digit_edit(source, num, substitution):
                out.append((source, num))
                seen.add(num)
                break
    return out


def _norm(text: str) -> str:
    return " ".join(words(text))


def dropped_quotations(parent_text: str, child_text: str, min_words: int = 4) -> tuple[list[str], list[str]]:
    """The parent's direct quotations (at least ``min_words`` words) kept verbatim and dropped in the child.

    Returns:
        ``(kept, dropped)``: quotations of the parent, split by whether their words
        appear in order in the child (punctuation and case ignored).
    """
    child = f" {_norm(child_text)} "
    kept: list[str] = []
    dropped: list[str] = []
    for q in dict.fromkeys(quotations(parent_text, min_words)):
        (kept if f" {_norm(q)} " in child else dropped).append(q)
    return kept, dropped


def added_framing(parent_text: str, child_text: str, config: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """Child sentences with stock LLM phrases or meta framing the parent never uses.

    Args:
        parent_text: The source text.
        child_text: The derived text.
        config: The full configuration (reads ``[ai.style.vocabulary]``, ``[ai.style.meta]``, ``[ai.pair.framing]``).

    Returns:
        ``(sentence, new_phrases)`` for each child sentence whose phrases absent
        from the parent reach ``min_points``, or that matches a meta pattern the
        parent does not.
    """
    style = config["ai"]["style"]
    min_points = float(config["ai"]["pair"]["framing"]["min_points"])
    matcher = phrase_matcher(dict(style["vocabulary"]["points"]))
    in_parent = set(matcher.find(parent_text))
    metas = [re.compile(p, re.IGNORECASE) for p in style["meta"]["patterns"]]
    parent_metas = {i for i, rx in enumerate(metas) if rx.search(parent_text)}
    out: list[tuple[str, list[str]]] = []
    for s in sentences(child_text):
        counts = matcher.find(s.text)
        for p in in_parent:
            counts.pop(p, None)
        new_meta = list(
            dict.fromkeys(m.group(0) for i, rx in enumerate(metas) if i not in parent_metas and (m := rx.search(s.text)))
        )
        if new_meta or matcher.points(counts) >= min_points:
            out.append((s.text, new_meta + [p.rstrip("*") for p in counts]))
    return out


def _short(s: str, n: int = 80) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 3].rstrip() + "..."


def _hit_weight(n: int, per_hit: float, max_weight: float) -> float:
    return min(max_weight, 1.0 - (1.0 - per_hit) ** n) if n else 0.0


def _pair_config(config: dict[str, Any]) -> dict[str, Any]:
    try:
        cfg = config["ai"]["pair"]
    except (KeyError, TypeError) as exc:
        raise ValueError("config has no [ai.pair] table; see config/ai.toml for the defaults") from exc
    for name in ("numbers", "quotes", "framing"):
        w = cfg[name]["max_weight"]
        if not isinstance(w, (int, float)) or not 0.0 <= w <= 1.0:
            raise ValueError(f"ai.pair.{name}.max_weight must be in [0.0, 1.0], got {w!r}")
    return cfg


def pair_signals(parent_text: str, child_text: str, config: dict[str, Any]) -> list[Signal]:
    """Every pair signal of ``child_text`` given its source ``parent_text``, positive weights only.

    Raises:
        ValueError: the ``[ai.pair]`` configuration is missing or invalid.
    """
    cfg = _pair_config(config)
    n_ex = int(cfg["examples"])
    out: list[Signal] = []

    c = cfg["numbers"]
    bad = corrupted_numbers(parent_text, child_text, int(c["min_digits"]), bool(c["substitution"]))
    if bad:
        shown = ", ".join(f"'{p}' in the source became '{q}'" for p, q in bad[:n_ex])
        out.append(
            Signal(
                "corrupted_numbers",
                _hit_weight(len(bad), float(c["per_hit"]), float(c["max_weight"])),
                f"{len(bad)} number(s) corrupted from the source: {shown}",
            )
        )

    c = cfg["quotes"]
    kept, dropped = dropped_quotations(parent_text, child_text, int(c["min_quote_words"]))
    total = len(kept) + len(dropped)
    if total >= int(c["min_parent_quotes"]):
        weight = float(c["max_weight"]) * ramp(len(kept) / total, float(c["kept_zero"]), float(c["kept_full"]))
        if weight > 0:
            shown = ", ".join(f"'{_short(q, 50)}'" for q in dropped[:n_ex])
            out.append(
                Signal(
                    "dropped_quotations",
                    weight,
                    f"keeps {len(kept)} of the source's {total} direct quotations verbatim; dropped: {shown}",
                )
            )

    c = cfg["framing"]
    framed = added_framing(parent_text, child_text, config)
    if framed:
        shown = "; ".join(f"'{_short(s)}' ({', '.join(p[:3])})" for s, p in framed[:n_ex])
        out.append(
            Signal(
                "added_framing",
                _hit_weight(len(framed), float(c["per_hit"]), float(c["max_weight"])),
                f"{len(framed)} sentence(s) add generic framing absent from the source: {shown}",
            )
        )
    return [s for s in out if s.weight > 0]


@hookimpl
def provenance_pair_signals(
    parent: Document, child: Document, evidence: dict[str, Any], config: dict[str, Any]
) -> list[Signal]:
    """Pair signals of ``child`` against ``parent`` (``evidence`` is not needed)."""
    return pair_signals(parent.text or "", child.text or "", config)
