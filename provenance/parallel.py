"""Running a stage over chunks of a batch in worker processes, results in input order.

Workers are forked, so they inherit the loaded plugins and whatever the stage
needs (set with :func:`share` before the pool starts); only chunks of input and
their results cross process boundaries. One worker runs in-process. Results
come back in input order, so the output is the same for any worker count.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing as mp
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain, islice
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


def _trim_heap() -> None:
    """Return the C heap's free pages to the system before forking (glibc only).

    Free chunks left in the parent's heap are shared with forked workers; a
    worker's allocations land in them and copy each page they touch. Trimmed,
    those pages are fresh in the worker and cost only what it uses.
    """
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # pragma: no cover - not glibc
        pass


def chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of ``size`` items (the last may be shorter), taken lazily."""
    it = iter(items)
    while part := list(islice(it, size)):
        yield part


def run(
    func: Callable[[Sequence[T]], list[R]],
    items: Iterable[T],
    workers: int,
    chunk_size: int,
    progress: Callable[[int], None] | None = None,
) -> Iterator[list[R]]:
    """Yield ``func(chunk)`` for consecutive chunks of ``items``, in order.

    ``items`` is consumed lazily: at most ``2 * workers`` chunks are in flight,
    so a stream of documents is never all in memory at once.
    ``func`` must be a module-level function (it is pickled by name).
    ``progress`` is called with the number of items each finished chunk held.
    """
    parts = chunks(items, max(1, chunk_size))
    head = list(islice(parts, 2))
    if workers <= 1 or len(head) <= 1 or "fork" not in mp.get_all_start_methods():
        for part in chain(head, parts):
            out = func(part)
            if progress:
                progress(len(part))
            yield out
        return
    ctx = mp.get_context("fork")
    _trim_heap()
    # Objects that exist at the fork go to the collector's permanent generation:
    # a worker's collections would otherwise write to (and so copy) every page of
    # them that holds a container, instead of sharing it with the parent.
    gc.freeze()
    try:
        pool = ctx.Pool(workers)
    finally:
        gc.unfreeze()
    with pool:
        pending: deque = deque()

        def finish() -> list[R]:
            n, result = pending.popleft()
            out = result.get()
            if progress:
                progress(n)
            return out

        for part in chain(head, parts):
            pending.append((len(part), pool.apply_async(func, (part,))))
            if len(pending) >= 2 * workers:
                yield finish()
        while pending:
            yield finish()
