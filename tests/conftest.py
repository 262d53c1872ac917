"""Shared fixtures: real local servers (origin with fault modes, pywb over WARC files)."""

import pathlib

import pytest

pytest_plugins = ["servers.origin", "servers.pywb_archive"]

ROOT = pathlib.Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "china-latin-america-green-cooperation-2022.txt"


@pytest.fixture(scope="session")
def seed_path() -> pathlib.Path:
    """The bundled seed paper: a machine-translated PDF extraction with mangled footnotes."""
    return SEED


@pytest.fixture(scope="session")
def seed_text(seed_path) -> str:
    return seed_path.read_text(encoding="utf-8")
