"""Test fingerprint plugin that breaks the contract: it sets ``facts``, a key of the built-in facts plugin."""

from __future__ import annotations

from provenance import hookimpl


@hookimpl
def provenance_fingerprint(documents, config):
    return [{"facts": {}} for _ in documents]
