"""The pipeline: each stage a function over a batch of records, calling one hook.

No stage keeps state between calls; what a later stage needs travels in the
records. Only :func:`attribute` needs a whole family of related documents at
once, and it receives exactly one family per call.
"""

from __future__ import annotations

import pickle
import re
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

import pluggy

from . import parallel
from .records import AIScore, Comparison, Document, Lineage, ReadError, Relation, Signal, Span
from .store import ComparisonStore, DocumentStore, PackedDict, RelationStore, document_ids, pack_comparison, pack_document

Progress = Callable[[str, int, int | None], None]


class PluginError(RuntimeError):
    """A plugin broke the contract of a hook (the message names the plugin)."""


def read(pm: pluggy.PluginManager, sources: Sequence[str], config: dict[str, Any]) -> tuple[list[Document], list[ReadError]]:
    """Documents of every source, with ids made unique across sources; errors kept, never raised."""
    errors: list[ReadError] = []
    docs = list(iter_documents(pm, sources, config, errors))
    return docs, errors


def iter_documents(pm: pluggy.PluginManager, sources: Sequence[str], config: dict[str, Any], errors: list[ReadError]) -> Iterator[Document]:
    """:func:`read` as a stream: documents are yielded as the readers make them and
    errors appended to ``errors``, so a scan never holds every raw text at once."""
    seen: set[str] = set()
    for source in sources:
        items = pm.hook.provenance_read(source=source, config=config)
        if items is None:
            errors.append(ReadError(source, "no reader plugin accepts this source"))
            continue
        for item in items:
            if isinstance(item, ReadError):
                errors.append(item)
                continue
            if item.id in seen:
                errors.append(ReadError(item.id, f"duplicate id from {source}: kept the first, skipped this one"))
                continue
            seen.add(item.id)
            yield item


def merge_spans(spans: Iterable[Span], raw: str) -> list[Span]:
    """Sorted, non-overlapping spans; overlapping ones are joined under the first rule."""
    merged: list[Span] = []
    for s in sorted(spans, key=lambda s: (s.start, -s.end)):
        if not (0 <= s.start < s.end <= len(raw)):
            continue
        if merged and s.start <= merged[-1].end:
            last = merged[-1]
            if s.end > last.end:
                merged[-1] = Span(last.rule, last.start, s.end, raw[last.start : s.end])
            continue
        merged.append(Span(s.rule, s.start, s.end, raw[s.start : s.end]))
    return merged


_BLANKS = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")


def remove_spans(raw: str, spans: list[Span]) -> str:
    """``raw`` without the spans; a removed piece leaves a line break so sentences stay apart."""
    parts = []
    pos = 0
    for s in spans:
        parts.append(raw[pos : s.start])
        parts.append("\n")
        pos = s.end
    parts.append(raw[pos:])
    return _BLANKS.sub("\n\n", "".join(parts)).strip()


def clean(pm: pluggy.PluginManager, docs: list[Document], config: dict[str, Any]) -> None:
    """Record every cleaner's spans in ``boilerplate`` and set ``text`` to what remains."""
    for doc in docs:
        results = pm.hook.provenance_clean(document=doc, config=config)
        doc.boilerplate = merge_spans((s for spans in results if spans for s in spans), doc.raw)
        doc.text = remove_spans(doc.raw, doc.boilerplate)


def fingerprint(pm: pluggy.PluginManager, docs: list[Document], config: dict[str, Any]) -> None:
    """Merge every fingerprint plugin's features into each document."""
    impls = pm.hook.provenance_fingerprint.get_hookimpls()
    owner: dict[str, str] = {}
    for impl in reversed(impls):  # pluggy calls in LIFO order; keep that order
        kwargs = {"documents": docs, "config": config}
        result = impl.function(**{k: v for k, v in kwargs.items() if k in impl.argnames})
        if result is None:
            continue
        if len(result) != len(docs):
            raise PluginError(f"plugin {impl.plugin_name!r}: provenance_fingerprint returned {len(result)} items for {len(docs)} documents")
        for doc, feats in zip(docs, result):
            clash = doc.features.keys() & feats.keys()
            if clash:
                key = sorted(clash)[0]
                raise PluginError(
                    f"feature {key!r} returned by plugins {owner.get(key, '?')!r} and {impl.plugin_name!r}"
                )
            doc.features.update(feats)
        for key in result[0] if result else ():
            owner.setdefault(key, impl.plugin_name)


