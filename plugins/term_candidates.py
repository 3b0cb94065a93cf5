"""Candidate plugin: documents that share several of each other's distinctive terms.

Paraphrases and AI rewrites share few word n-grams with their source, but keep
its rare words: names, places, figures, technical terms. Each document's top
terms by tf-idf (document frequency counted over the batch) go into an inverted
index; documents sharing enough of them become candidates, at most a fixed
number per document, so the stage stays linear in the number of documents.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict

from provenance.hookspecs import hookimpl


def top_terms(stem_counts: dict[str, int], df: Counter, n_docs: int, k: int) -> list[str]:
    """The ``k`` stems of highest tf-idf that occur in at least one other document."""
    scored = [
        (tf * math.log((n_docs + 1) / df[t]), t) for t, tf in stem_counts.items() if df[t] >= 2 and not t.isdigit()
    ]
    return [t for _, t in heapq.nlargest(k, scored)]


@hookimpl
def provenance_candidates(documents, config):
    """Pairs sharing at least ``min_shared`` top terms; the best ``per_doc`` per document."""
    conf = config.get("candidates", {}).get("terms", {})
    k = int(conf.get("top_terms", 30))
    min_shared = int(conf.get("min_shared", 5))
    per_doc = int(conf.get("per_doc", 20))
    max_postings = int(conf.get("max_postings", 2000))
    docs = [d for d in documents if "stem_counts" in d.features]
    df: Counter = Counter()
    for d in docs:
        df.update(d.features["stem_counts"].keys())
    tops = [top_terms(d.features["stem_counts"], df, len(docs), k) for d in docs]
    postings: dict[str, list[int]] = defaultdict(list)
    for i, terms in enumerate(tops):
        for t in terms:
            postings[t].append(i)
    pairs = []
    for i, terms in enumerate(tops):
        shared: Counter = Counter()
        for t in terms:
            plist = postings[t]
            if len(plist) > max_postings:
                continue
            shared.update(plist)
        shared.pop(i, None)
        best = heapq.nlargest(per_doc, ((c, j) for j, c in shared.items() if c >= min_shared))
        pairs.extend((docs[i].id, docs[j].id) for _, j in best)
    return pairs
