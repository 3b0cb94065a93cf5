"""Compare plugin: sentence alignment, containment and Jaccard for a candidate pair.

Paraphrases keep a sentence's content words while changing its wording, so
each sentence of one document is matched to its most similar sentence of the
other by overlap of content stems. The matched sentences are the aligned
passages; the share of a document's content that is matched is its coverage.
Word n-gram containment and Jaccard measure verbatim reuse on top.
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Any

import numpy as np

from provenance.hookspecs import hookimpl

from .minhash import jaccard as signature_jaccard
from .shingles import exact_jaccard


def containment(a: np.ndarray, b: np.ndarray) -> float:
    """Share of the distinct shingles of ``a`` that also occur in ``b``."""
    if len(a) == 0:
        return 0.0
    return len(np.intersect1d(a, b, assume_unique=True)) / len(a)


def stem_weights(setsa: list[set[str]], setsb: list[set[str]]) -> dict[str, float]:
    """Inverse sentence frequency of each stem over the sentences of both documents.

    Words of the shared topic (names in the headline, the subject itself) recur
    in many sentences of both texts and weigh little; the details a rewrite
    carries over from one sentence of its source appear in about two sentences
    and weigh most. Computed from the pair alone, so no corpus statistics.
    """
    sf: dict[str, int] = defaultdict(int)
    for s in setsa:
        for t in s:
            sf[t] += 1
    for s in setsb:
        for t in s:
            sf[t] += 1
    n = len(setsa) + len(setsb)
    return {t: math.log((n + 1) / c) for t, c in sf.items()}


def best_matches(sa: list[list[str]], sb: list[list[str]], min_overlap: int) -> tuple[list, list]:
    """A one-to-one alignment of the sentences of ``sa`` and ``sb``.

    Similarity is the weighted cosine of the two stem sets (weights from
    :func:`stem_weights`); pairs sharing fewer than ``min_overlap`` stems score
    0. The strongest pairs are taken first and each sentence is used once, so
    one generic sentence cannot stand in for many. Returns two lists of
    ``(partner_index, score)`` (index -1 and score 0 for an unaligned sentence).
    """
    setsa = [set(s) for s in sa]
    setsb = [set(s) for s in sb]
    weight = stem_weights(setsa, setsb)
    norm_a = [math.sqrt(sum(weight[t] for t in s)) for s in setsa]
    norm_b = [math.sqrt(sum(weight[t] for t in s)) for s in setsb]
    index: dict[str, list[int]] = defaultdict(list)
    for j, s in enumerate(setsb):
        for t in s:
            index[t].append(j)
    scored = []
    for i, s in enumerate(setsa):
        if not s or not norm_a[i]:
            continue
        counts: dict[int, int] = defaultdict(int)
        mass: dict[int, float] = defaultdict(float)
        for t in s:
            w = weight[t]
            for j in index.get(t, ()):
                counts[j] += 1
                mass[j] += w
        for j, c in counts.items():
            if c >= min_overlap and norm_b[j]:
                scored.append((mass[j] / (norm_a[i] * norm_b[j]), i, j))
    scored.sort(key=lambda x: (-x[0], x[1], x[2]))
    best_a = [(-1, 0.0)] * len(setsa)
    best_b = [(-1, 0.0)] * len(setsb)
    for score, i, j in scored:
        if best_a[i][0] < 0 and best_b[j][0] < 0:
            best_a[i] = (j, score)
            best_b[j] = (i, score)
    return best_a, best_b


def coverage(stems: list[list[str]], best: list[tuple[int, float]], threshold: float) -> tuple[float, float]:
    """``(hard, soft)`` coverage: stem-weighted share of sentences aligned, and mean best score."""
    weights = [len(set(s)) for s in stems]
    total = sum(weights)
    if total == 0:
        return 0.0, 0.0
    hard = sum(w for w, (_, sc) in zip(weights, best) if sc >= threshold) / total
    soft = sum(w * sc for w, (_, sc) in zip(weights, best)) / total
    return hard, soft


def passages(a, b, best_a, best_b, threshold: float, limit: int) -> list[dict[str, Any]]:
    """Aligned sentence pairs, strongest first, with offsets into both cleaned texts."""
    pairs = {(i, j): sc for i, (j, sc) in enumerate(best_a) if sc >= threshold}
    sa, sb = a.features["sentences"], b.features["sentences"]
    out = [
        {"a": list(sa[i]), "b": list(sb[j]), "score": round(sc, 3)}
        for (i, j), sc in sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    return out[:limit]


@hookimpl
def provenance_compare(a, b, config):
    """Jaccard, containment both ways, coverage both ways and the aligned passages."""
    conf = config.get("compare", {})
    threshold = float(conf.get("align_threshold", 0.4))
    fa, fb = a.features, b.features
    best_a, best_b = best_matches(fa["sent_stems"], fb["sent_stems"], int(conf.get("min_overlap", 3)))
    cov_ab, soft_ab = coverage(fa["sent_stems"], best_a, threshold)
    cov_ba, soft_ba = coverage(fb["sent_stems"], best_b, threshold)
    return {
        "same_text": fa["norm_hash"] == fb["norm_hash"],
        "jaccard": round(signature_jaccard(fa["signature"], fb["signature"]), 4),
        "jaccard_exact": round(exact_jaccard(fa["shingles"], fb["shingles"]), 4),
        "containment_ab": round(containment(fa["shingles"], fb["shingles"]), 4),
        "containment_ba": round(containment(fb["shingles"], fa["shingles"]), 4),
        "trigram_containment_ab": round(containment(fa["small_shingles"], fb["small_shingles"]), 4),
        "trigram_containment_ba": round(containment(fb["small_shingles"], fa["small_shingles"]), 4),
        "coverage_ab": round(cov_ab, 4),
        "coverage_ba": round(cov_ba, 4),
        "soft_coverage_ab": round(soft_ab, 4),
        "soft_coverage_ba": round(soft_ba, 4),
        "aligned_sentences": sum(1 for _, sc in best_a if sc >= threshold),
        "passages": passages(a, b, best_a, best_b, threshold, int(conf.get("max_passages", 50))),
    }
