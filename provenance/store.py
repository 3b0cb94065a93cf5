"""Compact in-memory stores for records held between stages.

A scan keeps every document and comparison until attribution, which needs one
family at a time. Held as Python objects, a fingerprinted document or a
comparison's evidence costs tens of kilobytes of small objects (and forked
workers copy the pages their reference counts touch); pickled, each is one
bytes object a fraction of that size, which crosses process boundaries as is.
Records are unpacked when read, one at a time.
"""

from __future__ import annotations

import pickle
import zlib
from collections import OrderedDict
from collections.abc import Collection, Iterable, Iterator, Mapping, MutableMapping, Sequence
from dataclasses import replace
from typing import TypeVar, overload

from .records import Comparison, Document, Relation

T = TypeVar("T")


# zlib's fastest level for everything the store compresses: evidence (mostly fact strings and
# small passage arrays) halves for ~20 us per comparison, and document texts shrink as much;
# hash arrays barely shrink at any level, so they are never compressed.
ZLIB_LEVEL = 1


COMPRESS_TEXT_FROM = 256  # characters; shorter texts gain too little to be worth the call


def _compressed(value: object) -> bytes:
    return zlib.compress(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), ZLIB_LEVEL)


def _uncompressed(blob: bytes):
    return pickle.loads(zlib.decompress(blob))


def pack_comparison(c: Comparison) -> tuple[str, str, bytes]:
    """``(a, b, compressed pickled evidence)``: the form comparisons are kept in between stages."""
    return c.a, c.b, _compressed(c.evidence)


class _Packed(Sequence[T]):
    """A sequence of records kept as ``(key..., pickled)`` tuples, unpacked when read."""

    def __init__(self, packed: Iterable[tuple] = ()) -> None:
        self._packed = list(packed)

    def _unpack(self, item: tuple) -> T:
        raise NotImplementedError

    def __len__(self) -> int:
        return len(self._packed)

    @overload
    def __getitem__(self, i: int) -> T: ...
    @overload
    def __getitem__(self, i: slice) -> list[T]: ...

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self._unpack(item) for item in self._packed[i]]
        return self._unpack(self._packed[i])

    def __iter__(self) -> Iterator[T]:
        for item in self._packed:
            yield self._unpack(item)

    def subset(self, indices: Iterable[int]):
        """The records at ``indices``, as a store of the same kind (nothing is unpacked)."""
        return type(self)(self._packed[i] for i in indices)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (list, tuple, _Packed)):
            return len(self) == len(other) and all(x == y for x, y in zip(self, other))
        return NotImplemented

    def __repr__(self) -> str:
        return f"{type(self).__name__}({len(self)} records)"


class ComparisonStore(_Packed[Comparison]):
    """Comparisons kept packed; each is unpacked (a fresh copy) when read.

    ``pairs`` gives the ``(a, b)`` ids without unpacking anything, which is all
    that grouping comparisons into families needs.
    """

    @classmethod
    def of(cls, comparisons: Iterable[Comparison]) -> ComparisonStore:
        return cls(pack_comparison(c) for c in comparisons)

    @property
    def pairs(self) -> list[tuple[str, str]]:
        return [(a, b) for a, b, _ in self._packed]

    def _unpack(self, item: tuple[str, str, bytes]) -> Comparison:
        a, b, blob = item
        return Comparison(a, b, _uncompressed(blob))


def relation_key(r: Relation) -> tuple:
    """The order relations are written in: directed ones first, then siblings."""
    return (r.kind == "sibling", r.parent or "", r.child or "", r.members)


class RelationStore(_Packed[Relation]):
    """Relations kept packed (evidence compressed) from their family's attribution to the output."""

    def append(self, r: Relation) -> None:
        self._packed.append((relation_key(r), _compressed(r)))

    def extend(self, relations: Iterable[Relation]) -> None:
        for r in relations:
            self.append(r)

    @property
    def keys(self) -> list[tuple]:
        return [key for key, _ in self._packed]

    def _unpack(self, item: tuple[tuple, bytes]) -> Relation:
        return _uncompressed(item[1])


def pack_document(d: Document, apart: Collection[str] = ()) -> tuple[str, bytes, bytes | None]:
    """``(id, pickled document, pickled features named in apart)``: the form documents
    are kept in between stages. Features kept apart (those only candidate search
    reads) can be released from a :class:`DocumentStore` once it is done.

    The texts are zlib-compressed here, not whenever a document is pickled: text
    is the part of a fingerprinted document that compresses (hash arrays do not),
    and only documents held until the end need it.
    """
    extra = {k: d.features[k] for k in apart if k in d.features}
    texts = {k: v for k in ("raw", "text") if isinstance(v := getattr(d, k), str) and len(v) >= COMPRESS_TEXT_FROM}
    if extra or texts:
        rest = {k: v for k, v in d.features.items() if k not in extra}
        d = replace(d, features=rest, **{k: "" for k in texts})
    packed_texts = {k: zlib.compress(v.encode("utf-8", "surrogatepass"), ZLIB_LEVEL) for k, v in texts.items()}
    blob = pickle.dumps((d, packed_texts), protocol=pickle.HIGHEST_PROTOCOL)
    return d.id, blob, pickle.dumps(extra, protocol=pickle.HIGHEST_PROTOCOL) if extra else None


def document_ids(docs: Sequence[Document]) -> list[str]:
    """The ids of ``docs`` in order, without unpacking a :class:`DocumentStore`."""
    return docs.ids if isinstance(docs, DocumentStore) else [d.id for d in docs]


