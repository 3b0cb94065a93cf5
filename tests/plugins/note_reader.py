"""Test reader plugin: ``.note`` files, ``Key: value`` header lines, a blank line, then the body.

The header becomes ``Document.meta`` and only the body is ``raw``, so a test can tell this
reader's documents from the ones the built-in folder reader would make of the same file.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from provenance import Document, ReadError, hookimpl


@hookimpl
def provenance_read(source, config):
    path = Path(source)
    if path.suffix != ".note" or not path.is_file():
        return None  # not ours: the next reader is asked
    data = path.read_bytes()
    head, sep, body = data.decode("utf-8").partition("\n\n")
    if not sep:
        return [ReadError(source, "a .note file needs a header, a blank line and a body")]
    meta = {}
    for line in head.splitlines():
        key, _, value = line.partition(":")
        meta[key.strip().lower()] = value.strip()
    return [Document(id=f"note:{path.stem}", sha256=hashlib.sha256(data).hexdigest(), raw=body, meta=meta)]
