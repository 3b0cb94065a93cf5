"""Signature stage: text -> 128-permutation MinHash signature, ours against datasketch and rensa.

Every implementation is timed over the whole per-document path on the same
documents, including its own shingling:

* ``ours``: ``provenance.text.words`` -> ``word_hashes`` (xxh32 per word, cached)
  -> ``ngram_hashes(.., 5)`` (uint32 5-gram hashes) -> one ``signatures`` call for
  the batch. The word-hash cache is cleared before each repetition (cold start, as
  in a fresh scan worker).
* ``datasketch update_batch``: ``words`` -> 5-gram strings encoded to UTF-8 ->
  ``MinHash(num_perm, seed).update_batch`` per document (its default sha1 hash).
* ``datasketch bulk``: the same byte 5-grams -> ``MinHash.bulk`` for the batch.
* ``rensa``: ``words`` -> 5-gram strings -> ``RMinHash(num_perm, seed).update`` and
  ``.digest()`` per document.
* ``rensa batch`` (extra, for reference): the same strings ->
  ``RMinHash.digest_matrix_from_token_sets`` for the batch.

All use the same tokenizer, so the 5-gram sets are the same (texts shorter than
5 words give one shingle of all their words, as ours). The tokenizer alone is
timed too (``tokenize only``), since it is part of every row.

The script also checks compatibility: for a sample of documents our signature
equals ``datasketch.MinHash(num_perm, seed, hashfunc=identity, scheme="affine32")``
fed our uint32 shingle hashes, and ``LeanMinHash(seed=.., hashvalues=ours,
scheme="affine32")`` goes into a ``MinHashLSH`` and is found again.

Example:
    python -m bench.signatures                 # 2,000 synthetic docs, seed 1, 5 repetitions
    python -m bench.signatures --corpus DIR --docs 5000 --json
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any, Callable

import numpy as np
import orjson
import rensa
from datasketch import LeanMinHash, MinHash, MinHashLSH

from bench.end_to_end import DEFAULT_WORK, ensure_corpus, machine
from plugins import minhash
from plugins.minhash import ngram_hashes, signatures, word_hashes
from provenance.text import words

NGRAM = 5


def _grams(tokens: list[str], n: int = NGRAM) -> list[str]:
    if not tokens:
        return []
    n = min(n, len(tokens))
    return [" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]


def tokenize_only(texts: list[str], num_perm: int, seed: int) -> list:
    return [words(t) for t in texts]


def ours(texts: list[str], num_perm: int, seed: int) -> np.ndarray:
    minhash._word_cache.clear()
    sets = [ngram_hashes(word_hashes(words(t)), NGRAM) for t in texts]
    return signatures(sets, num_perm, seed)


def ds_update_batch(texts: list[str], num_perm: int, seed: int) -> list:
    out = []
    for t in texts:
        m = MinHash(num_perm=num_perm, seed=seed)
        m.update_batch([g.encode("utf-8") for g in _grams(words(t))])
        out.append(m.hashvalues)
    return out


def ds_bulk(texts: list[str], num_perm: int, seed: int) -> list:
    batch = [[g.encode("utf-8") for g in _grams(words(t))] for t in texts]
    return [m.hashvalues for m in MinHash.bulk(batch, num_perm=num_perm, seed=seed)]


def rensa_update(texts: list[str], num_perm: int, seed: int) -> list:
    out = []
    for t in texts:
        m = rensa.RMinHash(num_perm=num_perm, seed=seed)
        m.update(_grams(words(t)))
        out.append(m.digest())
    return out


def rensa_batch(texts: list[str], num_perm: int, seed: int) -> Any:
    return rensa.RMinHash.digest_matrix_from_token_sets([_grams(words(t)) for t in texts], num_perm, seed)


def ours_stages(texts: list[str], num_perm: int, seed: int) -> dict[str, float]:
    """Seconds spent in each step of ``ours`` (cold word-hash cache), for the breakdown table."""
    minhash._word_cache.clear()
    t0 = time.perf_counter()
    toks = [words(t) for t in texts]
    t1 = time.perf_counter()
    hashes = [word_hashes(t) for t in toks]
    t2 = time.perf_counter()
    sets = [ngram_hashes(h, NGRAM) for h in hashes]
    t3 = time.perf_counter()
    signatures(sets, num_perm, seed)
    t4 = time.perf_counter()
    return {"words": t1 - t0, "word_hashes": t2 - t1, "ngram_hashes": t3 - t2, "signatures": t4 - t3}


IMPLEMENTATIONS: dict[str, tuple[str, Callable]] = {
    "tokenize only": ("words() for every document (part of every row below)", tokenize_only),
    "ours": ("words -> word_hashes -> ngram_hashes(5) -> signatures(batch)", ours),
    "datasketch update_batch": ("words -> 5-gram bytes -> MinHash.update_batch per doc (sha1)", ds_update_batch),
    "datasketch bulk": ("words -> 5-gram bytes -> MinHash.bulk(batch)", ds_bulk),
    "rensa": ("words -> 5-gram str -> RMinHash.update/.digest per doc", rensa_update),
    "rensa batch": ("words -> 5-gram str -> RMinHash.digest_matrix_from_token_sets(batch)", rensa_batch),
}


def check_compatibility(texts: list[str], num_perm: int, seed: int, sample: int, rng: random.Random) -> dict[str, Any]:
    """Ours equals datasketch affine32 on our shingle hashes; LeanMinHash of ours works in MinHashLSH."""
    picked = rng.sample(range(len(texts)), min(sample, len(texts)))
    sets = [ngram_hashes(word_hashes(words(texts[i])), NGRAM) for i in picked]
    sigs = signatures(sets, num_perm, seed)
    lsh = MinHashLSH(threshold=0.5, num_perm=num_perm)
    for k, (s, sig) in enumerate(zip(sets, sigs)):
        ref = MinHash(num_perm=num_perm, seed=seed, hashfunc=lambda v: v, scheme="affine32")
        ref.update_batch([int(x) for x in s])
        assert np.array_equal(ref.hashvalues.astype(np.uint32), sig), f"signature of document {picked[k]} differs"
        lean = LeanMinHash(seed=seed, hashvalues=sig, scheme="affine32")
        assert lean.jaccard(LeanMinHash(ref)) == 1.0
        lsh.insert(str(k), lean)
    for k, sig in enumerate(sigs):
        found = lsh.query(LeanMinHash(seed=seed, hashvalues=sig, scheme="affine32"))
        assert str(k) in found, f"LSH did not return document {picked[k]} for its own signature"
    return {"sampled_docs": len(picked), "equal_to_datasketch_affine32": True, "lsh_roundtrip": True}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.signatures", description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, help="a folder of .txt documents (default: generate a synthetic one)")
    ap.add_argument("--docs", type=int, default=2000, help="documents to sign (default 2000)")
    ap.add_argument("--seed", type=int, default=1, help="corpus seed and MinHash seed (default 1)")
    ap.add_argument("--num-perm", type=int, default=128)
    ap.add_argument("--reps", type=int, default=5, help="repetitions; the median is reported (default 5)")
    ap.add_argument("--check-sample", type=int, default=50, help="documents checked against datasketch (default 50)")
    ap.add_argument("--work", type=Path, default=DEFAULT_WORK, help=f"corpus cache (default {DEFAULT_WORK})")
    ap.add_argument("--json", action="store_true", help="print the results as JSON instead of a table")
    a = ap.parse_args(argv)
    if a.reps < 1:
        ap.error("--reps must be >= 1")

    corpus = a.corpus or ensure_corpus(a.work, a.docs, a.seed)
    paths = sorted(corpus.rglob("*.txt"))[: a.docs]
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in paths]
    if not texts:
        ap.error(f"no .txt documents in {corpus}")
    n_words = sum(len(words(t)) for t in texts)

    checks = check_compatibility(texts, a.num_perm, a.seed, a.check_sample, random.Random(a.seed))

    # Warm up imports and lazy state once, then alternate the order of the rows each repetition.
    for _, fn in IMPLEMENTATIONS.values():
        fn(texts[:20], a.num_perm, a.seed)
    times: dict[str, list[float]] = {name: [] for name in IMPLEMENTATIONS}
    stage_times: dict[str, list[float]] = {}
    names = list(IMPLEMENTATIONS)
    for rep in range(a.reps):
        order = names if rep % 2 == 0 else names[::-1]
        for name in order:
            fn = IMPLEMENTATIONS[name][1]
            gc.collect()
            t0 = time.perf_counter()
            fn(texts, a.num_perm, a.seed)
            times[name].append(time.perf_counter() - t0)
        gc.collect()
        for stage, sec in ours_stages(texts, a.num_perm, a.seed).items():
            stage_times.setdefault(stage, []).append(sec)
        print(f"rep {rep + 1}/{a.reps} done", file=sys.stderr)

    rows = {}
    for name, ts in times.items():
        med = statistics.median(ts)
        rows[name] = {"what": IMPLEMENTATIONS[name][0], "median_s": med, "docs_per_s": len(texts) / med, "runs_s": ts}
    ours_dps = rows["ours"]["docs_per_s"]
    ratios = {
        f"ours/{name}": ours_dps / rows[name]["docs_per_s"]
        for name in ("datasketch update_batch", "datasketch bulk", "rensa", "rensa batch")
    }
    result = {
        "benchmark": "signatures",
        "machine": machine(),
        "corpus": str(corpus),
        "documents": len(texts),
        "words": n_words,
        "num_perm": a.num_perm,
        "ngram": NGRAM,
        "seed": a.seed,
        "reps": a.reps,
        "results": rows,
        "ratios": ratios,
        "ours_stages_median_s": {k: statistics.median(v) for k, v in stage_times.items()},
        "compatibility": checks,
    }
    if a.json:
        print(orjson.dumps(result, option=orjson.OPT_INDENT_2).decode())
        return 0

    m = result["machine"]
    print(f"Signature stage: {len(texts)} documents ({n_words} words, {n_words / len(texts):.0f}/doc), "
          f"num_perm {a.num_perm}, word {NGRAM}-grams, seed {a.seed}")
    print(f"nproc {m['nproc']}, Python {m['python']}, one process; median of {a.reps} runs; "
          "each row times text -> signature for the whole batch")
    print()
    width = max(len(n) for n in rows)
    print(f"  {'implementation':<{width}} {'median s':>9} {'docs/s':>9}  path")
    for name, r in rows.items():
        print(f"  {name:<{width}} {r['median_s']:>9.3f} {r['docs_per_s']:>9.0f}  {r['what']}")
    print()
    for k, v in ratios.items():
        print(f"  {k:<32} {v:6.2f}x")
    stages = result["ours_stages_median_s"]
    total = sum(stages.values())
    print("\n  where ours spends its time (median s, share):")
    for k, v in stages.items():
        print(f"    {k:<14} {v:7.3f}  {v / total:5.0%}")
    print(f"\n  compatibility: ours == datasketch MinHash(affine32, identity hash) on {checks['sampled_docs']} "
          "sampled docs; LeanMinHash(ours) inserted into and found in MinHashLSH: OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
