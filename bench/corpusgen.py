"""Generate corpora with known provenance truth, for the robustness suite and scale benchmarks.

Two modes write ``out_dir/<random hex>.txt`` files plus ``truth.json`` (``{id: {"parent",
"kind", "ai"}}``) and ``topics.json`` (``{id: topic}``, so same-topic negatives can be scored):

* ``robustness``: the hand-written articles in ``bench/robustness_texts/`` (8 topics, three
  independent articles each) as originals, plus one copy per transform kind of every original.
* ``synthetic``: news-length documents from a seeded topic model (template grammar over a base
  vocabulary and per-topic names and jargon), so many documents share a topic without sharing
  text, plus planted copies made with :mod:`bench.transforms`.

Example:
    python -m bench.corpusgen /tmp/corpus --n 20000 --seed 1 --mode synthetic
"""

from __future__ import annotations

import argparse
import math
import multiprocessing as mp
import os
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Sequence

import numpy as np
import orjson

from bench.transforms import SYNONYMS_PATH, TRANSFORMS, _fix_articles

__all__ = ["DEFAULT_KINDS", "ROBUSTNESS_DIR", "SYNTHETIC_KINDS", "generate"]

ROBUSTNESS_DIR = Path(__file__).with_name("robustness_texts")
DEFAULT_KINDS: tuple[str, ...] = tuple(TRANSFORMS)
SYNTHETIC_KINDS: tuple[str, ...] = (
    "verbatim_with_boilerplate",
    "light_edit",
    "heavy_edit",
    "summary",
    "corrupt_numbers",
)
Mode = Literal["auto", "robustness", "synthetic"]


# --------------------------------------------------------------------------- shared helpers


def _new_id(rng: random.Random, used: set[str]) -> str:
    """A random 16-hex-digit file name that says nothing about the document."""
    while True:
        doc_id = f"{rng.getrandbits(64):016x}.txt"
        if doc_id not in used:
            used.add(doc_id)
            return doc_id


def _check_kinds(kinds: Sequence[str]) -> tuple[str, ...]:
    unknown = [k for k in kinds if k not in TRANSFORMS]
    if unknown or not kinds:
        raise ValueError(f"Unknown transform kind(s) {unknown}; choose from {sorted(TRANSFORMS)}")
    return tuple(kinds)


def _write_json(path: Path, data: dict) -> None:
    path.write_bytes(orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS))


# --------------------------------------------------------------------------- robustness mode


