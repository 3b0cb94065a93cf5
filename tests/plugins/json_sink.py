"""Test emit plugin: a JSON summary of the lineage, written to ``[json_sink] path`` of the config.

``CALLS`` keeps what each call saw (the lineage, and the files next to the summary at that
moment), so a test can check when the hook ran.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from provenance import hookimpl

CALLS: list[dict] = []


@hookimpl
def provenance_emit(lineage, config):
    path = config.get("json_sink", {}).get("path")
    if not path:
        return
    path = Path(path)
    CALLS.append({"lineage": lineage, "files": sorted(os.listdir(path.parent))})
    summary = {
        "documents": len(lineage.documents),
        "relations": [
            {"kind": r.kind, "parent": r.parent, "child": r.child, "members": r.members} for r in lineage.relations
        ],
        "roles": lineage.roles,
    }
    path.write_text(json.dumps(summary, indent=2), encoding="utf-8")
