"""Attribution plugin: decide each related pair's kind and direction, then the family tree.

1. Verify: a pair is an exact duplicate (same cleaned text), a near duplicate
   (high word n-gram overlap) or derived (a verification score from sentence
   coverage and verbatim reuse above ``derived_threshold``), else unrelated.
2. Direct: signals vote on who is the parent (earlier date, figures corrupted
   in one copy, which side is contained in the other, which side has facts the
   other lacks, AI-rewrite score); the votes are kept as evidence.
3. Assemble: each document takes as parent the candidate that best explains
   its content and facts, without cycles; related documents that share a
   parent without being each other's parent are siblings.
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

import numpy as np

from provenance.hookspecs import hookimpl
from provenance.records import AIScore, Comparison, Document, Lineage, Relation


def verification_score(ev: dict[str, Any], side: str, conf: dict[str, Any]) -> float:
    """How strongly the evidence says document ``side`` ("a" or "b") was made from the other.

    A logistic function of the share of ``side``'s sentences aligned to the
    other document, how closely they align, its verbatim word-trigram reuse,
    and the share of the other document's sentences it accounts for; weights
    in config.
    """
    other = "b" if side == "a" else "a"
    w = conf["weights"]
    z = (
        w["bias"]
        + w["coverage"] * ev[f"coverage_{side}{other}"]
        + w["soft_coverage"] * ev[f"soft_coverage_{side}{other}"]
        + w["trigram_containment"] * ev[f"trigram_containment_{side}{other}"]
        + w["coverage_of_source"] * ev[f"coverage_{other}{side}"]
    )
    return 1.0 / (1.0 + math.exp(-z))


def classify(ev: dict[str, Any], conf: dict[str, Any]) -> tuple[str | None, float]:
    """``(kind, score)`` of a pair, or ``(None, score)`` when it is not a relation."""
    if ev.get("same_text"):
        return "exact_duplicate", 1.0
    if ev["jaccard_exact"] >= conf["near_duplicate_jaccard"]:
        return "near_duplicate", round(ev["jaccard_exact"], 4)
    as_child = {"a": verification_score(ev, "a", conf), "b": verification_score(ev, "b", conf)}
    child = max(as_child, key=as_child.get)
    score = as_child[child]
    if score >= conf["derived_threshold"] and _fact_supported(ev, child, conf):
        return "derived", round(score, 4)
    return None, round(score, 4)


def _fact_supported(ev: dict[str, Any], child: str, conf: dict[str, Any]) -> bool:
    """Whether a reworded pair's child reproduces enough of its source's specific facts.

    Two reports of the same event, or an article written from another's headline,
    align a few sentences that say the same thing in other words; a rewrite of an
    article also carries its figures, names and quotations. So when the child
    reuses little verbatim wording (``fact_support_max_trigram``) and the source
    has ``fact_support_min_facts`` or more facts, the child must hold at least
    ``fact_support`` of them. Records ``fact_coverage_ab``/``_ba`` (share of one
    side's facts found in the other) in the evidence.
    """
    shared = len(ev.get("shared_facts", []))
    for side, other in (("a", "b"), ("b", "a")):
        total = shared + len(ev.get(f"facts_only_in_{side}", []))
        if total:
            ev[f"fact_coverage_{side}{other}"] = round(shared / total, 4)
    source = "b" if child == "a" else "a"
    if ev[f"trigram_containment_{child}{source}"] >= conf["fact_support_max_trigram"]:
        return True
    total = shared + len(ev.get(f"facts_only_in_{source}", []))
    return total < conf["fact_support_min_facts"] or shared / total >= conf["fact_support"]


def direction_votes(
    a: Document,
    b: Document,
    ev: dict[str, Any],
    ai: dict[str, AIScore],
    conf: dict[str, Any],
    source_scores: dict[str, float] | None = None,
) -> dict[str, float]:
    """Signed votes that ``a`` is the parent of ``b`` (negative: ``b`` is the parent of ``a``)."""
    w = conf["direction"]
    votes: dict[str, float] = {}
    da, db = a.meta.get("date"), b.meta.get("date")
    if da and db and str(da) != str(db):
        votes["date"] = w["date"] if str(da) < str(db) else -w["date"]
    # Same text, different wrapping: a copy is usually the one wrapped in more page furniture.
    if ev.get("same_text") or ev["jaccard_exact"] >= conf["near_duplicate_jaccard"]:
        fa = sum(s.end - s.start for s in a.boilerplate)
        fb = sum(s.end - s.start for s in b.boilerplate)
        if fa != fb:
            votes["less_furniture"] = w["less_furniture"] if fa < fb else -w["less_furniture"]
    corrupted = len(ev.get("corrupted_in_b", [])) - len(ev.get("corrupted_in_a", []))
    if corrupted:
        votes["corrupted_figures"] = w["corrupted_figures"] * max(-2, min(2, corrupted))
    # The child is the more contained side: its sentences find counterparts more often.
    in_b = ev["coverage_ab"] + ev["trigram_containment_ab"] + ev["containment_ab"]
    in_a = ev["coverage_ba"] + ev["trigram_containment_ba"] + ev["containment_ba"]
    asym = in_a - in_b
    if abs(asym) >= w["containment_margin"]:
        votes["containment"] = w["containment"] * asym
        # Near duplicates differ in little, and that little is all the evidence there
        # is: their asymmetry counts relative to how much the two differ at all.
        differ = 6.0 - in_a - in_b
        if not ev.get("same_text") and ev["jaccard_exact"] >= conf["near_duplicate_jaccard"] and differ > 0:
            votes["containment"] = w["containment_near_duplicate"] * asym / differ
    # The source carries specific facts that a rewrite drops.
    only_a, only_b = len(ev.get("facts_only_in_a", [])), len(ev.get("facts_only_in_b", []))
    if only_a + only_b >= w["facts_min"]:
        votes["facts"] = w["facts"] * (only_a - only_b) / (only_a + only_b)
    # Rewriters turn direct quotations into reported speech; they rarely invent new ones.
    qa = sum(1 for f in ev.get("facts_only_in_a", []) if f.startswith("quote:"))
    qb = sum(1 for f in ev.get("facts_only_in_b", []) if f.startswith("quote:"))
    if qa != qb:
        votes["quotations"] = w["quotations"] * (1 if qa > qb else -1)
    # The side that reads more like an AI rewrite is the child, when either reads like one at all.
    if a.id in ai and b.id in ai:
        sa, sb = ai[a.id].score, ai[b.id].score
        if max(sa, sb) >= w["ai_floor"] and abs(sb - sa) >= w["ai_margin"]:
            votes["ai_rewrite"] = w["ai_rewrite"] * (sb - sa)
    # Within a family the source is the document that contains the others.
    if source_scores is not None:
        fam = source_scores.get(a.id, 0.0) - source_scores.get(b.id, 0.0)
        if abs(fam) >= w["family_margin"]:
            votes["family_source"] = w["family_source"] * fam
    return {k: round(v, 4) for k, v in votes.items()}


def source_scores(related: dict[tuple[str, str], Any], lengths: dict[str, int]) -> dict[str, float]:
    """Per document: how well it explains its related documents, and how much of it they use.

    The source of a family explains every copy's wording (recall: the mean share
    of a related document's sentences and trigrams found in it), and nearly all
    of it is reused by some copy (precision: the share of its text aligned to
    any related document). A copy that added material explains its siblings as
    well as the source does, but its additions are reused by nobody; a summary
    is fully reused but explains less of its siblings.
    """
    recall: dict[str, float] = {}
    count: dict[str, int] = {}
    spans: dict[str, list[tuple[int, int]]] = {}
    for (a, b), item in related.items():
        ev = item[2].evidence
        recall[a] = recall.get(a, 0.0) + (ev["coverage_ba"] + ev["trigram_containment_ba"]) / 2
        recall[b] = recall.get(b, 0.0) + (ev["coverage_ab"] + ev["trigram_containment_ab"]) / 2
        count[a] = count.get(a, 0) + 1
        count[b] = count.get(b, 0) + 1
        for row in np.asarray(ev.get("passages", np.empty((0, 5)))).tolist():
            spans.setdefault(a, []).append((row[0], row[1]))
            spans.setdefault(b, []).append((row[2], row[3]))
    out = {}
    for x in recall:
        covered = sum(e - s for s, e in _union(spans.get(x, [])))
        precision = covered / lengths[x] if lengths.get(x) else 0.0
        out[x] = recall[x] / count[x] + precision
    return out


def _union(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def _oriented(ev: dict[str, Any], parent_is_a: bool) -> dict[str, Any]:
    """Evidence re-keyed from a/b to parent/child."""
    p, c = ("a", "b") if parent_is_a else ("b", "a")
    out: dict[str, Any] = {}
    for key, value in ev.items():
        if key.endswith(("_ab", "_ba")):
            first, second = key[-2], key[-1]
            stem = key[:-3]
            role = {p: "parent", c: "child"}
            out[f"{stem}_{role[first]}_in_{role[second]}"] = value
        elif key.endswith(("_in_a", "_in_b")):
            out[key[:-1] + ("parent" if key[-1] == p else "child")] = value
        elif key == "passages":
            out[key] = passage_objects(value, "parent" if p == "a" else "child", "child" if p == "a" else "parent")
        else:
            out[key] = value
    return out


def passage_objects(rows, first: str, second: str) -> list[dict[str, Any]]:
    """Rows ``(a_start, a_end, b_start, b_end, score)`` as lineage passage objects.

    ``first`` and ``second`` name the two sides ("parent"/"child", or "a"/"b").
    """
    return [
        {first: [int(r[0]), int(r[1])], second: [int(r[2]), int(r[3])], "score": round(float(r[4]), 3)}
        for r in np.asarray(rows).tolist()
    ]


def _explanation(c: str, p: str, ev_of, w: dict[str, float]) -> float:
    """How much of ``c`` the candidate parent ``p`` accounts for: aligned sentences, exact wording, facts.

    A copy's exact wording points to the document it was copied from rather
    than to a sibling that reworded the same source.
    """
    ev, c_is_a = ev_of(p, c)
    side = "ab" if c_is_a else "ba"
    return (
        w["soft_coverage"] * ev[f"soft_coverage_{side}"]
        + w["coverage"] * ev[f"coverage_{side}"]
        + w["trigram_containment"] * ev[f"trigram_containment_{side}"]
        + w["shared_fact"] * len(ev.get("shared_facts", []))
    )


def _closest(child: Document, candidates: list[Document], conf: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """Among candidate parents that explain ``child`` about equally well, the one it was copied from.

    Returns the chosen id and how it was chosen (``evidence["parent_choice"]``).
    A copy of a copy inherits the edits of its direct parent: word 5-grams it
    shares with that parent and with none of the other candidates. The
    candidate with the most such shingles wins when they are a clear share of
    the child's shingles (``unique_shingles``) and the runner-up has at most
    ``unique_runner_up`` times as many and no fact of the child that the winner lacks (siblings
    share coincidental phrasings, but each also keeps something of the common
    source the other dropped; a direct parent accounts for the child's edits,
    the grandparent for none of them). When the texts cannot tell (a copy of a
    verbatim copy), page furniture can: the candidate whose own furniture lines
    the child carries (``_furniture_choice``). Otherwise the first (most original)
    candidate does.
    """
    ids = [p.id for p in candidates]
    if len(candidates) == 1:
        return candidates[0].id, {"by": "best_explanation", "candidates": ids}
    if "shingles" in child.features:
        mine = child.features["shingles"]
        shared = [np.intersect1d(mine, p.features.get("shingles", mine[:0]), assume_unique=True) for p in candidates]
        unique = []
        for i, s in enumerate(shared):
            others = [shared[j] for j in range(len(shared)) if j != i]
            rest = np.unique(np.concatenate(others)) if others else s[:0]
            unique.append(len(np.setdiff1d(s, rest, assume_unique=True)))
        order = sorted(range(len(candidates)), key=lambda i: -unique[i])
        best, second = order[0], order[1]
        if unique[best] >= max(3, conf["unique_shingles"] * len(mine)) and unique[second] <= conf["unique_runner_up"] * unique[best]:
            # The grandparent must not hold facts of the child that the parent lacks.
            facts = _facts(child)
            lost = (facts & _facts(candidates[second])) - _facts(candidates[best])
            if not lost:
                return candidates[best].id, {
                    "by": "unique_shingles",
                    "candidates": ids,
                    "unique_shingles": dict(zip(ids, unique)),
                }
    figures = _unique_figures(child, candidates)
    if figures is not None:
        winner, held = figures
        return winner, {"by": "unique_figures", "candidates": ids, "figures": held}
    furniture = _furniture_choice(
        child, candidates, int(conf["furniture_min_words"]), int(conf["furniture_min_lines"]), float(conf["furniture_share"])
    )
    if furniture is not None:
        winner, lines = furniture
        return winner, {"by": "shared_furniture", "candidates": ids, "furniture_lines": lines}
    return candidates[0].id, {"by": "most_original", "candidates": ids}


def _source_wording(
    child: Document, chosen: Document, earlier: list[Document], conf: dict[str, Any]
) -> tuple[str, dict[str, int]] | None:
    """A more original candidate whose own wording the child keeps, which ``chosen`` cannot explain.

    A copy of a copy can only hold the source's words that its parent kept: the
    word 5-grams the child shares with the source but not with the parent are
    near zero. When the child holds clearly more of them (``source_wording``
    times the 5-grams it shares only with ``chosen``, and at least 3), it drew
    on that source directly and ``chosen`` is a sibling that reworded the same
    source, however well it explains the child otherwise. Returns the earlier
    candidate holding most such wording, with the counts.
    """
    mine = child.features.get("shingles")
    if mine is None or "shingles" not in chosen.features:
        return None
    with_chosen = np.intersect1d(mine, chosen.features["shingles"], assume_unique=True)
    best, most = None, 0
    for q in earlier:
        if "shingles" not in q.features:
            continue
        with_q = np.intersect1d(mine, q.features["shingles"], assume_unique=True)
        only_q = len(np.setdiff1d(with_q, with_chosen, assume_unique=True))
        only_chosen = len(np.setdiff1d(with_chosen, with_q, assume_unique=True))
        if only_q >= 3 and only_q > conf["source_wording"] * only_chosen and only_q > most:
            best, most = (q.id, {chosen.id: only_chosen, q.id: only_q}), only_q
    return best


def _unique_figures(child: Document, candidates: list[Document]) -> tuple[str, list[str]] | None:
    """The one candidate with figures of the child that no other candidate has, if only one has any.

    A changed figure propagates to copies of the document that changed it: a
    child holding ``147`` where its grandparent says ``417`` took it from the
    parent that wrote ``147``. Only figures count: two editors who reword a
    quotation or a name with the same common synonym agree by chance, two who
    mistype a figure the same way seldom do.
    """
    mine = _figures(child)
    held = [mine & _figures(p) for p in candidates]
    only = [held[i] - set().union(*(held[j] for j in range(len(held)) if j != i)) for i in range(len(held))]
    having = [i for i, x in enumerate(only) if x]
    if len(having) == 1:
        return candidates[having[0]].id, sorted(only[having[0]])
    return None


def _furniture_lines(doc: Document, min_words: int) -> set[str]:
    """The lines of ``doc``'s removed boilerplate with at least ``min_words`` words, case and spacing folded."""
    lines = set()
    for span in doc.boilerplate:
        for line in span.text.splitlines():
            folded = " ".join(line.lower().split())
            if len(folded.split()) >= min_words:
                lines.add(folded)
    return lines


def _furniture_choice(
    child: Document, candidates: list[Document], min_words: int, min_lines: int, min_share: float
) -> tuple[str, list[str]] | None:
    """The candidate whose own page furniture the child carries, if exactly one clearly does.

    A scraper that copies a page copies the furniture around the article too
    (a site's footer, its photo credit, its byline line), so a copy of a copy
    keeps furniture that only its direct parent has. Only lines that no other
    candidate has count, and a line counts when the child has it as furniture
    or in its text (furniture moved inside an article is not removed).
    """
    own = [_furniture_lines(p, min_words) for p in candidates]
    if not any(own):
        return None
    child_lines = _furniture_lines(child, min_words)
    child_text = " ".join(child.text.lower().split())
    kept, share = [], []
    for i, lines in enumerate(own):
        others = set().union(*(own[j] for j in range(len(own)) if j != i))
        mine = lines - others
        kept.append(sorted(x for x in mine if x in child_lines or x in child_text))
        share.append(len(kept[-1]) / len(mine) if mine else 0.0)
    order = sorted(range(len(candidates)), key=lambda i: (-share[i], -len(kept[i])))
    best, second = order[0], order[1]
    # Stock lines (a newsletter prompt, a consent banner) recur on unrelated pages: a parent's
    # furniture counts only when the child carries nearly all of it, and nobody else's.
    if len(kept[best]) >= min_lines and share[best] >= min_share and not kept[second]:
        return candidates[best].id, kept[best]
    return None


def _figures(doc: Document) -> set[str]:
    return set(doc.features.get("facts", {}).get("numbers", []))


def _facts(doc: Document) -> set[str]:
    f = doc.features.get("facts", {})
    return {f"{k}:{v}" for k in ("numbers", "quotes", "names") for v in f.get(k, [])}


@hookimpl(trylast=True)
def provenance_attribute(documents, comparisons, ai, config):
    """Relations, roles and parents for one family of documents."""
    conf = config["attribute"]
    # The documents may be unpacked as they are read (a large family holds thousands):
    # keep slim copies for the votes and fetch a whole one only to break a tie.
    position_of: dict[str, int] = {}
    by_id: dict[str, Document] = {}
    lengths: dict[str, int] = {}
    for k, d in enumerate(documents):
        position_of[d.id] = k
        lengths[d.id] = len(d.text)
        by_id[d.id] = replace(d, raw=None, text="", features={})
    ids = list(by_id)
    related: dict[tuple[str, str], tuple[str, float, Comparison, dict[str, float]]] = {}
    for comp in comparisons:
        kind, score = classify(comp.evidence, conf)
        comp.evidence["verification_score"] = score
        if kind is None:
            continue
        related[(comp.a, comp.b)] = (kind, score, comp, {})
    sources = source_scores(related, lengths)
    for (a, b), (kind, score, comp, _) in list(related.items()):
        votes = direction_votes(by_id[a], by_id[b], comp.evidence, ai, conf, sources)
        related[(a, b)] = (kind, score, comp, votes)

    def ev_of(x: str, y: str):
        key = (x, y) if x < y else (y, x)
        return related[key][2].evidence, key[0] == y  # (evidence, True if y is side a)

    # Order the family from most to least original: each document's votes
    # against its related documents, summed (bounded per pair so no single
    # pair dominates). Parents are chosen only among earlier documents, which
    # keeps the tree acyclic and makes the family's hub its root.
    margin: dict[tuple[str, str], float] = {}
    for (a, b), (kind, score, comp, votes) in related.items():
        m = sum(votes.values())
        margin[(a, b)] = m
        margin[(b, a)] = -m
    rank: dict[str, float] = {x: 0.0 for x in ids}
    neighbours: dict[str, list[str]] = {x: [] for x in ids}
    for (a, b) in related:
        rank[a] += math.tanh(margin[(a, b)])
        rank[b] += math.tanh(margin[(b, a)])
        neighbours[a].append(b)
        neighbours[b].append(a)
    order = sorted(rank, key=lambda x: (-rank[x], -sources.get(x, 0.0), x))
    position = {x: i for i, x in enumerate(order)}
    parents: dict[str, str] = {}
    choices: dict[str, dict[str, Any]] = {}
    for c in order:
        # A parent must come earlier and be backed by evidence: the pair's own
        # votes plus the family's. Related documents with no such evidence are
        # left as siblings (copies of a common source that is not in the corpus).
        options = [
            p
            for p in neighbours[c]
            if position[p] < position[c]
            and margin[(p, c)] >= -conf["max_contrary_margin"]
            and (
                related[(p, c) if p < c else (c, p)][0] != "derived"
                or margin[(p, c)] + conf["family_weight"] * (rank[p] - rank[c]) >= conf["min_parent_margin"]
            )
        ]
        if not options:
            continue
        # The best explanation wins; candidates explaining about as well defer to
        # the earliest (most original) of them, so near-identical copies of a
        # source do not collect its other copies.
        scores = {p: _explanation(c, p, ev_of, conf["explanation"]) for p in options}
        best = max(scores.values())
        near = sorted((p for p in options if scores[p] >= best - conf["explanation_tie"]), key=lambda p: position[p])
        # Whole documents are unpacked only for these tie-breaks, each once per child.
        fetched: dict[str, Document] = {}

        def whole(x: str) -> Document:
            if x not in fetched:
                fetched[x] = documents[position_of[x]]
            return fetched[x]

        if len(near) == 1:
            parents[c] = near[0]
        else:
            parents[c], choices[c] = _closest(whole(c), [whole(x) for x in near], conf)
        # A more original candidate whose wording the child keeps and the chosen one lacks
        # is the child's source; the chosen one reworded it too (the best explanations first).
        earlier = sorted((p for p in options if position[p] < position[parents[c]]), key=lambda p: (-scores[p], position[p]))
        earlier = earlier[: conf["source_wording_candidates"]]
        if earlier:
            source = _source_wording(whole(c), whole(parents[c]), [whole(x) for x in earlier], conf)
            if source is not None:
                q, counts = source
                choices[c] = {"by": "source_wording", "candidates": [parents[c], *earlier], "unique_shingles": counts}
                parents[c] = q

    relations: list[Relation] = []
    roles: dict[str, str] = {}
    for c, p in sorted(parents.items()):
        key = (p, c) if p < c else (c, p)
        kind, score, comp, votes = related[key]
        ev = _oriented(comp.evidence, parent_is_a=(key[0] == p))
        signed = {k: (v if key[0] == p else -v) for k, v in votes.items()}
        ev["direction"] = {
            "decided_by": [k for k, v in sorted(signed.items(), key=lambda kv: -kv[1]) if v > 0]
            or ["family order (no direct evidence)"],
            "votes": signed,
            "margin": round(sum(signed.values()), 4),
        }
        if c in choices:
            ev["parent_choice"] = choices[c]
        relations.append(Relation(kind=kind, score=score, evidence=ev, parent=p, child=c))
        roles[c] = "derived" if kind == "derived" else "duplicate"

    def ancestors(x: str) -> set[str]:
        out = set()
        while x in parents:
            x = parents[x]
            out.add(x)
        return out

    # Related pairs not joined by the tree are siblings: copies of a common ancestor, or of a
    # source that is not in the corpus, or a pair nothing gave a direction. A document and its
    # own ancestor are already joined through the documents between them.
    for (a, b), (kind, score, comp, votes) in sorted(related.items()):
        above_a, above_b = ancestors(a), ancestors(b)
        if a in above_b or b in above_a:
            continue
        ev = dict(comp.evidence)
        ev["passages"] = passage_objects(ev.get("passages", np.empty((0, 5))), "a", "b")
        ev["common_ancestors"] = sorted(above_a & above_b)
        relations.append(Relation(kind="sibling", score=score, evidence=ev, members=[a, b]))
    for x in ids:
        roles.setdefault(x, "original")
    return Lineage(
        documents=documents,
        relations=relations,
        roles=roles,
        parents={x: [parents[x]] if x in parents else [] for x in ids},
    )
