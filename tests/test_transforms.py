"""Tests of the synthetic-corpus tools: seeded transforms, source texts and the generator."""

from __future__ import annotations

import itertools
import json
import random
import re
import statistics
from collections import Counter
from pathlib import Path

import pytest

from bench import corpusgen
from bench.transforms import (  # noqa: E402
    TRANSFORMS,
    corrupt_numbers,
    heavy_edit,
    light_edit,
    paraphrase_like,
    split_paragraphs,
    summary,
    verbatim_with_boilerplate,
    word_ngram_jaccard,
)

SOURCES = sorted(corpusgen.ROBUSTNESS_DIR.glob("*.txt"))
TEXTS = [p.read_text(encoding="utf-8") for p in SOURCES]
NUMBER = re.compile(r"(?<![\w.,])\d(?:[\d,]*\d)?(?:\.\d+)?(?!\w)")
HEX_ID = re.compile(r"^[0-9a-f]{16}\.txt$")


def n_sentences(text: str) -> int:
    return sum(len(p) for p in split_paragraphs(text))


def mean_jaccard(fn) -> float:
    return statistics.mean(word_ngram_jaccard(t, fn(t, random.Random(i))) for i, t in enumerate(TEXTS))


# --------------------------------------------------------------------------- source texts


def test_robustness_texts_are_eight_topics_of_three_news_articles():
    topics = Counter(p.stem.split("_")[0] for p in SOURCES)
    assert len(topics) == 8 and set(topics.values()) == {3}
    for text in TEXTS:
        assert 300 <= len(text.split()) <= 700
        assert re.search(r"\d", text) and ("said" in text or "says" in text)


def test_same_topic_articles_are_independent():
    """Same-topic articles share names and vocabulary but almost no word 5-grams."""
    for a, b in itertools.combinations(SOURCES, 2):
        if a.stem.split("_")[0] == b.stem.split("_")[0]:
            assert word_ngram_jaccard(a.read_text(), b.read_text()) < 0.03, (a.name, b.name)


# --------------------------------------------------------------------------- transforms


def test_registry_lists_every_transform():
    assert set(TRANSFORMS) == {
        "verbatim_with_boilerplate",
        "light_edit",
        "heavy_edit",
        "summary",
        "corrupt_numbers",
        "paraphrase_like",
    }


@pytest.mark.parametrize("kind", sorted(TRANSFORMS))
def test_transforms_are_deterministic_and_seed_dependent(kind):
    fn = TRANSFORMS[kind]
    text = TEXTS[3]
    assert fn(text, random.Random(11)) == fn(text, random.Random(11))
    outputs = {fn(text, random.Random(s)) for s in range(5)}
    assert len(outputs) > 1
    assert fn(text, random.Random(11)) != text


def test_word_ngram_jaccard():
    assert word_ngram_jaccard("a b c d e f", "A b c d e f") == 1.0
    assert word_ngram_jaccard("a b c d e f", "a b c d e g") == pytest.approx(1 / 3)
    assert word_ngram_jaccard("a b c d e", "v w x y z") == 0.0


def test_split_paragraphs_keeps_abbreviations_and_quotes():
    paras = split_paragraphs('He met Mr. Smith at St. Mary\'s. "It went well," he said.\n\nNew paragraph here.')
    assert paras == [["He met Mr. Smith at St. Mary's.", '"It went well," he said.'], ["New paragraph here."]]


def test_verbatim_keeps_text_and_adds_furniture():
    for i, text in enumerate(TEXTS[:6]):
        out = verbatim_with_boilerplate(text, random.Random(i))
        assert text.strip() in out
        extra = out.replace(text.strip(), "")
        assert len(extra.split()) >= 3
        assert re.search(r"cookie|Share|newsletter|Comment|Reply|Copyright|Advertisement|Photo|Skip|Listen|Posted|Follow|Related", extra)


def test_light_edit_drops_one_or_two_sentences_and_swaps_words():
    for i, text in enumerate(TEXTS):
        out = light_edit(text, random.Random(i))
        assert 1 <= n_sentences(text) - n_sentences(out) <= 2
        assert 0.5 < word_ngram_jaccard(text, out) < 0.95


