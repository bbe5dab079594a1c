"""Automatic backups at start and before imports, rotated 7 daily / 4 weekly."""
from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

from desktop.services import backups


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
