"""Test cleaner plugin: every line starting with ``Advertisement`` is boilerplate."""

from __future__ import annotations

import re

from provenance import Span, hookimpl

ADVERT_LINE = re.compile(r"^Advertisement\b.*$", re.MULTILINE)


@hookimpl
def provenance_clean(document, config):
    return [Span("advertisement_line", m.start(), m.end(), m.group(0)) for m in ADVERT_LINE.finditer(document.raw)]
