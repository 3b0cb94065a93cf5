"""End to end: ``provenance scan`` against the datasketch recipe (``bench/recipe.py``).

Both run as subprocesses under ``/usr/bin/time -v`` on the same synthetic corpus
(``bench.corpusgen``, planted copies and a ``truth.json``), alternating A/B for
``--reps`` repetitions; the table gives the median wall time, throughput and peak
RSS of each, and the throughput ratio provenance/recipe. Then quality: the scan's
lineage is scored by ``provenance eval`` (directed edges: the right parent), and
the recipe's pairs as unordered pairs (it cannot tell direction).

Peak memory is reported two ways: ``max RSS`` is GNU time's "Maximum resident set
size", the largest single process of the run (workers are not summed); ``tree PSS``
is the largest sum of the proportional set sizes of the process and all its
descendants (shared pages split among them), sampled from ``/proc`` every 0.2 s
(so it can miss short peaks).

Example:
    python -m bench.end_to_end --n 20000 --seed 1 --workers 2 --reps 3
    python -m bench.end_to_end --corpus /tmp/corpus --json
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import statistics
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import orjson

__all__ = ["DEFAULT_WORK", "ensure_corpus", "machine", "provenance_cmd", "timed_run"]

DEFAULT_WORK = Path("/tmp/provenance-bench")
TIME = "/usr/bin/time"


# --------------------------------------------------------------------------- shared helpers


def machine() -> dict[str, Any]:
    """What the numbers were measured on (a 1-minute load average well above 0 means a busy machine)."""
    return {
        "nproc": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "loadavg_1m_at_start": os.getloadavg()[0],
    }


def ensure_corpus(work: Path, n: int, seed: int = 1, workers: int = 2) -> Path:
    """A synthetic corpus of ``n`` documents in ``work``, generated once and then reused.

    The corpus is written to ``<dir>.tmp`` and renamed when complete, so an
    interrupted generation is never mistaken for a finished one.
    """
    work.mkdir(parents=True, exist_ok=True)
    path = work / f"synthetic-n{n}-seed{seed}"
    if (path / "truth.json").exists():
        return path
    tmp = path.with_name(path.name + ".tmp")
    if tmp.exists():
        subprocess.run(["rm", "-rf", str(tmp)], check=True)
    print(f"generating {n} documents (seed {seed}) in {path} ...", file=sys.stderr)
    cmd = [sys.executable, "-m", "bench.corpusgen", str(tmp), "--n", str(n), "--seed", str(seed),
           "--mode", "synthetic", "--workers", str(workers)]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, cwd=Path(__file__).resolve().parent.parent)
    tmp.rename(path)
    return path


def provenance_cmd() -> list[str]:
    """The installed ``provenance`` console script (not a pyenv shim, whose start-up would be timed)."""
    script = Path(sys.executable).parent / "provenance"
    return [str(script)] if script.exists() else ["provenance"]


def _tree_pss_kb(root: int) -> int:
    """Sum of the proportional set sizes (kB) of ``root`` and all its descendants, from /proc.

    PSS splits pages shared between processes (forked workers) among them, so the sum
    is the memory the tree really holds; VmRSS is used where smaps_rollup is unreadable.
    """
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    total, stack = 0, [root]
    page_kb = os.sysconf("SC_PAGE_SIZE") // 1024
    while stack:
        pid = stack.pop()
        stack.extend(children.get(pid, ()))
        try:
            with open(f"/proc/{pid}/smaps_rollup", "rb") as fh:
                total += next(int(line.split()[1]) for line in fh if line.startswith(b"Pss:"))
        except (OSError, StopIteration):
            try:
                with open(f"/proc/{pid}/statm", "rb") as fh:
                    total += int(fh.read().split()[1]) * page_kb
            except OSError:
                pass
    return total


_WALL = re.compile(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)")
_USER = re.compile(r"User time \(seconds\): ([\d.]+)")
_SYS = re.compile(r"System time \(seconds\): ([\d.]+)")
_RSS = re.compile(r"Maximum resident set size \(kbytes\): (\d+)")


def timed_run(cmd: list[str], log: Path | None = None, cwd: Path | None = None) -> dict[str, Any]:
    """Run ``cmd`` under ``/usr/bin/time -v``: wall and CPU (user + system) seconds, max RSS and sampled tree PSS (MiB).

    CPU seconds include the worker processes; unlike wall time they change little when
    other work shares the machine, so they are the cross-check for a busy machine.

    Raises:
        RuntimeError: the command failed (its stderr is in the message and in ``log``).
    """
    proc = subprocess.Popen([TIME, "-v", *cmd], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd)
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.2):
            peak[0] = max(peak[0], _tree_pss_kb(proc.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    done.set()
    sampler.join()
    text = err.decode("utf-8", "replace")
    if log is not None:
        log.write_text(text)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}:\n{text[-2000:]}")
    wall = _WALL.search(text)
    rss = _RSS.search(text)
    if not wall or not rss:
        raise RuntimeError(f"could not parse /usr/bin/time -v output:\n{text[-2000:]}")
    hours, minutes, seconds = wall.groups()
    cpu = sum(float(m.group(1)) for m in (_USER.search(text), _SYS.search(text)) if m)
    return {
        "wall_s": int(hours or 0) * 3600 + int(minutes) * 60 + float(seconds),
        "cpu_s": cpu,
        "loadavg_1m_after": os.getloadavg()[0],
        "max_rss_mib": int(rss.group(1)) / 1024,
        "tree_pss_mib": peak[0] / 1024,
    }


def median_of(runs: list[dict[str, Any]], key: str) -> float:
    return statistics.median(r[key] for r in runs)


# --------------------------------------------------------------------------- quality


def recipe_quality(pairs_path: Path, truth: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Recall of planted copies and precision, both on unordered pairs (the recipe has no direction)."""
    true_pairs = {frozenset((doc, e["parent"])): e.get("kind", "") for doc, e in truth.items() if e["parent"]}
    predicted = set()
    with pairs_path.open("rb") as fh:
        for line in fh:
            if line.strip():
                rec = orjson.loads(line)
                predicted.add(frozenset((rec["parent"], rec["child"])))
    found = predicted & true_pairs.keys()
    by_kind: dict[str, list[int]] = {}
    for pair, kind in true_pairs.items():
        row = by_kind.setdefault(kind, [0, 0])
        row[0] += 1
        row[1] += pair in found
    return {
        "true_pairs": len(true_pairs),
        "predicted_pairs": len(predicted),
        "tp": len(found),
        "recall": len(found) / len(true_pairs) if true_pairs else None,
        "precision": len(found) / len(predicted) if predicted else None,
        "recall_by_kind": {k: v[1] / v[0] for k, v in sorted(by_kind.items())},
    }


