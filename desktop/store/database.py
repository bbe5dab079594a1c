"""Opening a database: a file on this PC (SQLite) or, for the test suite, a PostgreSQL URL."""
from __future__ import annotations

import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine
from sqlalchemy.orm import Session, sessionmaker

from desktop.domain.errors import DomainError

from . import glance, location, schema, sqlite
from . import changes as _changes  # noqa: F401  (installs the audit and change-log hook)


@dataclass
class Database:
    engine: Engine
    sessions: sessionmaker[Session]
    path: Path | None  # the SQLite file, None for a server database
    data_dir: Path  # attachments and backups live beside the database

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def session(self) -> Session:
        return self.sessions()

    def close(self) -> None:
        if self.path is not None:
            try:
                sqlite.optimize(self.engine)
            except Exception:  # noqa: BLE001 - statistics are a nicety; closing must not fail
                pass
        self.engine.dispose()

    @property
    def attachments_dir(self) -> Path:
        return self.data_dir / "attachments"

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / "backups"


def _make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url)
        sqlite.configure(engine)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    return engine


def open_database(target: str | Path, *, create: bool = False) -> Database:
    """Open (and, if ``create``, make) a database, upgrading an older schema after a backup."""
    text = str(target)
    current = None  # the file's schema revision, when it could be read without Alembic
    if "://" in text:
        engine = _make_engine(text)
        database = Database(engine, sessionmaker(engine, expire_on_commit=False), None,
                            Path.cwd() / "tian-data")
    else:
        path = Path(text).expanduser().resolve()
        where = location.kind_of(path.parent if not path.exists() else path)
        if where == "network":
            raise DomainError("database_on_network", path=str(path))
        if where == "removable":
            raise DomainError("database_on_removable", path=str(path))
        if not path.exists():
            if not create:
                raise DomainError("database_missing", path=str(path))
            path.parent.mkdir(parents=True, exist_ok=True)
        elif path.is_dir() or (path.stat().st_size > 0 and not glance.is_sqlite_file(path)):
            raise DomainError("database_not_sqlite", path=str(path))
        elif path.stat().st_size == 0 and not create:
            raise DomainError("database_not_ours", path=str(path))
        else:
            current = _refuse_foreign(path)
        engine = _make_engine(f"sqlite:///{path}")
        database = Database(engine, sessionmaker(engine, expire_on_commit=False), path,
                            path.parent)
    if current == schema.HEAD_REVISION:
        return database
    try:
        schema.upgrade(database.engine, backup=lambda name: backup_before_upgrade(database, name))
    except DomainError:
        database.close()
        raise
    except Exception as exc:  # a locked, read-only or damaged file shows up here
        # a new file only: another program may be making the same schema (two tian demo); a
        # damaged or locked existing file is said at once, not after waiting for that
        if current is None and database.path is not None and _made_by_another(database.path):
            return database
        database.close()
        if database.path is not None:
            raise why_unopenable(database.path, exc) from exc
        raise
    return database


def _made_by_another(path: Path) -> bool:
    """Two programs creating the same new database at once (two ``tian demo``): the one that
    lost the race finds the schema the other is making, and waits for it to be done."""
    deadline = time.monotonic() + sqlite.BUSY_TIMEOUT_MS / 1000
    while time.monotonic() < deadline:
        try:
            if glance.peek_revision(path) == (True, schema.HEAD_REVISION):
                return True
        except sqlite3.Error:
            pass
        time.sleep(0.1)
    return False


def why_unopenable(path: Path, exc: BaseException) -> DomainError:
    """Locked, read-only or damaged, told apart: a clerk told "damaged" restores a backup and
    loses everything since, so "damaged" is said only when SQLite's integrity check finds it."""
    text = str(getattr(exc, "orig", None) or exc).lower()
    if not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
        # a write-protected stick, a CD, a read-only share: SQLite's own words are "unable to
        # open" and "disk I/O error", which the checks below would take for damage
        return DomainError("database_read_only", path=str(path))
    if "locked" in text or "busy" in text or sqlite.in_use(path):
        return DomainError("database_locked", path=str(path))
    if "readonly" in text or "read-only" in text:
        return DomainError("database_read_only", path=str(path))
    problems = sqlite.integrity_problems(path)
    if any("locked" in p for p in problems):
        return DomainError("database_locked", path=str(path))
    if problems or not glance.is_sqlite_file(path):
        return DomainError("database_damaged", path=str(path), detail="；".join(problems[:3]))
    return DomainError("database_unopenable", path=str(path), detail=str(exc))


def _refuse_foreign(path: Path) -> str | None:
    """Refuse another program's or a newer version's file before a pragma switches it to WAL.

    Returns the file's schema revision.
    """
    if path.stat().st_size == 0:
        return None
    try:
        has_tables, revision = glance.peek_revision(path)
    except sqlite3.DatabaseError as exc:
        raise why_unopenable(path, exc) from exc
    if has_tables and revision is None:
        raise DomainError("database_not_ours", path=str(path))
    if revision not in (None, schema.HEAD_REVISION) and revision not in schema.known_revisions():
        raise DomainError("database_newer", revision=revision)
    return revision


def backup_before_upgrade(database: Database, name: str) -> str | None:
    if database.path is None:
        return None
    database.backups_dir.mkdir(parents=True, exist_ok=True)
    target = database.backups_dir / name
    sqlite.backup(database.path, target)
    return str(target)
