"""ROC AUC of the AI-style score on LLM-written vs human-written texts.

Scores every text with the style signals of ``plugins/ai_style.py`` combined by
noisy-OR (as :func:`provenance.pipeline.combine_signals` does) and prints, for
each split (``tune``, ``holdout``, ``all``):

- each LLM set against all human texts pooled, and each human set against all
  LLM texts pooled;
- pooled LLM against pooled human;
- the ambiguous group ``bench/robustness_texts`` (LLM-written in a human-news
  style) against pooled LLM texts, reported and never tuned for.

Texts are split into halves by a hash of ``<set>/<file name>``: tune heuristics
on ``tune`` only and report ``holdout``.

Usage::

    python3 -m bench.ai_eval                 # AUC tables
    python3 -m bench.ai_eval --details       # plus every text's score and signals
    python3 -m bench.ai_eval --time /tmp/syn2k   # also ms per document over a directory
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import sys
import time
import tomllib
from pathlib import Path
from typing import Literal

from provenance_plugins.ai_style import style_signals

ROOT = Path(__file__).resolve().parents[1]
CLOUGH = Path("/work/shared/data/clough/docs")

Split = Literal["tune", "holdout", "all"]

LLM_SETS: dict[str, list[str]] = {
    "llm_paraphrase": ["bench/llm_texts/paraphrase/*.txt"],
    "llm_headline_only": ["bench/llm_texts/headline_only/*.txt"],
    "seeds_llm": ["seeds/001_*", "seeds/002_*"],
    "ai_texts_llm": ["bench/ai_texts/llm/*.txt"],
}
HUMAN_SETS: dict[str, list[str]] = {
    "seeds_human": ["seeds/000_*", "seeds/003_*", "seeds/004_*"],
    "ai_texts_human": ["bench/ai_texts/human/*.txt"],
    "clough": [str(CLOUGH / "*.txt")],
}
AMBIGUOUS_SETS: dict[str, list[str]] = {"robustness_news": ["bench/robustness_texts/*.txt"]}


def load_config() -> dict:
    """The AI config alone (config/ai.toml)."""
    return tomllib.loads((ROOT / "config" / "ai.toml").read_text(encoding="utf-8"))


def noisy_or(weights: list[float]) -> float:
    """The host's combination rule, 1 - prod(1 - w), rounded as the host rounds."""
    p = 1.0
    for w in weights:
        p *= 1.0 - min(1.0, max(0.0, w))
    return round(1.0 - p, 4)


def half(set_name: str, path: Path) -> Split:
    """``tune`` or ``holdout``, by a stable hash of the set and file name."""
    h = hashlib.sha1(f"{set_name}/{path.name}".encode()).digest()[0]
    return "tune" if h % 2 == 0 else "holdout"


def files(patterns: list[str]) -> list[Path]:
    """Files matching the glob ``patterns`` (relative to the repo unless absolute)."""
    out: list[Path] = []
    for pat in patterns:
        p = Path(pat)
        base, rel = (Path(p.anchor), str(p.relative_to(p.anchor))) if p.is_absolute() else (ROOT, pat)
        out.extend(sorted(base.glob(rel)))
    return out


def auc(pos: list[float], neg: list[float]) -> float:
    """Probability that a random positive outscores a random negative (ties count half)."""
    if not pos or not neg:
        return float("nan")
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def score_sets(sets: dict[str, list[str]], config: dict) -> dict[str, list[tuple[Path, Split, float, list]]]:
    """Per set: ``(path, half, score, signals)`` of each text."""
    out = {}
    for name, pats in sets.items():
        rows = []
        for p in files(pats):
            sigs = style_signals(p.read_text(encoding="utf-8", errors="replace"), config)
            rows.append((p, half(name, p), noisy_or([s.weight for s in sigs]), sigs))
        out[name] = rows
    return out


