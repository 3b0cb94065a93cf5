"""Terminal rendering of a lineage: each family as a tree from its original."""

from __future__ import annotations

from collections import defaultdict

from .records import Lineage
from .store import document_ids


def tree_lines(lineage: Lineage, max_unrelated: int | None = 100) -> list[str]:
    """Families as indented trees (relation kind, score, AI score), then unrelated documents.

    Only the first ``max_unrelated`` unrelated documents are listed (``None``: all),
    so a large scan's tree stays readable.
    """
    kids: dict[str, list[tuple[str, str, float]]] = defaultdict(list)
    for rel in lineage.relations:
        if rel.kind != "sibling":
            kids[rel.parent].append((rel.child, rel.kind, rel.score))
    siblings = [r.members for r in lineage.relations if r.kind == "sibling"]
    ids = sorted(document_ids(lineage.documents))
    has_parent = {c for cs in kids.values() for c, _, _ in cs}

    def ai(doc_id: str) -> str:
        a = lineage.ai.get(doc_id)
        if a is None:
            return ""
        return f"ai {a.score:.2f}" + (" FLAGGED" if a.flagged else "")

    lines: list[str] = []

    def walk(doc_id: str, prefix: str, seen: set[str]) -> None:
        children = sorted(kids.get(doc_id, []))
        for n, (child, kind, score) in enumerate(children):
            last = n == len(children) - 1
            lines.append(f"{prefix}{'└── ' if last else '├── '}{child}  [{kind} {score:.2f}, {ai(child)}]")
            if child not in seen:
                seen.add(child)
                walk(child, prefix + ("    " if last else "│   "), seen)

    roots = [i for i in ids if i in kids and i not in has_parent]
    for root in roots:
        lines.append(f"{root}  [original, {ai(root)}]")
        walk(root, "", {root})
    for a, b in siblings:
        lines.append(f"  siblings: {a} ~ {b}")
    alone = [i for i in ids if i not in kids and i not in has_parent]
    if alone:
        lines.append("unrelated:")
        shown = alone if max_unrelated is None else alone[:max_unrelated]
        lines.extend(f"  {i}  [{ai(i)}]" for i in shown)
        if len(shown) < len(alone):
            lines.append(f"  ... and {len(alone) - len(shown)} more (all are in the lineage file)")
    return lines
