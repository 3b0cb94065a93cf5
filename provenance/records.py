"""Typed records that flow between pipeline stages.

Every stage receives and returns these dataclasses; the lineage JSONL is their
serialization (see :mod:`provenance.lineage`). Anything a later stage needs
travels inside a record, so stages can run on separate batches or machines.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from collections.abc import Sequence
from typing import Any, Literal

RelationKind = Literal["exact_duplicate", "near_duplicate", "derived", "sibling"]
Role = Literal["original", "derived", "duplicate"]


@dataclass
class Span:
    """A piece of a document's raw text removed by a cleaning rule."""

    rule: str
    start: int
    end: int
    text: str


@dataclass
class Document:
    """One input document, from reading through cleaning and fingerprinting.

    Attributes:
        id: Stable identifier (path relative to the scanned root, or a JSONL ``id``).
        sha256: Hex digest of the raw bytes as read.
        raw: The decoded text as read; released (``None``) once the per-document
            stages are done, unless ``[scan] keep_raw`` (the ``boilerplate``
            spans keep what was removed, ``text`` the rest).
        text: The text after boilerplate removal (``raw`` minus ``boilerplate`` spans).
        encoding: The codec that decoded the raw bytes.
        meta: Reader-supplied facts (``date``, ``title``, ``url``...), passed through.
        boilerplate: Spans of ``raw`` removed by the clean stage.
        features: Named per-document features added by fingerprint plugins
            (signatures, sentences, facts); plain data so records can be shipped.
    """

    id: str
    sha256: str
    raw: str | None
    text: str = ""
    encoding: str = "utf-8"
    meta: dict[str, Any] = field(default_factory=dict)
    boilerplate: list[Span] = field(default_factory=list)
    features: dict[str, Any] = field(default_factory=dict)


@dataclass
class ReadError:
    """A source a reader could not turn into a document; reported, never fatal."""

    source: str
    message: str


@dataclass
class Signal:
    """One AI-rewrite heuristic's finding: a weight in [0, 1] and a reason for humans."""

    name: str
    weight: float
    reason: str


@dataclass
class AIScore:
    """The combined AI-rewrite verdict for one document."""

    score: float
    flagged: bool
    reasons: list[str] = field(default_factory=list)
    signals: list[Signal] = field(default_factory=list)


@dataclass
class Comparison:
    """Evidence gathered for one candidate pair ``(a, b)``; ``a < b`` by id.

    ``evidence`` is the union of what every compare plugin returned: keys are
    documented in ``docs/lineage.md`` and plugins may add their own.
    """

    a: str
    b: str
    evidence: dict[str, Any] = field(default_factory=dict)


@dataclass
class Relation:
    """A decided edge of the provenance graph."""

    kind: RelationKind
    score: float
    evidence: dict[str, Any] = field(default_factory=dict)
    parent: str | None = None
    child: str | None = None
    members: list[str] = field(default_factory=list)


@dataclass
class Lineage:
    """The result of a scan: documents with their roles and the relations between them."""

    documents: list[Document]
    relations: Sequence[Relation]
    roles: dict[str, Role] = field(default_factory=dict)
    parents: dict[str, list[str]] = field(default_factory=dict)
    ai: dict[str, AIScore] = field(default_factory=dict)
    errors: list[ReadError] = field(default_factory=list)
    comparisons: Sequence[Comparison] = field(default_factory=list)
