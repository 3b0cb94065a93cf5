"""provenance: find who copied, rewrote or paraphrased whom in a corpus of documents."""

from .hookspecs import hookimpl
from .records import AIScore, Comparison, Document, Lineage, ReadError, Relation, Signal, Span

__all__ = [
    "AIScore",
    "Comparison",
    "Document",
    "Lineage",
    "ReadError",
    "Relation",
    "Signal",
    "Span",
    "hookimpl",
]
