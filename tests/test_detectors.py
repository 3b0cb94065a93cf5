"""Unit tests of the built-in detector plugins, each on small texts of its own."""

from __future__ import annotations

import numpy as np

from provenance import pipeline
from provenance.records import AIScore, Document
from provenance_plugins import attribution, facts, lsh_candidates, passages, sentence_candidates, shingles, term_candidates

SOURCE = """The council approved a 412 million dollar light rail extension on Tuesday after a long debate.
Mayor Ana Lindqvist said the line would carry 40,000 riders a day by 2031.
"This is the biggest investment in our city for a generation," she told reporters.
Critics warned that construction would close Maple Avenue for two years.
The first trains are due to run in the spring of 2029, officials said."""

REWRITE = """On Tuesday the council gave its approval to a 412 million dollar extension of the light rail network.
According to Mayor Ana Lindqvist, the line is expected to carry 40,000 riders daily by 2031.
Opponents cautioned that Maple Avenue would be closed for two years during construction.
Officials said the first trains should run in spring 2029."""

OTHER = """A new public library opened in the western district on Saturday.
The building holds more than 120,000 books and a large children's wing.
Visitors queued from early morning to see the reading rooms."""


def docs(config, **texts):
    out = [Document(id=k, sha256=k, raw=v, text=v) for k, v in texts.items()]
    pipeline.fingerprint(_pm(), out, config)
    return out


def _pm():
    from provenance.plugins import load_plugins

    return load_plugins()


def test_facts_extracts_figures_names_and_quotes():
    f = facts.extract_facts(SOURCE)
    assert {"412", "40000", "2031", "2029"} <= set(f["numbers"])
    assert "ana lindqvist" in " ".join(f["names"])
    assert any(q.startswith("this is the biggest investment") for q in f["quotes"])


def test_corrupted_figures_counts_lost_or_swapped_digits_only():
    assert facts.corrupted_figures({"2024", "500"}, {"224", "500"}) == [("2024", "224")]
    assert facts.corrupted_figures({"2024"}, {"2042"}) == [("2024", "2042")]
    assert facts.corrupted_figures({"224"}, {"2024"}) == []  # an added digit says nothing of direction
    assert facts.corrupted_figures({"2024"}, {"2024"}) == []


def test_alignment_matches_paraphrased_sentences(config):
    a, b, c = docs(config, a=SOURCE, b=REWRITE, c=OTHER)
    ev = passages.provenance_compare(a=a, b=b, config=config)
    assert ev["coverage_ba"] >= 0.75 and ev["aligned_sentences"] >= 3
    assert isinstance(ev["passages"], np.ndarray) and ev["passages"].shape[1] == 5
    first = ev["passages"][0]
    assert a.text[int(first[0]) : int(first[1])] and b.text[int(first[2]) : int(first[3])]
    unrelated = passages.provenance_compare(a=a, b=c, config=config)
    assert unrelated["coverage_ab"] == 0.0 and unrelated.get("aligned") is False


def test_alignment_is_one_to_one(config):
    a, b = docs(config, a="The harbour bridge closes for repairs in June. " * 1, b="The harbour bridge closes for repairs in June. The harbour bridge closes for repairs in June.")
    pa, sa, pb, sb = passages.best_matches(a.features, b.features, 3)
    assert (pb >= 0).sum() == 1  # one sentence of a cannot stand in for both sentences of b


def test_shingles_features_are_lean_arrays(config):
    (d,) = docs(config, d=SOURCE)
    f = d.features
    assert f["signature"].dtype == np.uint32 and len(f["signature"]) == config["shingles"]["num_perm"]
    assert f["sentences"].shape == (5, 2)
    assert len(f["sent_index"]) == len(f["sent_terms"]) and f["sent_index"].max() == 4
    assert shingles.normalized_hash("A  b\nC") == shingles.normalized_hash("a b c")