def report(config: dict, details: bool = False) -> dict[str, dict[str, float]]:
    """Print the AUC tables; return ``{split: {row: auc}}``."""
    threshold = float(config["ai"]["flag_threshold"])
    llm = score_sets(LLM_SETS, config)
    human = score_sets(HUMAN_SETS, config)
    amb = score_sets(AMBIGUOUS_SETS, config)

    def pick(rows: list, split: Split) -> list[float]:
        return [s for _, h, s, _ in rows if split == "all" or h == split]

    results: dict[str, dict[str, float]] = {}
    splits: tuple[Split, ...] = ("tune", "holdout", "all")
    print(f"{'row':40s} " + " ".join(f"{s:>8s}" for s in splits))
    table: dict[str, list[float]] = {}
    for split in splits:
        all_llm = [s for rows in llm.values() for s in pick(rows, split)]
        all_hum = [s for rows in human.values() for s in pick(rows, split)]
        res: dict[str, float] = {}
        for name, rows in llm.items():
            res[f"{name} vs all human"] = auc(pick(rows, split), all_hum)
        for name, rows in human.items():
            res[f"all LLM vs {name}"] = auc(all_llm, pick(rows, split))
        res["POOLED LLM vs human"] = auc(all_llm, all_hum)
        llm_texts = pick(llm["llm_paraphrase"], split) + pick(llm["llm_headline_only"], split)
        for name, rows in amb.items():
            res[f"llm_texts vs {name} (ambiguous)"] = auc(llm_texts, pick(rows, split))
            res[f"all LLM vs {name} (ambiguous)"] = auc(all_llm, pick(rows, split))
        results[split] = res
        for k, v in res.items():
            table.setdefault(k, []).append(v)
    for k, vals in table.items():
        print(f"{k:40s} " + " ".join(f"{v:8.3f}" for v in vals))

    print()
    print(f"{'set':22s} {'n':>4s} {'mean':>6s} {'min':>6s} {'max':>6s} {'flagged':>8s}")
    for group in (llm, human, amb):
        for name, rows in group.items():
            sc = [s for _, _, s, _ in rows]
            if not sc:
                continue
            flagged = sum(s >= threshold for s in sc)
            print(f"{name:22s} {len(sc):4d} {statistics.fmean(sc):6.3f} {min(sc):6.3f} {max(sc):6.3f} {flagged:8d}")
    if details:
        for group in (llm, human, amb):
            for name, rows in group.items():
                print(f"\n== {name}")
                for p, h, s, sigs in rows:
                    parts = ", ".join(f"{g.name}={g.weight:.2f}" for g in sorted(sigs, key=lambda g: -g.weight))
                    print(f"  {s:.3f} {h[0]} {p.name[:28]:28s} {parts}")
    return results


def timing(directory: Path, config: dict, repeat: int = 1) -> float:
    """Milliseconds per document of :func:`style_signals` over the ``*.txt`` of ``directory``."""
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(directory.glob("*.txt"))]
    if not texts:
        raise ValueError(f"no .txt files in {directory}")
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for t in texts:
            style_signals(t, config)
        best = min(best, time.perf_counter() - t0)
    n_words = statistics.fmean(len(t.split()) for t in texts)
    ms = 1000.0 * best / len(texts)
    print(f"style_signals: {ms:.3f} ms per document over {len(texts)} documents of {n_words:.0f} words on average")
    return ms


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--details", action="store_true", help="print every text's score and signals")
    ap.add_argument("--time", type=Path, metavar="DIR", help="also time style_signals over DIR/*.txt")
    ap.add_argument("--repeat", type=int, default=3, help="timing repeats (best is reported)")
    ap.add_argument("--opt-in", action="store_true", help="switch on reported_speech (0.18) and subheadings (0.3)")
    args = ap.parse_args(argv)
    config = load_config()
    if args.opt_in:
        config["ai"]["style"]["reported_speech"]["max_weight"] = 0.18
        config["ai"]["style"]["subheadings"]["max_weight"] = 0.3
    report(config, details=args.details)
    if args.time:
        print()
        timing(args.time, config, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
