"""Reader plugin: JSONL batches, one document per line with ``id`` and ``text``."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any, Iterator

import orjson

from provenance.hookspecs import hookimpl
from provenance.records import Document, ReadError


def _iter_jsonl(path: Path, conf: dict[str, Any]) -> Iterator[Document | ReadError]:
    id_key = conf.get("id_field", "id")
    text_key = conf.get("text_field", "text")
    with path.open("rb") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            where = f"{path.name}:{lineno}"
            try:
                rec = orjson.loads(line)
            except orjson.JSONDecodeError as exc:
                yield ReadError(where, f"invalid JSON: {exc}")
                continue
            if not isinstance(rec, dict) or not isinstance(rec.get(text_key), str):
                yield ReadError(where, f"expected an object with a string {text_key!r} field")
                continue
            text = rec[text_key].replace("\r\n", "\n")
            doc_id = str(rec.get(id_key) or where)
            meta = {k: v for k, v in rec.items() if k not in (id_key, text_key)}
            yield Document(
                id=doc_id,
                sha256=hashlib.sha256(rec[text_key].encode("utf-8")).hexdigest(),
                raw=text,
                meta=meta,
            )


@hookimpl
def provenance_read(source: str, config: dict[str, Any]):
    """A ``.jsonl`` file is a batch; other fields of a record (``date``, ``url``) become ``meta``."""
    path = Path(source)
    if path.is_file() and path.suffix.lower() == ".jsonl":
        return _iter_jsonl(path, config.get("read", {}).get("jsonl", {}))
    return None
