"""Tests of the AI-rewrite signals of a child seen next to its source (plugins/ai_pair.py)."""

from __future__ import annotations

import copy
import tomllib
from importlib import resources
from pathlib import Path

import pytest

from provenance.records import Document
from provenance_plugins import ai_pair
from provenance_plugins.ai_pair import added_framing, corrupted_numbers, dropped_quotations, pair_signals

FIXTURES = Path(__file__).parent / "fixtures" / "ai"


@pytest.fixture(scope="module")
def config() -> dict:
    """Only config/ai.toml, so these tests do not depend on other plugins' config files."""
    return tomllib.loads(resources.files("provenance_config").joinpath("ai.toml").read_text(encoding="utf-8"))


def read(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def test_corrupted_year_detected() -> None:
    assert corrupted_numbers("The war began in February 2024.", "The war began in February 224.") == [("2024", "224")]


def test_transposed_digits_detected() -> None:
    assert corrupted_numbers("Cables installed in 1976 failed.", "Cables installed in 1967 failed.") == [("1976", "1967")]


def test_identical_numbers_not_flagged() -> None:
    text = "In 2024 about 1,250 cars crossed; 98.8 per cent of 3,400 seats were sold."
    assert corrupted_numbers(text, text) == []


def test_number_present_elsewhere_in_parent_not_flagged() -> None:
    parent = "Prices rose 224 points in 2024."
    assert corrupted_numbers(parent, "The index gained 224 points.") == []


def test_changed_digit_only_with_substitution() -> None:
    assert corrupted_numbers("It opened in 2024.", "It opened in 2023.") == []
    assert corrupted_numbers("It opened in 2024.", "It opened in 2023.", substitution=True) == [("2024", "2023")]


def test_short_numbers_ignored_and_separators_normalised() -> None:
    assert corrupted_numbers("He was 45.", "He was 4.") == []  # parent number under min_digits
    assert corrupted_numbers("It cost 1,200 euros.", "It cost 1200 euros.") == []
    with pytest.raises(ValueError):
        corrupted_numbers("a", "b", min_digits=0)


def test_dropped_quotations() -> None:
    parent = read("parent.txt")
    kept, dropped = dropped_quotations(parent, read("child_llm.txt"))
    assert kept == [] and len(dropped) == 2
    kept, dropped = dropped_quotations(parent, read("child_copy.txt"))
    assert len(kept) == 2 and dropped == []


def test_added_framing(config: dict) -> None:
    framed = added_framing(read("parent.txt"), read("child_llm.txt"), config)
    assert any("highlights the importance" in s for s, _ in framed)
    assert added_framing(read("parent.txt"), read("child_copy.txt"), config) == []


def test_framing_already_in_parent_is_not_added(config: dict) -> None:
    parent = "The ruling highlights the importance of the case, officials said. It is a pivotal moment."
    child = "The ruling highlights the importance of the case. It is a pivotal moment."
    assert added_framing(parent, child, config) == []


def test_pair_signals_on_llm_rewrite(config: dict) -> None:
    sigs = {s.name: s for s in pair_signals(read("parent.txt"), read("child_llm.txt"), config)}
    assert set(sigs) == {"corrupted_numbers", "dropped_quotations", "added_framing"}
    reason = sigs["corrupted_numbers"].reason
    assert "'2019' in the source became '219'" in reason and "'1976' in the source became '1967'" in reason
    assert sigs["dropped_quotations"].weight == pytest.approx(config["ai"]["pair"]["quotes"]["max_weight"])
    assert all(0.0 < s.weight <= 1.0 for s in sigs.values())


def test_pair_signals_on_faithful_copy(config: dict) -> None:
    assert pair_signals(read("parent.txt"), read("child_copy.txt"), config) == []


def test_invalid_pair_config(config: dict) -> None:
    bad = copy.deepcopy(config)
    bad["ai"]["pair"]["numbers"]["max_weight"] = -0.1
    with pytest.raises(ValueError, match="max_weight must be in"):
        pair_signals("a", "b", bad)
    with pytest.raises(ValueError, match=r"\[ai.pair\]"):
        pair_signals("a", "b", {})


def test_hook(config: dict) -> None:
    parent = Document(id="p", sha256="0", raw="", text=read("parent.txt"))
    child = Document(id="c", sha256="1", raw="", text=read("child_llm.txt"))
    sigs = ai_pair.provenance_pair_signals(parent=parent, child=child, evidence={}, config=config)
    assert {s.name for s in sigs} >= {"corrupted_numbers"}
