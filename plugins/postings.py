"""Posting lists: which documents hold each key, for the candidate plugins' inverted indexes."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np


def postings(keys_per_doc: Sequence[np.ndarray]) -> Iterator[tuple[int, np.ndarray]]:
    """Yield ``(key, documents)`` for each distinct key, documents by index in ascending order.

    One sort of all (key, document) pairs of the batch: linear memory, no
    per-key Python containers until a list is asked for.
    """
    if not keys_per_doc:
        return
    owner = np.concatenate([np.full(len(k), i, dtype=np.int64) for i, k in enumerate(keys_per_doc)])
    flat = np.concatenate(keys_per_doc)
    if not len(flat):
        return
    order = np.lexsort((owner, flat))
    flat, owner = flat[order], owner[order]
    starts = np.flatnonzero(np.r_[True, flat[1:] != flat[:-1]])
    ends = np.r_[starts[1:], len(flat)]
    for s, e in zip(starts.tolist(), ends.tolist()):
        yield flat[s].item(), owner[s:e]
