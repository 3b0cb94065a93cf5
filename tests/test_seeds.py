"""The seed case end to end: 000 is the original, 001 and 002 its AI rewrites, 003/004 independent."""

from __future__ import annotations

import random

import pytest

from conftest import seed_path


def by_prefix(lineage):
    return {d.id[:3]: d for d in lineage.documents}


def check_seed_verdict(lineage, names: dict[str, str]):
    """Assert the seed verdict; ``names`` maps seed prefix -> id in this lineage."""
    roles, parents, ai = lineage.roles, lineage.parents, lineage.ai
    for p in ("001", "002"):
        assert roles[names[p]] == "derived", p
        assert parents[names[p]] == [names["000"]], p
        assert ai[names[p]].flagged, p
    for p in ("000", "003", "004"):
        assert roles[names[p]] == "original", p
        assert parents[names[p]] == [], p
        assert not ai[names[p]].flagged, p
    siblings = [set(r.members) for r in lineage.relations if r.kind == "sibling"]
    assert {names["001"], names["002"]} in siblings
    loners = {names["003"], names["004"]}
    for r in lineage.relations:
        ends = set(r.members) | {r.parent, r.child}
        assert not (ends & loners), f"{r.kind} relation ties an independent article: {ends}"


def test_seed_verdict(seeds_lineage):
    names = {d.id[:3]: d.id for d in seeds_lineage.documents}
    check_seed_verdict(seeds_lineage, names)


def test_seed_boilerplate_removed_and_sentences_kept(seeds_lineage):
    docs = by_prefix(seeds_lineage)
    banner = docs["000"].boilerplate
    raw = {k: seed_path(k).read_text(encoding="utf-8") for k in docs}  # spans are offsets into the text as read
    assert any("cookies" in s.text and s.end >= len(raw["000"].rstrip()) for s in banner)
    tail = " ".join(s.text for s in docs["003"].boilerplate)
    assert "No comments" in tail and "Post a Comment" in tail
    # No sentence of an article body is removed: every removed span is short furniture or the banner.
    for prefix, d in docs.items():
        for s in d.boilerplate:
            assert s.text == raw[prefix][s.start : s.end]
    assert "Donald Trump is preparing to offer Vladimir Putin access" in docs["003"].text
    assert "Under martial law imposed after the invasion" in docs["000"].text


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_renamed_and_shuffled_seeds(seed_copy, scan, seed):
    """Names that say nothing, in a random order: the same verdict."""
    rng = random.Random(seed)
    prefixes = ["000", "001", "002", "003", "004"]
    labels = [f"{rng.getrandbits(32):08x}.txt" for _ in prefixes]
    rng.shuffle(labels)
    mapping = dict(zip(prefixes, labels))
    folder = seed_copy(mapping)
    lineage = scan(folder)
    check_seed_verdict(lineage, mapping)


def test_seed_relation_evidence(seeds_lineage):
    rels = [r for r in seeds_lineage.relations if r.kind == "derived"]
    assert len(rels) == 2
    for r in rels:
        ev = r.evidence
        assert ev["passages"], "aligned passages are the evidence of a paraphrase"
        p = next(d for d in seeds_lineage.documents if d.id == r.parent)
        c = next(d for d in seeds_lineage.documents if d.id == r.child)
        first = ev["passages"][0]
        assert p.text[slice(*first["parent"])] and c.text[slice(*first["child"])]
        assert ev["direction"]["decided_by"]
        assert 0.0 <= r.score <= 1.0
    corrupted = [r for r in rels if r.evidence.get("corrupted_in_child")]
    assert corrupted and corrupted[0].evidence["corrupted_in_child"][0] == ["2024", "224"]


def test_seed_file_reads_as_utf8():
    assert "Zelenskyy" in seed_path("000").read_text(encoding="utf-8")
