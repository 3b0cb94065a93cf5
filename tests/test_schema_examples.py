"""The lineage JSON Schema is a valid 2020-12 schema that accepts the contract and rejects breaches."""

from __future__ import annotations

import copy
import json
import re
from importlib import resources
from pathlib import Path
from typing import Any, Callable

import jsonschema
import pytest

DOCS_LINEAGE = Path(__file__).resolve().parent.parent / "docs" / "lineage.md"


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(resources.files("provenance").joinpath("lineage.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


DOCUMENT: dict[str, Any] = {
    "type": "document",
    "id": "news/story-copy.txt",
    "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
    "role": "derived",
    "parents": ["news/story.txt"],
    "encoding": "utf-8",
    "chars": 1834,
    "meta": {"date": "2024-03-01"},
    "ai_rewrite": {
        "score": 0.72,
        "flagged": True,
        "reasons": ["uniform sentence lengths"],
        "signals": [{"name": "burstiness", "weight": 0.4, "reason": "uniform sentence lengths"}],
    },
    "boilerplate": [{"rule": "footer", "start": 1834, "end": 1900, "text": "Subscribe to our newsletter"}],
}

RELATION: dict[str, Any] = {
    "type": "relation",
    "kind": "derived",
    "parent": "news/story.txt",
    "child": "news/story-copy.txt",
    "score": 0.81,
    "evidence": {
        "jaccard": 0.41,
        "containment_parent_in_child": 0.55,
        "containment_child_in_parent": 0.62,
        "passages": [
            {"parent": [0, 120], "child": [10, 131], "score": 0.93, "parent_text": "The mayor said", "child_text": "The mayor stated"}
        ],
        "coverage_child": 0.7,
        "coverage_parent": 0.6,
        "shared_facts": ["2024", "12 million"],
        "facts_only_in_parent": ["Tuesday"],
        "facts_only_in_child": [],
        "direction": {"decided_by": ["date", "containment"], "signals": {"date": 1, "containment": 0.07}},
        "pair_signals": [{"name": "fact_drift", "weight": 0.3, "reason": "a number changed"}],
        "plugin_specific": {"anything": True},
    },
}

SIBLING: dict[str, Any] = {
    "type": "relation",
    "kind": "sibling",
    "members": ["a.txt", "b.txt"],
    "score": 0.64,
    "evidence": {"jaccard": 0.3},
}

ERROR: dict[str, Any] = {"type": "error", "source": "broken/file.bin", "message": "could not decode"}
SUMMARY: dict[str, Any] = {"type": "summary", "documents": 12, "relations": 4, "errors": 1, "seconds": 0.53}

VALID = {"document": DOCUMENT, "relation": RELATION, "sibling": SIBLING, "error": ERROR, "summary": SUMMARY}


@pytest.mark.parametrize("name", sorted(VALID))
def test_valid_examples_pass(validator: jsonschema.Draft202012Validator, name: str) -> None:
    validator.validate(VALID[name])


def test_minimal_records_pass(validator: jsonschema.Draft202012Validator) -> None:
    minimal_doc = {k: v for k, v in DOCUMENT.items() if k not in {"encoding", "chars", "meta"}}
    minimal_doc["ai_rewrite"] = {"score": 0, "flagged": False, "reasons": []}
    validator.validate(minimal_doc)
    for kind in ("exact_duplicate", "near_duplicate"):
        validator.validate({**RELATION, "kind": kind, "evidence": {}})
    validator.validate({**DOCUMENT, "added_later": [1, 2]})  # open to new fields


def _set(path: tuple[Any, ...], value: Any) -> Callable[[dict[str, Any]], None]:
    def change(record: dict[str, Any]) -> None:
        target = record
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


def _drop(key: str) -> Callable[[dict[str, Any]], None]:
    return lambda record: record.pop(key)


INVALID = [
    ("relation score 1.5", RELATION, _set(("score",), 1.5)),
    ("negative relation score", RELATION, _set(("score",), -0.1)),
    ("ai score 1.5", DOCUMENT, _set(("ai_rewrite", "score"), 1.5)),
    ("derived without parent", RELATION, _drop("parent")),
    ("derived without child", RELATION, _drop("child")),
    ("exact duplicate without parent", {**RELATION, "kind": "exact_duplicate"}, _drop("parent")),
    ("sibling with one member", SIBLING, _set(("members",), ["a.txt"])),
    ("sibling with the same id twice", SIBLING, _set(("members",), ["a.txt", "a.txt"])),
    ("sibling without members", SIBLING, _drop("members")),
    ("unknown type", ERROR, _set(("type",), "warning")),
    ("unknown relation kind", RELATION, _set(("kind",), "cousin")),
    ("negative boilerplate offset", DOCUMENT, _set(("boilerplate", 0, "start"), -1)),
    ("negative passage offset", RELATION, _set(("evidence", "passages", 0, "child", 0), -5)),
    ("passage range of three", RELATION, _set(("evidence", "passages", 0, "parent"), [0, 1, 2])),
    ("jaccard above 1", RELATION, _set(("evidence", "jaccard"), 1.2)),
    ("shared facts not strings", RELATION, _set(("evidence", "shared_facts"), [3])),
    ("pair signal weight 2", RELATION, _set(("evidence", "pair_signals", 0, "weight"), 2)),
    ("unknown role", DOCUMENT, _set(("role",), "copy")),
    ("sha256 not hex", DOCUMENT, _set(("sha256",), "xyz")),
    ("document without ai_rewrite", DOCUMENT, _drop("ai_rewrite")),
    ("flagged not boolean", DOCUMENT, _set(("ai_rewrite", "flagged"), "yes")),
    ("empty id", DOCUMENT, _set(("id",), "")),
    ("error without message", ERROR, _drop("message")),
    ("summary negative count", SUMMARY, _set(("documents",), -1)),
    ("summary float count", SUMMARY, _set(("relations",), 1.5)),
    ("missing type", SUMMARY, _drop("type")),
]


@pytest.mark.parametrize(("name", "base", "change"), INVALID, ids=[case[0] for case in INVALID])
def test_invalid_examples_fail(
    validator: jsonschema.Draft202012Validator, name: str, base: dict[str, Any], change: Callable[[dict[str, Any]], None]
) -> None:
    record = copy.deepcopy(base)
    change(record)
    assert not validator.is_valid(record), f"schema accepted: {name}"


def test_docs_examples_validate(validator: jsonschema.Draft202012Validator) -> None:
    """Every ```json block of docs/lineage.md is one record (shown indented) and is valid."""
    blocks = re.findall(r"```json\n(.*?)```", DOCS_LINEAGE.read_text(encoding="utf-8"), flags=re.S)
    records = [json.loads(block) for block in blocks]
    assert {r["type"] for r in records} == {"document", "relation", "error", "summary"}
    for record in records:
        validator.validate(record)


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        ({k: v for k, v in RELATION.items() if k != "child"}, "'child' is a required property"),
        ({**SIBLING, "members": ["a.txt"]}, "is too short"),
        ({**ERROR, "type": "warning"}, "is not one of"),
        ({**RELATION, "score": 1.5}, "greater than the maximum"),
    ],
)
def test_errors_name_the_problem(validator: jsonschema.Draft202012Validator, record: dict[str, Any], expected: str) -> None:
    """Discrimination by ``type`` lets the best error name the field, not 'not valid under any schema'."""
    error = jsonschema.exceptions.best_match(validator.iter_errors(record))
    assert error is not None and expected in error.message
