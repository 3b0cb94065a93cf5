"""Score a lineage JSONL file against a truth file (``provenance eval``).

The truth says, for each document id, its true parent (or ``null``), whether it
is an AI rewrite, and optionally a ``kind`` (how it was made). Scoring compares
the directed derivation edges of the lineage with the true ones and ranks the
documents' AI-rewrite scores against the AI labels (ROC AUC).

Example:
    >>> result = evaluate(read_lineage("lineage.jsonl"), load_truth("truth.json"))
    >>> print(format_report(result))
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any, Iterable

import orjson

__all__ = [
    "DIRECTED_KINDS",
    "INDEPENDENT_KINDS",
    "evaluate",
    "format_report",
    "load_truth",
    "read_lineage",
    "roc_auc",
    "validate_truth",
]

DIRECTED_KINDS = frozenset({"exact_duplicate", "near_duplicate", "derived"})
"""Relation kinds that count as a predicted (parent, child) edge."""

INDEPENDENT_KINDS = frozenset({"non", "independent", "original", "orig"})
"""Truth kinds of documents made without a source; any predicted parent is a false positive."""

REPORT_LIST_LIMIT = 20

Edge = tuple[str, str]


def read_lineage(path: str | Path) -> list[dict[str, Any]]:
    """Read a lineage JSONL file into a list of records, skipping blank lines.

    Raises:
        FileNotFoundError: ``path`` does not exist.
        ValueError: a line is not valid JSON or not a JSON object; the message
            names the file and the 1-based line number.
    """
    p = Path(path)
    records: list[dict[str, Any]] = []
    with p.open("rb") as f:
        for number, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                record = orjson.loads(line)
            except orjson.JSONDecodeError as exc:
                raise ValueError(f"{p}: line {number}: invalid JSON: {exc}") from exc
            if not isinstance(record, dict):
                raise ValueError(f"{p}: line {number}: expected a JSON object, got {type(record).__name__}")
            records.append(record)
    return records


def load_truth(path: str | Path) -> dict[str, dict[str, Any]]:
    """Read and validate a truth file ``{"<id>": {"parent": "<id>" | null, "ai": bool, ...}}``.

    Raises:
        FileNotFoundError: ``path`` does not exist.
        ValueError: the file is not JSON or does not follow the format (see :func:`validate_truth`).
    """
    p = Path(path)
    try:
        data = orjson.loads(p.read_bytes())
    except orjson.JSONDecodeError as exc:
        raise ValueError(f"{p}: invalid JSON: {exc}") from exc
    return validate_truth(data, source=str(p))


def validate_truth(data: Any, source: str = "truth") -> dict[str, dict[str, Any]]:
    """Check a parsed truth mapping and return it unchanged.

    Every entry needs ``parent`` (an id of the truth, not itself, or ``None``);
    ``ai`` is optional but must be a bool; ``kind`` is optional but must be a string.

    Raises:
        ValueError: the first problem found, naming the entry and the fix.
    """
    if not isinstance(data, dict):
        raise ValueError(f'{source}: expected an object {{"<id>": {{"parent": ..., "ai": ...}}}}, got {type(data).__name__}')
    for doc_id, entry in data.items():
        where = f"{source}: entry {doc_id!r}"
        if not isinstance(entry, dict):
            raise ValueError(f"{where}: expected an object with 'parent' and 'ai', got {type(entry).__name__}")
        if "parent" not in entry:
            raise ValueError(f"{where}: missing 'parent' (use null for a document without a parent)")
        parent = entry["parent"]
        if parent is not None:
            if not isinstance(parent, str):
                raise ValueError(f"{where}: 'parent' must be a document id or null, got {parent!r}")
            if parent == doc_id:
                raise ValueError(f"{where}: a document cannot be its own parent")
            if parent not in data:
                raise ValueError(f"{where}: parent {parent!r} is not an id of the truth file")
        if "ai" in entry and not isinstance(entry["ai"], bool):
            raise ValueError(f"{where}: 'ai' must be true or false, got {entry['ai']!r}")
        if "kind" in entry and not isinstance(entry["kind"], str):
            raise ValueError(f"{where}: 'kind' must be a string, got {entry['kind']!r}")
    return data


def roc_auc(scores: list[float], labels: list[bool]) -> float | None:
    """ROC AUC by the Mann-Whitney U statistic; tied scores count one half.

    Returns:
        The probability that a random positive scores above a random negative,
        or ``None`` when only one class is present.

    Raises:
        ValueError: ``scores`` and ``labels`` differ in length.
    """
    if len(scores) != len(labels):
        raise ValueError(f"scores and labels must have the same length ({len(scores)} != {len(labels)})")
    n_pos = sum(1 for label in labels if label)
    n_neg = len(labels) - n_pos
    if n_pos == 0 or n_neg == 0:
        return None
    order = sorted(range(len(scores)), key=lambda i: scores[i])
    rank_sum_pos = 0.0
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and scores[order[j + 1]] == scores[order[i]]:
            j += 1
        average_rank = (i + j) / 2 + 1  # ranks are 1-based; ties share their mean rank
        rank_sum_pos += average_rank * sum(1 for k in order[i : j + 1] if labels[k])
        i = j + 1
    u = rank_sum_pos - n_pos * (n_pos + 1) / 2
    return u / (n_pos * n_neg)


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def _edge_list(edges: Iterable[Edge]) -> list[list[str]]:
    return [list(e) for e in sorted(edges)]


def _predicted_edges(records: list[dict[str, Any]]) -> dict[Edge, set[str]]:
    """Every directed relation as (parent, child) with the relation kinds that named it."""
    edges: dict[Edge, set[str]] = defaultdict(set)
    for number, record in enumerate(records, start=1):
        if record.get("type") != "relation" or record.get("kind") not in DIRECTED_KINDS:
            continue
        parent, child = record.get("parent"), record.get("child")
        if not isinstance(parent, str) or not isinstance(child, str):
            raise ValueError(f"record {number}: {record['kind']} relation needs string 'parent' and 'child'")
        edges[(parent, child)].add(record["kind"])
    return edges


def _lineage_ids(records: list[dict[str, Any]]) -> set[str]:
    ids: set[str] = set()
    for record in records:
        kind = record.get("type")
        if kind == "document" and isinstance(record.get("id"), str):
            ids.add(record["id"])
        elif kind == "relation":
            ids.update(x for x in (record.get("parent"), record.get("child")) if isinstance(x, str))
            ids.update(x for x in record.get("members") or () if isinstance(x, str))
    return ids


def _ai_scores(records: list[dict[str, Any]], truth: dict[str, dict[str, Any]], scored: set[str]) -> dict[str, Any]:
    scores: list[float] = []
    labels: list[bool] = []
    flagged = {"tp": 0, "fp": 0, "fn": 0}
    for record in records:
        doc_id = record.get("id")
        ai = record.get("ai_rewrite")
        if record.get("type") != "document" or doc_id not in scored or not isinstance(ai, dict):
            continue
        label = truth[doc_id].get("ai")
        if label is None or not isinstance(ai.get("score"), (int, float)):
            continue
        scores.append(float(ai["score"]))
        labels.append(label)
        is_flagged = bool(ai.get("flagged"))
        if is_flagged and label:
            flagged["tp"] += 1
        elif is_flagged:
            flagged["fp"] += 1
        elif label:
            flagged["fn"] += 1
    n_pos = sum(labels)
    return {
        "ai_auc": roc_auc(scores, labels),
        "ai_positives": n_pos,
        "ai_negatives": len(labels) - n_pos,
        "ai_flagged": {
            **flagged,
            "precision": _ratio(flagged["tp"], flagged["tp"] + flagged["fp"]),
            "recall": _ratio(flagged["tp"], flagged["tp"] + flagged["fn"]),
        },
    }


def _by_kind(
    truth: dict[str, dict[str, Any]], scored: set[str], predicted: set[Edge], true_edges: set[Edge]
) -> tuple[dict[str, dict[str, Any]] | None, float | None]:
    """Recall per truth kind, and how often parentless documents of each kind got a parent."""
    if not any("kind" in truth[i] for i in scored):
        return None, None
    children = {child for _, child in predicted}
    rows: dict[str, dict[str, Any]] = {}
    for doc_id in sorted(scored):
        entry = truth[doc_id]
        kind = entry.get("kind", "(none)")
        row = rows.setdefault(
            kind,
            {"documents": 0, "edges": 0, "found": 0, "reversed": 0, "no_parent": 0, "got_parent": 0,
             "independent": kind in INDEPENDENT_KINDS},
        )
        row["documents"] += 1
        parent = entry["parent"]
        if parent is not None and (parent, doc_id) in true_edges:
            row["edges"] += 1
            row["found"] += (parent, doc_id) in predicted
            row["reversed"] += (doc_id, parent) in predicted
        elif parent is None:
            row["no_parent"] += 1
            row["got_parent"] += doc_id in children
    for row in rows.values():
        row["recall"] = _ratio(row["found"], row["edges"])
        row["fp_rate"] = _ratio(row["got_parent"], row["no_parent"])
    independent = [r for r in rows.values() if r["independent"]]
    independent_fp_rate = _ratio(sum(r["got_parent"] for r in independent), sum(r["no_parent"] for r in independent))
    return rows, independent_fp_rate


def evaluate(records: Iterable[dict[str, Any]], truth: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Score lineage records against the truth.

    Only ids found both in the lineage (documents or relations) and in the truth
    are scored; the others are listed in ``unknown_ids`` (lineage only) and
    ``missing_ids`` (truth only). A predicted edge is a relation of a directed
    kind as (parent, child); a true edge is (truth parent, id).

    Args:
        records: Parsed lineage lines (see :func:`read_lineage`); ``error`` and
            ``summary`` records are ignored.
        truth: A truth mapping (see :func:`load_truth`); validated again here.

    Returns:
        A JSON-serializable dict: ``precision``/``recall``/``f1`` (``None`` when
        undefined), ``tp``/``fp``/``fn``, ``fp_edges``/``fn_edges``/``reversed``
        (lists of ``[parent, child]``), ``orphans_given_parent``, ``ai_auc`` and
        ``ai_flagged``, ``by_kind`` (``None`` without truth kinds),
        ``independent_fp_rate``, ``by_relation_kind``, ``unknown_ids``, ``missing_ids``.

    Raises:
        ValueError: the truth is malformed, or a directed relation lacks parent or child.
    """
    records = list(records)
    validate_truth(truth)
    lineage_ids = _lineage_ids(records)
    scored = lineage_ids & truth.keys()

    predicted_kinds = {
        edge: kinds for edge, kinds in _predicted_edges(records).items() if edge[0] in scored and edge[1] in scored
    }
    predicted = set(predicted_kinds)
    true_edges = {
        (truth[c]["parent"], c) for c in scored if truth[c]["parent"] is not None and truth[c]["parent"] in scored
    }
    tp_edges, fp_edges, fn_edges = predicted & true_edges, predicted - true_edges, true_edges - predicted
    tp, fp, fn = len(tp_edges), len(fp_edges), len(fn_edges)

    children = {child for _, child in predicted}
    parentless = sorted(c for c in scored if truth[c]["parent"] is None)
    orphans = [c for c in parentless if c in children]

    by_relation_kind: dict[str, dict[str, Any]] = {}
    for edge, kinds in predicted_kinds.items():
        for kind in kinds:
            row = by_relation_kind.setdefault(kind, {"predicted": 0, "tp": 0})
            row["predicted"] += 1
            row["tp"] += edge in true_edges
    for row in by_relation_kind.values():
        row["precision"] = _ratio(row["tp"], row["predicted"])

    by_kind, independent_fp_rate = _by_kind(truth, scored, predicted, true_edges)
    return {
        "documents": len(scored),
        "true_edges": len(true_edges),
        "predicted_edges": len(predicted),
        "precision": _ratio(tp, tp + fp),
        "recall": _ratio(tp, tp + fn),
        "f1": _ratio(2 * tp, 2 * tp + fp + fn),
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "fp_edges": _edge_list(fp_edges),
        "fn_edges": _edge_list(fn_edges),
        "reversed": _edge_list(e for e in predicted if (e[1], e[0]) in true_edges),
        "orphans_given_parent": {
            "ids": orphans,
            "count": len(orphans),
            "of": len(parentless),
            "rate": _ratio(len(orphans), len(parentless)),
        },
        **_ai_scores(records, truth, scored),
        "by_kind": by_kind,
        "independent_fp_rate": independent_fp_rate,
        "by_relation_kind": dict(sorted(by_relation_kind.items())),
        "unknown_ids": sorted(lineage_ids - truth.keys()),
        "missing_ids": sorted(truth.keys() - lineage_ids),
    }


