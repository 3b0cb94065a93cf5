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


def document_frequencies(documents, chunk: int = 4096) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Ids of the documents with terms, the sorted vocabulary, and each term's document count.

    Counted a chunk of documents at a time and merged, so memory follows the
    vocabulary rather than the total number of (document, term) pairs.
    """
    ids: list[str] = []
    vocabs: list[np.ndarray] = []
    counts: list[np.ndarray] = []
    batch: list[np.ndarray] = []

    def flush() -> None:
        if batch:
            v, c = np.unique(np.concatenate(batch), return_counts=True)
            vocabs.append(v)
            counts.append(c)
            batch.clear()

    for d in documents:
        if "terms" in d.features and "term_counts" in d.features:
            ids.append(d.id)
            batch.append(d.features["terms"])  # each document's terms are distinct
            if len(batch) == chunk:
                flush()
    flush()
    if not vocabs:
        return ids, np.empty(0, dtype=np.uint32), np.empty(0, dtype=np.int64)
    vocab, inverse = np.unique(np.concatenate(vocabs), return_inverse=True)
    return ids, vocab, np.bincount(inverse.ravel(), weights=np.concatenate(counts)).astype(np.int64)


@hookimpl
def provenance_candidates(documents, config):
    """Pairs sharing at least ``min_shared`` top terms; per document the ``per_doc`` whose
    shared terms weigh most (by inverse document frequency)."""
    conf = config.get("candidates", {}).get("terms", {})
    k = int(conf.get("top_terms", 30))
    min_shared = int(conf.get("min_shared", 5))
    per_doc = int(conf.get("per_doc", 20))
    max_postings = int(conf.get("max_postings", 500))
    # Two passes over the documents (which may be unpacked as they are read), so
    # that only the vocabulary and each document's top terms are ever held.
    ids, vocab, df = document_frequencies(documents)
    if len(ids) < 2:
        return []
    tops = [
        top_terms(d.features["terms"], d.features["term_counts"], df[np.searchsorted(vocab, d.features["terms"])], len(ids), k)
        for d in documents
        if "terms" in d.features and "term_counts" in d.features
    ]
    idf = np.log((len(ids) + 1) / df)
    posting = {t: (members, float(idf[np.searchsorted(vocab, t)])) for t, members in postings(tops, 2, max_postings)}
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