def test_lsh_candidates_pair_near_copies_only(config):
    edited = SOURCE.replace("long debate", "lengthy debate")
    ds = docs(config, a=SOURCE, b=edited, c=OTHER)
    assert lsh_candidates.provenance_candidates(documents=ds, config=config) == [("a", "b")]


def test_sentence_candidates_pair_documents_sharing_sentences(config):
    summary = "\n".join(SOURCE.splitlines()[:2]) + "\nA completely new closing sentence was written for this summary here."
    ds = docs(config, a=SOURCE, b=summary, c=OTHER)
    assert sentence_candidates.provenance_candidates(documents=ds, config=config) == [("a", "b")]


def test_term_candidates_pair_documents_sharing_rare_terms(config):
    ds = docs(config, a=SOURCE, b=REWRITE, c=OTHER)
    pairs = {tuple(sorted(p)) for p in term_candidates.provenance_candidates(documents=ds, config=config)}
    assert ("a", "b") in pairs and ("a", "c") not in pairs


def test_attribution_classifies_and_directs(config):
    a, b = docs(config, a=SOURCE, b=REWRITE)
    ev = {}
    for part in (passages.provenance_compare(a=a, b=b, config=config), facts.provenance_compare(a=a, b=b, config=config)):
        ev.update(part)
    kind, score = attribution.classify(ev, config["attribute"])
    assert kind == "derived" and score >= config["attribute"]["derived_threshold"]
    ai = {"a": AIScore(0.05, False), "b": AIScore(0.6, True)}
    votes = attribution.direction_votes(a, b, ev, ai, config["attribute"])
    assert sum(votes.values()) > 0  # a is the source
    assert votes["quotations"] > 0 and votes["ai_rewrite"] > 0


def test_ai_vote_ignores_style_scores_human_news_also_reaches(config):
    """Scores of 0.2-0.3 are common among human news articles: they give no AI vote."""
    a, b = docs(config, a=SOURCE, b=REWRITE)
    ev = passages.provenance_compare(a=a, b=b, config=config)
    ev.update(facts.provenance_compare(a=a, b=b, config=config))
    noise = {"a": AIScore(0.05, False), "b": AIScore(0.3, False)}
    assert "ai_rewrite" not in attribution.direction_votes(a, b, ev, noise, config["attribute"])
    llm_like = {"a": AIScore(0.05, False), "b": AIScore(0.45, False)}
    assert attribution.direction_votes(a, b, ev, llm_like, config["attribute"])["ai_rewrite"] > 0


def test_attribution_dates_decide_when_known(config):
    a, b = docs(config, a=SOURCE, b=SOURCE.replace("long debate", "lengthy debate"))
    a.meta["date"], b.meta["date"] = "2025-05-02", "2025-05-01"
    ev = passages.provenance_compare(a=a, b=b, config=config)
    ev.update(facts.provenance_compare(a=a, b=b, config=config))
    votes = attribution.direction_votes(a, b, ev, {}, config["attribute"])
    assert votes["date"] < 0 and sum(votes.values()) < 0  # b is older: b is the source


def test_near_duplicate_direction_rests_on_its_few_differences(config):
    """A light edit that drops one sentence is nearly symmetric, yet the copy is the contained
    side; that small asymmetry, taken relative to how little differs, outweighs a weak family vote."""
    extra = "The extension adds nine stations between the harbour and the northern suburbs of the city."
    source = SOURCE + "\n" + extra
    copy = "\n".join(line for line in source.splitlines() if not line.startswith("Critics"))
    a, b = docs(config, a=source, b=copy)
    ev = passages.provenance_compare(a=a, b=b, config=config)
    ev.update(facts.provenance_compare(a=a, b=b, config=config))
    conf = config["attribute"]
    assert ev["jaccard_exact"] >= conf["near_duplicate_jaccard"]
    raw_asym = (ev["coverage_ba"] + ev["trigram_containment_ba"] + ev["containment_ba"]) - (
        ev["coverage_ab"] + ev["trigram_containment_ab"] + ev["containment_ab"]
    )
    assert 0 < raw_asym < 0.5  # small on its own
    family = {"a": 0.0, "b": 0.15}  # the family leans the wrong way, a little
    votes = attribution.direction_votes(a, b, ev, {}, conf, family)
    assert votes["family_source"] < 0 < votes["containment"] and sum(votes.values()) > 0
    assert votes["containment"] > 1.2 * conf["direction"]["containment"] * raw_asym


