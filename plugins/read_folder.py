"""Reader plugin: text files under folders (recursively) or single files."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any, Iterator

from provenance.hookspecs import hookimpl
from provenance.records import Document, ReadError


def decode(data: bytes, encodings: list[str]) -> tuple[str, str]:
    """Decode bytes with the first encoding that fits; the last one is applied with replacement.

    UTF-8 (with or without BOM) is tried first; cp1252 is the usual fallback for
    Windows-made files. Returns ``(text, encoding)``.
    """
    for enc in encodings:
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            continue
    return data.decode(encodings[-1], errors="replace"), f"{encodings[-1]}+replace"


def read_file(path: Path, doc_id: str, conf: dict[str, Any]) -> Document | ReadError:
    """One file as a Document, or a ReadError saying why it cannot be one."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return ReadError(doc_id, f"cannot read: {exc.strerror or exc}")
    if b"\x00" in data[:8192]:
        return ReadError(doc_id, "binary file (NUL bytes), not text")
    if len(data) > conf.get("max_bytes", 50_000_000):
        return ReadError(doc_id, f"file too large ({len(data)} bytes > max_bytes)")
    text, encoding = decode(data, conf.get("encodings", ["utf-8-sig", "cp1252", "latin-1"]))
    return Document(
        id=doc_id,
        sha256=hashlib.sha256(data).hexdigest(),
        raw=text.replace("\r\n", "\n").replace("\r", "\n"),
        encoding=encoding,
    )


def _iter_folder(root: Path, conf: dict[str, Any]) -> Iterator[Document | ReadError]:
    suffixes = {s.lower() for s in conf.get("suffixes", [".txt", ".md"])}
    for path in sorted(root.rglob("*")):
        if any(part.startswith(".") for part in path.relative_to(root).parts):
            continue
        if path.is_file() and path.suffix.lower() in suffixes:
            yield read_file(path, path.relative_to(root).as_posix(), conf)


@hookimpl(trylast=True)
def provenance_read(source: str, config: dict[str, Any]):
    """Folders are read recursively (ids relative to the folder); a text file stands for itself."""
    conf = config.get("read", {})
    path = Path(source)
    if path.is_dir():
        return _iter_folder(path, conf)
    if path.is_file() and path.suffix.lower() != ".jsonl":
        return iter([read_file(path, path.name, conf)])
    if not path.exists():
        return iter([ReadError(source, "no such file or folder")])
    return None
