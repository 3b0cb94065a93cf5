"""Fingerprint plugin: word n-gram MinHash signatures and per-sentence content stems.

The signature (over word 5-grams by default) finds verbatim and near-verbatim
copies; the sentence stems are what the passage aligner compares, so they are
computed once per document here rather than once per candidate pair.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import numpy as np
import xxhash

from provenance.hookspecs import hookimpl
from provenance.text import content_stems, sentences, words

from .minhash import ngram_hashes, signatures, word_hashes

_SPACE = re.compile(r"\s+")


def normalized_hash(text: str) -> str:
    """Hash of the text with case and white space folded: equal for exact duplicates."""
    return xxhash.xxh64_hexdigest(_SPACE.sub(" ", text).strip().casefold().encode("utf-8"))


def document_features(text: str, conf: dict[str, Any]) -> dict[str, Any]:
    """Everything but the signature, for one cleaned text."""
    sents = sentences(text)
    sent_stems = [content_stems(s.text) for s in sents]
    stems = Counter(st for ss in sent_stems for st in ss)
    return {
        "norm_hash": normalized_hash(text),
        "sentences": [(s.start, s.end) for s in sents],
        "sent_stems": sent_stems,
        "stem_counts": dict(stems),
        "n_words": len(words(text)),
    }


@hookimpl
def provenance_fingerprint(documents, config):
    """Signatures for the batch in one vectorized call; sentence stems per document."""
    conf = config.get("shingles", {})
    n = int(conf.get("ngram", 5))
    num_perm = int(conf.get("num_perm", 128))
    seed = int(conf.get("seed", 1))
    feats = [document_features(d.text, conf) for d in documents]
    small = int(conf.get("small_ngram", 3))
    token_hashes = [word_hashes(words(d.text)) for d in documents]
    shingle_sets = [ngram_hashes(th, n) for th in token_hashes]
    sigs = signatures(shingle_sets, num_perm, seed)
    for f, th, s, sig in zip(feats, token_hashes, shingle_sets, sigs):
        f["shingles"] = s
        f["small_shingles"] = ngram_hashes(th, small)
        f["signature"] = sig
    return feats


def exact_jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Exact Jaccard of two sorted, distinct shingle-hash arrays."""
    if len(a) == 0 and len(b) == 0:
        return 1.0
    inter = len(np.intersect1d(a, b, assume_unique=True))
    return inter / (len(a) + len(b) - inter)
