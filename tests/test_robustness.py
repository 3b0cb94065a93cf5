"""Accuracy on corpora with known truth: the robustness suite, the LLM stand-ins, clough.

The robustness corpus is made by ``bench/corpusgen.py`` from 24 hand-written
articles (8 topics x 3 independent articles): per article a verbatim copy in
page furniture, light and heavy edits, a summary, corrupted figures and a
paraphrase-like rewrite. The stand-ins (``bench/standins.py``) add an LLM
paraphrase of each article and an LLM article written from its headline alone.
Thresholds are the measured values with a little slack, so a regression fails.
"""

from __future__ import annotations

import json

import pytest

from bench import corpusgen, standins
from conftest import CLOUGH
from provenance import lineage as lineage_io
from provenance.evaluate import evaluate


def run(scan, folder, truth):
    records = list(lineage_io.records(scan(folder)))
    return evaluate(records, truth)


@pytest.fixture(scope="module")
def robustness(tmp_path_factory, pm, config):
    from provenance import pipeline

    folder = tmp_path_factory.mktemp("robustness")
    truth = corpusgen.generate(folder, None, seed=1, mode="robustness")
    records = list(lineage_io.records(pipeline.scan([str(folder)], config, pm)))
    return evaluate(records, truth)


def test_robustness_recall_by_edit_kind(robustness):
    by_kind = robustness["by_kind"]
    for kind in ("verbatim_with_boilerplate", "light_edit", "heavy_edit", "summary", "corrupt_numbers", "paraphrase_like"):
        assert by_kind[kind]["recall"] >= 0.95, (kind, by_kind[kind])
        assert by_kind[kind]["reversed"] == 0, (kind, by_kind[kind])


def test_robustness_independent_same_topic_articles_stay_unlinked(robustness):
    assert robustness["orphans_given_parent"]["count"] == 0
    assert robustness["precision"] >= 0.98


def test_llm_standins(tmp_path, scan):
    truth = standins.generate(tmp_path, seed=2)
    result = run(scan, tmp_path, truth)
    assert result["f1"] >= 0.95, result["fn_edges"] + result["fp_edges"]
    assert result["reversed"] == []
    headline_only = result["by_kind"]["headline_only"]
    assert headline_only["got_parent"] <= 1, headline_only


@pytest.mark.skipif(not CLOUGH.exists(), reason="clough corpus not beside the repo")
def test_clough_no_reversed_edges_and_regression_floor(scan):
    truth = json.loads((CLOUGH / "truth.json").read_text(encoding="utf-8"))
    result = run(scan, CLOUGH / "docs", truth)
    assert result["reversed"] == []
    assert result["f1"] >= 0.78, result
    assert result["by_kind"]["non"]["got_parent"] <= 2