def candidates(pm: pluggy.PluginManager, docs: Sequence[Document], config: dict[str, Any]) -> list[tuple[str, str]]:
    """The union of every candidate plugin's pairs, each ordered ``(smaller id, larger id)``."""
    known = set(document_ids(docs))
    pairs: set[tuple[str, str]] = set()
    for result in pm.hook.provenance_candidates(documents=docs, config=config):
        for a, b in result or ():
            if a != b and a in known and b in known:
                pairs.add((a, b) if a < b else (b, a))
    return sorted(pairs)


def compare(pm: pluggy.PluginManager, by_id: Mapping[str, Document], pairs: Iterable[tuple[str, str]], config: dict[str, Any]) -> list[Comparison]:
    """Evidence for each pair: the merged dicts of every compare plugin (a key clash names both plugins)."""
    impls = list(reversed(pm.hook.provenance_compare.get_hookimpls()))
    out = []
    for a, b in pairs:
        evidence: dict[str, Any] = {}
        owner: dict[str, str] = {}
        kwargs = {"a": by_id[a], "b": by_id[b], "config": config}
        for impl in impls:
            part = impl.function(**{k: v for k, v in kwargs.items() if k in impl.argnames})
            if not part:
                continue
            for key in part:
                if key in owner:
                    raise PluginError(
                        f"evidence key {key!r} returned by plugins {owner[key]!r} and {impl.plugin_name!r}"
                    )
                owner[key] = impl.plugin_name
            evidence.update(part)
        out.append(Comparison(a, b, evidence))
    return out


def combine_signals(signals: list[Signal], threshold: float) -> AIScore:
    """Noisy-OR of the signal weights: each signal alone can raise the score, none can lower it."""
    remaining = 1.0
    for s in signals:
        remaining *= 1.0 - min(1.0, max(0.0, s.weight))
    score = round(1.0 - remaining, 4)
    ranked = sorted(signals, key=lambda s: -s.weight)
    return AIScore(score, score >= threshold, [s.reason for s in ranked if s.weight > 0], ranked)


def ai_scores(pm: pluggy.PluginManager, docs: list[Document], config: dict[str, Any]) -> dict[str, AIScore]:
    """Each document's AI-rewrite score from every plugin's signals."""
    threshold = float(config.get("ai", {}).get("flag_threshold", 0.5))
    out = {}
    for doc in docs:
        signals = [s for part in pm.hook.provenance_ai_signals(document=doc, config=config) if part for s in part]
        out[doc.id] = combine_signals(signals, threshold)
    return out


def families(docs: Sequence[Document], comparisons: Sequence[Comparison]) -> Iterator[tuple[Sequence[Document], Sequence[Comparison]]]:
    """Connected components of the candidate graph: the units attribution works on.

    Yielded one at a time. Packed documents and comparisons are yielded as
    packed subsets, unpacked only as attribution reads them.
    """
    pairs = comparisons.pairs if isinstance(comparisons, ComparisonStore) else [(c.a, c.b) for c in comparisons]
    ids = document_ids(docs)
    parent = {i: i for i in ids}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, list[int]] = defaultdict(list)
    for k, i in enumerate(ids):
        groups[find(i)].append(k)
    comps: dict[str, list[int]] = defaultdict(list)
    for k, (a, _) in enumerate(pairs):
        comps[find(a)].append(k)
    for root in sorted(groups):
        members, links = groups[root], comps.get(root, [])
        yield (
            docs.subset(members) if isinstance(docs, DocumentStore) else [docs[k] for k in members],
            comparisons.subset(links) if isinstance(comparisons, ComparisonStore) else [comparisons[k] for k in links],
        )


