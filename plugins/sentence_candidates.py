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

from .postings import group_pairs, groups, inverted


@hookimpl
def provenance_candidates(documents, config):
    """Pairs of documents sharing at least ``min_shared`` hashed sentences."""
    conf = config.get("candidates", {}).get("sentences", {})
    min_shared = int(conf.get("min_shared", 2))
    max_postings = int(conf.get("max_postings", 50))
    ids, (hashes,) = feature_columns(documents, "sentence_hashes")
    if len(ids) < 2:
        return []
    flat, owner = inverted(hashes)
    del hashes
    starts, sizes = groups(flat, 2, max_postings)
    codes = group_pairs(owner, starts, sizes, len(ids))
    pairs, counts = np.unique(codes, return_counts=True)
    pairs = pairs[counts >= min_shared]
    return [(ids[int(k // len(ids))], ids[int(k % len(ids))]) for k in pairs]
