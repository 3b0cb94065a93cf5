"""Configuration: the bundled ``config/*.toml`` defaults, deep-merged with a user file."""

from __future__ import annotations

import copy
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            _merge(base[key], value)
        else:
            base[key] = copy.deepcopy(value)
    return base


def default_config() -> dict[str, Any]:
    """Every ``*.toml`` shipped in the ``provenance_config`` package, merged in name order."""
    merged: dict[str, Any] = {}
    files = sorted(
        (f for f in resources.files("provenance_config").iterdir() if f.name.endswith(".toml")),
        key=lambda f: f.name,
    )
    for f in files:
        _merge(merged, tomllib.loads(f.read_text(encoding="utf-8")))
    return merged


def load_config(path: str | Path | None = None, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """The defaults, then the user's TOML file at ``path``, then ``overrides``.

    Raises:
        FileNotFoundError: ``path`` does not exist.
        ValueError: ``path`` is not valid TOML (the message names the file).
    """
    config = default_config()
    if path is not None:
        p = Path(path)
        try:
            _merge(config, tomllib.loads(p.read_text(encoding="utf-8")))
        except tomllib.TOMLDecodeError as exc:
            raise ValueError(f"{p}: invalid TOML: {exc}") from exc
    if overrides:
        _merge(config, overrides)
    return config
