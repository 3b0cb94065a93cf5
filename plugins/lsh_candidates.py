"""Candidate plugin: MinHash LSH banding over the word n-gram signatures.

Finds verbatim copies, copies wrapped in other furniture and lightly edited
copies: every pair whose signatures agree on all rows of at least one band,
i.e. whose estimated Jaccard is likely above the threshold.

The band count and width are datasketch's (``MinHashLSH(threshold, num_perm)``
picks them), and the pairs are exactly those its index would return. The
banding itself is done here over the signature matrix: datasketch's index keeps
a Python set per bucket, which at 100k documents and 37 bands is over a
gigabyte; sorting each band of a numpy matrix holds a few tens of megabytes.
"""

from __future__ import annotations

import numpy as np
from datasketch import MinHashLSH

from provenance.hookspecs import hookimpl
from provenance.store import feature_columns

from .postings import group_pairs, groups


def band_pairs(signatures: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """Sorted unique ``(i, j)`` row pairs, ``i < j``, equal on every value of some band."""
    n = len(signatures)
    codes: list[np.ndarray] = [np.empty(0, dtype=np.int64)]
    for k in range(bands):
        _, label = np.unique(signatures[:, k * rows : (k + 1) * rows], axis=0, return_inverse=True)
        label = label.ravel()
        order = np.argsort(label, kind="stable")
        starts, sizes = groups(label[order])
        codes.append(group_pairs(order, starts, sizes, n))
    unique = np.unique(np.concatenate(codes))
    return np.stack([unique // n, unique % n], axis=1)


@hookimpl
def provenance_candidates(documents, config):
    """Pairs of documents sharing an LSH band of their signatures."""
    conf = config.get("candidates", {}).get("lsh", {})
    ids, (signatures,) = feature_columns(documents, "signature")
    if len(ids) < 2:
        return []
    matrix = np.stack(signatures)
    del signatures
    params = MinHashLSH(threshold=float(conf.get("threshold", 0.3)), num_perm=matrix.shape[1])
    return [(ids[i], ids[j]) for i, j in band_pairs(matrix, params.b, params.r).tolist()]