def _robustness(out: Path, n_docs: int | None, seed: int, kinds: tuple[str, ...]) -> tuple[dict, dict]:
    """Every hand-written article as an original plus one copy per kind; topics kept whole."""
    rng = random.Random(seed)
    sources = sorted(ROBUSTNESS_DIR.glob("*.txt"))
    if not sources:
        raise FileNotFoundError(f"No source texts in {ROBUSTNESS_DIR}")
    by_topic: dict[str, list[Path]] = {}
    for p in sources:
        by_topic.setdefault(p.stem.split("_")[0], []).append(p)
    order = sorted(by_topic)
    rng.shuffle(order)
    per_original = 1 + len(kinds)
    budget = len(sources) if n_docs is None else max(1, n_docs // per_original)
    chosen = [p for t in order for p in by_topic[t]][:budget]

    used: set[str] = set()
    truth: dict[str, dict] = {}
    topics: dict[str, str] = {}
    for path in chosen:
        text = path.read_text(encoding="utf-8")
        topic = path.stem.split("_")[0]
        orig_id = _new_id(rng, used)
        (out / orig_id).write_text(text, encoding="utf-8")
        truth[orig_id] = {"parent": None, "kind": "original", "ai": False}
        topics[orig_id] = topic
        for kind in kinds:
            copy_id = _new_id(rng, used)
            copy = TRANSFORMS[kind](text, random.Random(f"{seed}:{path.name}:{kind}"))
            (out / copy_id).write_text(copy, encoding="utf-8")
            truth[copy_id] = {"parent": orig_id, "kind": kind, "ai": False}
            topics[copy_id] = topic
    return truth, topics


# --------------------------------------------------------------------------- synthetic language

_FIRST_NAMES = """James Maria Robert Linda Michael Aisha David Elena John Sofia William Grace Richard
Fatima Thomas Mei Daniel Priya Joseph Olga Charles Amara Mark Hannah Paul Lucia Steven Nadia Kevin
Ingrid Brian Yuki George Chloe Edward Zara Ronald Leila Anthony Rosa Jason Ana Ryan Irene Gary Sara
Eric Helen Jacob Naomi Omar Tariq Diego Kofi Ravi Lars Pedro Hiro Ivan Femi""".split()
_SYLLABLES = """ka lo ver an dor mi sel ta ren bru vo ni ar gel pa tum ri os fen da lu mar cor
te vin sa bel go ran zu ef hol qui nor ste pri mon ade lin tor wa ke bar cas del""".split()
_ORG_SUFFIX = """Institute Group Holdings Council Authority Department Association Labs Partners
Foundation Agency University Corporation Commission Union Systems""".split()
_PLACE_FORM = ("{}", "Port {}", "{} County", "{} Valley", "{}ville", "East {}", "{} Springs", "Lake {}")
_ROLES = """spokesperson director minister official chairman president analyst manager secretary
commissioner treasurer mayor governor executive researcher economist""".split()
_DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
_PREPS = "in on at for with from by after before during near over under across around against".split()
_DETS = "the the the the a a this its their every some".split()
_EXTRA_NOUNS = """report plan vote budget deal talks market sector contract permit hearing survey
estimate shortage surplus backlog network pipeline facility district region corridor reservoir
deadline forecast proposal measure reform review audit lawsuit ruling probe merger outage program""".split()

# Templates: upper-case slot names are filled from the vocabulary, anything else is literal.
_TEMPLATES = [
    "D A N V D N P D N .",
    "PER , D ROLE P ORG , V D A N P LOC P DAY .",
    "“ D N V R A , ” PER said .",
    "“ P D N , D N V D A N , ” said PER , D ROLE P ORG .",
    "ORG V P DAY that D N P LOC V PCT percent P D N .",
    "P NUM , D N P LOC V NUM N , according to ORG .",
    "D N , which V D A N , V R P D N .",
    "PER V D N P D A N and V D N .",
    "NUM N V P D N P LOC , PER said .",
    "officials P ORG V that D N V R A .",
    "D A N P D N V P D N P NUM .",
    "it V NUM N P D N P D A N .",
    "D N , PER said , V D N P D N .",
    "P DAY , ORG V D A N P NUM N .",
    "D ROLE P LOC , PER , V that D N V P D A N .",
    "D N V R , and D N V P D N .",
    "but D N P ORG V D A N P D N .",
    "PER V D N P NUM and V that D A N V A .",
    "D N V D N P D N P LOC and D N P ORG .",
    "according to D N , D N V PCT percent P NUM .",
    "D A N V P D ROLE P ORG , who V D N .",
    "D N V R P D N , while D N V A .",
    "in NUM , D N P LOC V D A N .",
    "D ROLE P ORG did not immediately respond to a request for comment .",
    "PER said in a statement that D N V A .",
    "“ D N V A , ” PER said in an interview .",
    "PER told reporters at a news conference P DAY that D N V R A .",
    "D N P LOC V $ NUM million P D A N .",
    "the N V A P D N P ORG V D N .",
    "residents P LOC V that D A N V D N P NUM .",
]
_HEADLINE = ["ORG V A N P LOC", "PER V N P LOC", "LOC N V P PCT percent", "A N V ORG N"]

# Slot class -> probability that the word comes from the document's topic vocabulary.
_P_TOPIC = {"N": 0.45, "V": 0.3, "A": 0.3, "PER": 0.92, "ORG": 0.92, "LOC": 0.92}


def _pseudo(rng: random.Random, lo: int = 2, hi: int = 3) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(lo, hi)))