def test_lsh_banding_finds_exactly_what_datasketch_finds():
    """Same pairs as inserting every signature in datasketch's MinHashLSH and querying each."""
    from datasketch import LeanMinHash, MinHashLSH

    rng = np.random.default_rng(7)
    base = rng.integers(0, 2**32, size=(40, 128), dtype=np.uint64).astype(np.uint32)
    sigs = np.concatenate([base, base[:15].copy(), base[:5].copy()])
    sigs[40:55, rng.integers(0, 128, 60)] = 1  # the copies agree on some bands only
    sigs[55:, :] = sigs[55:, ::-1]  # reversed copies share no band with the originals
    sigs[55:57] = base[0]  # ...except two, identical to row 0 (a bucket of four)
    lsh = MinHashLSH(threshold=0.3, num_perm=128)
    for i, s in enumerate(sigs):
        lsh.insert(i, LeanMinHash(seed=1, hashvalues=s, scheme="affine32"))
    expected = sorted({(min(i, j), max(i, j)) for i, s in enumerate(sigs)
                       for j in lsh.query(LeanMinHash(seed=1, hashvalues=s, scheme="affine32")) if i != j})
    got = [tuple(p) for p in lsh_candidates.band_pairs(sigs, lsh.b, lsh.r).tolist()]
    assert got == expected and len(expected) > 15


def test_copy_of_a_copy_goes_to_the_copy_that_holds_its_edits(config):
    """A light edit of a light edit shares a few word 5-grams (here 3.5% of its own) with its
    direct parent and none of them with the grandparent: the direct parent is chosen."""
    conf = config["attribute"]
    common = np.arange(1000, 1386, dtype=np.uint32)  # what all three share
    edits = np.arange(5000, 5014, dtype=np.uint32)  # the parent's edits, kept by the child
    child_own = np.arange(9000, 9010, dtype=np.uint32)

    def doc(doc_id, *parts):
        return Document(doc_id, "0" * 64, raw=None, text="x", features={"shingles": np.sort(np.concatenate(parts)), "facts": {}})

    grandparent = doc("g", common, np.arange(7000, 7020, dtype=np.uint32))
    parent = doc("p", common, edits)
    child = doc("c", common, edits, child_own)
    assert len(edits) / len(child.features["shingles"]) < 0.05
    assert attribution._closest(child, [grandparent, parent], conf)[0] == "p"
    # Without such edits the most original candidate (listed first) stays the parent.
    plain = doc("c2", common, child_own)
    assert attribution._closest(plain, [grandparent, parent], conf)[0] == "g"


def test_a_sibling_that_explains_the_child_well_defers_to_the_source_whose_wording_it_keeps(config):
    """A child that keeps 22 word 5-grams of the source that the chosen candidate lacks, and
    only 11 of the chosen one's own, drew on the source itself: the candidate is a sibling.
    A true copy of a copy holds no source wording its parent dropped, and keeps its parent."""
    conf = config["attribute"]
    common = np.arange(1000, 1100, dtype=np.uint32)

    def doc(doc_id, *parts):
        return Document(doc_id, "0" * 64, raw=None, text="x", features={"shingles": np.unique(np.concatenate(parts))})

    source = doc("source", common, np.arange(2000, 2040, dtype=np.uint32))
    sibling = doc("sibling", common, np.arange(3000, 3011, dtype=np.uint32))
    child = doc("child", common[:50], np.arange(2000, 2022, dtype=np.uint32), np.arange(3000, 3011, dtype=np.uint32))
    chosen = attribution._source_wording(child, sibling, [source], conf)
    assert chosen == ("source", {"sibling": 11, "source": 22})
    # A copy of the sibling: it has the sibling's 11 own 5-grams and none the sibling dropped.
    copy = doc("copy", common[:50], np.arange(3000, 3011, dtype=np.uint32))
    assert attribution._source_wording(copy, sibling, [source], conf) is None
    # Two 5-grams of source wording are coincidence, not reuse.
    near_copy = doc("near", common[:50], np.arange(2000, 2002, dtype=np.uint32), np.arange(3000, 3011, dtype=np.uint32))
    assert attribution._source_wording(near_copy, sibling, [source], conf) is None


