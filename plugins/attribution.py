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
from typing import Any

from provenance.hookspecs import hookimpl
from provenance.records import AIScore, Comparison, Document, Lineage, Relation


def verification_score(ev: dict[str, Any], side: str, conf: dict[str, Any]) -> float:
    """How strongly the evidence says document ``side`` ("a" or "b") was made from the other.

    A logistic function of the share of ``side``'s sentences aligned to the
    other document and of its verbatim word-trigram reuse; weights in config.
    """
    other = "b" if side == "a" else "a"
    w = conf["weights"]
    z = (
        w["bias"]
        + w["coverage"] * ev[f"coverage_{side}{other}"]
        + w["soft_coverage"] * ev[f"soft_coverage_{side}{other}"]
        + w["trigram_containment"] * ev[f"trigram_containment_{side}{other}"]
    )
    return 1.0 / (1.0 + math.exp(-z))


def classify(ev: dict[str, Any], conf: dict[str, Any]) -> tuple[str | None, float]:
    """``(kind, score)`` of a pair, or ``(None, score)`` when it is not a relation."""
    if ev.get("same_text"):
        return "exact_duplicate", 1.0
    if ev["jaccard_exact"] >= conf["near_duplicate_jaccard"]:
        return "near_duplicate", round(ev["jaccard_exact"], 4)
    score = max(verification_score(ev, "a", conf), verification_score(ev, "b", conf))
    if score >= conf["derived_threshold"]:
        return "derived", round(score, 4)
    return None, round(score, 4)


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
    corrupted = len(ev.get("corrupted_in_b", [])) - len(ev.get("corrupted_in_a", []))
    if corrupted:
        votes["corrupted_figures"] = w["corrupted_figures"] * max(-2, min(2, corrupted))
    # The child is the more contained side: its sentences find counterparts more often.
    asym = (ev["coverage_ba"] + ev["trigram_containment_ba"]) - (ev["coverage_ab"] + ev["trigram_containment_ab"])
    if abs(asym) >= w["containment_margin"]:
        votes["containment"] = w["containment"] * asym
    # The source carries specific facts that a rewrite drops.
    only_a, only_b = len(ev.get("facts_only_in_a", [])), len(ev.get("facts_only_in_b", []))
    if only_a + only_b >= w["facts_min"]:
        votes["facts"] = w["facts"] * (only_a - only_b) / (only_a + only_b)
    # A rewrite flagged as AI-made is the child of an unflagged text, not the reverse.
    if a.id in ai and b.id in ai and ai[a.id].flagged != ai[b.id].flagged:
        ai_diff = ai[b.id].score - ai[a.id].score
        if abs(ai_diff) >= w["ai_margin"]:
            votes["ai_rewrite"] = w["ai_rewrite"] * ai_diff
    # Within a family the source is the document that contains the others.
    if source_scores is not None:
        fam = source_scores.get(a.id, 0.0) - source_scores.get(b.id, 0.0)
        if abs(fam) >= w["family_margin"]:
            votes["family_source"] = w["family_source"] * fam
    return {k: round(v, 4) for k, v in votes.items()}


def source_scores(related: dict[tuple[str, str], Any]) -> dict[str, float]:
    """Per document: mean over its related documents of how much more it contains them than they contain it.

    The original of a family of copies contains each copy's content; each copy
    contains only part of the original and of its siblings.
    """
    total: dict[str, float] = {}
    count: dict[str, int] = {}
    for (a, b), item in related.items():
        ev = item[2].evidence
        diff = (ev["coverage_ba"] + ev["trigram_containment_ba"]) - (ev["coverage_ab"] + ev["trigram_containment_ab"])
        total[a] = total.get(a, 0.0) + diff
        total[b] = total.get(b, 0.0) - diff
        count[a] = count.get(a, 0) + 1
        count[b] = count.get(b, 0) + 1
    return {x: total[x] / count[x] for x in total}


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
            out[key] = [{"parent": x[p], "child": x[c], "score": x["score"]} for x in value]
        else:
            out[key] = value
    return out