def _synonym_vocab() -> dict[str, list[str]]:
    """Single words of the synonym table by part of speech, so transforms find words to swap."""
    pos: dict[str, list[str]] = {"n": [], "v": [], "adj": [], "adv": []}
    for line in SYNONYMS_PATH.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        word, tag, _ = line.split("\t")
        if " " not in word and tag in pos and word not in pos[tag]:
            pos[tag].append(word)
    return pos


@dataclass
class Language:
    """A seeded topic model: a token table and, per slot class, base and per-topic ranges."""

    words: np.ndarray  # object array of tokens
    caps: np.ndarray  # the same tokens with an upper-case first letter
    base_off: np.ndarray  # [n_classes]
    base_size: np.ndarray
    base_alpha: np.ndarray  # Zipf-like skew: index = floor(size * u ** alpha)
    topic_off: np.ndarray  # [n_topics, n_classes]
    topic_size: np.ndarray  # [n_classes]
    p_topic: np.ndarray  # [n_classes]
    templates: list[np.ndarray]  # class ids per template
    headlines: list[np.ndarray]
    topic_p: np.ndarray  # popularity of topics
    n_words: np.ndarray  # words per token (0 for punctuation), to hit a target length


def build_language(seed: int, n_topics: int = 200) -> Language:
    """Build the vocabulary, topics and compiled templates for ``seed``."""
    rng = random.Random(f"language:{seed}")
    syn = _synonym_vocab()
    nouns = sorted(set(syn["n"]) | set(_EXTRA_NOUNS))
    numbers = sorted(
        {str(rng.randint(2, 99)) for _ in range(300)}
        | {str(rng.randint(100, 999)) for _ in range(600)}
        | {f"{rng.randint(1, 99)},{rng.randint(0, 999):03d}" for _ in range(800)}
        | {f"{rng.randint(1, 99)}.{rng.randint(1, 9)}" for _ in range(300)}
        | {str(y) for y in range(1990, 2026)}
    )
    surnames = sorted({_pseudo(rng).capitalize() for _ in range(3000)})
    base: dict[str, list[str]] = {
        "N": nouns,
        "V": sorted(syn["v"]),
        "A": sorted(syn["adj"]),
        "R": sorted(syn["adv"]),
        "P": _PREPS,
        "D": _DETS,
        "NUM": numbers,
        "PCT": [str(i) for i in range(1, 100)] + [f"{i}.{j}" for i in range(1, 20) for j in range(1, 10)],
        "DAY": _DAYS,
        "ROLE": _ROLES,
        "PER": [f"{rng.choice(_FIRST_NAMES)} {rng.choice(surnames)}" for _ in range(2000)],
        "ORG": [f"{_pseudo(rng).capitalize()} {rng.choice(_ORG_SUFFIX)}" for _ in range(800)],
        "LOC": [rng.choice(_PLACE_FORM).format(_pseudo(rng).capitalize()) for _ in range(800)],
    }
    alpha = {"N": 2.0, "V": 1.8, "A": 1.8, "R": 1.5, "NUM": 1.2, "PER": 1.0, "ORG": 1.0, "LOC": 1.0}
    sizes = {"N": 40, "V": 12, "A": 10, "PER": 10, "ORG": 5, "LOC": 5}

    def topic_words(cls: str) -> list[str]:
        if cls == "N":  # jargon of the topic plus common nouns it uses a lot
            return [_pseudo(rng) for _ in range(25)] + rng.sample(nouns, 15)
        if cls == "PER":
            return [f"{rng.choice(_FIRST_NAMES)} {rng.choice(surnames)}" for _ in range(sizes[cls])]
        if cls == "ORG":
            return [f"{_pseudo(rng).capitalize()} {rng.choice(_ORG_SUFFIX)}" for _ in range(sizes[cls])]
        if cls == "LOC":
            return [rng.choice(_PLACE_FORM).format(_pseudo(rng).capitalize()) for _ in range(sizes[cls])]
        return rng.sample(base[cls], sizes[cls])

    literals: list[str] = []
    for t in _TEMPLATES + _HEADLINE:
        literals += [tok for tok in t.split() if tok not in base and tok not in literals]
    classes = list(base) + literals
    cid = {c: i for i, c in enumerate(classes)}

    words: list[str] = []
    base_off, base_size = [], []
    for c in classes:
        items = base.get(c, [c])
        base_off.append(len(words))
        base_size.append(len(items))
        words += items
    topic_off = np.zeros((n_topics, len(classes)), dtype=np.int64)
    topic_size = np.ones(len(classes), dtype=np.int64)
    for c, n in sizes.items():
        topic_size[cid[c]] = n
    for t in range(n_topics):
        for c in sizes:
            topic_off[t, cid[c]] = len(words)
            words += topic_words(c)
        topic_off[t, [cid[c] for c in classes if c not in sizes]] = 0  # unused

    arr = np.array(words, dtype=object)
    caps = np.array([w[:1].upper() + w[1:] for w in words], dtype=object)
    compile_ = lambda t: np.array([cid[tok] for tok in t.split()], dtype=np.int64)  # noqa: E731
    ranks = np.arange(1, n_topics + 1, dtype=np.float64)
    topic_p = 1.0 / (ranks + 5.0)
    return Language(
        words=arr,
        caps=caps,
        base_off=np.array(base_off, dtype=np.int64),
        base_size=np.array(base_size, dtype=np.int64),
        base_alpha=np.array([alpha.get(c, 1.0) for c in classes]),
        topic_off=topic_off,
        topic_size=topic_size,
        p_topic=np.array([_P_TOPIC.get(c, 0.0) for c in classes]),
        templates=[compile_(t) for t in _TEMPLATES],
        headlines=[compile_(t) for t in _HEADLINE],
        topic_p=topic_p / topic_p.sum(),
        n_words=np.array([sum(any(ch.isalnum() for ch in p) for p in w.split()) for w in words], dtype=np.int64),
    )


