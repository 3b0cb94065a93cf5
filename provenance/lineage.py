"""The lineage JSONL: serialization of a :class:`Lineage`, one record per line (orjson)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import orjson

from .records import Lineage
from .store import RelationStore, document_ids, relation_key


def document_records(lineage: Lineage) -> Iterator[dict[str, Any]]:
    """One ``document`` record per document, in id order."""
    docs = lineage.documents
    ids = document_ids(docs)
    for k in sorted(range(len(ids)), key=ids.__getitem__):
        doc = docs[k]
        ai = lineage.ai.get(doc.id)
        rec: dict[str, Any] = {
            "type": "document",
            "id": doc.id,
            "sha256": doc.sha256,
            "role": lineage.roles.get(doc.id, "original"),
            "parents": lineage.parents.get(doc.id, []),
            "ai_rewrite": {
                "score": ai.score if ai else 0.0,
                "flagged": ai.flagged if ai else False,
                "reasons": ai.reasons if ai else [],
                "signals": [{"name": s.name, "weight": s.weight, "reason": s.reason} for s in ai.signals] if ai else [],
            },
            "boilerplate": [{"rule": s.rule, "start": s.start, "end": s.end, "text": s.text} for s in doc.boilerplate],
            "encoding": doc.encoding,
            "chars": len(doc.text),
        }
        if doc.meta:
            rec["meta"] = doc.meta
        yield rec


def relation_records(lineage: Lineage) -> Iterator[dict[str, Any]]:
    """One ``relation`` record per relation: directed ones first, then siblings."""
    rels = lineage.relations
    keys = rels.keys if isinstance(rels, RelationStore) else [relation_key(r) for r in rels]
    for k in sorted(range(len(keys)), key=keys.__getitem__):
        rel = rels[k]
        rec: dict[str, Any] = {"type": "relation", "kind": rel.kind}
        if rel.kind == "sibling":
            rec["members"] = rel.members
        else:
            rec["parent"] = rel.parent
            rec["child"] = rel.child
        rec["score"] = rel.score
        rec["evidence"] = rel.evidence
        yield rec


def records(lineage: Lineage) -> Iterator[dict[str, Any]]:
    """Every record of the lineage file: documents, relations, errors, then a summary.

    Nothing depends on timing or worker count: the same inputs and configuration
    give the same bytes.
    """
    yield from document_records(lineage)
    yield from relation_records(lineage)
    for err in lineage.errors:
        yield {"type": "error", "source": err.source, "message": err.message}
    yield {
        "type": "summary",
        "documents": len(lineage.documents),
        "relations": len(lineage.relations),
        "errors": len(lineage.errors),
    }


def write(lineage: Lineage, out: IO[bytes] | str | Path) -> None:
    """Write the lineage as JSONL to a binary stream or a path."""
    if isinstance(out, (str, Path)):
        with open(out, "wb") as fh:
            write(lineage, fh)
        return
    for rec in records(lineage):
        out.write(orjson.dumps(rec, option=orjson.OPT_SERIALIZE_NUMPY) + b"\n")
