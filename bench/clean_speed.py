"""Time the clean stage (``find_boilerplate``) per document, so its cost can be reproduced.

Reads every ``*.txt`` of a corpus folder into memory first (file reading is not timed),
warms the rule cache, then times ``find_boilerplate`` over all documents ``--repeat`` times
and prints the best run as ms/doc, split into documents with and without furniture.

Usage:
    python -m bench.clean_speed                       # synthetic corpus in /tmp/syn2k (made if missing)
    python -m bench.clean_speed /path/to/corpus       # an existing folder of .txt files
    python -m bench.clean_speed /tmp/c --n 5000 --seed 2 --mode synthetic
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Sequence

from provenance.config import load_config
from provenance_plugins.boilerplate import find_boilerplate, rules_from_config
from provenance_plugins.read_folder import decode


def _read(path: Path) -> str:
    """A file as the folder reader decodes it (UTF-8, else cp1252, as clough's files need)."""
    return decode(path.read_bytes(), ["utf-8", "cp1252"])[0]


def load_corpus(root: Path, n: int, seed: int, mode: str) -> list[str]:
    """The texts of ``root/*.txt``; the corpus is generated first when ``root`` has none."""
    if not root.is_dir() or not any(root.glob("*.txt")):
        from bench.corpusgen import generate

        print(f"generating {mode} corpus in {root} (n={n}, seed={seed}) ...", file=sys.stderr)
        generate(root, n if mode == "synthetic" else None, seed, mode=mode)  # type: ignore[arg-type]
    return [_read(p) for p in sorted(root.glob("*.txt"))]


def time_clean(texts: list[str], repeat: int = 3) -> tuple[float, list[int]]:
    """Best wall time in seconds of one pass over ``texts``, and the span count per text."""
    rules = rules_from_config(load_config())
    counts = [len(find_boilerplate(t, rules)) for t in texts]  # warm-up, compiles the rules
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for t in texts:
            find_boilerplate(t, rules)
        best = min(best, time.perf_counter() - t0)
    return best, counts


def _per_doc_ms(texts: list[str], repeat: int) -> float:
    if not texts:
        return 0.0
    seconds, _ = time_clean(texts, repeat)
    return 1000.0 * seconds / len(texts)


def main(argv: Sequence[str] | None = None) -> int:
    """CLI: print ms/doc of the clean stage over a corpus."""
    ap = argparse.ArgumentParser(prog="python -m bench.clean_speed", description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="?", default="/tmp/syn2k", help="folder of .txt files (made if missing)")
    ap.add_argument("--n", type=int, default=2000, help="documents to generate if the folder is missing")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--mode", choices=["synthetic", "robustness"], default="synthetic")
    ap.add_argument("--repeat", type=int, default=3, help="timed passes; the best is reported")
    a = ap.parse_args(argv)
    if a.repeat < 1:
        ap.error("--repeat must be at least 1")
    texts = load_corpus(Path(a.corpus), a.n, a.seed, a.mode)
    if not texts:
        print(f"error: no .txt files in {a.corpus}", file=sys.stderr)
        return 2
    seconds, counts = time_clean(texts, a.repeat)
    words = sum(len(t.split()) for t in texts) / len(texts)
    clean = [t for t, c in zip(texts, counts) if c == 0]
    dirty = [t for t, c in zip(texts, counts) if c > 0]
    print(f"corpus        {a.corpus}: {len(texts)} docs, {words:.0f} words/doc on average")
    print(f"clean stage   {1000.0 * seconds / len(texts):.4f} ms/doc  ({seconds:.3f} s total, best of {a.repeat})")
    print(f"  no furniture  {len(clean):5d} docs  {_per_doc_ms(clean, a.repeat):.4f} ms/doc")
    print(f"  furniture     {len(dirty):5d} docs  {_per_doc_ms(dirty, a.repeat):.4f} ms/doc")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