def provenance_quality(lineage: Path, truth_path: Path) -> dict[str, Any]:
    """``provenance eval --json`` on the scan's lineage, plus the same unordered-pair scores as the recipe."""
    out = subprocess.run([*provenance_cmd(), "eval", str(lineage), "--truth", str(truth_path), "--json"],
                         check=True, capture_output=True)
    ev = orjson.loads(out.stdout)
    truth = orjson.loads(truth_path.read_bytes())
    true_pairs = {frozenset((doc, e["parent"])) for doc, e in truth.items() if e["parent"]}
    predicted = set()
    with lineage.open("rb") as fh:
        for line in fh:
            rec = orjson.loads(line) if line.strip() else {}
            if rec.get("type") == "relation" and rec.get("kind") in ("exact_duplicate", "near_duplicate", "derived"):
                predicted.add(frozenset((rec["parent"], rec["child"])))
    tp = len(predicted & true_pairs)
    return {
        "directed": {
            "true_edges": ev["true_edges"],
            "predicted_edges": ev["predicted_edges"],
            "recall": ev["recall"],
            "precision": ev["precision"],
            "reversed": len(ev["reversed"]),
            "recall_by_kind": {k: r["recall"] for k, r in sorted((ev.get("by_kind") or {}).items()) if r["edges"]},
        },
        "unordered": {
            "recall": tp / len(true_pairs) if true_pairs else None,
            "precision": tp / len(predicted) if predicted else None,
        },
    }


# --------------------------------------------------------------------------- main


