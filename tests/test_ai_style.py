"""Tests of the single-document AI style signals (plugins/ai_style.py)."""

from __future__ import annotations

import copy
import json
import tomllib
from importlib import resources
from pathlib import Path

import pytest

from provenance.records import Document, Signal
from provenance_plugins import ai_style
from provenance_plugins.ai_style import paragraphs, quotations, ramp, style_signals

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
BENCH = ROOT / "bench" / "ai_texts"
CLOUGH = Path("/work/shared/data/clough/docs")


@pytest.fixture(scope="module")
def config() -> dict:
    """Only config/ai.toml, so these tests do not depend on other plugins' config files."""
    return tomllib.loads(resources.files("provenance_config").joinpath("ai.toml").read_text(encoding="utf-8"))


def noisy_or(signals: list[Signal]) -> float:
    """The host's combination rule: 1 - prod(1 - weight)."""
    p = 1.0
    for s in signals:
        p *= 1.0 - s.weight
    return 1.0 - p


def score(text: str, config: dict) -> float:
    return noisy_or(style_signals(text, config))


def names(text: str, config: dict) -> dict[str, Signal]:
    return {s.name: s for s in style_signals(text, config)}


def auc(pos: list[float], neg: list[float]) -> float:
    """Probability that a random positive outscores a random negative (ties count half)."""
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


# --- small texts written for these tests -------------------------------------------------

PLAIN = (
    "The bus leaves at seven. Tom missed it twice last week, so now he walks to the station "
    "and buys a paper on the way. The walk takes twenty minutes if the lights are kind. "
)

STOCK = (
    "This pivotal moment underscores the intricate and multifaceted landscape of modern cities. "
    "Furthermore, it is important to note that local leaders must navigate complex dynamics, "
    "fostering collaboration. Additionally, the plan serves as a testament to crucial progress. "
)

# Even sentences (all about 14 words) with no quotes, vague subjects, long paragraphs.
UNIFORM_PARA = (
    "Officials said on Monday that the new policy would affect many residents in the area. "
    "The decision was announced after a long period of consultation with local groups. "
    "Many people have expressed different views about the changes proposed by the council. "
    "Some groups believe that the plan will improve services for families in the region. "
    "Others argue that the approach could create new problems for small local businesses. "
)

# Varied sentences, direct quotes, numbers and names, short paragraphs.
VARIED_PARA = (
    "Mayor Lena Ortiz said on Monday the bridge would shut for 14 weeks from 3 June.\n\n"
    "\"We have no choice,\" she said. \"The steel is 91 years old and it is tired.\"\n\n"
    "Shops on Harbour Road fear the worst. Trade fell 30% during the last closure in 2016, "
    "according to the Chamber of Commerce, and two cafés never reopened.\n\n"
    "Diversions via the A38 will add about nine minutes.\n\n"
)


def test_ramp_directions() -> None:
    assert ramp(5, 0, 10) == 0.5
    assert ramp(-1, 0, 10) == 0.0 and ramp(11, 0, 10) == 1.0
    assert ramp(0.2, 0.5, 0.1) == pytest.approx(0.75)  # decreasing ramp
    assert ramp(0.05, 0.5, 0.1) == 1.0


def test_short_text_has_no_signals(config: dict) -> None:
    assert style_signals(STOCK, config) == []  # under min_words, however stocky


def test_stock_vocabulary_detected_and_quoted(config: dict) -> None:
    sigs = names(STOCK * 4 + PLAIN * 2, config)
    assert "stock_vocabulary" in sigs
    reason = sigs["stock_vocabulary"].reason
    assert "pivotal" in reason and "multifaceted" in reason
    assert 0 < sigs["stock_vocabulary"].weight <= config["ai"]["style"]["vocabulary"]["max_weight"]


def test_stock_vocabulary_absent_in_plain_text(config: dict) -> None:
    assert "stock_vocabulary" not in names(PLAIN * 8, config)


def test_one_repeated_connective_is_a_habit_not_a_style(config: dict) -> None:
    text = (PLAIN + "Furthermore, the trains are late. ") * 6
    assert "stock_vocabulary" not in names(text, config)


def test_longer_phrase_is_not_double_counted(config: dict) -> None:
    matcher = ai_style.phrase_matcher(dict(config["ai"]["style"]["vocabulary"]["points"]))
    counts = matcher.find("It remains to be seen. The complex dynamics of an evolving landscape.")
    assert counts["remains to be seen"] == 1
    assert counts["complex dynamics"] == 1
    assert counts["evolving landscape"] == 1 and "landscape" not in counts and "evolving" not in counts


def test_meta_framing(config: dict) -> None:
    meta = (
        "The article discusses how the port will change. This statement can be interpreted as a warning. "
        "The decision highlights the importance of planning. "
    )
    sigs = names(PLAIN * 6 + meta, config)
    assert "meta_framing" in sigs
    assert "The article discusses" in sigs["meta_framing"].reason
    assert "meta_framing" not in names(PLAIN * 8, config)