def test_heavy_edit_drops_thirty_percent_and_reorders():
    for i, text in enumerate(TEXTS):
        out = heavy_edit(text, random.Random(i))
        n = n_sentences(text)
        assert abs(n_sentences(out) - (n - round(0.3 * n))) <= 1
        assert word_ngram_jaccard(text, out) < 0.45
    assert mean_jaccard(heavy_edit) < mean_jaccard(light_edit) - 0.3


def test_summary_keeps_a_lead_biased_third_to_half():
    ratios, lead_kept = [], 0
    for i, text in enumerate(TEXTS):
        out = summary(text, random.Random(i))
        ratios.append(n_sentences(out) / n_sentences(text))
        first_words = split_paragraphs(text)[0][0].split()[:2]
        lead_kept += out.split()[:2] == first_words
    assert all(0.25 <= r <= 0.55 for r in ratios)
    assert lead_kept >= len(TEXTS) // 2


def test_corrupt_numbers_introduces_a_number_absent_from_the_source():
    for i, text in enumerate(TEXTS):
        out = corrupt_numbers(text, random.Random(i))
        new = set(NUMBER.findall(out)) - set(NUMBER.findall(text))
        assert new, SOURCES[i].name
        assert word_ngram_jaccard(text, out) > 0.5


def test_corrupt_numbers_on_text_without_numbers_is_a_light_edit():
    text = TEXTS[0]
    plain = NUMBER.sub("several", text)
    out = corrupt_numbers(plain, random.Random(1))
    assert not NUMBER.findall(out) and out != plain


def test_paraphrase_shares_few_five_grams():
    scores = [word_ngram_jaccard(t, paraphrase_like(t, random.Random(i))) for i, t in enumerate(TEXTS)]
    assert statistics.mean(scores) < 0.2
    assert statistics.mean(scores) < mean_jaccard(heavy_edit)
    out = paraphrase_like(TEXTS[0], random.Random(0))
    assert "Riverton" in out and "Elena Marsh" in out  # names and facts survive


def test_kinds_are_ordered_by_strength():
    """Average 5-gram Jaccard: verbatim > light > corrupt_numbers > heavy > paraphrase."""
    j = {k: mean_jaccard(fn) for k, fn in TRANSFORMS.items()}
    assert j["verbatim_with_boilerplate"] > j["light_edit"] > j["corrupt_numbers"]
    assert j["corrupt_numbers"] > j["heavy_edit"] > j["paraphrase_like"]


# --------------------------------------------------------------------------- generator


def load(out: Path) -> tuple[dict, dict]:
    return json.loads((out / "truth.json").read_text()), json.loads((out / "topics.json").read_text())


def test_robustness_corpus_has_one_copy_per_kind(tmp_path):
    truth = corpusgen.generate(tmp_path, seed=3)
    assert truth == load(tmp_path)[0]
    files = {p.name for p in tmp_path.glob("*.txt")}
    assert files == set(truth)
    originals = [d for d, r in truth.items() if r["parent"] is None]
    assert len(originals) == len(SOURCES) and all(truth[d]["kind"] == "original" for d in originals)
    children = Counter((r["parent"], r["kind"]) for r in truth.values() if r["parent"])
    assert set(children.values()) == {1}
    assert len(children) == len(SOURCES) * len(TRANSFORMS)
    texts = {(tmp_path / d).read_text() for d in originals}
    assert texts == set(TEXTS)


def test_ids_are_uninformative(tmp_path):
    truth = corpusgen.generate(tmp_path, seed=4)
    assert all(HEX_ID.match(d) for d in truth)
    order = [truth[d]["parent"] is None for d in sorted(truth)]
    # Originals are spread through the sorted listing, not grouped at one end.
    positions = [i for i, is_orig in enumerate(order) if is_orig]
    assert positions[0] < len(order) // 4 and positions[-1] > 3 * len(order) // 4


