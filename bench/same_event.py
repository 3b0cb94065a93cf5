"""Relations found among independently written news articles: the same-event check.

Usage: python -m bench.same_event HUMAN_FILE [--json]

HUMAN_FILE has one article per line, such as the Lee corpus of 300 ABC news
articles of 2001 (how to get it: bench/ai_external.py). The corpus holds real
reuse (the same story run twice, an update that keeps most of an earlier story)
and follow-up stories on the same events written afresh. The script scans the
articles and lists every ``derived`` relation with the child's verbatim word
5-gram containment in the parent: relations with little verbatim reuse (below
``--reuse``, 0.3 by default) are the same-event candidates to read by hand.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from provenance import pipeline
from provenance.config import load_config
from provenance.plugins import load_plugins


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("human", type=Path)
    ap.add_argument("--reuse", type=float, default=0.3)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    lines = [x for x in args.human.read_text(encoding="utf-8", errors="replace").splitlines() if x.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        for i, text in enumerate(lines):
            (Path(tmp) / f"{i:04d}.txt").write_text(text + "\n", encoding="utf-8")
        lineage = pipeline.scan([tmp], load_config(), load_plugins())
    kinds: dict[str, int] = {}
    derived = []
    for r in lineage.relations:
        kinds[r.kind] = kinds.get(r.kind, 0) + 1
        if r.kind == "derived":
            ev = r.evidence
            derived.append({
                "parent": r.parent, "child": r.child, "score": r.score,
                "containment": ev.get("containment_child_in_parent"),
                "fact_coverage": ev.get("fact_coverage_parent_in_child"),
            })
    low = [d for d in derived if (d["containment"] or 0.0) < args.reuse]
    result = {"documents": len(lines), "relations": kinds, "derived": derived, "little_reuse": len(low)}
    if args.json:
        print(json.dumps(result, indent=1))
        return 0
    print(f"{len(lines)} articles; relations {kinds}; derived with 5-gram containment < {args.reuse}: {len(low)}")
    for d in derived:
        print(f"  {d['parent']} -> {d['child']}  score {d['score']:.3f}  containment {d['containment']:.3f}  "
              f"fact coverage {d['fact_coverage'] if d['fact_coverage'] is None else round(d['fact_coverage'], 3)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
