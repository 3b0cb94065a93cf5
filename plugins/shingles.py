"""Fingerprint plugin: word n-gram MinHash signatures and per-sentence content terms.

The signature (over word 5-grams by default) finds verbatim and near-verbatim
copies; the sentence stems are what the passage aligner compares, so they are
computed once per document here rather than once per candidate pair.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import xxhash

from provenance.hookspecs import hookimpl
from provenance.text import STOPWORDS, sentences, stem, words

from .minhash import ngram_hashes, signatures, word_hashes

_SPACE = re.compile(r"\s+")


def normalized_hash(text: str) -> str:
    """Hash of the text with case and white space folded: equal for exact duplicates."""
    return xxhash.xxh64_hexdigest(_SPACE.sub(" ", text).strip().casefold().encode("utf-8"))


_term_cache: dict[str, int] = {}


def term_hash(word: str) -> int:
    """xxh32 of the Snowball stem of a lower-case word (cached: vocabularies repeat)."""
    h = _term_cache.get(word)
    if h is None:
        h = xxhash.xxh32_intdigest(stem(word).encode("utf-8"))
        if len(_term_cache) < 2_000_000:
            _term_cache[word] = h
    return h


def sentence_terms(sentence_words: list[list[str]]) -> tuple[np.ndarray, np.ndarray]:
    """Content-stem hashes per sentence, each once: ``(sentence_index, term)``.

    Figures are terms too: a rare figure shared by two documents is strong
    evidence of copying, and common ones (years) weigh little by their
    document frequency.
    """
    index: list[int] = []
    terms: list[int] = []
    for k, ws in enumerate(sentence_words):
        seen = sorted({term_hash(w) for w in ws if w not in STOPWORDS and (len(w) > 1 or w.isdigit())})
        index.extend([k] * len(seen))
        terms.extend(seen)
    return np.array(index, dtype=_small_int(len(sentence_words))), np.array(terms, dtype=np.uint32)


def _small_int(largest: int) -> type:
    """The narrowest integer type for counts and indexes up to ``largest`` (memory, not speed)."""
    return np.uint16 if largest < 2**16 else np.int32


def document_features(text: str, conf: dict[str, Any]) -> dict[str, Any]:
    """Everything but the signatures, for one cleaned text.

    ``sent_index``/``sent_terms`` give the content stems (as hashes) of each
    sentence; ``terms``/``term_counts`` the number of sentences each term
    occurs in, for candidate search. All numpy arrays: lean to keep and to
    ship to worker processes.
    """
    sents = sentences(text)
    sentence_words = [words(s.text) for s in sents]
    index, terms = sentence_terms(sentence_words)
    min_words = int(conf.get("sentence_hash_min_words", 6))
    sentence_hashes = sorted(
        {xxhash.xxh64_intdigest(" ".join(ws).encode("utf-8")) for ws in sentence_words if len(ws) >= min_words}
    )
    doc_terms, counts = np.unique(terms, return_counts=True)
    return {
        "norm_hash": normalized_hash(text),
        "sentences": np.array([(s.start, s.end) for s in sents], dtype=np.int32).reshape(-1, 2),
        "sent_index": index,
        "sent_terms": terms,
        "sentence_hashes": np.array(sentence_hashes, dtype=np.uint64),
        "terms": doc_terms,
        "term_counts": counts.astype(_small_int(len(sents))),
        "n_words": sum(len(ws) for ws in sentence_words),
        "_words": [w for ws in sentence_words for w in ws],  # taken by provenance_fingerprint, not kept
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
    token_hashes = [word_hashes(f.pop("_words")) for f in feats]
    shingle_sets = [ngram_hashes(th, n) for th in token_hashes]
    sigs = signatures(shingle_sets, num_perm, seed)
    for f, th, s, sig in zip(feats, token_hashes, shingle_sets, sigs):
        f["shingles"] = s
        f["small_shingles"] = ngram_hashes(th, small)
        f["signature"] = sig
    return feats
