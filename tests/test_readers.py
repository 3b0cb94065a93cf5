"""Readers: folders recursively, encodings, JSONL batches, and errors that never stop a run."""

from __future__ import annotations

import orjson

from provenance import pipeline
from provenance_plugins.read_folder import decode


def test_cp1252_falls_back_and_keeps_text(tmp_path, scan):
    (tmp_path / "win.txt").write_bytes("It\x92s a \x93quoted\x94 word.".encode("latin-1"))
    lineage = scan(tmp_path)
    doc = lineage.documents[0]
    assert doc.encoding == "cp1252"
    assert doc.text == "It’s a “quoted” word."


def test_decode_order():
    assert decode("é".encode("utf-8"), ["utf-8-sig", "cp1252"]) == ("é", "utf-8-sig")
    assert decode(b"\x81\x8d", ["utf-8"])[1] == "utf-8+replace"


def test_ids_are_relative_paths_and_sha256_of_raw_bytes(tmp_path, scan):
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    (sub / "doc.md").write_text("Some text here.", encoding="utf-8")
    (tmp_path / "skip.bin").write_bytes(b"\x00\x01")
    lineage = scan(tmp_path)
    assert [d.id for d in lineage.documents] == ["a/b/doc.md"]
    import hashlib

    assert lineage.documents[0].sha256 == hashlib.sha256(b"Some text here.").hexdigest()


def test_bad_inputs_are_errors_not_crashes(tmp_path, scan):
    (tmp_path / "good.txt").write_text("A perfectly fine document.", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"abc\x00def")
    lineage = scan(tmp_path, tmp_path / "missing-folder")
    assert [d.id for d in lineage.documents] == ["good.txt"]
    messages = {e.source: e.message for e in lineage.errors}
    assert "binary" in messages["binary.txt"]
    assert any("no such file" in m for m in messages.values())


def test_jsonl_batch(tmp_path, scan):
    batch = tmp_path / "batch.jsonl"
    lines = [
        {"id": "n1", "text": "First article text.", "date": "2025-01-02"},
        "not an object",
        {"id": "n2", "text": "Second article text."},
    ]
    batch.write_bytes(b"\n".join(orjson.dumps(x) for x in lines) + b"\n{broken\n")
    lineage = scan(batch)
    assert [d.id for d in lineage.documents] == ["n1", "n2"]
    assert lineage.documents[0].meta == {"date": "2025-01-02"}
    assert len(lineage.errors) == 2 and all(e.source.startswith("batch.jsonl:") for e in lineage.errors)


def test_duplicate_ids_across_sources_reported(tmp_path, pm, config):
    for name in ("x", "y"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "same.txt").write_text(f"Text {name}.", encoding="utf-8")
    docs, errors = pipeline.read(pm, [str(tmp_path / "x"), str(tmp_path / "y")], config)
    assert len(docs) == 1 and "duplicate id" in errors[0].message
