"""检查、备份、恢复 from the command line, on real database files."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop.domain.errors import DomainError
from desktop.local.paths import base_data_dir
from desktop.services import backups, setup
from desktop.store.database import open_database
from desktop.store.sqlite import integrity_problems

from .tian import copy_database, digest, tian_in, tian_side_by_side


def _read(path: Path, sql: str, *params) -> list[tuple]:
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def _titles(path: Path) -> list[tuple]:
    return _read(path, "SELECT id, serial, number, title, status FROM proposal ORDER BY id")


def _new_office(path: Path) -> Path:
    """An office with no proposal yet (made in-process: the restore is what is under test)."""
    db = open_database(path, create=True)
    with db.session() as session:
        setup.initialize(session, "政协某县委员会", "secret1", base_dir=base_data_dir())
    db.close()
    return path


@pytest.fixture(scope="module")
def backed_up(demo_db, tmp_path_factory):
    """``tian backup --out DIR`` of the demo office into an existing folder."""
    folder = tmp_path_factory.mktemp("backups")
    run = tian_in(folder / "home", "--db", str(demo_db), "backup", "--out", str(folder))
    assert run.returncode == 0, run
    files = sorted(folder.glob("*.db"))
    assert len(files) == 1, files
    return files[0], run


def test_backup_writes_a_sound_copy_with_every_proposal(backed_up, demo_db):
    file, run = backed_up
    assert str(file) in run.stdout
    assert integrity_problems(file) == []
    assert _titles(file) == _titles(demo_db)
    assert not list(file.parent.glob("*.part"))


@pytest.fixture(scope="module")
def restored(backed_up, tmp_path_factory):
    """``tian restore BACKUP`` over a new office, and ``tian restore`` of a text file over another."""
    backup_file, _ = backed_up
    folder = tmp_path_factory.mktemp("restore")
    (folder / "good").mkdir()
    (folder / "bad").mkdir()
    good = _new_office(folder / "good" / "office.db")
    bad = _new_office(folder / "bad" / "office.db")
    not_a_backup = folder / "bad" / "提案清单.db"
    not_a_backup.write_text("收文号,案由\n1,关于停车的提案\n", encoding="utf-8")
    before = {"good": _titles(good), "bad": digest(bad)}
    runs = tian_side_by_side(folder / "home", {
        "good": ["--db", str(good), "restore", str(backup_file)],
        "bad": ["--db", str(bad), "restore", str(not_a_backup)],
    })
    return {"good": good, "bad": bad, "backup": backup_file}, before, runs


def test_restore_puts_the_backup_in_place_and_keeps_the_old_database(restored):
    paths, before, runs = restored
    run, db = runs["good"], paths["good"]
    assert run.returncode == 0, run
    kept = list(db.parent.glob("office_*.db"))
    assert len(kept) == 1, list(db.parent.iterdir())
    assert str(kept[0]) in run.stdout
    assert _titles(kept[0]) == before["good"] == []
    assert _read(kept[0], "SELECT count(*) FROM site WHERE local = 1") == [(1,)]
    assert _titles(db) == _titles(paths["backup"])
    assert integrity_problems(db) == []


def test_restore_of_a_file_that_is_not_a_backup_changes_nothing(restored):
    paths, before, runs = restored
    run, db = runs["bad"], paths["bad"]
    assert run.returncode != 0
    assert "未作任何改动" in run.sentence()
    assert digest(db) == before["bad"]
    assert sorted(p.name for p in db.parent.iterdir()) == ["office.db", "提案清单.db"]


@pytest.mark.parametrize("content, code", [
    (b"SQLite format 3\x00" + b"\x00" * 100, "backup_damaged"),  # a header, then nothing
    (None, "backup_not_ours"),  # a sound SQLite database of another program
])
def test_restore_refuses_other_sqlite_files_before_touching_anything(tmp_path, content, code):
    db = _new_office(tmp_path / "office.db")
    other = tmp_path / "other.db"
    if content is None:
        con = sqlite3.connect(other)
        con.execute("CREATE TABLE contact (name TEXT)")
        con.commit()
        con.close()
    else:
        other.write_bytes(content)
    before = digest(db)
    with pytest.raises(DomainError) as refused:
        backups.restore(db, other)
    assert refused.value.code == code
    assert digest(db) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["office.db", "other.db"]


@pytest.fixture(scope="module")
def tampered(demo_db, tmp_path_factory):
    """A copy of the demo office where one registered proposal's cached status says 办结."""
    folder = tmp_path_factory.mktemp("tampered")
    db = copy_database(demo_db, folder / "office.db")
    con = sqlite3.connect(db)
    pid, serial = con.execute("SELECT id, serial FROM proposal WHERE status = 'registered' "
                              "ORDER BY serial_seq LIMIT 1").fetchone()
    con.execute("UPDATE proposal SET status = 'closed' WHERE id = ?", (pid,))
    con.commit()
    con.close()
    return serial, tian_in(folder / "home", "--db", str(db), "check")


def test_check_names_a_proposal_whose_status_was_tampered_with(tampered):
    serial, run = tampered
    assert run.returncode != 0
    assert "Traceback" not in run.stdout + run.stderr
    problems = [line for line in run.stdout.splitlines() if line.startswith("  - ")]
    assert len(problems) == 1, run.stdout
    assert f"收文{serial}号" in problems[0]


def test_check_names_the_states_in_chinese(tampered):
    """(Found failing: the states were printed as codes, 'closed' and 'registered'.)"""
    _, run = tampered
    assert "已办结" in run.stdout and "待提交" in run.stdout
    assert "closed" not in run.stdout and "registered" not in run.stdout


def test_site_list_shows_this_installation_and_its_fingerprint(demo_db, tmp_path):
    import json

    db = copy_database(demo_db, tmp_path / "office.db")
    shown = tian_in(tmp_path / "home", "--db", str(db), "site", "list")
    assert shown.returncode == 0, shown
    assert "（本机）：提案委" in shown.stdout and "密钥指纹：" in shown.stdout
    listed = json.loads(tian_in(tmp_path / "home", "--db", str(db), "site", "list", "--json").stdout)
    assert [(s["here"], s["kind"], len(s["fingerprint"].split())) for s in listed] == [
        (True, "office", 6)]
