"""Our vectorized MinHash equals datasketch's affine32 MinHash, and datasketch indexes it."""

from __future__ import annotations

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from provenance_plugins.minhash import jaccard, ngram_hashes, signatures, word_hashes


def test_signature_is_bit_for_bit_datasketch():
    rng = np.random.default_rng(0)
    sets = [np.unique(rng.integers(0, 2**32, size=n, dtype=np.uint64).astype(np.uint32)) for n in (1, 7, 300, 5000)]
    sigs = signatures(sets, num_perm=128, seed=3, chunk=1000)
    for s, sig in zip(sets, sigs):
        m = MinHash(num_perm=128, seed=3, hashfunc=lambda v: v, scheme="affine32")
        m.update_batch([int(x) for x in s])
        assert np.array_equal(m.hashvalues, sig)


def test_empty_set_is_all_max():
    sig = signatures([np.array([], dtype=np.uint32)], 16)
    assert (sig == np.uint32(0xFFFFFFFF)).all()


def test_lsh_indexes_our_signatures():
    words = "the quick brown fox jumps over the lazy dog near the river bank today".split()
    a = ngram_hashes(word_hashes(words), 3)
    b = ngram_hashes(word_hashes(words[:-1] + ["tomorrow"]), 3)
    c = ngram_hashes(word_hashes("completely different words make another set of shingles entirely".split()), 3)
    sigs = signatures([a, b, c], 128, seed=1)
    lsh = MinHashLSH(threshold=0.5, num_perm=128)
    for i, sig in enumerate(sigs):
        lsh.insert(i, LeanMinHash(seed=1, hashvalues=sig, scheme="affine32"))
    found = lsh.query(LeanMinHash(seed=1, hashvalues=sigs[0], scheme="affine32"))
    assert 1 in found and 2 not in found
    assert jaccard(sigs[0], sigs[1]) > 0.6 > jaccard(sigs[0], sigs[2])


def test_ngrams_of_short_text_and_order_sensitivity():
    h = word_hashes(["one", "two"])
    assert len(ngram_hashes(h, 5)) == 1
    x = ngram_hashes(word_hashes("a b c d e".split()), 5)
    y = ngram_hashes(word_hashes("e d c b a".split()), 5)
    assert not np.array_equal(x, y)