def _reworded_pair(shared: int, only_source: int, trigram: float) -> dict:
    """Evidence of a pair whose side ``b`` rewords a few sentences of ``a`` (verification >= 0.5)."""
    ev = {
        "same_text": False, "jaccard_exact": 0.02,
        "coverage_ab": 0.35, "coverage_ba": 0.45, "soft_coverage_ab": 0.2, "soft_coverage_ba": 0.24,
        "trigram_containment_ab": 0.07, "trigram_containment_ba": trigram,
        "shared_facts": [f"name:shared {i}" for i in range(shared)],
        "facts_only_in_a": [f"number:{i}" for i in range(only_source)],
        "facts_only_in_b": ["number:99"],
    }
    return ev


def test_same_event_coverage_without_the_sources_facts_is_not_derived(config):
    """Two reports of one event align a few reworded sentences; a rewrite would also carry
    the source's figures and names. Holding 1 of its 10 facts, the second report is not derived."""
    conf = config["attribute"]
    assert attribution.verification_score(_reworded_pair(1, 9, 0.1), "b", conf) >= conf["derived_threshold"]
    kind, score = attribution.classify(_reworded_pair(1, 9, 0.1), conf)
    assert kind is None and score >= conf["derived_threshold"]
    # A rewrite that keeps half the source's facts is derived...
    assert attribution.classify(_reworded_pair(5, 5, 0.1), conf)[0] == "derived"
    # ...as is a pair with much verbatim wording, or a source with too few facts to judge by.
    assert attribution.classify(_reworded_pair(1, 9, 0.5), conf)[0] == "derived"
    assert attribution.classify(_reworded_pair(0, 4, 0.1), conf)[0] == "derived"
    ev = _reworded_pair(1, 9, 0.1)
    attribution.classify(ev, conf)
    assert ev["fact_coverage_ab"] == 0.1  # share of a's facts found in b


def test_a_changed_figure_points_to_the_copy_that_changed_it(config):
    """The parent mistyped 417 as 147; the child (which rewords too much to keep the parent's
    word 5-grams) holds 147: the parent, not the grandparent, is its source. Quotations reworded
    alike are not such evidence: siblings pick the same common synonyms by chance."""
    conf = config["attribute"]
    common = np.arange(1000, 1300, dtype=np.uint32)

    def doc(doc_id, numbers, quotes=()):
        facts = {"numbers": list(numbers), "names": [], "quotes": list(quotes)}
        return Document(doc_id, "0" * 64, raw=None, text="x", features={"shingles": common, "facts": facts})

    grandparent = doc("g", ["417", "2019"], ["we will cook for every one of them"])
    parent = doc("p", ["147", "2019"], ["we will cook for each one of them"])
    child = doc("c", ["147", "2019"])
    chosen, how = attribution._closest(child, [grandparent, parent], conf)
    assert (chosen, how["by"], how["figures"]) == ("p", "unique_figures", ["147"])
    # A child keeping the grandparent's figure stays with it.
    assert attribution._closest(doc("c2", ["417"]), [grandparent, parent], conf)[0] == "g"
    # A quotation reworded like the sibling's, figures like both: the most original candidate.
    alike = doc("c3", ["2019"], ["we will cook for each one of them"])
    assert attribution._closest(alike, [grandparent, parent], conf) == ("g", {"by": "most_original", "candidates": ["g", "p"]})
