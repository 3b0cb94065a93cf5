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
    docs = [d for d in documents if "terms" in d.features]
    if len(docs) < 2:
        return []
    vocab, df = np.unique(np.concatenate([d.features["terms"] for d in docs]), return_counts=True)
    tops = []
    for d in docs:
        t = d.features["terms"]
        tops.append(top_terms(t, d.features["term_counts"], df[np.searchsorted(vocab, t)], len(docs), k))
    owner = np.concatenate([np.full(len(t), i, dtype=np.int64) for i, t in enumerate(tops)])
    flat = np.concatenate(tops)
    if not len(flat):
        return []
    order = np.lexsort((owner, flat))
    flat, owner = flat[order], owner[order]
    starts = np.flatnonzero(np.r_[True, flat[1:] != flat[:-1]])
    ends = np.r_[starts[1:], len(flat)]
    idf = np.log((len(docs) + 1) / df[np.searchsorted(vocab, flat[starts])])
    posting = {int(flat[s]): (owner[s:e], w) for s, e, w in zip(starts, ends, idf) if e - s <= max_postings}
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
        pairs.extend((docs[i].id, docs[j].id) for j in others.tolist())
    return pairs