def test_generate_is_deterministic_given_seed(tmp_path):
    a = corpusgen.generate(tmp_path / "a", seed=9)
    b = corpusgen.generate(tmp_path / "b", seed=9)
    c = corpusgen.generate(tmp_path / "c", seed=10)
    assert a == b and set(a) != set(c)
    for d in a:
        assert (tmp_path / "a" / d).read_bytes() == (tmp_path / "b" / d).read_bytes()


def test_robustness_n_docs_caps_whole_topics(tmp_path):
    truth = corpusgen.generate(tmp_path, n_docs=21, seed=1, kinds=["light_edit", "summary"])
    assert len(truth) == 21
    _, topics = load(tmp_path)
    originals = [d for d, r in truth.items() if r["parent"] is None]
    assert Counter(topics[d] for d in originals) and max(Counter(topics[d] for d in originals).values()) == 3


def test_synthetic_corpus_truth_and_lengths(tmp_path):
    truth = corpusgen.generate(
        tmp_path, n_docs=400, seed=2, mode="synthetic", copy_fraction=0.25, chain_fraction=0.3, workers=1
    )
    _, topics = load(tmp_path)
    assert len(truth) == 400 == len(list(tmp_path.glob("*.txt"))) == len(topics)
    copies = {d: r for d, r in truth.items() if r["parent"]}
    assert len(copies) == 100
    assert all(r["parent"] in truth and r["kind"] in corpusgen.SYNTHETIC_KINDS for r in copies.values())
    assert any(truth[r["parent"]]["parent"] for r in copies.values())  # some copies of copies
    assert all(topics[d] == topics[r["parent"]] for d, r in copies.items())
    kinds = Counter(r["kind"] for r in truth.values())
    assert kinds["independent"] > 0 and kinds["original"] > 0
    for d, r in truth.items():
        words = len((tmp_path / d).read_text().split())
        if r["parent"] is None:
            assert 300 <= words <= 830, words  # body 300-800 plus a headline
    verbatim = [d for d, r in copies.items() if r["kind"] == "verbatim_with_boilerplate"]
    for d in verbatim:
        assert (tmp_path / copies[d]["parent"]).read_text().strip() in (tmp_path / d).read_text()


def test_synthetic_same_topic_documents_are_independent(tmp_path):
    truth = corpusgen.generate(tmp_path, n_docs=300, seed=6, mode="synthetic", copy_fraction=0.0, workers=1)
    _, topics = load(tmp_path)
    by_topic: dict[str, list[str]] = {}
    for d in truth:
        by_topic.setdefault(topics[d], []).append(d)
    pairs = [p for ids in by_topic.values() for p in itertools.combinations(ids[:5], 2)][:60]
    assert len(pairs) >= 20
    for a, b in pairs:
        assert word_ngram_jaccard((tmp_path / a).read_text(), (tmp_path / b).read_text()) < 0.05


def test_synthetic_output_does_not_depend_on_worker_count(tmp_path):
    a = corpusgen.generate(tmp_path / "a", n_docs=240, seed=8, mode="synthetic", workers=1)
    b = corpusgen.generate(tmp_path / "b", n_docs=240, seed=8, mode="synthetic", workers=2)
    assert a == b
    for d in a:
        assert (tmp_path / "a" / d).read_bytes() == (tmp_path / "b" / d).read_bytes()


def test_bad_arguments_are_rejected(tmp_path):
    with pytest.raises(ValueError, match="Unknown transform kind"):
        corpusgen.generate(tmp_path, kinds=["nope"])
    with pytest.raises(ValueError, match="Unknown mode"):
        corpusgen.generate(tmp_path, mode="bogus")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="copy_fraction"):
        corpusgen.generate(tmp_path, n_docs=5000, copy_fraction=1.0)


def test_cli(tmp_path, capsys):
    assert corpusgen.main([str(tmp_path), "--n", "150", "--seed", "1", "--mode", "synthetic", "--workers", "1"]) == 0
    summary_line = json.loads(capsys.readouterr().out)
    assert summary_line["docs"] == 150 and (tmp_path / "truth.json").exists()
    assert corpusgen.main([str(tmp_path / "x"), "--kinds", "bad"]) == 2
