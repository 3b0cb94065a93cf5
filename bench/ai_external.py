"""AI-score ROC AUC of our LLM texts against an external set of human-written articles.

Usage: python -m bench.ai_external HUMAN_FILE [--one-per-line] [--json]

HUMAN_FILE is a folder of .txt files or, with ``--one-per-line``, a file with one
article per line, such as the Lee corpus of 300 ABC news articles that gensim
ships with its tests::

    pip download --no-deps -d /tmp/gs gensim
    unzip -p /tmp/gs/gensim-*.whl gensim/test/test_data/lee_background.cor > /tmp/lee.txt
    python -m bench.ai_external /tmp/lee.txt --one-per-line

The LLM side is every text under bench/llm_texts and bench/ai_texts/llm plus
seeds 001 and 002, scored on their own (no source-aware signals).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from provenance import pipeline
from provenance.config import load_config
from provenance.evaluate import roc_auc
from provenance.plugins import load_plugins
from provenance.records import Document

ROOT = Path(__file__).resolve().parent.parent


def scores(texts: list[str]) -> list[float]:
    config, pm = load_config(), load_plugins()
    docs = [Document(id=str(i), sha256="", raw=t, text=t) for i, t in enumerate(texts)]
    ai = pipeline.ai_scores(pm, docs, config)
    return [ai[d.id].score for d in docs]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("human", type=Path)
    ap.add_argument("--one-per-line", action="store_true")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    if args.one_per_line:
        human = [line for line in args.human.read_text(encoding="utf-8", errors="replace").splitlines() if line.strip()]
    else:
        human = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(args.human.rglob("*.txt"))]
    llm_paths = sorted((ROOT / "bench" / "llm_texts").rglob("*.txt")) + sorted((ROOT / "bench" / "ai_texts" / "llm").glob("*.txt"))
    llm_paths += sorted((ROOT / "seeds").glob("00[12]_*.txt"))
    llm = [p.read_text(encoding="utf-8") for p in llm_paths]
    h, m = scores(human), scores(llm)
    result = {
        "human": len(h),
        "llm": len(m),
        "auc": roc_auc(m + h, [True] * len(m) + [False] * len(h)),
        "human_flagged": sum(s >= load_config()["ai"]["flag_threshold"] for s in h),
        "human_mean": sum(h) / len(h) if h else None,
        "llm_mean": sum(m) / len(m) if m else None,
    }
    print(json.dumps(result, indent=1) if args.json else
          f"AUC {result['auc']:.3f}  human {result['human']} (mean {result['human_mean']:.3f}, flagged {result['human_flagged']})  "
          f"llm {result['llm']} (mean {result['llm_mean']:.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