def _num(value: float | int | None) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, int):
        return str(value)
    return f"{value:.3f}"


def _table(header: list[str], rows: list[list[str]], indent: str = "  ") -> list[str]:
    """Columns padded to their widest cell; the first column left-aligned, the rest right-aligned."""
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        parts = [cells[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(cells[1:], widths[1:])]
        return (indent + "  ".join(parts)).rstrip()

    return [line(header), *(line(r) for r in rows)]


def _edges_section(title: str, edges: list[list[str]]) -> list[str]:
    shown = edges[:REPORT_LIST_LIMIT]
    more = f", first {len(shown)} shown" if len(edges) > len(shown) else ""
    lines = [f"{title} ({len(edges)}{more})"]
    lines += [f"  {parent} -> {child}" for parent, child in shown] or ["  none"]
    return lines


def _ids_line(title: str, ids: list[str]) -> list[str]:
    if not ids:
        return []
    shown = ", ".join(ids[:REPORT_LIST_LIMIT])
    more = f", ... (+{len(ids) - REPORT_LIST_LIMIT})" if len(ids) > REPORT_LIST_LIMIT else ""
    return [f"{title} ({len(ids)}, not scored): {shown}{more}"]


def format_report(result: dict[str, Any]) -> str:
    """Render an :func:`evaluate` result as an aligned plain-text report for the terminal."""
    orphans = result["orphans_given_parent"]
    flagged = result["ai_flagged"]
    summary = [
        ["documents scored", _num(result["documents"]), ""],
        ["true edges", _num(result["true_edges"]), ""],
        ["predicted edges", _num(result["predicted_edges"]), ""],
        ["precision", _num(result["precision"]), f"tp {result['tp']}, fp {result['fp']}"],
        ["recall", _num(result["recall"]), f"fn {result['fn']}"],
        ["f1", _num(result["f1"]), ""],
        ["reversed", _num(len(result["reversed"])), "predicted edges whose reverse is true"],
        ["orphans given parent", _num(orphans["rate"]), f"{orphans['count']} of {orphans['of']} parentless documents"],
        ["independent fp rate", _num(result["independent_fp_rate"]), "independent kinds that got a parent"],
        ["ai auc", _num(result["ai_auc"]), f"{result['ai_positives']} ai, {result['ai_negatives']} not ai"],
        ["ai flagged precision", _num(flagged["precision"]), f"tp {flagged['tp']}, fp {flagged['fp']}"],
        ["ai flagged recall", _num(flagged["recall"]), f"fn {flagged['fn']}"],
    ]
    width = max(len(r[0]) for r in summary)
    vwidth = max(len(r[1]) for r in summary)
    lines = ["Derivation edges"]
    lines += [f"  {name.ljust(width)}  {value.rjust(vwidth)}  {note}".rstrip() for name, value, note in summary]

    if result["by_relation_kind"]:
        lines += ["", "By predicted relation kind"]
        rows = [[k, _num(r["predicted"]), _num(r["tp"]), _num(r["precision"])] for k, r in result["by_relation_kind"].items()]
        lines += _table(["kind", "predicted", "tp", "precision"], rows)

    if result["by_kind"]:
        lines += ["", "By truth kind"]
        rows = [
            [
                kind + (" *" if r["independent"] else ""),
                _num(r["documents"]), _num(r["edges"]), _num(r["found"]), _num(r["recall"]),
                _num(r["reversed"]), _num(r["no_parent"]), _num(r["got_parent"]), _num(r["fp_rate"]),
            ]
            for kind, r in sorted(result["by_kind"].items())
        ]
        header = ["kind", "docs", "edges", "found", "recall", "reversed", "no parent", "got parent", "fp rate"]
        lines += _table(header, rows)
        lines.append("  (* independent kind: any parent is a false positive)")

    lines += ["", *_edges_section("False positive edges", result["fp_edges"])]
    lines += ["", *_edges_section("False negative edges", result["fn_edges"])]
    if result["reversed"]:
        lines += ["", *_edges_section("Reversed edges", result["reversed"])]
    extra = _ids_line("Unknown ids", result["unknown_ids"]) + _ids_line("Missing ids", result["missing_ids"])
    if extra:
        lines += ["", *extra]
    return "\n".join(lines) + "\n"
