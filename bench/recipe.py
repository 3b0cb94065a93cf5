"""The recipe a user would otherwise write: datasketch MinHash (128 permutations) over
word 5-grams plus MinHashLSH(threshold=0.5). Baseline for bench/end_to_end.py.

Usage: python -m bench.recipe CORPUS_DIR [-o pairs.jsonl]
Writes one {"a", "b"} line per candidate pair; it cannot tell direction, so for
scoring the pair is reported with the lexically smaller id as the parent.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import orjson
from datasketch import MinHash, MinHashLSH


def shingles(text: str, n: int = 5) -> list[bytes]:
    words = text.lower().split()
    return [" ".join(words[i : i + n]).encode("utf-8") for i in range(max(1, len(words) - n + 1))]


def run(root: Path, num_perm: int = 128, threshold: float = 0.5) -> list[tuple[str, str]]:
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    sketches = {}
    for path in sorted(root.rglob("*.txt")):
        doc_id = path.relative_to(root).as_posix()
        m = MinHash(num_perm=num_perm)
        m.update_batch(shingles(path.read_text(encoding="utf-8", errors="replace")))
        sketches[doc_id] = m
        lsh.insert(doc_id, m)
    pairs = set()
    for doc_id, m in sketches.items():
        for other in lsh.query(m):
            if other != doc_id:
                pairs.add((min(doc_id, other), max(doc_id, other)))
    return sorted(pairs)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("-o", "--output", type=Path)
    args = ap.parse_args(argv)
    t = time.perf_counter()
    pairs = run(args.corpus)
    if args.output:
        with open(args.output, "wb") as fh:
            for a, b in pairs:
                rec = {"type": "relation", "kind": "near_duplicate", "parent": a, "child": b, "score": 1.0, "evidence": {}}
                fh.write(orjson.dumps(rec) + b"\n")
    print(f"{len(pairs)} pairs in {time.perf_counter() - t:.2f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
