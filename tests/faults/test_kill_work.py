"""Backup, restore, roster import and export killed at any moment: the database is the one before
or the one after, never between; no output file is half-written under its own name; a killed
export's temporary files are gone after the next one."""
from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from openpyxl import Workbook, load_workbook

from tests.cli.tian import copy_database, tian_in

from .killing import kill_moments, killed_after, measured_tail

SEEDS = 8


def _members(db: Path) -> int:
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return raw.execute("SELECT count(*) FROM member").fetchone()[0]


def _roster(path: Path, names: list[str]) -> Path:
    book = Workbook()
    book.active.append(["姓名", "界别", "联系电话"])
    for i, name in enumerate(names):
        book.active.append([name, "经济界", f"1390000{i:04d}"])
    book.save(path)
    return path


def test_a_killed_backup_leaves_no_file_or_a_whole_checked_one(demo_office, tmp_path):
    home = tmp_path / "home"
    db = copy_database(demo_office, tmp_path / "office.db")
    measured = tmp_path / "measured.db"
    tail = measured_tail(home, measured, "--db", str(db), "backup", "--out", str(measured))
    before = _members(db)
    killed = 0
    for i, moment in enumerate(kill_moments(tail, SEEDS)):
        out = tmp_path / f"backup{i}.db"
        killed += killed_after(home, out, moment, "--db", str(db), "backup", "--out", str(out))
        if out.exists():
            assert _members(out) == before
        assert _members(db) == before
    print(f"[faults] backup: {killed} of {SEEDS} kills landed before the end")
    assert killed >= SEEDS // 4, f"only {killed} of {SEEDS} kills landed before the end"
    assert not list(tmp_path.glob("*.part")), "a half-made backup was left behind"


def test_a_killed_roster_import_adds_all_its_members_or_none(demo_office, tmp_path):
    home = tmp_path / "home"
    roster = _roster(tmp_path / "名册.xlsx", [f"断电测试{i}" for i in range(40)])
    tails = []
    for name in ("warm.db", "measured.db"):  # the first import of a fresh process tree is slower
        measured = copy_database(demo_office, tmp_path / name)
        before = _members(measured)
        tails.append(measured_tail(home, measured.with_name(name + "-wal"), "--db",
                                   str(measured), "import", "roster", str(roster)))
    tail = min(tails)
    killed = 0
    for i, moment in enumerate(kill_moments(tail, SEEDS)):
        db = copy_database(demo_office, tmp_path / f"office{i}.db")
        killed += killed_after(home, db.with_name(db.name + "-wal"), moment, "--db", str(db),
                               "import", "roster", str(roster))
        assert _members(db) in (before, before + 40)
    print(f"[faults] roster import: {killed} of {SEEDS} kills landed before the end")
    assert killed >= SEEDS // 4, f"only {killed} of {SEEDS} kills landed before the end"


def test_a_killed_restore_leaves_the_database_before_or_after(demo_office, tmp_path):
    home = tmp_path / "home"
    backup = copy_database(demo_office, tmp_path / "backup.db")
    before = _members(backup)
    roster = _roster(tmp_path / "名册.xlsx", [f"恢复测试{i}" for i in range(5)])
    grown = copy_database(demo_office, tmp_path / "grown.db")
    assert tian_in(home, "--db", str(grown), "import", "roster", str(roster)).returncode == 0
    measured = copy_database(grown, tmp_path / "measured.db")
    tail = measured_tail(home, measured.with_name("measured.db.restoring"), "--db", str(measured),
                         "restore", str(backup))
    killed = 0
    for i, moment in enumerate(kill_moments(tail, SEEDS)):
        db = copy_database(grown, tmp_path / f"office{i}.db")
        killed += killed_after(home, db.with_name(db.name + ".restoring"), moment, "--db",
                               str(db), "restore", str(backup))
        assert _members(db) in (before, before + 5)
        if i == 0:  # the clerk tries again (once: each try is a second and a half)
            again = tian_in(home, "--db", str(db), "restore", str(backup))
            assert again.returncode == 0, again
            assert _members(db) == before
    print(f"[faults] restore: {killed} of {SEEDS} kills landed before the end")
    assert killed >= SEEDS // 4, f"only {killed} of {SEEDS} kills landed before the end"


def test_a_killed_export_leaves_whole_files_and_its_temporaries_are_gone_after_the_next(
        demo_office, tmp_path):
    home = tmp_path / "home"
    db = copy_database(demo_office, tmp_path / "office.db")
    args = ["--db", str(db), "export", "ledger", "--overwrite", "--out"]
    measured = tmp_path / "measured"
    tail = measured_tail(home, measured, *args, str(measured))
    killed = 0
    for i, moment in enumerate(kill_moments(tail, SEEDS)):
        out = tmp_path / f"out{i}"
        killed += killed_after(home, out, moment, *args, str(out))
        for made in out.glob("*.xlsx"):
            load_workbook(made, read_only=True).close()  # whole, or not there under its name
    print(f"[faults] export: {killed} of {SEEDS} kills landed before the end")
    assert killed >= SEEDS // 4, f"only {killed} of {SEEDS} kills landed before the end"
    done = tian_in(home, *args, str(tmp_path / "last"))
    assert done.returncode == 0, done
    assert not [p for p in (home / "tmp").rglob("*") if p.is_file()], "temporaries left behind"
