"""Shared fixtures: one Finder over the bundled knowledge base, built into a temp database."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from knowledge.finder import Finder, build
from knowledge.hours import BERLIN

# A Wednesday afternoon: most day services are open.
WEDNESDAY_3PM = datetime(2026, 11, 25, 15, 0, tzinfo=BERLIN)
SUNDAY_3AM = datetime(2026, 11, 29, 3, 0, tzinfo=BERLIN)


PREBUILT = "HELPFINDER_TEST_KB"
"""A database built once from the bundled sources that the tests may load instead of building
their own (`make mutate` sets it: each mutant starts a fresh test session)."""


@pytest.fixture(scope="session")
def kb_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    prebuilt = os.environ.get(PREBUILT)
    if prebuilt and Path(prebuilt).is_file():
        return Path(prebuilt)
    return build(target=tmp_path_factory.mktemp("kb") / "kb.sqlite")


@pytest.fixture(scope="session")
def finder(kb_path: Path) -> Finder:
    return Finder.load(kb_path, encoder=os.environ.get("HELPFINDER_TEST_ENCODER") != "0")


@pytest.fixture(autouse=True)
def _isolated_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """Keep every test's default database out of the user's real cache."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "cache"))
    yield