def _explanation(c: str, p: str, ev_of) -> float:
    """How much of ``c`` the candidate parent ``p`` accounts for: soft coverage plus shared facts."""
    ev, c_is_a = ev_of(p, c)
    side = "ab" if c_is_a else "ba"
    return ev[f"soft_coverage_{side}"] + ev[f"coverage_{side}"] + 0.02 * len(ev.get("shared_facts", []))


@hookimpl(trylast=True)
def provenance_attribute(documents, comparisons, ai, config):
    """Relations, roles and parents for one family of documents."""
    conf = config["attribute"]
    by_id = {d.id: d for d in documents}
    related: dict[tuple[str, str], tuple[str, float, Comparison, dict[str, float]]] = {}
    for comp in comparisons:
        kind, score = classify(comp.evidence, conf)
        comp.evidence["verification_score"] = score
        if kind is None:
            continue
        related[(comp.a, comp.b)] = (kind, score, comp, {})
    sources = source_scores(related)
    for (a, b), (kind, score, comp, _) in list(related.items()):
        votes = direction_votes(by_id[a], by_id[b], comp.evidence, ai, conf, sources)
        related[(a, b)] = (kind, score, comp, votes)

    def ev_of(x: str, y: str):
        key = (x, y) if x < y else (y, x)
        return related[key][2].evidence, key[0] == y  # (evidence, True if y is side a)

    # Directed candidate edges parent -> child with their margin.
    incoming: dict[str, list[tuple[float, str]]] = {d.id: [] for d in documents}
    margins: dict[tuple[str, str], float] = {}
    for (a, b), (kind, score, comp, votes) in related.items():
        margin = sum(votes.values())
        if margin == 0:  # no evidence either way: the earlier id is the parent, said so
            margin = 1e-9 if a < b else -1e-9
        parent, child = (a, b) if margin > 0 else (b, a)
        margins[(parent, child)] = abs(margin)
        incoming[child].append((score, parent))

    parents: dict[str, str] = {}

    def is_ancestor(x: str, y: str) -> bool:
        while y in parents:
            y = parents[y]
            if y == x:
                return True
        return False

    # Children with the most confident edges choose first.
    order = sorted(
        (c for c in incoming if incoming[c]),
        key=lambda c: (-max(margins[(p, c)] for _, p in incoming[c]), c),
    )
    for c in order:
        options = sorted(
            incoming[c],
            key=lambda sp: (
                -(_explanation(c, sp[1], ev_of) + conf["source_preference"] * sources.get(sp[1], 0.0)),
                -margins[(sp[1], c)],
                sp[1],
            ),
        )
        for _, p in options:
            if not is_ancestor(c, p):
                parents[c] = p
                break

    relations: list[Relation] = []
    roles: dict[str, str] = {}
    for c, p in sorted(parents.items()):
        key = (p, c) if p < c else (c, p)
        kind, score, comp, votes = related[key]
        ev = _oriented(comp.evidence, parent_is_a=(key[0] == p))
        signed = {k: (v if key[0] == p else -v) for k, v in votes.items()}
        ev["direction"] = {
            "decided_by": [k for k, v in sorted(signed.items(), key=lambda kv: -kv[1]) if v > 0] or ["id order (no evidence)"],
            "votes": signed,
            "margin": round(sum(signed.values()), 4),
        }
        relations.append(Relation(kind=kind, score=score, evidence=ev, parent=p, child=c))
        roles[c] = "derived" if kind == "derived" else "duplicate"

    def ancestors(x: str) -> set[str]:
        out = set()
        while x in parents:
            x = parents[x]
            out.add(x)
        return out

    for (a, b), (kind, score, comp, votes) in sorted(related.items()):
        if parents.get(a) == b or parents.get(b) == a:
            continue
        if ancestors(a) & ancestors(b):
            ev = dict(comp.evidence)
            ev["common_ancestors"] = sorted(ancestors(a) & ancestors(b))
            relations.append(Relation(kind="sibling", score=score, evidence=ev, members=[a, b]))
    for d in documents:
        roles.setdefault(d.id, "original")
    return Lineage(
        documents=documents,
        relations=relations,
        roles=roles,
        parents={d.id: [parents[d.id]] if d.id in parents else [] for d in documents},
    )