def _fill(lang: Language, cls: np.ndarray, topic: int, g: np.random.Generator) -> np.ndarray:
    """Vectorized choice of one token index per slot, from the topic or the base vocabulary."""
    u = g.random(cls.size)
    from_topic = g.random(cls.size) < lang.p_topic[cls]
    t_idx = lang.topic_off[topic, cls] + (lang.topic_size[cls] * u**1.3).astype(np.int64)
    b_idx = lang.base_off[cls] + (lang.base_size[cls] * u ** lang.base_alpha[cls]).astype(np.int64)
    return np.where(from_topic, t_idx, b_idx)


def synthetic_document(lang: Language, seed: int, index: int) -> tuple[str, int]:
    """Generate independent document ``index`` (300-800 words); return its text and topic."""
    g = np.random.default_rng([seed, index, 7])
    topic = int(g.choice(lang.topic_p.size, p=lang.topic_p))
    target = int(g.integers(300, 771))  # body words; the last sentence may add up to ~25
    picks = g.integers(0, len(lang.templates), size=90)
    sent = [lang.templates[i] for i in picks]
    lengths = np.cumsum([t.size for t in sent])
    cls = np.concatenate(sent)
    idx = _fill(lang, cls, topic, g)
    words_so_far = np.cumsum(lang.n_words[idx])[lengths - 1]
    n_sent = min(len(sent), int(np.searchsorted(words_so_far, target)) + 1)
    idx = idx[: lengths[n_sent - 1]]
    first = np.zeros(idx.size, dtype=bool)
    first[np.concatenate([[0], lengths[: n_sent - 1]])] = True
    tokens = np.where(first, lang.caps[idx], lang.words[idx]).tolist()
    # Paragraph breaks after every 2-4 sentences.
    ends = (lengths[:n_sent] - 1).tolist()
    k = int(g.integers(1, 4))
    while k < len(ends) - 1:
        tokens[ends[k]] += "\n\n"
        k += int(g.integers(2, 5))
    head_cls = lang.headlines[int(g.integers(len(lang.headlines)))]
    h_idx = _fill(lang, head_cls, topic, g)
    headline = [lang.caps[i] if j == 0 else lang.words[i] for j, i in enumerate(h_idx)]
    body = " ".join(tokens)
    for a, b in ((" .", "."), (" ,", ","), ("“ ", "“"), (" ”", "”"), ("$ ", "$"), ("\n\n ", "\n\n")):
        body = body.replace(a, b)
    return _fix_articles(" ".join(headline) + "\n\n" + body.strip()) + "\n", topic


