"""Test fingerprint plugin: the number of words of each cleaned document, as ``word_count``."""

from __future__ import annotations

from provenance import hookimpl


@hookimpl
def provenance_fingerprint(documents, config):
    return [{"word_count": len(d.text.split())} for d in documents]
