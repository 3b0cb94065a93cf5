"""Vectorized MinHash signatures, bit-for-bit those of datasketch's ``affine32`` scheme.

Shingles are hashed to uint32 once (word hashes combined with numpy, no string
building), then every permutation is applied to a whole batch of documents at
once. A signature equals ``datasketch.MinHash(num_perm, seed, scheme="affine32",
hashfunc=identity)`` fed the same shingle hashes, so datasketch's LeanMinHash and
MinHashLSH accept it as it is.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import xxhash

_MAX32 = np.uint32(0xFFFFFFFF)
_MIX = np.uint32(0x9E3779B1)  # golden-ratio multiplier for combining word hashes


@lru_cache(maxsize=32)
def permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The ``(a, b)`` parameters datasketch draws for ``scheme="affine32"``."""
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


def fmix32(hv: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer, datasketch's pre-mix before the permutations."""
    hv = hv ^ (hv >> np.uint32(16))
    hv = hv * np.uint32(0x85EBCA6B)
    hv = hv ^ (hv >> np.uint32(13))
    hv = hv * np.uint32(0xC2B2AE35)
    return hv ^ (hv >> np.uint32(16))


_word_cache: dict[str, int] = {}


def word_hashes(tokens: list[str]) -> np.ndarray:
    """xxh32 of each token; each distinct word is hashed once per process (vocabularies repeat)."""
    cache = _word_cache
    if len(cache) > 2_000_000:
        cache.clear()
    for tok in [t for t in dict.fromkeys(tokens) if t not in cache]:
        cache[tok] = xxhash.xxh32_intdigest(tok.encode("utf-8"))
    return np.fromiter(map(cache.__getitem__, tokens), dtype=np.uint32, count=len(tokens))


def ngram_hashes(token_hashes: np.ndarray, n: int) -> np.ndarray:
    """Distinct uint32 hashes of the word n-grams of a token-hash sequence.

    A text shorter than ``n`` words yields one shingle of all its words, so
    short texts still get a non-empty set.
    """
    if len(token_hashes) == 0:
        return token_hashes
    if len(token_hashes) < n:
        n = len(token_hashes)
    with np.errstate(over="ignore"):
        h = token_hashes[: len(token_hashes) - n + 1].copy()
        for k in range(1, n):
            h = h * _MIX + token_hashes[k : len(token_hashes) - n + 1 + k]
            h ^= h >> np.uint32(15)
    return np.unique(h)


def signatures(shingle_sets: list[np.ndarray], num_perm: int, seed: int = 1, chunk: int = 1024) -> np.ndarray:
    """MinHash signatures of many shingle-hash sets: an ``(len(sets), num_perm)`` uint32 array.

    Args:
        shingle_sets: One uint32 array of shingle hashes per document.
        num_perm: Permutations per signature.
        seed: Seed of the permutations (as datasketch's ``seed``).
        chunk: Shingles permuted at once, in one reused buffer of ``chunk * num_perm``
            uint32 (small enough to stay in the CPU cache: ~4x faster than large chunks).
    """
    a, b = permutations(num_perm, seed)
    out = np.full((len(shingle_sets), num_perm), _MAX32, dtype=np.uint32)
    sizes = np.fromiter((len(s) for s in shingle_sets), dtype=np.int64, count=len(shingle_sets))
    nonempty = np.flatnonzero(sizes)
    if len(nonempty) == 0:
        return out
    allh = fmix32(np.concatenate([shingle_sets[i] for i in nonempty]).astype(np.uint32, copy=False))
    starts = np.concatenate([[0], np.cumsum(sizes[nonempty])[:-1]])
    buf = np.empty((chunk, num_perm), dtype=np.uint32)
    # Whole documents per chunk, so reduceat segments never straddle chunks.
    i = 0
    while i < len(nonempty):
        j = i
        total = 0
        while j < len(nonempty) and (total == 0 or total + sizes[nonempty[j]] <= chunk):
            total += sizes[nonempty[j]]
            j += 1
        lo = starts[i]
        seg = allh[lo : lo + total]
        view = buf[:total] if total <= chunk else np.empty((total, num_perm), dtype=np.uint32)
        np.multiply(seg[:, None], a[None, :], out=view)
        np.add(view, b[None, :], out=view)
        out[nonempty[i:j]] = np.minimum.reduceat(view, starts[i:j] - lo, axis=0)
        i = j
    return out


def jaccard(sig_a: np.ndarray, sig_b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures of the same permutations."""
    return float(np.count_nonzero(sig_a == sig_b)) / len(sig_a)