# --------------------------------------------------------------------------- synthetic mode

_STATE: dict = {}


def _init_worker(lang: Language, seed: int, plan: list[tuple[int, str]], ids: list[str], out: str) -> None:
    _STATE.update(lang=lang, seed=seed, plan=plan, ids=ids, out=out)


def _text_of(i: int, memo: dict[int, tuple[str, int]]) -> tuple[str, int]:
    """Text and topic of document ``i``: generated, or a transform of its parent's text."""
    if i in memo:
        return memo[i]
    parent, kind = _STATE["plan"][i]
    if parent < 0:
        result = synthetic_document(_STATE["lang"], _STATE["seed"], i)
    else:
        text, topic = _text_of(parent, memo)
        result = (TRANSFORMS[kind](text, random.Random(f"{_STATE['seed']}:{i}")), topic)
    if len(memo) > 256:
        memo.clear()
    memo[i] = result
    return result


def _write_range(bounds: tuple[int, int]) -> list[int]:
    memo: dict[int, tuple[str, int]] = {}
    out, ids = _STATE["out"], _STATE["ids"]
    topics = []
    for i in range(*bounds):
        text, topic = _text_of(i, memo)
        with open(os.path.join(out, ids[i]), "w", encoding="utf-8") as fh:
            fh.write(text)
        topics.append(topic)
    return topics


def _synthetic(
    out: Path,
    n_docs: int,
    seed: int,
    copy_fraction: float,
    kinds: tuple[str, ...],
    chain_fraction: float,
    workers: int,
) -> tuple[dict, dict]:
    """Independent topic-model documents plus planted copies (some copies of copies)."""
    rng = random.Random(f"plan:{seed}")
    n_copies = round(n_docs * copy_fraction)
    n_orig = n_docs - n_copies
    if n_orig < 1:
        raise ValueError("copy_fraction leaves no originals; use a value below 1.0")
    plan: list[tuple[int, str]] = [(-1, "")] * n_orig
    for i in range(n_orig, n_docs):
        if i > n_orig and rng.random() < chain_fraction:
            parent = rng.randrange(n_orig, i)
        else:
            parent = rng.randrange(n_orig)
        plan.append((parent, rng.choice(kinds)))
    used: set[str] = set()
    ids = [_new_id(rng, used) for _ in range(n_docs)]

    lang = build_language(seed)
    chunk = max(50, math.ceil(n_docs / (workers * 8)))
    ranges = [(a, min(a + chunk, n_docs)) for a in range(0, n_docs, chunk)]
    args = (lang, seed, plan, ids, str(out))
    if workers > 1 and len(ranges) > 1:
        ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
        with ctx.Pool(workers, initializer=_init_worker, initargs=args) as pool:
            parts = pool.map(_write_range, ranges)
    else:
        _init_worker(*args)
        parts = [_write_range(r) for r in ranges]
    topic_of = [t for part in parts for t in part]

    has_child = {p for p, _ in plan if p >= 0}
    truth: dict[str, dict] = {}
    for i, (parent, kind) in enumerate(plan):
        if parent >= 0:
            truth[ids[i]] = {"parent": ids[parent], "kind": kind, "ai": False}
        else:
            truth[ids[i]] = {"parent": None, "kind": "original" if i in has_child else "independent", "ai": False}
    topics = {ids[i]: f"t{topic_of[i]:03d}" for i in range(n_docs)}
    return truth, topics


# --------------------------------------------------------------------------- entry points


