"""Backups: automatic at start and before imports (rotated 7 daily / 4 weekly), by hand to a
file or folder; restore, which must never lose work done since."""
from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from desktop.domain.errors import DomainError
from desktop.services import backups
from desktop.store.database import open_database
from desktop.store.sqlite import integrity_problems
from desktop.wording.messages import describe

from tests.office import make_office


def test_a_backup_is_made_checked_and_the_old_ones_rotated(sqlite_office):
    database = sqlite_office.db
    folder = backups.automatic_folder(database)
    folder.mkdir(parents=True)
    start = datetime(2026, 9, 1, 8, 30)
    for day in range(60):  # two months of daily starts, made earlier
        stamp = start + timedelta(days=day)
        (folder / f"提案通自动备份_{stamp:%Y%m%d_%H%M%S}_启动.db").write_bytes(b"old")
    own = folder / "我的备份.db"
    own.write_bytes(b"the clerk's own copy")
    made = backups.automatic_backup(database, "导入名册前", now=datetime(2026, 10, 31, 9, 0))
    assert made.name == "提案通自动备份_20261031_090000_导入名册前.db"
    with sqlite3.connect(made) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    left = backups.automatic_backups(folder)
    assert len(left) <= 12 and made in left
    days = sorted({s.date() for s in left.values()}, reverse=True)
    assert days[:7] == [datetime(2026, 10, 31).date() - timedelta(days=d) for d in range(7)]
    assert own.read_bytes() == b"the clerk's own copy"  # never the rotation's to remove


# -- restore and backup cannot lose work --------------------------------------------------------

HOLDER = """
import sqlite3, sys, time
con = sqlite3.connect(sys.argv[1])
con.execute("SELECT count(*) FROM proposal").fetchone()  # open, as a running program holds it
print("open", flush=True)
sys.stdin.readline()
"""


def _titles(path: Path) -> list[str]:
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return [t for (t,) in con.execute("SELECT title FROM proposal ORDER BY title")]
    finally:
        con.close()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _office_file(tmp_path: Path, name: str, *titles: str) -> Path:
    """A closed office database holding these proposals."""
    db = open_database(tmp_path / name, create=True)
    office = make_office(db)
    for title in titles:
        office.register(title)
    office.session.close()
    db.close()
    return tmp_path / name


def test_restore_is_refused_while_another_program_has_the_database_open(tmp_path):
    target = _office_file(tmp_path, "office.db", "关于规范城区停车收费的建议")
    backup_file = _office_file(tmp_path, "backup.db", "关于改善农村学校食堂条件的建议")
    before = _digest(target)
    with subprocess.Popen([sys.executable, "-c", HOLDER, str(target)], stdin=subprocess.PIPE,
                          stdout=subprocess.PIPE, text=True) as holder:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(DomainError) as refused:
            backups.restore(target, backup_file)
        holder.stdin.write("done\n")
        holder.stdin.flush()
    assert refused.value.code == "database_in_use"
    assert "正被另一个程序使用" in describe(refused.value)
    assert _digest(target) == before
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(("-wal", "-shm"))) \
        == ["backup.db", "office.db"]
    backups.restore(target, backup_file)  # once it lets go, the restore goes ahead
    assert _titles(target) == ["关于改善农村学校食堂条件的建议"]


def test_restore_is_refused_while_this_program_still_has_the_database_open(sqlite_office, tmp_path):
    backup_file = _office_file(tmp_path, "backup.db", "关于改善农村学校食堂条件的建议")
    sqlite_office.register("关于规范城区停车收费的建议")  # a connection of the pool stays open
    with pytest.raises(DomainError) as refused:
        backups.restore(sqlite_office.db.path, backup_file)
    assert refused.value.code == "database_in_use"
    assert _titles(sqlite_office.db.path) == ["关于规范城区停车收费的建议"]


def test_a_backup_with_its_log_beside_it_is_restored_with_everything_in_the_log(tmp_path):
    """A backup copied while its program ran: the last edits are only in its -wal."""
    source = _office_file(tmp_path, "source.db", "关于加强乡村道路养护的建议")
    con = sqlite3.connect(source)
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA wal_autocheckpoint = 0")
    con.execute("UPDATE proposal SET title = '关于加强乡村道路养护管理的建议'")
    con.commit()
    (tmp_path / "copied").mkdir()
    copied = tmp_path / "copied" / "backup.db"
    shutil.copyfile(source, copied)
    shutil.copyfile(str(source) + "-wal", str(copied) + "-wal")
    con.close()
    target = _office_file(tmp_path, "office.db")
    backups.restore(target, copied)
    assert _titles(target) == ["关于加强乡村道路养护管理的建议"]
    assert integrity_problems(target) == []


def test_backup_never_replaces_a_file_without_being_told_to(sqlite_office, tmp_path):
    other = _office_file(tmp_path, "other_county.db", "关于发展油茶产业的提案")
    before = _digest(other)
    with pytest.raises(DomainError) as refused:
        backups.backup(sqlite_office.db, other)
    assert refused.value.code == "backup_exists"
    assert "--overwrite" in describe(refused.value)
    assert _digest(other) == before
    with pytest.raises(DomainError) as onto_itself:
        backups.backup(sqlite_office.db, sqlite_office.db.path, overwrite=True)
    assert onto_itself.value.code == "backup_onto_itself"
    made = backups.backup(sqlite_office.db, other, overwrite=True)
    assert made == other.resolve() and _titles(other) == []


def test_a_folder_named_with_a_slash_is_made_and_the_backup_goes_in_it(sqlite_office, tmp_path):
    made = backups.backup(sqlite_office.db, f"{tmp_path / 'U盘' / '提案备份'}/")
    assert made.parent == tmp_path / "U盘" / "提案备份"
    assert made.name.startswith("提案通备份_") and made.suffix == ".db"
    assert integrity_problems(made) == []
