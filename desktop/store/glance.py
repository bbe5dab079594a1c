"""Looking at a database file with the standard library only, before SQLAlchemy is loaded.

The login dialog needs the office's name and nothing else; reading it here lets the dialog show
at once while the rest of the program loads behind it (desktop.ui.start).
"""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from desktop.domain.office import OfficeSettings

# The newest migration.  A database already there opens without loading Alembic at all
# (a quarter of a second at every start); tests/store checks it against the scripts.
HEAD_REVISION = "0006"
SQLITE_HEADER = b"SQLite format 3\x00"
OFFICE_KEY = "office"  # the setting row that holds OfficeSettings as JSON


def is_sqlite_file(path: Path) -> bool:
    try:
        with open(path, "rb") as f:
            return f.read(16) == SQLITE_HEADER
    except OSError:
        return False


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def peek_revision(path: Path) -> tuple[bool, str | None]:
    """(has tables, schema revision) of a file, read-only, before any pragma can change it."""
    con = _read_only(path)
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "alembic_version" not in tables:
            return bool(tables), None
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        return True, row[0] if row else None
    finally:
        con.close()


def office_name_of_ready_file(path: Path) -> str | None:
    """The office's name when ``path`` is a set-up database of this version, else None.

    None sends the start down the full road (create, upgrade, first-run wizard, or one sentence
    about a foreign or damaged file), which needs SQLAlchemy anyway.
    """
    try:
        if not path.is_file() or not is_sqlite_file(path):
            return None
        if peek_revision(path) != (True, HEAD_REVISION):
            return None
        con = _read_only(path)
        try:
            if con.execute("SELECT 1 FROM site WHERE local = 1").fetchone() is None:
                return None
            row = con.execute("SELECT value FROM setting WHERE key = ?", (OFFICE_KEY,)).fetchone()
        finally:
            con.close()
        settings = OfficeSettings.from_dict(json.loads(row[0])) if row else OfficeSettings()
        return settings.office_name
    except (sqlite3.Error, OSError, ValueError):
        return None


def file_state(path: Path | None) -> tuple:
    """Size and modification time of the database and its write-ahead log: any commit, by this
    process or another, changes one of them (None for a server database: never the same)."""
    if path is None:
        return (object(),)
    state = []
    for name in (path, path.with_name(path.name + "-wal")):
        try:
            info = name.stat()
            state.append((info.st_size, info.st_mtime_ns))
        except OSError:
            state.append(None)
    return tuple(state)