def generate(
    out_dir: str | os.PathLike[str],
    n_docs: int | None = None,
    seed: int = 0,
    copy_fraction: float = 0.2,
    kinds: Sequence[str] | None = None,
    mode: Mode = "auto",
    chain_fraction: float = 0.1,
    workers: int | None = None,
) -> dict[str, dict]:
    """Write a corpus with known truth to ``out_dir`` and return the truth dict.

    Args:
        out_dir: Folder to create and fill with ``<id>.txt``, ``truth.json`` and ``topics.json``.
        n_docs: Number of documents. In robustness mode it caps the corpus (whole originals with
            all their copies); ``None`` means all hand-written articles.
        seed: Seed; the same arguments give byte-identical corpora.
        copy_fraction: Synthetic mode: share of documents that are planted copies.
        kinds: Transform kinds to use (default: all six for robustness, all but
            ``paraphrase_like`` for synthetic).
        mode: ``robustness``, ``synthetic``, or ``auto`` (robustness when ``n_docs`` is
            ``None`` or at most 1000).
        chain_fraction: Synthetic mode: share of copies whose parent is itself a copy.
        workers: Processes for synthetic mode (default: CPU count, at most 4).

    Returns:
        ``{doc_id: {"parent": doc_id | None, "kind": str, "ai": False}}``.

    Raises:
        ValueError: On an unknown mode or kind, or parameters out of range.
    """
    if mode == "auto":
        mode = "robustness" if n_docs is None or n_docs <= 1000 else "synthetic"
    if mode not in ("robustness", "synthetic"):
        raise ValueError(f"Unknown mode: {mode!r}; use 'robustness', 'synthetic' or 'auto'")
    if not 0.0 <= copy_fraction < 1.0:
        raise ValueError("copy_fraction must be in [0.0, 1.0)")
    if n_docs is not None and n_docs < 1:
        raise ValueError("n_docs must be at least 1")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    if mode == "robustness":
        truth, topics = _robustness(out, n_docs, seed, _check_kinds(kinds or DEFAULT_KINDS))
    else:
        if n_docs is None:
            raise ValueError("synthetic mode needs n_docs")
        workers = workers or min(4, os.cpu_count() or 1)
        truth, topics = _synthetic(
            out, n_docs, seed, copy_fraction, _check_kinds(kinds or SYNTHETIC_KINDS), chain_fraction, workers
        )
    _write_json(out / "truth.json", truth)
    _write_json(out / "topics.json", topics)
    return truth


def main(argv: Sequence[str] | None = None) -> int:
    """CLI: ``python -m bench.corpusgen OUT_DIR [--n N] [--seed S] [--mode M] ...``."""
    ap = argparse.ArgumentParser(prog="python -m bench.corpusgen", description=__doc__.split("\n\n")[0])
    ap.add_argument("out_dir")
    ap.add_argument("--n", type=int, default=None, help="number of documents")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--mode", choices=["auto", "robustness", "synthetic"], default="auto")
    ap.add_argument("--copy-fraction", type=float, default=0.2)
    ap.add_argument("--chain-fraction", type=float, default=0.1)
    ap.add_argument("--kinds", default=None, help=f"comma-separated, from {','.join(TRANSFORMS)}")
    ap.add_argument("--workers", type=int, default=None)
    a = ap.parse_args(argv)
    t0 = time.perf_counter()
    try:
        truth = generate(
            a.out_dir,
            a.n,
            a.seed,
            a.copy_fraction,
            a.kinds.split(",") if a.kinds else None,
            a.mode,
            a.chain_fraction,
            a.workers,
        )
    except (ValueError, FileNotFoundError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    kinds: dict[str, int] = {}
    for rec in truth.values():
        kinds[rec["kind"]] = kinds.get(rec["kind"], 0) + 1
    summary = {"out_dir": a.out_dir, "docs": len(truth), "kinds": kinds, "seconds": round(time.perf_counter() - t0, 2)}
    print(orjson.dumps(summary, option=orjson.OPT_SORT_KEYS).decode())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