def attribute(pm: pluggy.PluginManager, docs: Sequence[Document], comparisons: Sequence[Comparison], ai: Mapping[str, AIScore], config: dict[str, Any]) -> Lineage:
    """Relations, roles and parents, decided one family at a time, with the pair
    signals of each derived child added to its AI score. The relations are kept
    packed (:class:`~provenance.store.RelationStore`) as each family is done."""
    merged = Lineage(documents=docs, relations=RelationStore(), ai=PackedDict(ai) if isinstance(ai, PackedDict) else dict(ai))
    for fam_docs, fam_comps in families(docs, comparisons):
        fam_ai = {i: ai[i] for i in document_ids(fam_docs) if i in ai}
        result = pm.hook.provenance_attribute(documents=fam_docs, comparisons=fam_comps, ai=fam_ai, config=config)
        if result is None:
            raise PluginError("no plugin implements provenance_attribute")
        fam_by_id = fam_docs.by_id() if isinstance(fam_docs, DocumentStore) else {d.id: d for d in fam_docs}
        for child in add_pair_signals(pm, result.relations, fam_by_id, fam_ai, config):
            merged.ai[child] = fam_ai[child]
        merged.relations.extend(result.relations)
        merged.roles.update(result.roles)
        merged.parents.update(result.parents)
    for i in document_ids(docs):
        merged.roles.setdefault(i, "original")
        merged.parents.setdefault(i, [])
    return merged


def add_pair_signals(
    pm: pluggy.PluginManager,
    relations: Iterable[Relation],
    by_id: Mapping[str, Document],
    ai: dict[str, AIScore],
    config: dict[str, Any],
) -> set[str]:
    """Add source-aware signals of each derived child to its AI score (in ``ai``) and to
    the relation's evidence; return the ids of the children whose score changed."""
    threshold = float(config.get("ai", {}).get("flag_threshold", 0.5))
    changed: set[str] = set()
    for rel in relations:
        if rel.kind != "derived":
            continue
        parent, child = by_id[rel.parent], by_id[rel.child]
        signals = [
            s for part in pm.hook.provenance_pair_signals(parent=parent, child=child, evidence=rel.evidence, config=config) if part for s in part
        ]
        if not signals:
            continue
        rel.evidence["pair_signals"] = [{"name": s.name, "weight": s.weight, "reason": s.reason} for s in signals]
        ai[child.id] = combine_signals(ai[child.id].signals + signals, threshold)
        changed.add(child.id)
    return changed


def _document_stages(docs: Sequence[Document]) -> list[tuple[tuple[str, bytes, bytes | None] | None, bytes | None, ReadError | None]]:
    """Clean, fingerprint and AI-score a chunk of documents (runs in a worker); each packed.

    If a plugin raises on the chunk, the documents are processed one by one so
    that only the one that fails is set aside, with an error naming the cause.
    """
    pm, config = parallel.shared("pm"), parallel.shared("config")
    try:
        return _process(pm, list(docs), config)
    except Exception:
        if len(docs) == 1:
            doc = docs[0]
            return [(None, None, ReadError(doc.id, f"processing failed: {_describe_failure()}"))]
    out: list[tuple[tuple[str, bytes, bytes | None] | None, bytes | None, ReadError | None]] = []
    for doc in docs:
        out.extend(_document_stages([doc]))
    return out


def _process(pm: pluggy.PluginManager, docs: list[Document], config: dict[str, Any]):
    for d in docs:
        d.features = {}
    clean(pm, docs, config)
    fingerprint(pm, docs, config)
    ai = ai_scores(pm, docs, config)
    if not config.get("scan", {}).get("keep_raw", False):
        for d in docs:  # the removed spans keep their text; the rest is d.text
            d.raw = None
    apart = config.get("scan", {}).get("candidate_features", [])
    return [(pack_document(d, apart), pickle.dumps(ai[d.id], protocol=pickle.HIGHEST_PROTOCOL), None) for d in docs]


