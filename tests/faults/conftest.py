"""The fault-injection suite's office: a demo year made once by ``tian demo``, copied per test."""
from __future__ import annotations

import pytest

from tests.cli.tian import tian_in


@pytest.fixture(scope="session")
def demo_office(tmp_path_factory):
    folder = tmp_path_factory.mktemp("faults")
    (folder / "home").mkdir()
    db = folder / "office.db"
    run = tian_in(folder / "home", "--db", str(db), "demo", "--proposals", "600", "--seed", "5")
    assert run.returncode == 0, run
    return db
