"""Test compare plugin that breaks the contract: it returns ``jaccard``, a key of the built-in passages plugin."""

from __future__ import annotations

from provenance import hookimpl


@hookimpl
def provenance_compare(a, b, config):
    return {"jaccard": 1.0}
