"""Accuracy report: every corpus with known truth, scored by ``provenance eval``'s library.

Usage: python -m bench.accuracy [--clough ../shared/data/clough] [--json]

Builds the robustness corpus and the LLM stand-ins in a temporary folder, scans
them, the seeds and (if present) the clough corpus with the default
configuration, and prints F1, reversed edges, parents given to independent
documents, recall by edit kind, AI-score ROC AUC, and a calibration table of
the verification score over all compared pairs. docs/accuracy.md quotes it.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from provenance import lineage as lineage_io
from provenance import pipeline
from provenance.config import load_config
from provenance.evaluate import evaluate
from provenance.plugins import load_plugins
from provenance_plugins import attribution

from . import corpusgen, standins

ROOT = Path(__file__).resolve().parent.parent


def seeds_truth() -> dict[str, dict]:
    ids = sorted(p.name for p in (ROOT / "seeds").glob("*.txt"))
    source = next(i for i in ids if i.startswith("000"))
    return {i: {"parent": source if i[:3] in ("001", "002") else None, "ai": i[:3] in ("001", "002")} for i in ids}


def calibration(lineage, truth: dict[str, dict], config: dict, bins=(0.0, 0.2, 0.4, 0.5, 0.6, 0.8, 0.9, 1.01)) -> list[dict]:
    """Share of compared pairs that are truly parent and child (or siblings), per score bin
    of the built-in attributor's verification score (the comparisons are stored as compared)."""
    rows = [{"lo": lo, "hi": hi, "pairs": 0, "related": 0} for lo, hi in zip(bins, bins[1:])]
    for c in lineage.comparisons:
        _, s = attribution.classify(c.evidence, config["attribute"])
        pa, pb = truth.get(c.a, {}).get("parent"), truth.get(c.b, {}).get("parent")
        related = pa == c.b or pb == c.a or (pa is not None and pa == pb)
        for r in rows:
            if r["lo"] <= s < r["hi"]:
                r["pairs"] += 1
                r["related"] += related
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clough", type=Path, default=ROOT.parent / "shared" / "data" / "clough")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    config = load_config()
    pm = load_plugins()
    report = {}
    with tempfile.TemporaryDirectory() as tmp:
        corpora = {"seeds": (ROOT / "seeds", seeds_truth())}
        rob = Path(tmp) / "robustness"
        corpora["robustness"] = (rob, corpusgen.generate(rob, None, seed=1, mode="robustness"))
        llm = Path(tmp) / "standins"
        corpora["llm_standins"] = (llm, standins.generate(llm, seed=1))
        if (args.clough / "truth.json").exists():
            corpora["clough"] = (args.clough / "docs", json.loads((args.clough / "truth.json").read_text()))
        pooled = []
        for name, (folder, truth) in corpora.items():
            lineage = pipeline.scan([str(folder)], config, pm)
            result = evaluate(list(lineage_io.records(lineage)), truth)
            cal = calibration(lineage, truth, config)
            pooled.append(cal)
            report[name] = {
                "documents": result["documents"],
                "f1": result["f1"],
                "precision": result["precision"],
                "recall": result["recall"],
                "reversed": len(result["reversed"]),
                "independents_given_parent": result["orphans_given_parent"],
                "ai_auc": result["ai_auc"],
                "recall_by_kind": {k: v["recall"] for k, v in (result["by_kind"] or {}).items() if v["edges"]},
                "parent_rate_by_kind": {k: v["fp_rate"] for k, v in (result["by_kind"] or {}).items() if v["no_parent"]},
            }
        report["calibration"] = [
            {"score": f"[{c[0]['lo']:.1f}, {min(c[0]['hi'], 1.0):.1f})", "pairs": sum(x[i]["pairs"] for x in pooled),
             "related": sum(x[i]["related"] for x in pooled)}
            for i, c in enumerate(zip(*pooled))
        ]
    if args.json:
        print(json.dumps(report, indent=1))
        return 0
    for name, r in report.items():
        if name == "calibration":
            continue
        print(f"{name}: {r['documents']} docs  F1 {r['f1']:.3f}  P {r['precision']:.3f}  R {r['recall']:.3f}  "
              f"reversed {r['reversed']}  independents given a parent {r['independents_given_parent']['count']}/"
              f"{r['independents_given_parent']['of']}  AI AUC {r['ai_auc'] if r['ai_auc'] is None else round(r['ai_auc'], 3)}")
        for k, v in r["recall_by_kind"].items():
            print(f"    recall {k:28s} {v:.3f}")
        for k, v in r["parent_rate_by_kind"].items():
            print(f"    given a parent {k:20s} {v:.3f}")
    print("verification score calibration (all compared pairs, all corpora):")
    for c in report["calibration"]:
        share = c["related"] / c["pairs"] if c["pairs"] else float("nan")
        print(f"    {c['score']:12s} pairs {c['pairs']:5d}  truly related {share:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
