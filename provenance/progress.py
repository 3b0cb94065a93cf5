"""Progress bars (rich) for long scans, shown only on a terminal."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

_LABELS = {"documents": "clean, fingerprint, score", "compare": "compare candidate pairs"}


@contextmanager
def progress_bars(enabled: bool) -> Iterator:
    """Yield a ``note(stage, done, total)`` callback drawing one bar per long stage.

    Disabled (output not a terminal, or under CI) the callback does nothing, so
    logs and pipes stay clean.
    """
    if not enabled:
        yield lambda stage, done, total: None
        return
    with Progress(
        TextColumn("{task.description:<28}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bars:
        tasks: dict[str, int] = {}

        def note(stage: str, done: int, total: int | None) -> None:
            if stage not in _LABELS:
                return
            if stage not in tasks:
                tasks[stage] = bars.add_task(_LABELS[stage], total=total)
            bars.update(tasks[stage], completed=done, total=total)

        yield note