class DocumentStore(_Packed[Document]):
    """Documents kept packed, in order; each is unpacked (a fresh copy) when read.

    Appended documents are joined into buffers of about ``buffer_bytes``, each
    record a ``(id, buffer, start, end, apart)`` slice of one: reading a document
    in a forked worker then writes to one buffer header per few hundred
    documents (reference counts), not to a page of every document, so the
    workers keep sharing the store with the parent instead of copying it.
    """

    buffer_bytes = 4 << 20

    def __init__(self, packed: Iterable[tuple[str, bytes, int, int, bytes | None]] = ()) -> None:
        super().__init__(packed)
        self._index = {item[0]: i for i, item in enumerate(self._packed)}
        self._pending: list[int] = []
        self._pending_bytes = 0

    @classmethod
    def of(cls, docs: Iterable[Document]) -> DocumentStore:
        store = cls()
        for d in docs:
            store.append(pack_document(d))
        store.flush()
        return store

    def append(self, packed: tuple[str, bytes, bytes | None]) -> None:
        """Add a document packed by :func:`pack_document`."""
        doc_id, blob, apart = packed
        self._index[doc_id] = len(self._packed)
        self._pending.append(len(self._packed))
        self._packed.append((doc_id, blob, 0, len(blob), apart))
        self._pending_bytes += len(blob)
        if self._pending_bytes >= self.buffer_bytes:
            self.flush()

    def flush(self) -> None:
        """Join the documents appended since the last flush into one buffer."""
        if len(self._pending) > 1:
            buffer = b"".join(self._packed[i][1] for i in self._pending)
            pos = 0
            for i in self._pending:
                doc_id, blob, _, _, apart = self._packed[i]
                self._packed[i] = (doc_id, buffer, pos, pos + len(blob), apart)
                pos += len(blob)
        self._pending, self._pending_bytes = [], 0

    @property
    def ids(self) -> list[str]:
        return [item[0] for item in self._packed]

    def get(self, doc_id: str) -> Document:
        return self._unpack(self._packed[self._index[doc_id]])

    def _unpack(self, item: tuple[str, bytes, int, int, bytes | None]) -> Document:
        _, buffer, start, end, apart = item
        doc, texts = pickle.loads(memoryview(buffer)[start:end])
        for key, packed in texts.items():
            setattr(doc, key, zlib.decompress(packed).decode("utf-8", "surrogatepass"))
        if apart is not None:
            doc.features.update(pickle.loads(apart))
        return doc

    def release_apart(self) -> None:
        """Drop the features packed apart (see :func:`pack_document`) from every document."""
        self._packed = [(*item[:4], None) for item in self._packed]

    def by_id(self, cache: int = 64) -> DocumentsById:
        """A mapping id -> document that keeps the ``cache`` last read unpacked."""
        return DocumentsById(self, cache)


class DocumentsById(Mapping[str, Document]):
    """Read-only id -> document view of a :class:`DocumentStore`, with a small LRU cache
    (candidate pairs come sorted, so the same document is asked for many times in a row)."""

    def __init__(self, store: DocumentStore, cache: int) -> None:
        self._store = store
        self._cache: OrderedDict[str, Document] = OrderedDict()
        self._size = max(1, cache)

    def __getitem__(self, doc_id: str) -> Document:
        doc = self._cache.get(doc_id)
        if doc is not None:
            self._cache.move_to_end(doc_id)
            return doc
        doc = self._store.get(doc_id)
        self._cache[doc_id] = doc
        if len(self._cache) > self._size:
            self._cache.popitem(last=False)
        return doc

    def __iter__(self) -> Iterator[str]:
        return iter(self._store.ids)

    def __len__(self) -> int:
        return len(self._store)


class PackedDict(MutableMapping[str, T]):
    """A dict whose values are kept pickled (a fresh copy is unpacked on each read)."""

    def __init__(self, items: Mapping[str, T] | Iterable[tuple[str, T]] = ()) -> None:
        self._packed: dict[str, bytes] = {}
        if isinstance(items, PackedDict):
            self._packed = dict(items._packed)
        else:
            self.update(items)

    def set_packed(self, key: str, blob: bytes) -> None:
        """Set a value already pickled (as worker processes send them)."""
        self._packed[key] = blob

    def __getitem__(self, key: str) -> T:
        return pickle.loads(self._packed[key])

    def __setitem__(self, key: str, value: T) -> None:
        self._packed[key] = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)

    def __delitem__(self, key: str) -> None:
        del self._packed[key]

    def __contains__(self, key: object) -> bool:
        return key in self._packed

    def __iter__(self) -> Iterator[str]:
        return iter(self._packed)

    def __len__(self) -> int:
        return len(self._packed)

    def __repr__(self) -> str:
        return f"PackedDict({len(self)} values)"


def feature_columns(documents: Iterable[Document], *names: str) -> tuple[list[str], list[list]]:
    """Ids and the named features of every document that has them all, read in one pass.

    For plugins that need a few features of a whole batch (candidate search):
    documents of a :class:`DocumentStore` are unpacked one at a time, so only
    these columns are held, not every document.
    """
    ids: list[str] = []
    columns: list[list] = [[] for _ in names]
    for d in documents:
        values = [d.features.get(n) for n in names]
        if any(v is None for v in values):
            continue
        ids.append(d.id)
        for col, v in zip(columns, values):
            col.append(v)
    return ids, columns
