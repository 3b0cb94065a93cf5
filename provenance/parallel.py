"""Running a stage over chunks of a batch in worker processes, results in input order.

Workers are forked, so they inherit the loaded plugins and whatever the stage
needs (set with :func:`share` before the pool starts); only chunks of input and
their results cross process boundaries. One worker runs in-process. Results
come back in input order, so the output is the same for any worker count.
"""

from __future__ import annotations

import multiprocessing as mp
import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_shared: dict[str, Any] = {}


def share(**values: Any) -> None:
    """Make values visible to the stage functions of pools started after this call."""
    _shared.update(values)


def shared(name: str) -> Any:
    """A value given to :func:`share` (in a worker: as it was when the pool started)."""
    return _shared[name]


def default_workers() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def chunks(items: Sequence[T], size: int) -> list[Sequence[T]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def run(
    func: Callable[[Sequence[T]], list[R]],
    items: Sequence[T],
    workers: int,
    chunk_size: int,
    progress: Callable[[int], None] | None = None,
) -> Iterator[list[R]]:
    """Yield ``func(chunk)`` for consecutive chunks of ``items``, in order.

    ``func`` must be a module-level function (it is pickled by name).
    ``progress`` is called with the number of items each finished chunk held.
    """
    parts = chunks(items, max(1, chunk_size))
    if workers <= 1 or len(parts) <= 1 or "fork" not in mp.get_all_start_methods():
        for part in parts:
            out = func(part)
            if progress:
                progress(len(part))
            yield out
        return
    ctx = mp.get_context("fork")
    with ctx.Pool(min(workers, len(parts))) as pool:
        for part, out in zip(parts, pool.imap(func, parts)):
            if progress:
                progress(len(part))
            yield out