def _describe_failure() -> str:
    """The exception being handled, naming the plugin whose code raised it when there is one."""
    import sys
    import traceback

    exc = sys.exc_info()[1]
    files = {getattr(plugin, "__file__", None): name for name, plugin in parallel.shared("pm").list_name_plugin() if plugin}
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename in files:
            return f"plugin {files[frame.filename]!r} raised {type(exc).__name__}: {exc}"
    return f"{type(exc).__name__}: {exc}"


def _compare_chunk(pairs: Sequence[tuple[str, str]]) -> list[tuple[str, str, bytes]]:
    """Compare a chunk of candidate pairs (runs in a worker); the results packed.

    Pairs a compare plugin marked ``"aligned": False`` (too little in common to
    be worth aligning, hence to be related) are dropped here, so memory holds
    only the comparisons attribution can use, and those packed
    (:class:`~provenance.store.ComparisonStore`) until their family is attributed.
    """
    found = compare(parallel.shared("pm"), parallel.shared("by_id"), pairs, parallel.shared("config"))
    return [pack_comparison(c) for c in found if c.evidence.get("aligned", True) is not False]


def scan(
    sources: Sequence[str],
    config: dict[str, Any],
    pm: pluggy.PluginManager,
    progress: Progress | None = None,
    all_pairs: bool = False,
    workers: int = 1,
) -> Lineage:
    """Run every stage over the documents of ``sources`` and return the lineage.

    Args:
        sources: Folders, files or batches, as the reader plugins accept them.
        config: The merged configuration.
        pm: The plugin manager with plugins loaded.
        progress: Called as ``progress(stage, done, total)`` while stages run
            (``total`` is ``None`` while documents are still being read).
        all_pairs: Compare every pair instead of the candidates (to explain a few documents).
        workers: Processes for the per-document stages and the comparisons; the
            output is the same for any number.
    """
    note = progress or (lambda stage, done, total: None)
    errors: list[ReadError] = []
    stream = iter_documents(pm, sources, config, errors)
    chunk = int(config.get("scan", {}).get("chunk_documents", 256))
    parallel.share(pm=pm, config=config)
    done = 0

    def advance_docs(n: int) -> None:
        nonlocal done
        done += n
        note("documents", done, None)

    docs = DocumentStore()
    ai = PackedDict()
    failed: list[ReadError] = []
    for part in parallel.run(_document_stages, stream, workers, chunk, advance_docs):
        for packed, score, err in part:
            if err is not None:
                failed.append(err)
                continue
            docs.append(packed)
            ai.set_packed(packed[0], score)
    docs.flush()
    errors.extend(failed)  # after every read error, as the documents' order has them
    note("read", done, done)
    if all_pairs:
        ids = sorted(docs.ids)
        pairs = [(x, y) for i, x in enumerate(ids) for y in ids[i + 1 :]]
    else:
        pairs = candidates(pm, docs, config)
    n_pairs = len(pairs)
    note("candidates", n_pairs, n_pairs)
    docs.release_apart()
    parallel.share(by_id=docs.by_id())
    done = 0

    def advance_pairs(n: int) -> None:
        nonlocal done
        done += n
        note("compare", done, n_pairs)

    pair_chunk = int(config.get("scan", {}).get("chunk_pairs", 2000))
    queue = deque(pairs)  # handed out and let go of as the comparisons come in
    del pairs

    def drain() -> Iterator[tuple[str, str]]:
        while queue:
            yield queue.popleft()

    packed = (c for part in parallel.run(_compare_chunk, drain(), workers, pair_chunk, advance_pairs) for c in part)
    # Explaining a few documents (all_pairs) keeps the comparisons as objects, so what the
    # attributor notes in them (the verification score of an unrelated pair) is kept too.
    comparisons = ComparisonStore(packed)
    if all_pairs:
        comparisons = list(comparisons)
    parallel.share(by_id=None)
    lineage = attribute(pm, docs, comparisons, ai, config)
    lineage.errors = errors
    lineage.comparisons = comparisons
    note("attribute", len(lineage.relations), len(lineage.relations))
    return lineage
