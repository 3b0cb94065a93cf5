"""Posting lists: which documents hold each key, for the candidate plugins' inverted indexes.

Everything is one sort of all (key, document) entries of the batch: linear
memory, and no per-key Python objects unless a caller asks for the lists.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np


def groups(sorted_keys: np.ndarray, min_size: int = 2, max_size: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """``(starts, sizes)`` of the runs of equal keys in ``sorted_keys`` with ``min_size``
    to ``max_size`` entries."""
    if not len(sorted_keys):
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
    sizes = np.diff(np.r_[starts, len(sorted_keys)])
    keep = sizes >= min_size
    if max_size is not None:
        keep &= sizes <= max_size
    return starts[keep], sizes[keep]


def inverted(keys_per_doc: Sequence[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """``(keys, owners)``: every (key, document index) entry, sorted by key then document."""
    lengths = np.fromiter((len(k) for k in keys_per_doc), dtype=np.int64, count=len(keys_per_doc))
    owner = np.repeat(np.arange(len(keys_per_doc), dtype=np.int32), lengths)
    flat = np.concatenate(keys_per_doc) if len(keys_per_doc) else np.empty(0, dtype=np.uint64)
    order = np.lexsort((owner, flat))
    return flat[order], owner[order]


def postings(keys_per_doc: Sequence[np.ndarray], min_size: int = 2, max_size: int | None = None) -> Iterator[tuple[int, np.ndarray]]:
    """Yield ``(key, documents)`` for each distinct key held by ``min_size`` to ``max_size``
    documents, documents by index in ascending order."""
    flat, owner = inverted(keys_per_doc)
    starts, sizes = groups(flat, min_size, max_size)
    for s, n in zip(starts.tolist(), sizes.tolist()):
        yield flat[s].item(), owner[s : s + n]


def group_pairs(owner: np.ndarray, starts: np.ndarray, sizes: np.ndarray, n: int) -> np.ndarray:
    """Codes ``i * n + j`` (``i < j``) of every pair of documents in each group
    ``owner[start : start + size]``, with repeats; groups of two, the most
    common, are done at once."""
    codes: list[np.ndarray] = [np.empty(0, dtype=np.int64)]
    two = starts[sizes == 2]
    if len(two):
        x, y = owner[two].astype(np.int64), owner[two + 1].astype(np.int64)
        codes.append(np.minimum(x, y) * n + np.maximum(x, y))
    for start, size in zip(starts[sizes > 2].tolist(), sizes[sizes > 2].tolist()):
        members = np.sort(owner[start : start + size]).astype(np.int64)
        i, j = np.triu_indices(size, 1)
        codes.append(members[i] * n + members[j])
    return np.concatenate(codes)
