"""Real scan output validates against the lineage JSON Schema."""

from __future__ import annotations

import json
from importlib import resources

import orjson
from jsonschema import Draft202012Validator

from provenance import lineage as lineage_io


def validator():
    schema = json.loads(resources.files("provenance").joinpath("lineage.schema.json").read_text(encoding="utf-8"))
    return Draft202012Validator(schema)


def test_seed_lineage_validates(seeds_lineage, tmp_path):
    out = tmp_path / "l.jsonl"
    lineage_io.write(seeds_lineage, out)
    v = validator()
    records = [orjson.loads(line) for line in out.read_bytes().splitlines()]
    for rec in records:
        errors = sorted(v.iter_errors(rec), key=str)
        assert not errors, f"{rec.get('type')} {rec.get('id', '')}: {errors[0].message}"
    assert {r["type"] for r in records} == {"document", "relation", "summary"}


def test_duplicates_and_errors_validate(tmp_path, scan):
    text = "The harbour bridge will close for nine months of repairs, the council said on Tuesday. " * 5
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_text(text, encoding="utf-8")
    (tmp_path / "c.txt").write_bytes(b"\x00")
    lineage = scan(tmp_path)
    out = tmp_path / "l.jsonl"
    lineage_io.write(lineage, out)
    v = validator()
    recs = [orjson.loads(line) for line in out.read_bytes().splitlines()]
    assert any(r["type"] == "error" for r in recs)
    assert any(r.get("kind") == "exact_duplicate" for r in recs)
    for rec in recs:
        assert not list(v.iter_errors(rec))


def test_parent_choice_validates_and_a_wrong_choice_does_not(tmp_path, scan):
    """``evidence.parent_choice`` (written when several candidates tie) is typed by the schema."""
    from test_duplicates import ARTICLE, SCRAPER_FURNITURE

    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE + SCRAPER_FURNITURE, encoding="utf-8")
    (tmp_path / "c.txt").write_text("Skip to main content | Menu\n\n" + ARTICLE + SCRAPER_FURNITURE, encoding="utf-8")
    out = tmp_path / "l.jsonl"
    lineage_io.write(scan(tmp_path), out)
    v = validator()
    recs = [orjson.loads(line) for line in out.read_bytes().splitlines()]
    chosen = [r for r in recs if "parent_choice" in r.get("evidence", {})]
    assert chosen and chosen[0]["evidence"]["parent_choice"]["by"] == "shared_furniture"
    for rec in recs:
        assert not list(v.iter_errors(rec))
    chosen[0]["evidence"]["parent_choice"]["by"] = "a hunch"
    assert list(v.iter_errors(chosen[0]))
