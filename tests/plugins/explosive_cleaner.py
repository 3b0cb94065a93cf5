"""Test plugin: a cleaner that raises on documents containing the word 'detonate'."""

from provenance import hookimpl


@hookimpl
def provenance_clean(document, config):
    if "detonate" in document.raw:
        raise ValueError("cannot clean this one")
    return []
