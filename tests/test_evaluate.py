"""Tests of provenance.evaluate: edge scoring, orphans, AI AUC, by-kind rates, errors, report."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest

from provenance.evaluate import evaluate, format_report, load_truth, read_lineage, roc_auc

SHA = "0" * 64


def doc(doc_id: str, ai: float = 0.0, flagged: bool = False) -> dict[str, Any]:
    return {
        "type": "document", "id": doc_id, "sha256": SHA, "role": "original", "parents": [],
        "ai_rewrite": {"score": ai, "flagged": flagged, "reasons": []}, "boilerplate": [],
    }


def rel(parent: str, child: str, kind: str = "derived", score: float = 0.8) -> dict[str, Any]:
    return {"type": "relation", "kind": kind, "parent": parent, "child": child, "score": score, "evidence": {}}


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_bytes(b"\n".join(orjson.dumps(r) for r in records) + b"\n")
    return path


def write_json(path: Path, data: Any) -> Path:
    path.write_bytes(orjson.dumps(data))
    return path


# a -> b, a -> c, d independent, e independent
TRUTH = {
    "a": {"parent": None, "ai": False, "kind": "orig"},
    "b": {"parent": "a", "ai": False, "kind": "cut"},
    "c": {"parent": "a", "ai": True, "kind": "heavy"},
    "d": {"parent": None, "ai": False, "kind": "non"},
    "e": {"parent": None, "ai": True, "kind": "non"},
}
DOCS = [doc(i) for i in "abcde"]


def run(tmp_path: Path, records: list[dict[str, Any]], truth: dict[str, Any] = TRUTH) -> dict[str, Any]:
    """Round-trip through files so the readers are exercised too."""
    lineage = read_lineage(write_jsonl(tmp_path / "lineage.jsonl", records))
    return evaluate(lineage, load_truth(write_json(tmp_path / "truth.json", truth)))


def test_perfect(tmp_path: Path) -> None:
    result = run(tmp_path, DOCS + [rel("a", "b", "exact_duplicate"), rel("a", "c")])
    assert (result["precision"], result["recall"], result["f1"]) == (1.0, 1.0, 1.0)
    assert (result["tp"], result["fp"], result["fn"]) == (2, 0, 0)
    assert result["fp_edges"] == [] and result["fn_edges"] == [] and result["reversed"] == []
    assert result["orphans_given_parent"] == {"ids": [], "count": 0, "of": 3, "rate": 0.0}
    assert result["unknown_ids"] == [] and result["missing_ids"] == []
    assert orjson.loads(orjson.dumps(result)) == result  # plain JSON data, for `eval --json`


def test_false_positive(tmp_path: Path) -> None:
    result = run(tmp_path, DOCS + [rel("a", "b"), rel("a", "c"), rel("b", "c", "near_duplicate")])
    assert (result["tp"], result["fp"], result["fn"]) == (2, 1, 0)
    assert result["precision"] == pytest.approx(2 / 3)
    assert result["recall"] == 1.0
    assert result["f1"] == pytest.approx(0.8)
    assert result["fp_edges"] == [["b", "c"]]
    assert result["by_relation_kind"]["near_duplicate"] == {"predicted": 1, "tp": 0, "precision": 0.0}
    assert result["by_relation_kind"]["derived"] == {"predicted": 2, "tp": 2, "precision": 1.0}


def test_false_negative_and_no_predictions(tmp_path: Path) -> None:
    result = run(tmp_path, DOCS + [rel("a", "b")])
    assert (result["tp"], result["fp"], result["fn"]) == (1, 0, 1)
    assert result["fn_edges"] == [["a", "c"]]
    assert result["recall"] == 0.5 and result["precision"] == 1.0

    empty = run(tmp_path, DOCS)
    assert empty["precision"] is None  # nothing predicted: undefined, not perfect
    assert empty["recall"] == 0.0 and empty["f1"] == 0.0


def test_sibling_relations_are_not_edges(tmp_path: Path) -> None:
    sibling = {"type": "relation", "kind": "sibling", "members": ["b", "c"], "score": 0.7, "evidence": {}}
    result = run(tmp_path, DOCS + [rel("a", "b"), rel("a", "c"), sibling])
    assert result["fp"] == 0 and result["predicted_edges"] == 2


def test_reversed_edge(tmp_path: Path) -> None:
    result = run(tmp_path, DOCS + [rel("a", "b"), rel("c", "a")])
    assert result["reversed"] == [["c", "a"]]
    assert result["fp_edges"] == [["c", "a"]] and result["fn_edges"] == [["a", "c"]]
    # the original got a parent: it counts among the parentless documents given one
    assert result["orphans_given_parent"]["ids"] == ["a"]
    assert result["by_kind"]["heavy"]["reversed"] == 1


def test_orphans_given_parent(tmp_path: Path) -> None:
    result = run(tmp_path, DOCS + [rel("a", "b"), rel("a", "c"), rel("a", "d")])
    orphans = result["orphans_given_parent"]
    assert orphans["ids"] == ["d"]
    assert (orphans["count"], orphans["of"]) == (1, 3)
    assert orphans["rate"] == pytest.approx(1 / 3)


def test_by_kind(tmp_path: Path) -> None:
    result = run(tmp_path, DOCS + [rel("a", "b"), rel("a", "e")])
    by_kind = result["by_kind"]
    assert set(by_kind) == {"orig", "cut", "heavy", "non"}
    assert by_kind["cut"]["recall"] == 1.0 and by_kind["cut"]["edges"] == 1
    assert by_kind["heavy"]["recall"] == 0.0
    assert by_kind["non"]["no_parent"] == 2 and by_kind["non"]["got_parent"] == 1
    assert by_kind["non"]["fp_rate"] == 0.5 and by_kind["non"]["independent"] is True
    assert by_kind["cut"]["independent"] is False and by_kind["cut"]["fp_rate"] is None
    # independent kinds pooled: orig (1 doc, no parent given) + non (2 docs, 1 given) -> 1 / 3
    assert result["independent_fp_rate"] == pytest.approx(1 / 3)


def test_by_kind_absent_without_kinds(tmp_path: Path) -> None:
    truth = {k: {"parent": v["parent"], "ai": v["ai"]} for k, v in TRUTH.items()}
    result = run(tmp_path, DOCS + [rel("a", "b")], truth)
    assert result["by_kind"] is None and result["independent_fp_rate"] is None


def test_unknown_and_missing_ids_are_not_scored(tmp_path: Path) -> None:
    records = [doc(i) for i in "abcd"] + [doc("zz"), rel("a", "b"), rel("a", "c"), rel("zz", "d")]
    result = run(tmp_path, records)
    assert result["unknown_ids"] == ["zz"]
    assert result["missing_ids"] == ["e"]
    assert result["fp"] == 0 and result["documents"] == 4
    assert result["orphans_given_parent"]["of"] == 2  # a and d; e is missing


@pytest.mark.parametrize(
    ("scores", "labels", "expected"),
    [
        ([0.9, 0.8, 0.1, 0.2], [True, True, False, False], 1.0),
        ([0.1, 0.2, 0.9, 0.8], [True, True, False, False], 0.0),
        ([0.5, 0.5, 0.5, 0.5], [True, False, True, False], 0.5),
        ([0.9, 0.5, 0.5, 0.1], [True, True, False, False], 0.875),  # one tied pair of four
        ([0.3, 0.7, 0.2], [True, False, False], 0.5),
        ([0.3, 0.7], [True, True], None),
    ],
)
def test_roc_auc_known_values(scores: list[float], labels: list[bool], expected: float | None) -> None:
    assert roc_auc(scores, labels) == (pytest.approx(expected) if expected is not None else None)


def test_roc_auc_matches_pairwise_count() -> None:
    import random

    rng = random.Random(7)
    scores = [round(rng.random(), 1) for _ in range(60)]  # rounding makes ties
    labels = [rng.random() < 0.4 for _ in range(60)]
    pos = [s for s, l in zip(scores, labels) if l]
    neg = [s for s, l in zip(scores, labels) if not l]
    pairs = sum(1.0 if p > n else 0.5 if p == n else 0.0 for p in pos for n in neg)
    assert roc_auc(scores, labels) == pytest.approx(pairs / (len(pos) * len(neg)))


def test_ai_auc_from_lineage(tmp_path: Path) -> None:
    # truth ai: c and e
    perfect = [doc("a", 0.1), doc("b", 0.2), doc("c", 0.9, True), doc("d", 0.3), doc("e", 0.8, True)]
    result = run(tmp_path, perfect)
    assert result["ai_auc"] == 1.0
    assert (result["ai_positives"], result["ai_negatives"]) == (2, 3)
    assert result["ai_flagged"] == {"tp": 2, "fp": 0, "fn": 0, "precision": 1.0, "recall": 1.0}

    backwards = [doc("a", 0.9, True), doc("b", 0.8), doc("c", 0.1), doc("d", 0.7), doc("e", 0.2)]
    assert run(tmp_path, backwards)["ai_auc"] == 0.0
    assert run(tmp_path, [doc(i, 0.4) for i in "abcde"])["ai_auc"] == 0.5

    no_ai = {k: {**v, "ai": False} for k, v in TRUTH.items()}
    assert run(tmp_path, perfect, no_ai)["ai_auc"] is None


def test_read_lineage_skips_blank_lines_and_names_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "l.jsonl"
    path.write_bytes(orjson.dumps(doc("a")) + b"\n\n   \n" + orjson.dumps(doc("b")) + b"\n")
    assert [r["id"] for r in read_lineage(path)] == ["a", "b"]

    path.write_bytes(orjson.dumps(doc("a")) + b"\n\n{not json\n")
    with pytest.raises(ValueError, match=r"line 3: invalid JSON"):
        read_lineage(path)

    path.write_bytes(b"[1, 2]\n")
    with pytest.raises(ValueError, match=r"line 1: expected a JSON object"):
        read_lineage(path)


@pytest.mark.parametrize(
    ("truth", "message"),
    [
        ([], "expected an object"),
        ({"a": {"ai": True}}, "missing 'parent'"),
        ({"a": {"parent": "zz"}}, "parent 'zz' is not an id"),
        ({"a": {"parent": "a"}}, "own parent"),
        ({"a": {"parent": None, "ai": "yes"}}, "'ai' must be true or false"),
        ({"a": {"parent": 3}}, "must be a document id or null"),
    ],
)
def test_load_truth_validates(tmp_path: Path, truth: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        load_truth(write_json(tmp_path / "truth.json", truth))


def test_directed_relation_without_child_is_an_error() -> None:
    bad = {"type": "relation", "kind": "derived", "parent": "a", "score": 0.9, "evidence": {}}
    with pytest.raises(ValueError, match="needs string 'parent' and 'child'"):
        evaluate(DOCS + [bad], TRUTH)


def test_format_report(tmp_path: Path) -> None:
    # 25 false positives among extra documents: the report lists only the first 20
    extra = [f"x{i:02d}" for i in range(26)]
    truth = {**TRUTH, **{x: {"parent": None, "ai": False, "kind": "non"} for x in extra}}
    records = DOCS + [doc(x) for x in extra] + [rel("a", "b"), rel("c", "a")]
    records += [rel(extra[i], extra[i + 1]) for i in range(25)]
    result = run(tmp_path, records, truth)
    report = format_report(result)
    assert "False positive edges (26, first 20 shown)" in report
    assert "  c -> a" in report and "  x00 -> x01" in report
    assert "x20 -> x21" not in report  # sorted FP list: c->a, x00->x01 ... x18->x19 shown
    assert "False negative edges (1)" in report and "  a -> c" in report
    assert "Reversed edges (1)" in report
    lines = report.splitlines()
    precision = next(l for l in lines if l.strip().startswith("precision"))
    recall = next(l for l in lines if l.strip().startswith("recall "))
    assert precision.index("0.") == recall.index("0.")  # values aligned in one column
    header = next(l for l in lines if l.strip().startswith("kind") and "fp rate" in l)
    non_row = next(l for l in lines if l.strip().startswith("non *"))
    assert len(header) == len(non_row)  # right-aligned table columns end together
    assert "n/a" in format_report(run(tmp_path, DOCS))  # precision undefined without predictions


def test_calibration_bins_the_verification_score_of_stored_comparisons(seeds_lineage, config) -> None:
    from bench.accuracy import calibration, seeds_truth

    rows = calibration(seeds_lineage, seeds_truth(), config)
    top = rows[-1]
    assert top["lo"] == 0.9 and top["pairs"] >= 1 and top["related"] == top["pairs"]
    assert sum(r["pairs"] for r in rows) == len(seeds_lineage.comparisons)