def test_generic_closers_only_at_paragraph_end(config: dict) -> None:
    closer = "Whether the plan will work remains to be seen."
    ending = "\n\n".join([PLAIN * 2 + closer] * 3)
    sigs = names(ending, config)
    assert "generic_closers" in sigs and "remains to be seen" in sigs["generic_closers"].reason
    opening = "\n\n".join([closer + " " + PLAIN * 2] * 3)
    assert "generic_closers" not in names(opening, config)


def test_quotations_found_and_scare_quotes_ignored() -> None:
    text = "“We will rebuild the pier,” he said. It was called a ‘security shield’. ‘That’s their best offer,’ one said."
    found = quotations(text, 4)
    assert "We will rebuild the pier," in found
    assert "That’s their best offer," in found
    assert all("security shield" not in q for q in found)


def test_few_quotations_in_news_like_text(config: dict) -> None:
    news = UNIFORM_PARA.replace("Officials said", "Officials announced").replace("said", "stated")
    text = "\n\n".join([news] * 3)
    sigs = names(text, config)
    assert "few_quotations" in sigs
    assert "no direct quotations" in sigs["few_quotations"].reason
    assert "few_quotations" not in names("\n\n".join([VARIED_PARA] * 3), config)


def test_few_quotations_not_applied_to_essays(config: dict) -> None:
    essay = (
        "Inheritance lets a class reuse the fields and methods of another class. A subclass can "
        "override a method to change its behaviour while keeping the rest of the interface. "
    ) * 6
    assert "few_quotations" not in names(essay, config)


def test_attribution_verbs(config: dict) -> None:
    fancy = (
        "The minister noted that costs had risen. The mayor emphasized that safety came first. "
        "A spokesperson indicated that talks would continue. Residents expressed concern. "
    )
    sigs = names((fancy + PLAIN) * 3, config)
    assert "attribution_verbs" in sigs and "noted" in sigs["attribution_verbs"].reason
    plain = fancy.replace("noted", "said").replace("emphasized", "said").replace("indicated", "said")
    assert "attribution_verbs" not in names((plain + PLAIN) * 3, config)


def test_low_burstiness(config: dict) -> None:
    assert "low_burstiness" in names(UNIFORM_PARA * 3, config)
    varied = (
        "It rained. The river, swollen by three days of storms that had moved in from the west, "
        "broke its banks before dawn and flooded forty homes on the low side of town. Nobody slept. "
        "By noon the water had started to fall, slowly. Volunteers came from villages as far away "
        "as Marlow and Henley with pumps, sandbags, flasks of tea and more goodwill than anyone "
        "could use. Then the sun came out. "
    ) * 3
    assert "low_burstiness" not in names(varied, config)


def test_long_paragraphs_in_news(config: dict) -> None:
    long_paras = "\n\n".join([UNIFORM_PARA] * 4)
    assert "long_paragraphs" in names(long_paras, config)
    short_paras = "\n\n".join(s.strip() + "." for s in UNIFORM_PARA.split(". ") if s.strip()) * 3
    assert "long_paragraphs" not in names(short_paras, config)


def test_few_specifics(config: dict) -> None:
    assert "few_specifics" in names("\n\n".join([UNIFORM_PARA] * 3), config)
    assert "few_specifics" not in names("\n\n".join([VARIED_PARA] * 3), config)


def test_paragraphs_one_per_line_or_hard_wrapped() -> None:
    one_per_line = "First paragraph ends here.\nSecond one too.\nThird."
    assert len(paragraphs(one_per_line)) == 3
    wrapped = "This paragraph is hard wrapped so\nthat its lines stop in the middle\nof a sentence like this."
    assert len(paragraphs(wrapped)) == 1


def test_invalid_config_is_reported(config: dict) -> None:
    bad = copy.deepcopy(config)
    bad["ai"]["style"]["vocabulary"]["max_weight"] = 1.5
    with pytest.raises(ValueError, match="max_weight must be in"):
        style_signals(PLAIN * 8, bad)
    with pytest.raises(ValueError, match=r"\[ai.style\]"):
        style_signals(PLAIN * 8, {})


def test_hook_reads_cleaned_text(config: dict) -> None:
    doc = Document(id="x", sha256="0", raw=PLAIN, text=STOCK * 4 + PLAIN * 2)
    sigs = ai_style.provenance_ai_signals(document=doc, config=config)
    assert any(s.name == "stock_vocabulary" for s in sigs)
    assert all(0.0 <= s.weight <= 1.0 and s.reason for s in sigs)


# --- calibration on seeds, the stand-in set and the Clough corpus ----------------------------

