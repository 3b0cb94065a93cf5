"""Packed records between stages: what goes in comes out, and scans release what they no longer need."""

from __future__ import annotations

import numpy as np

from provenance.config import load_config
from provenance.records import Comparison, Lineage, Relation
from provenance.lineage import document_records, relation_records
from provenance.store import ComparisonStore, DocumentStore, PackedDict, RelationStore, pack_document

from conftest import SEEDS


def test_comparison_store_round_trip():
    comps = [
        Comparison("a", "b", {"jaccard": 0.5, "shared_facts": ["number:2024"], "passages": np.arange(10).reshape(2, 5)}),
        Comparison("a", "c", {"aligned": True}),
    ]
    store = ComparisonStore.of(comps)
    assert len(store) == 2 and store.pairs == [("a", "b"), ("a", "c")]
    back = list(store)
    assert back[0].evidence["shared_facts"] == ["number:2024"]
    assert np.array_equal(back[0].evidence["passages"], comps[0].evidence["passages"])
    assert store[1] == comps[1] and store[-1:] == [comps[1]]


def test_comparison_store_hands_out_copies():
    """Attribution may annotate evidence; the stored comparison stays as compared."""
    store = ComparisonStore.of([Comparison("a", "b", {"jaccard": 0.5})])
    store[0].evidence["verification_score"] = 0.9
    assert "verification_score" not in store[0].evidence


def test_scan_keeps_comparisons_packed(scan):
    lineage = scan(SEEDS)
    assert isinstance(lineage.comparisons, ComparisonStore)
    assert ("000_4360f873e8873a82.txt", "001_0544140192ac06dc.txt") in lineage.comparisons.pairs


def test_scan_releases_raw_text_unless_asked(scan):
    default = scan(SEEDS)
    assert all(d.raw is None and d.text for d in default.documents)
    kept = scan(SEEDS, cfg=load_config(overrides={"scan": {"keep_raw": True}}))
    by_id = {d.id: d for d in kept.documents}
    for d in default.documents:
        assert by_id[d.id].raw == (SEEDS / d.id).read_text(encoding="utf-8")
        assert by_id[d.id].text == d.text and by_id[d.id].boilerplate == d.boilerplate


def test_document_store_round_trip_and_lookup(seeds_lineage):
    docs = list(seeds_lineage.documents)
    store = DocumentStore.of(docs)
    def same(x, y):
        return (x.id, x.text, x.boilerplate, sorted(x.features)) == (y.id, y.text, y.boilerplate, sorted(y.features))

    assert store.ids == [d.id for d in docs] and len(store) == len(docs)
    assert all(same(x, y) for x, y in zip(store, docs)) and [d.id for d in store[1:3]] == store.ids[1:3]
    assert np.array_equal(store[0].features["shingles"], docs[0].features["shingles"])
    view = store.by_id(cache=2)
    for d in docs + docs[::-1]:
        assert same(view[d.id], d)
    assert list(view) == store.ids and len(view) == len(docs)
    assert DocumentStore() == [] and DocumentStore() != [1]


def test_scan_keeps_documents_packed_and_writes_them_in_id_order(scan, tmp_path):
    for name in ("b.txt", "c.txt", "a.txt"):
        (tmp_path / name).write_text(f"Document {name} has a sentence or two of its own.", encoding="utf-8")
    lineage = scan(tmp_path)
    assert isinstance(lineage.documents, DocumentStore)
    assert [r["id"] for r in document_records(lineage)] == ["a.txt", "b.txt", "c.txt"]


def test_packed_dict_behaves_as_a_dict_of_copies():
    d = PackedDict({"a": [1, 2]})
    d["b"] = {"x": 1}
    assert dict(d) == {"a": [1, 2], "b": {"x": 1}} and "b" in d and len(d) == 2
    d["a"].append(3)  # a copy: the stored value is unchanged
    assert d["a"] == [1, 2]
    copy = PackedDict(d)
    del copy["a"]
    assert list(copy) == ["b"] and list(d) == ["a", "b"] and d.get("zz") is None


def test_features_packed_apart_are_released_after_candidates(seeds_lineage, config):
    apart = config["scan"]["candidate_features"]
    assert apart and all(k not in d.features for d in seeds_lineage.documents for k in apart)
    doc = seeds_lineage.documents[0]
    doc.features.update({"terms": np.arange(3), "term_counts": np.ones(3)})
    store = DocumentStore()
    store.append(pack_document(doc, apart))
    assert np.array_equal(store[0].features["terms"], np.arange(3)) and "shingles" in store[0].features
    store.release_apart()
    assert "terms" not in store[0].features and "shingles" in store[0].features


def test_relation_store_round_trip_and_write_order():
    rels = [
        Relation("sibling", 0.5, {}, members=["x", "y"]),
        Relation("derived", 0.9, {"passages": [{"parent": [0, 5], "child": [1, 6], "score": 0.9}]}, parent="b", child="c"),
        Relation("derived", 0.8, {}, parent="a", child="d"),
    ]
    store = RelationStore()
    store.extend(rels)
    assert list(store) == rels and len(store) == 3
    lineage = Lineage(documents=[], relations=store)
    assert [(r["kind"], r.get("parent")) for r in relation_records(lineage)] == [("derived", "a"), ("derived", "b"), ("sibling", None)]
    assert list(relation_records(lineage)) == list(relation_records(Lineage(documents=[], relations=rels)))


def test_document_store_joins_documents_into_shared_buffers(seeds_lineage, monkeypatch):
    docs = list(seeds_lineage.documents)
    monkeypatch.setattr(DocumentStore, "buffer_bytes", 1)  # every append fills a buffer
    assert len({id(item[1]) for item in DocumentStore.of(docs)._packed}) == len(docs)
    monkeypatch.setattr(DocumentStore, "buffer_bytes", 1 << 30)  # one buffer for all
    store = DocumentStore.of(docs)
    assert len({id(item[1]) for item in store._packed}) == 1
    assert [(d.id, d.text) for d in store] == [(d.id, d.text) for d in docs]
    assert store.get(docs[2].id).text == docs[2].text and store.subset([3, 1]).ids == [docs[3].id, docs[1].id]


def test_documents_pack_with_compressed_text():
    from provenance.records import Document

    long_text = "Déjà vu “quoted” text. " * 40 + "\udc80"  # a lone surrogate, as surrogateescape leaves
    doc = Document("a", "0" * 64, raw=long_text, text=long_text[:-1], features={"x": np.arange(3)})
    _, blob, _ = pack_document(doc)
    assert len(blob) < len(long_text.encode("utf-8", "surrogatepass")) // 2  # raw and text, both compressed
    store = DocumentStore()
    store.append(pack_document(doc))
    back = store[0]
    assert (back.raw, back.text, back.id) == (doc.raw, doc.text, doc.id) and np.array_equal(back.features["x"], np.arange(3))
    assert doc.text == long_text[:-1]  # packing leaves the document itself as it was
    short = Document("b", "0" * 64, raw=None, text="short")
    store.append(pack_document(short))
    assert store[1] == short
