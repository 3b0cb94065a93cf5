"""Growth: wall time and peak memory of ``provenance scan`` as the corpus grows.

For each size N (default 10k, 50k, 100k documents) a synthetic corpus
(``bench.corpusgen``, seed 1) is generated once into ``--work`` and reused by
later runs; ``provenance scan CORPUS -o out.jsonl -q --workers W`` runs under
``/usr/bin/time -v`` ``--reps`` times. The table gives the median wall time,
docs/s, peak RSS and time(N)/time(smallest N) next to N/N(smallest): linear
growth keeps the two ratios equal.

Peak memory is reported two ways (see ``bench/end_to_end.py``): ``max RSS`` is
GNU time's largest single process; ``tree PSS`` is the largest sampled sum of the
proportional set sizes of the scan and its worker processes.

Example:
    python -m bench.growth                       # 10k, 50k, 100k
    python -m bench.growth --sizes 2000,10000 --reps 3 --json
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path
from typing import Any

import orjson

from bench.end_to_end import DEFAULT_WORK, ensure_corpus, machine, provenance_cmd, timed_run


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.growth", description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,50000,100000", help="comma-separated corpus sizes (default 10000,50000,100000)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workers", type=int, default=2, help="provenance scan --workers (default 2)")
    ap.add_argument("--reps", type=int, default=3, help="scans per size; the median is reported (default 3)")
    ap.add_argument("--work", type=Path, default=DEFAULT_WORK, help=f"corpus cache and outputs (default {DEFAULT_WORK})")
    ap.add_argument("--json", action="store_true", help="print the results as JSON instead of a table")
    a = ap.parse_args(argv)
    try:
        sizes = sorted({int(s) for s in a.sizes.split(",") if s.strip()})
    except ValueError:
        ap.error("--sizes must be comma-separated integers, e.g. 2000,10000")
    if not sizes or min(sizes) < 1 or a.reps < 1:
        ap.error("--sizes must be positive and --reps >= 1")

    root = Path(__file__).resolve().parent.parent
    rows: list[dict[str, Any]] = []
    for n in sizes:
        corpus = ensure_corpus(a.work, n, a.seed)
        out_dir = a.work / f"growth-{corpus.name}"
        out_dir.mkdir(parents=True, exist_ok=True)
        cmd = [*provenance_cmd(), "scan", str(corpus), "-o", str(out_dir / "out.jsonl"), "-q", "--workers", str(a.workers)]
        runs = []
        for rep in range(a.reps):
            r = timed_run(cmd, log=out_dir / f"scan-{rep}.time.txt", cwd=root)
            runs.append(r)
            print(f"N={n} rep {rep + 1}/{a.reps}: {r['wall_s']:.2f}s, max RSS {r['max_rss_mib']:.0f} MiB, "
                  f"tree PSS {r['tree_pss_mib']:.0f} MiB", file=sys.stderr)
        wall = statistics.median(r["wall_s"] for r in runs)
        rows.append({
            "n": n,
            "wall_s": wall,
            "docs_per_s": n / wall,
            "cpu_s": statistics.median(r["cpu_s"] for r in runs),
            "max_rss_mib": statistics.median(r["max_rss_mib"] for r in runs),
            "tree_pss_mib": statistics.median(r["tree_pss_mib"] for r in runs),
            "runs": runs,
        })
    base = rows[0]
    for r in rows:
        r["size_ratio"] = r["n"] / base["n"]
        r["time_ratio"] = r["wall_s"] / base["wall_s"]
    result = {"benchmark": "growth", "machine": machine(), "workers": a.workers, "reps": a.reps,
              "seed": a.seed, "command": " ".join(cmd[:2] + ["CORPUS", "-o", "out.jsonl", "-q", "--workers", str(a.workers)]),
              "sizes": rows}
    if a.json:
        print(orjson.dumps(result, option=orjson.OPT_INDENT_2).decode())
        return 0
    m = result["machine"]
    print(f"Growth of provenance scan --workers {a.workers}; nproc {m['nproc']}, Python {m['python']}; "
          f"medians of {a.reps} runs")
    print()
    print(f"  {'N':>8} {'wall s':>9} {'docs/s':>8} {'CPU s':>8} {'max RSS MiB':>12} {'tree PSS MiB':>13} {'N/N0':>6} {'t/t0':>7}")
    for r in rows:
        print(f"  {r['n']:>8} {r['wall_s']:>9.2f} {r['docs_per_s']:>8.0f} {r['cpu_s']:>8.1f} {r['max_rss_mib']:>12.0f} "
              f"{r['tree_pss_mib']:>13.0f} {r['size_ratio']:>6.1f} {r['time_ratio']:>7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
