"""Compact in-memory stores for records held between stages.

A scan keeps every comparison until attribution, which needs one family at a
time. Held as Python objects, one comparison's evidence (fact lists, passage
arrays) costs several kilobytes of small objects; pickled, it is a single bytes
object a fraction of that size, and it crosses process boundaries as is.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterable, Iterator, Sequence
from typing import overload

from .records import Comparison


def pack_comparison(c: Comparison) -> tuple[str, str, bytes]:
    """``(a, b, pickled evidence)``: the form comparisons are kept in between stages."""
    return c.a, c.b, pickle.dumps(c.evidence, protocol=pickle.HIGHEST_PROTOCOL)


class ComparisonStore(Sequence[Comparison]):
    """Comparisons kept packed; each is unpacked (a fresh copy) when read.

    ``pairs`` gives the ``(a, b)`` ids without unpacking anything, which is all
    that grouping comparisons into families needs.
    """

    def __init__(self, packed: Iterable[tuple[str, str, bytes]] = ()) -> None:
        self._packed = list(packed)

    @classmethod
    def of(cls, comparisons: Iterable[Comparison]) -> ComparisonStore:
        return cls(pack_comparison(c) for c in comparisons)

    @property
    def pairs(self) -> list[tuple[str, str]]:
        return [(a, b) for a, b, _ in self._packed]

    def __len__(self) -> int:
        return len(self._packed)

    @overload
    def __getitem__(self, i: int) -> Comparison: ...
    @overload
    def __getitem__(self, i: slice) -> list[Comparison]: ...

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        a, b, blob = self._packed[i]
        return Comparison(a, b, pickle.loads(blob))

    def __iter__(self) -> Iterator[Comparison]:
        for a, b, blob in self._packed:
            yield Comparison(a, b, pickle.loads(blob))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (list, tuple, ComparisonStore)):
            return len(self) == len(other) and all(x == y for x, y in zip(self, other))
        return NotImplemented

    def __repr__(self) -> str:
        return f"ComparisonStore({len(self)} comparisons)"