def _fmt(x: float | None, spec: str = ".3f") -> str:
    return "n/a" if x is None else format(x, spec)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.end_to_end", description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, help="an existing corpus folder with truth.json (default: generate one)")
    ap.add_argument("--n", type=int, default=20000, help="documents to generate (default 20000)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workers", type=int, default=2, help="provenance scan --workers (default 2)")
    ap.add_argument("--reps", type=int, default=3, help="repetitions of each command, alternating (default 3)")
    ap.add_argument("--work", type=Path, default=DEFAULT_WORK, help=f"corpus cache and outputs (default {DEFAULT_WORK})")
    ap.add_argument("--json", action="store_true", help="print the results as JSON instead of a table")
    a = ap.parse_args(argv)
    if a.reps < 1:
        ap.error("--reps must be >= 1")

    corpus = a.corpus or ensure_corpus(a.work, a.n, a.seed)
    truth_path = corpus / "truth.json"
    if not truth_path.exists():
        ap.error(f"{truth_path} not found: the corpus needs a truth.json (make one with bench.corpusgen)")
    truth = orjson.loads(truth_path.read_bytes())
    n_docs = sum(1 for _ in corpus.rglob("*.txt"))
    out_dir = a.work / f"e2e-{corpus.name}"
    out_dir.mkdir(parents=True, exist_ok=True)
    lineage, pairs = out_dir / "out.jsonl", out_dir / "recipe.jsonl"
    root = Path(__file__).resolve().parent.parent

    commands = {
        "provenance": [*provenance_cmd(), "scan", str(corpus), "-o", str(lineage), "-q", "--workers", str(a.workers)],
        "recipe": [sys.executable, "-m", "bench.recipe", str(corpus), "-o", str(pairs)],
    }
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in commands}
    for rep in range(a.reps):
        order = list(commands) if rep % 2 == 0 else list(commands)[::-1]
        for name in order:
            r = timed_run(commands[name], log=out_dir / f"{name}-{rep}.time.txt", cwd=root)
            runs[name].append(r)
            print(f"rep {rep + 1}/{a.reps} {name}: {r['wall_s']:.2f}s, max RSS {r['max_rss_mib']:.0f} MiB, "
                  f"tree PSS {r['tree_pss_mib']:.0f} MiB", file=sys.stderr)

    summary = {}
    for name, rs in runs.items():
        wall = median_of(rs, "wall_s")
        summary[name] = {
            "wall_s": wall,
            "docs_per_s": n_docs / wall,
            "cpu_s": median_of(rs, "cpu_s"),
            "max_rss_mib": median_of(rs, "max_rss_mib"),
            "tree_pss_mib": median_of(rs, "tree_pss_mib"),
            "runs": rs,
        }
    ratio = summary["provenance"]["docs_per_s"] / summary["recipe"]["docs_per_s"]
    quality = {"provenance": provenance_quality(lineage, truth_path), "recipe": recipe_quality(pairs, truth)}
    result = {
        "benchmark": "end_to_end",
        "machine": machine(),
        "corpus": str(corpus),
        "documents": n_docs,
        "workers": a.workers,
        "reps": a.reps,
        "commands": {k: " ".join(v) for k, v in commands.items()},
        "timing": summary,
        "throughput_ratio_provenance_over_recipe": ratio,
        "quality": quality,
    }
    if a.json:
        print(orjson.dumps(result, option=orjson.OPT_INDENT_2).decode())
        return 0

    m = result["machine"]
    print(f"End to end: {n_docs} documents, {corpus}")
    print(f"nproc {m['nproc']}, Python {m['python']}; medians of {a.reps} runs, alternating A/B; "
          f"provenance --workers {a.workers}")
    print()
    print(f"  {'command':<11} {'wall s':>8} {'docs/s':>8} {'CPU s':>8} {'max RSS MiB':>12} {'tree PSS MiB':>13}")
    for name, s in summary.items():
        print(f"  {name:<11} {s['wall_s']:>8.2f} {s['docs_per_s']:>8.0f} {s['cpu_s']:>8.1f} {s['max_rss_mib']:>12.0f} "
              f"{s['tree_pss_mib']:>13.0f}")
    print(f"\n  throughput provenance/recipe: {ratio:.2f}x")
    pq, rq = quality["provenance"], quality["recipe"]
    d = pq["directed"]
    print("\nQuality")
    print(f"  provenance (directed, provenance eval): recall {_fmt(d['recall'])} of {d['true_edges']} planted copies "
          f"with the right parent, precision {_fmt(d['precision'])} ({d['predicted_edges']} edges), "
          f"reversed {d['reversed']}")
    print(f"  provenance (unordered pairs):            recall {_fmt(pq['unordered']['recall'])}, "
          f"precision {_fmt(pq['unordered']['precision'])}")
    print(f"  recipe (unordered pairs):                recall {_fmt(rq['recall'])} of {rq['true_pairs']}, "
          f"precision {_fmt(rq['precision'])} ({rq['predicted_pairs']} pairs)")
    print("\n  recall by planted kind      provenance (directed)   recipe (unordered)")
    for kind in sorted(set(d["recall_by_kind"]) | set(rq["recall_by_kind"])):
        print(f"  {kind:<27} {_fmt(d['recall_by_kind'].get(kind)):>21} {_fmt(rq['recall_by_kind'].get(kind)):>20}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
