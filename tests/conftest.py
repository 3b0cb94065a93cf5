"""Shared fixtures: the loaded plugin manager, default config, and a scan helper."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from provenance import pipeline
from provenance.config import load_config
from provenance.plugins import load_plugins

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CLOUGH = ROOT.parent / "shared" / "data" / "clough"


@pytest.fixture(scope="session")
def config():
    return load_config()


@pytest.fixture(scope="session")
def pm(config):
    return load_plugins(config.get("plugins", {}).get("blocked", []))


@pytest.fixture
def scan(pm, config):
    """Scan paths with the default config and return the Lineage."""

    def run(*paths, cfg=None, **kw):
        return pipeline.scan([str(p) for p in paths], cfg or config, pm, **kw)

    return run


@pytest.fixture(scope="session")
def seeds_lineage(pm, config):
    return pipeline.scan([str(SEEDS)], config, pm)


def seed_path(prefix: str) -> Path:
    """The seed file whose name starts with ``prefix`` ("000")."""
    return next(SEEDS.glob(f"{prefix}_*.txt"))


@pytest.fixture
def seed_copy(tmp_path):
    """Copy seeds into tmp under new names: ``mapping`` {prefix: new name}."""

    def make(mapping: dict[str, str]) -> Path:
        for prefix, name in mapping.items():
            shutil.copy(seed_path(prefix), tmp_path / name)
        return tmp_path

    return make
