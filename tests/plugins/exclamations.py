"""Test AI-signals plugin: runs of three or more exclamation marks."""

from __future__ import annotations

import re

from provenance import Signal, hookimpl

WEIGHT = 0.4
RUN = re.compile(r"!{3,}")


@hookimpl
def provenance_ai_signals(document, config):
    runs = RUN.findall(document.text)
    if not runs:
        return None
    return [Signal("exclamation_runs", WEIGHT, f"{len(runs)} run(s) of '!!!'")]
