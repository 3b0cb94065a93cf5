"""The command line: scan, compare, plugins and eval, with their exit statuses."""

from __future__ import annotations

import json

import pytest

import orjson
from typer.testing import CliRunner

from conftest import SEEDS, seed_path
from provenance.cli import app

runner = CliRunner()


def test_scan_prints_tree_and_writes_lineage(tmp_path):
    out = tmp_path / "lineage.jsonl"
    result = runner.invoke(app, ["scan", str(SEEDS), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "000_" in result.stdout and "derived" in result.stdout and "unrelated:" in result.stdout
    records = [orjson.loads(line) for line in out.read_bytes().splitlines()]
    assert [r["type"] for r in records].count("document") == 5
    assert records[-1]["type"] == "summary" and records[-1]["documents"] == 5


def test_scan_exit_status_says_an_input_failed(tmp_path):
    (tmp_path / "ok.txt").write_text("Fine text here.", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x00binary")
    out = tmp_path / "l.jsonl"
    result = runner.invoke(app, ["scan", str(tmp_path), "-o", str(out)])
    assert result.exit_code == 1
    assert "bad.txt" in result.stderr
    types = [orjson.loads(line)["type"] for line in out.read_bytes().splitlines()]
    assert "error" in types and types.count("document") == 1


def test_scan_bad_config_is_a_clean_error(tmp_path):
    cfg = tmp_path / "bad.toml"
    cfg.write_text("this is = = not toml", encoding="utf-8")
    result = runner.invoke(app, ["scan", str(SEEDS), "--config", str(cfg)])
    assert result.exit_code == 2
    assert "invalid TOML" in result.stderr


def test_config_file_overrides_defaults(tmp_path):
    cfg = tmp_path / "strict.toml"
    cfg.write_text("[attribute]\nderived_threshold = 0.9999\n", encoding="utf-8")
    out = tmp_path / "l.jsonl"
    result = runner.invoke(app, ["scan", str(SEEDS), "--config", str(cfg), "-o", str(out)])
    assert result.exit_code == 0
    kinds = [r.get("kind") for r in map(orjson.loads, out.read_bytes().splitlines())]
    assert "derived" not in kinds


def test_compare_explains_a_pair():
    result = runner.invoke(app, ["compare", str(seed_path("000")), str(seed_path("001"))])
    assert result.exit_code == 0, result.output
    assert "derived:" in result.stdout and "aligned passages" in result.stdout
    assert "direction decided by" in result.stdout


def test_compare_unrelated_pair():
    result = runner.invoke(app, ["compare", str(seed_path("000")), str(seed_path("004"))])
    assert result.exit_code == 0
    assert "no relation" in result.stdout


def test_compare_json():
    result = runner.invoke(app, ["compare", "--json", str(seed_path("000")), str(seed_path("002"))])
    rels = json.loads(result.stdout)
    assert rels[0]["kind"] == "derived" and rels[0]["evidence"]["passages"]


def test_eval_command(tmp_path):
    out = tmp_path / "l.jsonl"
    runner.invoke(app, ["scan", str(SEEDS), "-o", str(out)])
    ids = sorted(p.name for p in SEEDS.glob("*.txt"))
    truth = {i: {"parent": ids[0] if i[:3] in ("001", "002") else None, "ai": i[:3] in ("001", "002")} for i in ids}
    tfile = tmp_path / "truth.json"
    tfile.write_text(json.dumps(truth), encoding="utf-8")
    result = runner.invoke(app, ["eval", str(out), "--truth", str(tfile), "--json"])
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.stdout)
    assert metrics["f1"] == 1.0 and metrics["ai_auc"] == 1.0 and metrics["reversed"] == []


def test_workers_give_the_same_bytes(tmp_path):
    outs = []
    for n in ("1", "2"):
        out = tmp_path / f"w{n}.jsonl"
        result = runner.invoke(app, ["scan", str(SEEDS), "-o", str(out), "--workers", n, "-q"])
        assert result.exit_code == 0, result.output
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]


def test_tree_lists_a_bounded_number_of_unrelated_documents(tmp_path):
    texts = [
        "Rain flooded the lower market streets overnight.",
        "The orchestra announced a new conductor for autumn.",
        "Wheat prices climbed after a poor harvest in the north.",
        "A rare owl was photographed near the reservoir.",
        "Students protested the closure of the evening library.",
        "The ferry timetable changes again next spring.",
        "Engineers tested a quieter engine for city buses.",
    ]
    for i, text in enumerate(texts):
        (tmp_path / f"d{i}.txt").write_text(text, encoding="utf-8")
    from provenance.render import tree_lines
    from provenance import pipeline
    from provenance.config import load_config
    from provenance.plugins import load_plugins

    lineage = pipeline.scan([str(tmp_path)], load_config(), load_plugins())
    lines = tree_lines(lineage, max_unrelated=3)
    assert lines[0] == "unrelated:" and len(lines) == 5
    assert "4 more" in lines[-1]
    assert len(tree_lines(lineage, max_unrelated=None)) == 8


def test_compare_reports_a_related_pair_without_direction_as_siblings():
    """Two related answers whose direction nothing decides are siblings, with the verification
    score the attributor found (not 0 from a stored copy) and their aligned passages."""
    import re

    from conftest import CLOUGH

    pair = [CLOUGH / "docs" / "orig_taskc.txt", CLOUGH / "docs" / "g0pA_taskc.txt"]
    if not all(p.exists() for p in pair):
        pytest.skip("clough corpus not beside the repository")
    result = runner.invoke(app, ["compare", *map(str, pair)])
    assert result.exit_code == 0, result.output
    found = re.search(r"sibling: \S+ ~ \S+  score ([0-9.]+)", result.stdout)
    assert found and float(found.group(1)) >= 0.5, result.stdout
    assert "A[" in result.stdout and "B[" in result.stdout
