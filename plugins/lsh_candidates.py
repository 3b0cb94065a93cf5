"""Candidate plugin: MinHashLSH (datasketch) over the word n-gram signatures.

Finds verbatim copies, copies wrapped in other furniture and lightly edited
copies: every pair whose estimated Jaccard is likely above the threshold.
"""

from __future__ import annotations

from datasketch import LeanMinHash, MinHashLSH

from provenance.hookspecs import hookimpl


@hookimpl
def provenance_candidates(documents, config):
    """Index every signature once, then query each: pairs sharing an LSH band."""
    conf = config.get("candidates", {}).get("lsh", {})
    seed = int(config.get("shingles", {}).get("seed", 1))
    docs = [d for d in documents if "signature" in d.features]
    if len(docs) < 2:
        return []
    num_perm = len(docs[0].features["signature"])
    lsh = MinHashLSH(threshold=float(conf.get("threshold", 0.3)), num_perm=num_perm)
    sketches = {}
    with lsh.insertion_session() as session:
        for i, d in enumerate(docs):
            m = LeanMinHash(seed=seed, hashvalues=d.features["signature"], scheme="affine32")
            sketches[i] = m
            session.insert(i, m, check_duplication=False)
    pairs = []
    for i, d in enumerate(docs):
        for j in lsh.query(sketches[i]):
            if j > i:
                pairs.append((d.id, docs[j].id))
    return pairs
