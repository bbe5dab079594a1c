"""Fixtures of tests/cli: ``tian`` in the test's own folder, and two demo offices made once."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from .tian import tian_in, tian_side_by_side


@pytest.fixture
def tian(tmp_path):
    """``tian(*args)`` runs the command line with TIAN_HOME in this test's temporary folder."""
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    return lambda *args: tian_in(home, *args)


@pytest.fixture(scope="session")
def demo_pair(tmp_path_factory):
    """Two fresh databases made by ``tian demo --proposals 300 --seed 7``, run side by side.

    Tests that change a database copy it first; these two stay as the demo left them.
    """
    folder = tmp_path_factory.mktemp("demo")
    home = folder / "home"
    home.mkdir()
    paths = [folder / "first.db", folder / "second.db"]
    args = [("--db", str(p), "demo", "--proposals", "300", "--seed", "7") for p in paths]
    started_on = date.today()
    runs = list(tian_side_by_side(home, dict(enumerate(args))).values())
    for run in runs:
        assert run.returncode == 0, run
    return {"paths": paths, "runs": runs, "same_day": date.today() == started_on}


@pytest.fixture(scope="session")
def demo_db(demo_pair) -> Path:
    return demo_pair["paths"][0]
