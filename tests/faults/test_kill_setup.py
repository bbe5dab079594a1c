"""Set-up is all or nothing: killed at any moment, the next start finds no office or a whole one."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.cli.tian import init_args, tian_in

from .killing import kill_moments, killed_after, measured_tail


def _office_state(db: Path) -> str:
    """'none' (no office: init may run again) or 'whole'; anything else fails the test."""
    if not db.exists():
        return "none"
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as raw:
        tables = {row[0] for row in raw.execute("SELECT name FROM sqlite_master")}
        if "site" not in tables or raw.execute("SELECT count(*) FROM site").fetchone()[0] == 0:
            return "none"
        admins = raw.execute("SELECT count(*) FROM user_account WHERE username = 'admin'").fetchone()[0]
        units = raw.execute("SELECT count(*) FROM unit").fetchone()[0]
        meetings = raw.execute("SELECT count(*) FROM meeting").fetchone()[0]
        office = raw.execute("SELECT count(*) FROM setting").fetchone()[0]
    assert (admins, meetings) == (1, 1) and units > 30 and office > 0, (admins, units, meetings)
    return "whole"


def test_init_killed_at_any_moment_leaves_no_office_or_a_whole_one(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    measured = tmp_path / "measured.db"
    tail = measured_tail(home, measured, *init_args(measured))
    seen = []
    for i, moment in enumerate(kill_moments(tail, seeds=8)):
        db = tmp_path / f"office{i}.db"
        killed_after(home, db, moment, *init_args(db))
        state = _office_state(db)
        seen.append(state)
        if state == "none":  # the clerk starts again: set-up runs and makes the whole office
            again = tian_in(home, *init_args(db))
            assert again.returncode == 0, again
            assert _office_state(db) == "whole"
        else:
            check = tian_in(home, "--db", str(db), "check")
            assert check.returncode == 0, check
    print(f"[faults] init: {seen.count('none')} no office, {seen.count('whole')} whole, "
          f"of {len(seen)} kills")
    assert "none" in seen, f"no kill landed before the office was made: {seen} ({tail:.2f} s)"
