"""The hooks a provenance plugin can implement, one per pipeline stage.

Each spec's docstring says what it receives, what it returns, when the host
calls it and how the host combines several answers. ``docs/plugins.md`` has the
same contract with examples.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from pluggy import HookimplMarker, HookspecMarker

from .records import AIScore, Comparison, Document, Lineage, ReadError, Signal, Span

hookspec = HookspecMarker("provenance")
hookimpl = HookimplMarker("provenance")


@hookspec(firstresult=True)
def provenance_read(source: str, config: dict[str, Any]) -> Iterable[Document | ReadError] | None:
    """Read the documents of one source given on the command line.

    Called once per source (a folder, a file, a JSONL batch). Return ``None``
    when the source is not yours, else an iterable of :class:`Document` (with
    ``id``, ``sha256``, ``raw``, ``encoding``) and :class:`ReadError` for the
    parts that could not be read. The first plugin that answers wins.
    """


@hookspec
def provenance_clean(document: Document, config: dict[str, Any]) -> list[Span] | None:
    """Return the spans of ``document.raw`` that are boilerplate, each with its rule.

    Called once per document. The host merges the spans of every plugin
    (overlaps joined, first rule named), records them in
    ``document.boilerplate`` and sets ``document.text`` to what remains.
    """


@hookspec
def provenance_fingerprint(documents: list[Document], config: dict[str, Any]) -> list[dict[str, Any]] | None:
    """Return named features of cleaned documents (signatures, sentences, facts).

    Called once per batch of cleaned documents (batches let signatures be
    computed for many documents at once). Return one dict per document, in the
    order given. The dicts of all plugins are merged into each
    ``document.features``; a key returned by two plugins is an error. Values
    must be plain data or numpy arrays, so records can be pickled to workers.
    """


@hookspec
def provenance_candidates(documents: Sequence[Document], config: dict[str, Any]) -> Iterable[tuple[str, str]] | None:
    """Return pairs of document ids worth comparing.

    Called once per batch of fingerprinted documents. The host takes the union
    of every plugin's pairs (order inside a pair does not matter) and drops
    pairs of a document with itself. Documents may be unpacked as they are
    read: iterate them and keep only the features indexed
    (:func:`provenance.store.feature_columns`).
    """


@hookspec
def provenance_compare(a: Document, b: Document, config: dict[str, Any]) -> dict[str, Any] | None:
    """Return evidence about one candidate pair: similarities, passages, facts.

    Called once per candidate pair, with ``a.id < b.id``. The dicts of all
    plugins are merged into ``Comparison.evidence``; a key returned by two
    plugins is an error. Directional values are named ``..._ab`` (how much of
    ``a`` is found in ``b``) and ``..._ba``.
    """


@hookspec
def provenance_ai_signals(document: Document, config: dict[str, Any]) -> list[Signal] | None:
    """Return AI-rewrite signals found in one document on its own.

    Called once per cleaned document. The host flattens every plugin's signals
    and combines their weights into :class:`AIScore` (see ``[ai]`` in config).
    """


@hookspec(firstresult=True)
def provenance_attribute(
    documents: Sequence[Document],
    comparisons: Sequence[Comparison],
    ai: dict[str, AIScore],
    config: dict[str, Any],
) -> Lineage | None:
    """Decide relations, their direction, roles and parents from the evidence.

    Called once per family of related documents (documents joined by candidate
    pairs), so a family is the only unit that needs all its members together;
    ``ai`` holds the AI scores of the family's documents. ``documents`` and
    ``comparisons`` may unpack each item as it is read: iterate them once. Return a
    :class:`Lineage` for those documents. The first plugin that answers
    wins; the built-in attributor is ``trylast`` so a plugin can replace it.
    """


@hookspec
def provenance_pair_signals(
    parent: Document, child: Document, evidence: dict[str, Any], config: dict[str, Any]
) -> list[Signal] | None:
    """Return AI-rewrite signals for ``child`` that need its source to be seen.

    Called once per ``derived`` relation after attribution (facts corrupted
    relative to the parent, quotes dropped, framing added). Signals are
    flattened and added to the child's AI score and reasons.
    """


@hookspec
def provenance_emit(lineage: Lineage, config: dict[str, Any]) -> None:
    """Write the finished lineage somewhere (a sink). Called once per scan.

    The host itself writes the JSONL file given with ``-o``; this hook is for
    additional sinks (a database, a report). Return values are ignored.
    """