SEED_LLM = ["001_0544140192ac06dc.txt", "002_8033d4a384777abd.txt"]
SEED_HUMAN = ["000_4360f873e8873a82.txt", "003_5f9f1bcd83d2a46e.txt", "004_ce0f30f79bf2c5ca.txt"]


@pytest.mark.parametrize("name", SEED_LLM)
def test_llm_seeds_flagged(name: str, config: dict) -> None:
    assert score((SEEDS / name).read_text(encoding="utf-8"), config) >= config["ai"]["flag_threshold"]


@pytest.mark.parametrize("name", SEED_HUMAN)
def test_human_seeds_not_flagged(name: str, config: dict) -> None:
    assert score((SEEDS / name).read_text(encoding="utf-8"), config) < config["ai"]["flag_threshold"]


def test_auc_on_seeds_and_stand_in_set(config: dict) -> None:
    human = [SEEDS / n for n in SEED_HUMAN] + sorted((BENCH / "human").glob("*.txt"))
    llm = [SEEDS / n for n in SEED_LLM] + sorted((BENCH / "llm").glob("*.txt"))
    assert len(human) >= 15 and len(llm) >= 15
    pos = [score(p.read_text(encoding="utf-8"), config) for p in llm]
    neg = [score(p.read_text(encoding="utf-8"), config) for p in human]
    assert auc(pos, neg) >= 0.95
    assert not any(s >= config["ai"]["flag_threshold"] for s in neg)


@pytest.mark.skipif(not CLOUGH.is_dir(), reason="Clough corpus not available")
def test_clough_none_flagged(config: dict) -> None:
    truth = json.loads((CLOUGH.parent / "truth.json").read_text(encoding="utf-8"))
    flagged = []
    for path in sorted(CLOUGH.glob("*.txt")):
        assert truth.get(path.name, {}).get("ai", False) is False
        s = score(path.read_text(encoding="utf-8", errors="replace"), config)
        if s >= config["ai"]["flag_threshold"]:
            flagged.append((path.name, round(s, 2)))
    assert flagged == []


# --- signals added for LLM news prose, and the fast paths of analyze() ----------------------

REPORTED = (
    "Mayor Lena Ortiz said on Monday that the bridge would close for repairs in June. "
    "She said the steel was old and that the council had no other choice. "
    "Shop owners told the council they feared a repeat of the 2016 closure. "
    "A spokesperson said diversions would add a few minutes to most journeys. "
)


def enabled(config: dict) -> dict:
    """The config with the opt-in news signals switched on at their evaluated weights."""
    on = copy.deepcopy(config)
    on["ai"]["style"]["reported_speech"]["max_weight"] = 0.18
    on["ai"]["style"]["subheadings"]["max_weight"] = 0.3
    return on


def test_reported_speech_without_quotations(config: dict) -> None:
    config = enabled(config)
    sigs = names("\n\n".join([REPORTED] * 3), config)
    assert "reported_speech" in sigs and "direct quotation" in sigs["reported_speech"].reason
    assert "reported_speech" not in names("\n\n".join([VARIED_PARA] * 3), config)


def test_subheadings_in_news(config: dict) -> None:
    config = enabled(config)
    body = "\n\n".join([VARIED_PARA.strip()] * 2)
    heads = ["A Long Road Ahead", "What Comes Next", "The Cost"]
    text = "Bridge to close\n\n" + body + "".join(f"\n\n{h}\n\n{body}" for h in heads)
    sigs = names(text, config)
    assert "subheadings" in sigs and "What Comes Next" in sigs["subheadings"].reason
    assert "subheadings" not in names("Bridge to close\n\n" + body + "\n\n" + body, config)  # the headline alone


def test_sentence_spans_match_provenance_sentences() -> None:
    from provenance.text import sentences

    texts = [PLAIN, STOCK, UNIFORM_PARA, VARIED_PARA, REPORTED, "A line without end\nthat wraps on\nHere. “Quote.” Next!"]
    texts += [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))[:10]]
    for text in texts:
        assert [(s.start, s.end) for s in sentences(text)] == ai_style.sentence_spans(text)


def test_specific_count_matches_token_loop() -> None:
    texts = ["Mayor Ortiz said “I will” on 3 June.", "(“Smith) met I and U.S. officials in 2016", "\"I\" was (‘Big’) news"]
    assert ai_style._specific_count(texts) == sum(ai_style._specific_tokens(t) for t in texts)


def test_markers_counted_like_separate_searches(config: dict) -> None:
    style = config["ai"]["style"]
    text = "Officials said last week, according to the minister's office, that the president's aides told reporters."
    stats = ai_style.analyze(text, style)
    for m in style["news"]["markers"] + style["attribution"]["fancy"]:
        import re

        assert stats.markers.get(m, 0) == len(re.findall(ai_style._phrase_regex(m), text.lower())), m
