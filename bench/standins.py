"""The LLM stand-in corpus: news articles, LLM paraphrases of them, and LLM articles
written from their headline alone, with truth. A stand-in for the held-out judge.

Usage: python -m bench.standins OUT_DIR [--seed 1]
Originals are ``bench/robustness_texts/`` (parent null, ai false); each
``bench/llm_texts/paraphrase/<id>.txt`` is derived from the original of the same
name (ai true); each ``bench/llm_texts/headline_only/<id>.txt`` was written from
that original's headline only (parent null, ai true). Ids are random hex.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def generate(out: Path, seed: int = 1) -> dict[str, dict]:
    """Write the corpus to ``out`` with ``truth.json``; return the truth."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    used: set[str] = set()

    def new_id() -> str:
        while True:
            x = f"{rng.getrandbits(64):016x}.txt"
            if x not in used:
                used.add(x)
                return x

    truth: dict[str, dict] = {}
    for src in sorted((HERE / "robustness_texts").glob("*.txt")):
        orig = new_id()
        shutil.copy(src, out / orig)
        truth[orig] = {"parent": None, "kind": "original", "ai": False}
        para = HERE / "llm_texts" / "paraphrase" / src.name
        if para.exists():
            pid = new_id()
            shutil.copy(para, out / pid)
            truth[pid] = {"parent": orig, "kind": "llm_paraphrase", "ai": True}
        head = HERE / "llm_texts" / "headline_only" / src.name
        if head.exists():
            hid = new_id()
            shutil.copy(head, out / hid)
            truth[hid] = {"parent": None, "kind": "headline_only", "ai": True}
    (out / "truth.json").write_text(json.dumps(truth, indent=1, sort_keys=True), encoding="utf-8")
    return truth


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    truth = generate(args.out, args.seed)
    print(json.dumps({"docs": len(truth), "out_dir": str(args.out)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
