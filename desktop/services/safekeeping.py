"""Automatic backups: at each start and before every import, into the data folder's
backups/自动, rotated (DOMAIN: domain/retention).  Copies go through maintenance.backup, so each
is checked before it takes its name."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop.domain.retention import to_keep
from desktop.store.database import Database

from .maintenance import backup, check_backup_file, restore

FOLDER = "自动"
_NAME = re.compile(r"^提案通自动备份_(\d{8}_\d{6})_.+\.db$")


def automatic_folder(database: Database) -> Path:
    return database.backups_dir / FOLDER


def automatic_backup(database: Database, reason: str, now: datetime | None = None) -> Path:
    """``reason`` goes into the name (启动, 导入名册前 …) so a clerk can pick the right one."""
    now = now or datetime.now()
    folder = automatic_folder(database)
    target = backup(database, folder / f"提案通自动备份_{now:%Y%m%d_%H%M%S}_{reason}.db")
    rotate(folder)
    return target


def automatic_backups(folder: Path) -> dict[Path, datetime]:
    found = {}
    for path in folder.glob("*.db") if folder.is_dir() else ():
        match = _NAME.match(path.name)
        if match:
            found[path] = datetime.strptime(match.group(1), "%Y%m%d_%H%M%S")
    return found


def rotate(folder: Path) -> list[Path]:
    """Removes the automatic backups the rule does not keep; a clerk's own copies elsewhere in
    the folder (other names) are never touched.  Returns what was removed."""
    found = automatic_backups(folder)
    keep = to_keep(found.values())
    removed = [path for path, stamp in found.items() if stamp not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


@dataclass(frozen=True)
class BackupFile:
    path: Path
    made_at: datetime
    reason: str  # 启动, 导入名册前 …
    size_mb: float


def backup_files(database: Database) -> list[BackupFile]:
    """The automatic backups, newest first, for the 备份与恢复 page."""
    found = automatic_backups(automatic_folder(database))
    return [BackupFile(path, made, path.stem.rsplit("_", 1)[-1], path.stat().st_size / 2**20)
            for path, made in sorted(found.items(), key=lambda item: item[1], reverse=True)]


def restore_from(database: Database, backup_file: Path) -> Path:
    """The backup is checked while the database is still open (a wrong file changes nothing);
    then the database is closed and replaced, the current file kept aside.  Returns where."""
    check_backup_file(backup_file)
    path = database.path
    database.close()
    return restore(path, backup_file)
