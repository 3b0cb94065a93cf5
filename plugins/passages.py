"""Compare plugin: sentence alignment, containment and Jaccard for a candidate pair.

Paraphrases keep a sentence's content words while changing its wording, so
each sentence of one document is matched to its most similar sentence of the
other by overlap of content stems. The matched sentences are the aligned
passages; the share of a document's content that is matched is its coverage.
Word n-gram containment and Jaccard measure verbatim reuse on top.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from provenance.hookspecs import hookimpl

from .minhash import jaccard as signature_jaccard


def containment(a: np.ndarray, b: np.ndarray) -> float:
    """Share of the distinct shingles of ``a`` that also occur in ``b``."""
    if len(a) == 0:
        return 0.0
    return len(np.intersect1d(a, b, assume_unique=True)) / len(a)


def overlap(a: np.ndarray, b: np.ndarray) -> dict[str, float]:
    """Containment both ways and Jaccard of two sorted, distinct shingle-hash arrays (one intersection)."""
    inter = len(np.intersect1d(a, b, assume_unique=True))
    union = len(a) + len(b) - inter
    return {
        "ab": inter / len(a) if len(a) else 0.0,
        "ba": inter / len(b) if len(b) else 0.0,
        "jaccard": inter / union if union else 1.0,
    }


def best_matches(fa: dict[str, Any], fb: dict[str, Any], min_overlap: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """A one-to-one alignment of the sentences of two documents.

    Each content term weighs its inverse sentence frequency over the sentences
    of both documents: words of the shared topic (names in the headline, the
    subject itself) recur in many sentences of both and weigh little; details a
    rewrite carries over from one sentence of its source appear in about two
    sentences and weigh most. Computed from the pair alone, so no corpus
    statistics. Similarity is the weighted cosine of two sentences' term sets;
    pairs sharing fewer than ``min_overlap`` terms score 0. The strongest pairs
    are taken first and each sentence is used once, so one generic sentence
    cannot stand in for many.

    Returns:
        ``(partner_a, score_a, partner_b, score_b)``: for each sentence of each
        document its partner's index (-1 when unaligned) and the pair's score.
    """
    na, nb = len(fa["sentences"]), len(fb["sentences"])
    partner_a = np.full(na, -1, dtype=np.int64)
    partner_b = np.full(nb, -1, dtype=np.int64)
    score_a = np.zeros(na)
    score_b = np.zeros(nb)
    ta, ia, tb, ib = fa["sent_terms"], fa["sent_index"], fb["sent_terms"], fb["sent_index"]
    if not (len(ta) and len(tb)):
        return partner_a, score_a, partner_b, score_b
    vocab, inverse = np.unique(np.concatenate([ta, tb]), return_inverse=True)
    sf = np.bincount(inverse, minlength=len(vocab))
    weight = np.log((na + nb + 1) / sf)
    va, vb = inverse[: len(ta)], inverse[len(ta) :]
    norm_a = np.sqrt(np.bincount(ia, weights=weight[va], minlength=na))
    norm_b = np.sqrt(np.bincount(ib, weights=weight[vb], minlength=nb))
    shared = np.intersect1d(va, vb)
    if not len(shared):
        return partner_a, score_a, partner_b, score_b
    col = np.full(len(vocab), -1, dtype=np.int64)
    col[shared] = np.arange(len(shared))
    ka, kb = col[va] >= 0, col[vb] >= 0
    inc_a = np.zeros((na, len(shared)))
    inc_a[ia[ka], col[va[ka]]] = 1.0
    inc_b = np.zeros((nb, len(shared)))
    inc_b[ib[kb], col[vb[kb]]] = 1.0
    counts = inc_a @ inc_b.T
    mass = (inc_a * weight[shared]) @ inc_b.T
    with np.errstate(divide="ignore", invalid="ignore"):
        sim = mass / np.outer(norm_a, norm_b)
    sim[(counts < min_overlap) | ~np.isfinite(sim)] = 0.0
    i_idx, j_idx = np.nonzero(sim > 0)
    if not len(i_idx):
        return partner_a, score_a, partner_b, score_b
    values = sim[i_idx, j_idx]
    order = np.lexsort((j_idx, i_idx, -values))
    for i, j, v in zip(i_idx[order].tolist(), j_idx[order].tolist(), values[order].tolist()):
        if partner_a[i] < 0 and partner_b[j] < 0:
            partner_a[i], partner_b[j] = j, i
            score_a[i], score_b[j] = v, v
    return partner_a, score_a, partner_b, score_b


def coverage(f: dict[str, Any], scores: np.ndarray, threshold: float) -> tuple[float, float]:
    """``(hard, soft)`` coverage: term-weighted share of sentences aligned, and mean best score."""
    weights = np.bincount(f["sent_index"], minlength=len(f["sentences"])).astype(float)
    total = weights.sum()
    if total == 0:
        return 0.0, 0.0
    return float(weights[scores >= threshold].sum() / total), float((weights * scores).sum() / total)


def passages(fa, fb, partner_a, score_a, threshold: float, limit: int) -> np.ndarray:
    """Aligned sentence pairs, strongest first: rows ``(a_start, a_end, b_start, b_end, score)``.

    Offsets are into both cleaned texts. A compact array rather than a list of
    objects: a scan holds the evidence of every compared pair at once.
    Attribution turns the rows of the relations it keeps into objects.
    """
    keep = np.flatnonzero(score_a >= threshold)
    order = keep[np.lexsort((keep, -score_a[keep]))][:limit]
    sa, sb = fa["sentences"], fb["sentences"]
    out = np.empty((len(order), 5))
    if len(order):
        out[:, 0:2] = sa[order]
        out[:, 2:4] = sb[partner_a[order]]
        out[:, 4] = np.round(score_a[order], 3)
    return out


@hookimpl
def provenance_compare(a, b, config):
    """Jaccard, containment both ways, coverage both ways and the aligned passages.

    Pairs with less verbatim word-trigram reuse than ``min_trigram_containment``
    either way skip the sentence alignment: no copy, paraphrase or summary seen
    in the development corpora reuses so little (docs/accuracy.md), and the
    alignment is the costly part of a comparison.
    """
    conf = config.get("compare", {})
    threshold = float(conf.get("align_threshold", 0.4))
    fa, fb = a.features, b.features
    five = overlap(fa["shingles"], fb["shingles"])
    tri = overlap(fa["small_shingles"], fb["small_shingles"])
    tri_ab, tri_ba = tri["ab"], tri["ba"]
    evidence = {
        "same_text": fa["norm_hash"] == fb["norm_hash"] and fa["n_words"] > 0,
        "jaccard": round(signature_jaccard(fa["signature"], fb["signature"]), 4),
        "jaccard_exact": round(five["jaccard"], 4),
        "containment_ab": round(five["ab"], 4),
        "containment_ba": round(five["ba"], 4),
        "trigram_containment_ab": round(tri_ab, 4),
        "trigram_containment_ba": round(tri_ba, 4),
    }
    if max(tri_ab, tri_ba) < float(conf.get("min_trigram_containment", 0.0)) and not evidence["same_text"]:
        evidence.update(
            coverage_ab=0.0, coverage_ba=0.0, soft_coverage_ab=0.0, soft_coverage_ba=0.0,
            aligned_sentences=0, passages=np.empty((0, 5)), aligned=False,
        )
        return evidence
    partner_a, score_a, partner_b, score_b = best_matches(fa, fb, int(conf.get("min_overlap", 3)))
    cov_ab, soft_ab = coverage(fa, score_a, threshold)
    cov_ba, soft_ba = coverage(fb, score_b, threshold)
    evidence.update(
        coverage_ab=round(cov_ab, 4),
        coverage_ba=round(cov_ba, 4),
        soft_coverage_ab=round(soft_ab, 4),
        soft_coverage_ba=round(soft_ba, 4),
        aligned_sentences=int((score_a >= threshold).sum()),
        passages=passages(fa, fb, partner_a, score_a, threshold, int(conf.get("max_passages", 50))),
    )
    return evidence
