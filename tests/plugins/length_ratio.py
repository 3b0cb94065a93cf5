"""Test compare plugin: the ratio of the shorter cleaned text's length to the longer's."""

from __future__ import annotations

from provenance import hookimpl


@hookimpl
def provenance_compare(a, b, config):
    la, lb = len(a.text), len(b.text)
    return {"length_ratio": round(min(la, lb) / max(la, lb), 4) if max(la, lb) else 1.0}
