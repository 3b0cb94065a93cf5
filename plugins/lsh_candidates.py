"""Candidate plugin: MinHashLSH (datasketch) over the word n-gram signatures.

Finds verbatim copies, copies wrapped in other furniture and lightly edited
copies: every pair whose estimated Jaccard is likely above the threshold.
"""

from __future__ import annotations

from datasketch import LeanMinHash, MinHashLSH

from provenance.hookspecs import hookimpl
from provenance.store import feature_columns


@hookimpl
def provenance_candidates(documents, config):
    """Index every signature once, then query each: pairs sharing an LSH band."""
    conf = config.get("candidates", {}).get("lsh", {})
    seed = int(config.get("shingles", {}).get("seed", 1))
    ids, (signatures,) = feature_columns(documents, "signature")
    if len(ids) < 2:
        return []
    num_perm = len(signatures[0])
    lsh = MinHashLSH(threshold=float(conf.get("threshold", 0.3)), num_perm=num_perm)
    sketches = {}
    with lsh.insertion_session() as session:
        for i, sig in enumerate(signatures):
            m = LeanMinHash(seed=seed, hashvalues=sig, scheme="affine32")
            sketches[i] = m
            session.insert(i, m, check_duplication=False)
    pairs = []
    for i, doc_id in enumerate(ids):
        for j in lsh.query(sketches[i]):
            if j > i:
                pairs.append((doc_id, ids[j]))
    return pairs
