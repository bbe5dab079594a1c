"""备份与恢复: copies made through SQLite's backup API and checked before they take their name;
automatic backups at each start and before every import, into the data folder's backups/自动,
rotated (domain/retention); restoring keeps the current file aside first."""
from __future__ import annotations

import re
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop.domain.errors import DomainError
from desktop.domain.retention import to_keep
from desktop.local.files import problem_of_os, write_atomically
from desktop.store import glance, schema, sqlite
from desktop.store.database import Database

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
    """The database is closed, then replaced by the backup (checked as it is copied; a wrong file
    changes nothing), the current file kept aside.  Returns where."""
    path = database.path
    database.close()
    return restore(path, backup_file)


def _row_count(path: Path) -> int:
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return con.execute("SELECT count(*) FROM proposal").fetchone()[0]
    finally:
        con.close()


def backup(database: Database, out: Path | str, overwrite: bool = False) -> Path:
    """A consistent copy through SQLite's backup API, checked before it takes its final name.

    ``out`` is a folder (a new dated file goes in it; a name ending in / or \\ is a folder even
    before it exists) or a file, which is never replaced unless ``overwrite``."""
    if database.path is None:
        raise DomainError("backup_failed", detail="只能备份本机数据库文件")
    named_folder = str(out).endswith(("/", "\\"))
    out = Path(out).expanduser().resolve()
    if named_folder and not out.exists():
        try:
            out.mkdir(parents=True)
        except OSError as exc:
            raise problem_of_os(exc) or DomainError("backup_failed",
                                                    detail=exc.strerror or str(exc)) from exc
    if out == database.path:
        raise DomainError("backup_onto_itself", path=str(out))
    if out.exists() and not out.is_dir() and not overwrite:
        raise DomainError("backup_exists", path=str(out))
    if out.is_dir():
        stem = f"提案通备份_{datetime.now():%Y%m%d_%H%M%S}"
        out = out / f"{stem}.db"
        serial = 1
        while out.exists():  # two backups in one second keep both
            serial += 1
            out = out.with_name(f"{stem}_{serial}.db")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with write_atomically(out) as partial:
            sqlite.backup(database.path, partial)
            problems = sqlite.integrity_problems(partial)
            if problems:
                raise DomainError("backup_failed", detail="；".join(problems[:3]))
            if _row_count(partial) != _row_count(database.path):
                raise DomainError("backup_failed", detail="备份的提案数与数据库不一致")
    except OSError as exc:
        raise problem_of_os(exc) or DomainError("backup_failed",
                                                detail=exc.strerror or str(exc)) from exc
    except sqlite3.Error as exc:
        raise sqlite.problem_of(exc) or DomainError("backup_failed", detail=str(exc)) from exc
    return out


def check_backup_file(path: Path, shown_as: Path | None = None) -> None:
    """Refuse a file that is not a sound backup of a database this version can open
    (``shown_as``: the name the clerk knows it by, when ``path`` is a copy being checked)."""
    path = Path(path).expanduser()
    name = str(shown_as or path)
    if not path.is_file() or not glance.is_sqlite_file(path):
        raise DomainError("backup_not_ours", path=name)
    if sqlite.integrity_problems(path):
        raise DomainError("backup_damaged", path=name)
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        revision = con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        con.execute("SELECT id FROM site WHERE local = 1").fetchone()
    except sqlite3.Error:
        raise DomainError("backup_not_ours", path=name) from None
    finally:
        con.close()
    if revision not in schema.known_revisions():
        raise DomainError("database_newer", revision=revision)


def _keep_aside(database_path: Path, kept: Path) -> None:
    """A copy of the database about to be replaced: through SQLite when it can read it, else
    (a damaged file, which is why one restores) its bytes and its log's, as they are."""
    try:
        sqlite.backup(database_path, kept)
    except sqlite3.DatabaseError:
        kept.unlink(missing_ok=True)
        for suffix in ("", "-wal"):
            source = Path(str(database_path) + suffix)
            if source.exists():
                shutil.copyfile(source, Path(str(kept) + suffix))


def restore(database_path: Path, backup_file: Path) -> Path:
    """Put a backup in place of the database; the current file is kept aside first.

    Refused while anything has the database open (another window, a ``tian`` command, another
    program): its later writes would go into the replaced file and be lost.  The backup is read
    through SQLite (with its write-ahead log, if one lies beside it) into the new file, and that
    file is what is checked before it takes the database's name.  Returns where the replaced
    database was kept.
    """
    backup_file = Path(backup_file).expanduser()
    if not backup_file.is_file() or not glance.is_sqlite_file(backup_file):
        raise DomainError("backup_not_ours", path=str(backup_file))
    database_path = Path(database_path).expanduser().resolve()
    if sqlite.in_use(database_path):
        raise DomainError("database_in_use", path=str(database_path))
    kept = database_path.with_name(f"{database_path.stem}_恢复前_{datetime.now():%Y%m%d_%H%M%S}.db")
    try:
        with write_atomically(database_path, ".restoring") as partial:
            try:
                sqlite.backup(backup_file, partial)
            except sqlite3.DatabaseError:
                raise DomainError("backup_damaged", path=str(backup_file)) from None
            check_backup_file(partial, shown_as=backup_file)  # the copy is what is checked
            if database_path.exists():
                _keep_aside(database_path, kept)
            for suffix in ("-wal", "-shm"):
                Path(str(database_path) + suffix).unlink(missing_ok=True)
    except OSError as exc:
        raise problem_of_os(exc) or DomainError("backup_failed",
                                                detail=exc.strerror or str(exc)) from exc
    return kept
