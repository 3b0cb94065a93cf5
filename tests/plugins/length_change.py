"""Test pair-signals plugin: how much longer or shorter a derived document is than its source."""

from __future__ import annotations

from provenance import Signal, hookimpl

WEIGHT = 0.05


@hookimpl
def provenance_pair_signals(parent, child, evidence, config):
    ratio = len(child.text) / max(1, len(parent.text))
    return [Signal("length_change", WEIGHT, f"child has {ratio:.0%} of its source's length")]
