"""Test candidates plugin: documents whose ids share the slug before the first ``_`` are candidates.

(As a site's own "same story" links would be.) Pairs come out larger id first, to check
that the host orders them.
"""

from __future__ import annotations

from collections import defaultdict

from provenance import hookimpl


@hookimpl
def provenance_candidates(documents, config):
    by_slug = defaultdict(list)
    for d in documents:
        by_slug[d.id.split("_", 1)[0]].append(d.id)
    pairs = []
    for ids in by_slug.values():
        ids = sorted(ids, reverse=True)
        pairs += [(x, y) for i, x in enumerate(ids) for y in ids[i + 1 :]]
    pairs += [(d.id, d.id) for d in documents]  # self-pairs: the host drops them
    return pairs
