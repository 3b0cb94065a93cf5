"""Candidate plugin: documents that share whole sentences.

Summaries by sentence selection and cut-and-paste answers keep some sentences
word for word while sharing too few word n-grams overall for MinHashLSH to
pair them. Each document's sentences of ``sentence_hash_min_words`` words or
more are hashed (case and punctuation folded, at fingerprint time); documents
sharing ``min_shared`` such sentences are candidates. Sentences found in more
than ``max_postings`` documents are stock phrases and are skipped.
"""

from __future__ import annotations

import numpy as np

from provenance.hookspecs import hookimpl
from provenance.store import feature_columns

from .postings import postings


@hookimpl
def provenance_candidates(documents, config):
    """Pairs of documents sharing at least ``min_shared`` hashed sentences."""
    conf = config.get("candidates", {}).get("sentences", {})
    min_shared = int(conf.get("min_shared", 2))
    max_postings = int(conf.get("max_postings", 50))
    ids, (hashes,) = feature_columns(documents, "sentence_hashes")
    if len(ids) < 2:
        return []
    left: list[np.ndarray] = []
    right: list[np.ndarray] = []
    for _, members in postings(hashes):
        if 2 <= len(members) <= max_postings:
            a, b = np.triu_indices(len(members), 1)
            left.append(members[a])
            right.append(members[b])
    if not left:
        return []
    key = np.concatenate(left) * len(ids) + np.concatenate(right)
    pairs, counts = np.unique(key, return_counts=True)
    pairs = pairs[counts >= min_shared]
    return [(ids[int(k // len(ids))], ids[int(k % len(ids))]) for k in pairs]
