"""Fingerprint and compare plugin: specific facts (figures, names, quotations).

Independent articles on one topic share its famous names but rarely its exact
figures and quotations; a rewrite keeps them, drops some, and sometimes
corrupts one (a year "2024" becoming "224"). Shared and one-sided facts are
evidence both for a relation and for its direction.
"""

from __future__ import annotations

import re

from provenance.hookspecs import hookimpl
from provenance.text import STOPWORDS

NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w])")
NAME = re.compile(r"\b[A-Z][\w’'-]*[a-z][\w’'-]*(?:[ \t]+(?:of[ \t]+|de[ \t]+|the[ \t]+)?[A-Z][\w’'-]*[a-z][\w’'-]*)+")
QUOTE = re.compile(r"[“\"‘]([^“”\"‘’]{12,}?)[”\"’](?!\w)")


def _number_facts(text: str) -> set[str]:
    out = set()
    for m in NUMBER.finditer(text):
        v = m.group(1).replace(",", "")
        if len(v.replace(".", "")) >= 2:  # single digits are too common to be specific
            out.add(v)
    return out


def _name_facts(text: str) -> set[str]:
    out = set()
    for m in NAME.finditer(text):
        words = m.group(0).split()
        # Drop sentence-initial common words: "The Kremlin Palace" -> "kremlin palace".
        while words and words[0].lower() in STOPWORDS:
            words = words[1:]
        if len(words) >= 2:
            out.add(" ".join(w.lower() for w in words))
    return out


def _quote_facts(text: str) -> set[str]:
    out = set()
    for m in QUOTE.finditer(text):
        words = re.findall(r"\w+", m.group(1).lower())
        if len(words) >= 4:
            out.add(" ".join(words))
    return out


def extract_facts(text: str) -> dict[str, list[str]]:
    """Figures, multi-word names and quotations (four words or more) of a text."""
    return {
        "numbers": sorted(_number_facts(text)),
        "names": sorted(_name_facts(text)),
        "quotes": sorted(_quote_facts(text)),
    }


def corrupted_figures(source: set[str], copy: set[str]) -> list[tuple[str, str]]:
    """Pairs ``(original, corrupted)``: figures of ``copy`` absent from ``source`` that lost
    a digit or had two neighbours swapped relative to one of it ("2024" -> "224").

    Only losses and swaps count: they are what careless rewriting does, and
    unlike an added digit they tell which side is the copy. Every variant of
    the source's figures is generated once, so this is linear in their length.
    """
    variants: dict[str, str] = {}
    for x in sorted(source - copy, reverse=True):
        if len(x.replace(".", "")) < 3:
            continue
        for i in range(len(x)):
            variants.setdefault(x[:i] + x[i + 1 :], x)
            if i + 1 < len(x) and x[i] != x[i + 1]:
                variants.setdefault(x[:i] + x[i + 1] + x[i] + x[i + 2 :], x)
    out = []
    for y in sorted(copy - source):
        x = variants.get(y)
        if x is not None and len(y.replace(".", "")) >= 2:
            out.append((x, y))
    return out


@hookimpl
def provenance_fingerprint(documents, config):
    """The facts of each cleaned document."""
    return [{"facts": extract_facts(d.text)} for d in documents]


@hookimpl
def provenance_compare(a, b, config):
    """Facts shared, facts only on one side, and figures that look corrupted on either side.

    Corrupted figures are looked for only when the two share a figure already:
    a copy keeps most of its source's figures, and unrelated documents
    sharing none are the bulk of candidate pairs.
    """
    fa, fb = a.features["facts"], b.features["facts"]
    shared: list[str] = []
    only_a: list[str] = []
    only_b: list[str] = []
    for kind in ("numbers", "names", "quotes"):
        x, y = set(fa[kind]), set(fb[kind])
        shared += [f"{kind[:-1]}:{v}" for v in sorted(x & y)]
        only_a += [f"{kind[:-1]}:{v}" for v in sorted(x - y)]
        only_b += [f"{kind[:-1]}:{v}" for v in sorted(y - x)]
    na, nb = set(fa["numbers"]), set(fb["numbers"])
    linked = bool(na & nb)
    return {
        "shared_facts": shared,
        "facts_only_in_a": only_a,
        "facts_only_in_b": only_b,
        "corrupted_in_b": [list(p) for p in corrupted_figures(na, nb)] if linked else [],
        "corrupted_in_a": [list(p) for p in corrupted_figures(nb, na)] if linked else [],
    }
