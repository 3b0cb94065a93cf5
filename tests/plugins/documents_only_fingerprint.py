"""Test fingerprint plugin that takes fewer arguments than the spec (pluggy allows that)."""

from __future__ import annotations

from provenance import hookimpl


@hookimpl
def provenance_fingerprint(documents):
    return [{"char_count": len(d.text)} for d in documents]
