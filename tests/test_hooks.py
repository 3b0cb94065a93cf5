"""One ``test_hook_<name>`` per hook of ``provenance.hookspecs``: a test plugin changes the result.

Each test loads a small plugin module from ``tests/plugins/``, registers it into the loaded
plugin manager (``provenance.plugins.pm``) and unregisters it when the test ends, so no test
sees another's plugin. ``tests/test_plugin_docs.py`` checks that every hook has its test here.
"""

from __future__ import annotations

from provenance.config import load_config

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest
from typer.testing import CliRunner

from conftest import SEEDS, seed_path
from provenance import Document, pipeline
from provenance.cli import app
from provenance.pipeline import PluginError

PLUGINS_DIR = Path(__file__).resolve().parent / "plugins"


def load_test_plugin(name: str) -> ModuleType:
    """The module ``tests/plugins/<name>.py``, imported once as ``provenance_test_plugins.<name>``.

    (``tests`` is not a package, and ``plugins`` is the name of the built-ins' source folder,
    so the modules are loaded by path.)
    """
    module_name = f"provenance_test_plugins.{name}"
    if module_name in sys.modules:
        return sys.modules[module_name]
    spec = importlib.util.spec_from_file_location(module_name, PLUGINS_DIR / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def register(pm):
    """``register(name)`` registers the test plugin ``name`` for the rest of the test."""
    names: list[str] = []

    def reg(name: str) -> ModuleType:
        module = load_test_plugin(name)
        pm.register(module, name=name)
        names.append(name)
        return module

    try:
        yield reg
    finally:
        for name in names:
            pm.unregister(name=name)


def cleaned(pm, config, *docs: tuple[str, str]) -> list[Document]:
    """Documents ``(id, raw)`` through the clean stage."""
    out = [Document(id=i, sha256=i, raw=raw) for i, raw in docs]
    pipeline.clean(pm, out, config)
    return out


SEED_PARENT = seed_path("000").name
SEED_CHILDREN = (seed_path("001").name, seed_path("002").name)

# Three short texts on unrelated subjects: the built-in candidate plugins pair none of them.
HARBOUR = (
    "The harbour at Kellsport reopened on Monday after eleven weeks of repairs to the eastern breakwater. "
    "Fishing crews queued at the fuel quay before dawn, and the harbourmaster said the dredging contract "
    "would be put out to tender again in the spring."
)
ORCHARD = (
    "Cider makers in the Vale of Ambry report the smallest apple harvest in a decade. A late frost in April "
    "killed most of the blossom, and several orchards have applied for the regional drought and frost fund."
)
CHESS = (
    "The junior chess championship was decided on tiebreaks after the final round ended in three draws. "
    "The winner, a fourteen-year-old from Dunmore, played the Caro-Kann defence in every game with black."
)


# --------------------------------------------------------------------------- provenance_read


def test_hook_provenance_read(register, scan, tmp_path):
    note = tmp_path / "harbour.note"
    note.write_text(f"Title: Harbour reopens\nDate: 2024-05-06\n\n{HARBOUR}\n", encoding="utf-8")
    keep_raw = load_config(overrides={"scan": {"keep_raw": True}})
    before = scan(note, cfg=keep_raw)
    assert [d.id for d in before.documents] == ["harbour.note"]  # the folder reader takes any single file
    assert before.documents[0].raw.startswith("Title:")

    register("note_reader")
    after = scan(note, cfg=keep_raw)
    [doc] = after.documents
    assert doc.id == "note:harbour"  # the plugin won over the trylast folder reader
    assert doc.meta == {"title": "Harbour reopens", "date": "2024-05-06"}
    assert doc.raw.startswith("The harbour at Kellsport") and "Title:" not in doc.text
    assert after.errors == []


def test_hook_provenance_read_none_falls_through(register, scan, tmp_path):
    (tmp_path / "a.txt").write_text(HARBOUR, encoding="utf-8")
    (tmp_path / "broken.note").write_text("no header here", encoding="utf-8")
    register("note_reader")
    # A folder is not the plugin's: it returns None and the folder reader answers.
    lineage = scan(tmp_path)
    assert [d.id for d in lineage.documents] == ["a.txt"]
    # The plugin's ReadError is reported, not raised.
    lineage = scan(tmp_path / "broken.note")
    assert lineage.documents == [] and "blank line" in lineage.errors[0].message


# --------------------------------------------------------------------------- provenance_clean


def test_hook_provenance_clean(register, pm, config):
    advert = "Advertisement - Buy a boat at example.com today"
    raw = f"Harbour reopens\n\n{HARBOUR}\n{advert}\n{ORCHARD}\n"
    [before] = cleaned(pm, config, ("a", raw))
    assert advert in before.text  # the built-in rules leave this line alone

    register("advert_cleaner")
    [doc] = cleaned(pm, config, ("a", raw))
    spans = [s for s in doc.boilerplate if s.rule == "advertisement_line"]
    assert len(spans) == 1
    assert spans[0].text == advert == raw[spans[0].start : spans[0].end]
    assert advert not in doc.text
    assert f"{HARBOUR}\n\n{ORCHARD}" in doc.text  # a removed line leaves a break, blank runs collapse


# --------------------------------------------------------------------------- provenance_fingerprint


def test_hook_provenance_fingerprint(register, pm, config):
    register("word_count")
    docs = cleaned(pm, config, ("a", HARBOUR), ("b", ORCHARD))
    pipeline.fingerprint(pm, docs, config)
    for d in docs:
        assert d.features["word_count"] == len(d.text.split())
        assert "signature" in d.features and "facts" in d.features  # the built-ins still ran


def test_hook_provenance_fingerprint_clashing_key_is_an_error(register, pm, config):
    register("clashing_fingerprint")
    docs = cleaned(pm, config, ("a", HARBOUR))
    with pytest.raises(PluginError, match="'facts'"):
        pipeline.fingerprint(pm, docs, config)


def test_hook_provenance_fingerprint_with_fewer_arguments(register, pm, config):
    register("documents_only_fingerprint")
    docs = cleaned(pm, config, ("a", HARBOUR))
    pipeline.fingerprint(pm, docs, config)
    assert docs[0].features["char_count"] == len(docs[0].text)


# --------------------------------------------------------------------------- provenance_candidates


def test_hook_provenance_candidates(register, scan, tmp_path):
    (tmp_path / "harbour_a.txt").write_text(HARBOUR, encoding="utf-8")
    (tmp_path / "harbour_b.txt").write_text(ORCHARD, encoding="utf-8")
    (tmp_path / "chess_c.txt").write_text(CHESS, encoding="utf-8")
    assert scan(tmp_path).comparisons == []  # the built-ins find nothing to compare

    register("slug_candidates")
    # Keep pairs with no verbatim reuse (the built-in aligner otherwise drops them as unrelated).
    cfg = load_config(overrides={"compare": {"min_trigram_containment": 0.0}})
    lineage = scan(tmp_path, cfg=cfg)
    # The plugin's pair was compared, ordered (smaller id, larger id); its self-pairs were dropped.
    assert [(c.a, c.b) for c in lineage.comparisons] == [("harbour_a.txt", "harbour_b.txt")]
    assert "jaccard" in lineage.comparisons[0].evidence
    assert lineage.relations == []  # compared, and found unrelated


# --------------------------------------------------------------------------- provenance_compare


def test_hook_provenance_compare(register, scan):
    register("length_ratio")
    lineage = scan(SEEDS)
    assert lineage.comparisons
    for c in lineage.comparisons:
        assert 0.0 < c.evidence["length_ratio"] <= 1.0
        assert "jaccard" in c.evidence  # merged with the built-in plugins' evidence
    by_pair = {(c.a, c.b): c.evidence for c in lineage.comparisons}
    assert (SEED_PARENT, SEED_CHILDREN[0]) in by_pair


def test_hook_provenance_compare_clashing_key_is_an_error(register, scan):
    register("clashing_compare")
    with pytest.raises(PluginError, match="'jaccard'"):
        scan(SEEDS)


def test_hook_provenance_compare_clash_names_the_plugin(register, scan):
    register("clashing_compare")
    with pytest.raises(PluginError, match="clashing_compare|passages"):
        scan(SEEDS)


# --------------------------------------------------------------------------- provenance_ai_signals


def test_hook_provenance_ai_signals(register, pm, config):
    threshold = float(config["ai"]["flag_threshold"])
    docs = cleaned(pm, config, ("loud", HARBOUR + " What a day!!!"), ("calm", ORCHARD))
    before = pipeline.ai_scores(pm, docs, config)

    plugin = register("exclamations")
    after = pipeline.ai_scores(pm, docs, config)
    loud = after["loud"]
    # Noisy-OR: the new signal raises the score, never lowers it.
    expected = 1.0 - (1.0 - before["loud"].score) * (1.0 - plugin.WEIGHT)
    assert loud.score == pytest.approx(expected, abs=1e-3)
    assert loud.score > before["loud"].score
    assert loud.flagged == (loud.score >= threshold)
    assert "exclamation_runs" in [s.name for s in loud.signals]
    assert "1 run(s) of '!!!'" in loud.reasons
    assert after["calm"] == before["calm"]  # the plugin returned None for it


# --------------------------------------------------------------------------- provenance_attribute


def test_hook_provenance_attribute(register, scan):
    register("first_is_parent")
    lineage = scan(SEEDS)
    assert lineage.relations
    assert all(r.evidence["decided_by"] == "first_is_parent" for r in lineage.relations)
    assert {r.kind for r in lineage.relations} == {"derived"}  # the built-in would have found a sibling pair
    for child in SEED_CHILDREN:
        assert lineage.parents[child] == [SEED_PARENT]
        assert lineage.roles[child] == "derived"
    # firstresult: the trylast built-in attributor was never called (it adds verification_score).
    assert all("verification_score" not in c.evidence for c in lineage.comparisons)


# --------------------------------------------------------------------------- provenance_pair_signals


def test_hook_provenance_pair_signals(register, scan):
    before = scan(SEEDS)
    plugin = register("length_change")
    lineage = scan(SEEDS)
    derived = {(r.parent, r.child): r for r in lineage.relations if r.kind == "derived"}
    assert set(derived) == {(SEED_PARENT, c) for c in SEED_CHILDREN}
    for (parent, child), rel in derived.items():
        [mine] = [s for s in rel.evidence["pair_signals"] if s["name"] == "length_change"]
        assert mine["weight"] == plugin.WEIGHT and "of its source's length" in mine["reason"]
        assert "length_change" in [s.name for s in lineage.ai[child].signals]
        assert lineage.ai[child].score >= before.ai[child].score
    # Only derived relations are asked; the parent's own score is untouched.
    others = [r for r in lineage.relations if r.kind != "derived"]
    assert all(
        "length_change" not in [s["name"] for s in r.evidence.get("pair_signals", [])] for r in others
    )
    assert lineage.ai[SEED_PARENT] == before.ai[SEED_PARENT]


# --------------------------------------------------------------------------- provenance_emit


def test_hook_provenance_emit(register, tmp_path):
    sink = register("json_sink")
    sink.CALLS.clear()
    summary = tmp_path / "summary.json"
    cfg = tmp_path / "sink.toml"
    cfg.write_text(f"[json_sink]\npath = {json.dumps(str(summary))}\n", encoding="utf-8")
    out = tmp_path / "lineage.jsonl"

    result = CliRunner().invoke(app, ["scan", str(SEEDS), "-o", str(out), "--config", str(cfg), "-q"])
    assert result.exit_code == 0, result.output
    assert len(sink.CALLS) == 1, "provenance scan did not call pm.hook.provenance_emit"
    call = sink.CALLS[0]
    assert "lineage.jsonl" in call["files"]  # called after the lineage file was written
    assert len(call["lineage"].documents) == 5
    data = json.loads(summary.read_text(encoding="utf-8"))
    assert data["documents"] == 5
    assert {"kind": "derived", "parent": SEED_PARENT, "child": SEED_CHILDREN[0], "members": []} in data["relations"]


def test_hook_provenance_clean_raising_plugin_sets_one_document_aside(register, scan, tmp_path):
    """A plugin raising on one document costs that document only, with an error naming the plugin."""
    for i in range(5):
        (tmp_path / f"ok{i}.txt").write_text(f"An ordinary document number {i} about the harbour.", encoding="utf-8")
    (tmp_path / "bad.txt").write_text("Please detonate the parser.", encoding="utf-8")
    register("explosive_cleaner")
    lineage = scan(tmp_path)
    assert sorted(d.id for d in lineage.documents) == [f"ok{i}.txt" for i in range(5)]
    [err] = lineage.errors
    assert err.source == "bad.txt"
    assert "explosive_cleaner" in err.message and "cannot clean this one" in err.message
