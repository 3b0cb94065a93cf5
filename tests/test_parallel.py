"""Stages in worker processes give the same results, in input order, as in-process."""

from __future__ import annotations

from provenance import lineage as lineage_io
from provenance import parallel


def square_all(chunk):
    return [x * x + parallel.shared("offset") for x in chunk]


def test_run_keeps_order_and_sees_shared_values():
    parallel.share(offset=1)
    done = []
    out = [y for part in parallel.run(square_all, list(range(100)), workers=2, chunk_size=7, progress=done.append) for y in part]
    assert out == [x * x + 1 for x in range(100)]
    assert sum(done) == 100


def test_run_consumes_a_stream_lazily():
    """A generator of items is read only a few chunks ahead of the results handed out."""
    parallel.share(offset=0)
    taken = []

    def stream():
        for x in range(1000):
            taken.append(x)
            yield x

    results = parallel.run(square_all, stream(), workers=2, chunk_size=10)
    first = next(results)
    assert first == [x * x for x in range(10)]
    assert len(taken) <= 10 * (2 * 2 + 1)  # at most 2 * workers chunks in flight, plus one being cut
    assert [y for part in results for y in part] == [x * x for x in range(10, 1000)]


def test_scan_with_two_workers_matches_one(tmp_path, pm, config):
    from bench import corpusgen
    from provenance import pipeline

    corpusgen.generate(tmp_path, 60, seed=3, mode="synthetic")
    small = dict(config, scan={"chunk_documents": 8, "chunk_pairs": 10})
    one = list(lineage_io.records(pipeline.scan([str(tmp_path)], small, pm, workers=1)))
    two = list(lineage_io.records(pipeline.scan([str(tmp_path)], small, pm, workers=2)))
    assert one == two
    assert any(r["type"] == "relation" for r in one)
