"""Candidate plugin: documents that share several of each other's distinctive terms.

Paraphrases and AI rewrites share few word n-grams with their source, but keep
its rare words: names, places, figures, technical terms. Each document's top
terms by tf-idf (document frequency counted over the batch) go into an inverted
index; documents sharing enough of them become candidates, at most a fixed
number per document, so the stage stays linear in the number of documents.
Terms in more than ``max_postings`` top lists are topic words and are skipped.
"""

from __future__ import annotations

import numpy as np

from provenance.hookspecs import hookimpl
from provenance.store import feature_columns

from .postings import postings


def top_terms(terms: np.ndarray, counts: np.ndarray, df: np.ndarray, n_docs: int, k: int) -> np.ndarray:
    """The ``k`` terms of highest tf-idf among those found in at least one other document."""
    keep = df >= 2
    if not keep.any():
        return terms[:0]
    terms, counts, df = terms[keep], counts[keep], df[keep]
    score = counts * np.log((n_docs + 1) / df)
    if len(terms) > k:
        # Ties are broken by term value so results do not depend on batch order.
        order = np.lexsort((terms, -score))[:k]
        return terms[order]
    return terms


@hookimpl
def provenance_candidates(documents, config):
    """Pairs sharing at least ``min_shared`` top terms; per document the ``per_doc`` whose
    shared terms weigh most (by inverse document frequency)."""
    conf = config.get("candidates", {}).get("terms", {})
    k = int(conf.get("top_terms", 30))
    min_shared = int(conf.get("min_shared", 5))
    per_doc = int(conf.get("per_doc", 20))
    max_postings = int(conf.get("max_postings", 500))
    ids, (terms_of, counts_of) = feature_columns(documents, "terms", "term_counts")
    if len(ids) < 2:
        return []
    vocab, df = np.unique(np.concatenate(terms_of), return_counts=True)
    tops = [
        top_terms(t, c, df[np.searchsorted(vocab, t)], len(ids), k) for t, c in zip(terms_of, counts_of)
    ]
    del terms_of, counts_of
    idf_of = dict(zip(vocab.tolist(), np.log((len(ids) + 1) / df).tolist()))
    posting = {t: (members, idf_of[t]) for t, members in postings(tops) if len(members) <= max_postings}
    pairs = []
    for i, terms in enumerate(tops):
        lists = [posting[t] for t in terms.tolist() if t in posting]
        if not lists:
            continue
        members = np.concatenate([m for m, _ in lists])
        weights = np.concatenate([np.full(len(m), w) for m, w in lists])
        others, inverse, shared = np.unique(members, return_inverse=True, return_counts=True)
        # Rare shared terms say more than common ones: rank by the idf they add up to.
        score = np.bincount(inverse, weights=weights)
        keep = (shared >= min_shared) & (others != i)
        others, score = others[keep], score[keep]
        if len(others) > per_doc:
            others = others[np.lexsort((others, -score))[:per_doc]]
        pairs.extend((ids[i], ids[j]) for j in others.tolist())
    return pairs
