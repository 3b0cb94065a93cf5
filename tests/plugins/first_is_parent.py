"""Test attribution plugin (``tryfirst``): in each family the smallest id is the parent of all the others."""

from __future__ import annotations

from provenance import Lineage, Relation, hookimpl


@hookimpl(tryfirst=True)
def provenance_attribute(documents, comparisons, ai, config):
    ids = sorted(d.id for d in documents)
    root, children = ids[0], ids[1:]
    relations = [
        Relation("derived", 1.0, evidence={"decided_by": "first_is_parent"}, parent=root, child=c) for c in children
    ]
    return Lineage(
        documents=documents,
        relations=relations,
        roles={root: "original", **{c: "derived" for c in children}},
        parents={root: [], **{c: [root] for c in children}},
    )
