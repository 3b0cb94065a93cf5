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


@hookimpl
def provenance_candidates(documents, config):
    """Pairs of documents sharing at least ``min_shared`` hashed sentences."""
    conf = config.get("candidates", {}).get("sentences", {})
    min_shared = int(conf.get("min_shared", 2))
    max_postings = int(conf.get("max_postings", 50))
    docs = [d for d in documents if "sentence_hashes" in d.features]
    if len(docs) < 2:
        return []
    owner = np.concatenate([np.full(len(d.features["sentence_hashes"]), i, dtype=np.int64) for i, d in enumerate(docs)])
    flat = np.concatenate([d.features["sentence_hashes"] for d in docs])
    if not len(flat):
        return []
    order = np.lexsort((owner, flat))
    flat, owner = flat[order], owner[order]
    starts = np.flatnonzero(np.r_[True, flat[1:] != flat[:-1]])
    sizes = np.diff(np.r_[starts, len(flat)])
    left: list[np.ndarray] = []
    right: list[np.ndarray] = []
    for s, size in zip(starts[(sizes >= 2) & (sizes <= max_postings)], sizes[(sizes >= 2) & (sizes <= max_postings)]):
        members = owner[s : s + size]
        a, b = np.triu_indices(len(members), 1)
        left.append(members[a])
        right.append(members[b])
    if not left:
        return []
    key = np.concatenate(left) * len(docs) + np.concatenate(right)
    pairs, counts = np.unique(key, return_counts=True)
    pairs = pairs[counts >= min_shared]
    return [(docs[int(k // len(docs))].id, docs[int(k % len(docs))].id) for k in pairs]
