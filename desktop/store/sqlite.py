"""Everything SQLite-specific: pragmas, BEGIN IMMEDIATE, FTS5, backup, integrity checks.

Other modules stay portable SQL so that the services also run on PostgreSQL.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, event
from sqlalchemy.engine import Connection

from desktop.domain.errors import DomainError

BUSY_TIMEOUT_MS = 10_000


def configure(engine: Engine) -> None:
    """WAL, synchronous=FULL, foreign keys, busy timeout; write transactions BEGIN IMMEDIATE."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record):
        # Let SQLAlchemy's "begin" event emit BEGIN itself (pysqlite would defer it).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA temp_store = MEMORY")  # sorting a big list never spills to disk
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection):
        immediate = connection.get_execution_options().get("write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def integrity_problems(path: Path) -> list[str]:
    """``PRAGMA integrity_check`` and foreign keys of a file, read-only; empty when sound."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    try:
        con = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as exc:
        return [str(exc)]
    try:
        rows = [r[0] for r in con.execute("PRAGMA integrity_check")]
        problems = [] if rows == ["ok"] else rows
        fk = con.execute("PRAGMA foreign_key_check").fetchall()
        problems += [f"foreign key: {table} row {rowid} → {parent}" for table, rowid, parent, _ in fk]
        return problems
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    finally:
        con.close()


def in_use(path: Path) -> bool:
    """Whether any connection, of this process or another program, has the database open: an
    open WAL connection keeps a shared lock that an exclusive-mode transaction cannot pass."""
    if not path.exists():
        return False
    con = sqlite3.connect(str(path), timeout=0, isolation_level=None)
    try:
        con.execute("PRAGMA locking_mode = EXCLUSIVE")
        con.execute("BEGIN EXCLUSIVE")
        con.execute("COMMIT")
        return False
    except sqlite3.OperationalError as exc:  # "database is locked"; anything else is damage
        return "locked" in str(exc) or "busy" in str(exc)
    except sqlite3.DatabaseError:  # not a database at all: nobody can be using it as one
        return False
    finally:
        con.close()


def backup(source: Path, target: Path) -> None:
    """Copy a live database with SQLite's backup API (consistent while others read or write)."""
    src = sqlite3.connect(str(source))
    try:
        dst = sqlite3.connect(str(target))
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
    except BaseException:  # a full disk leaves the copy's journal beside it: not a file of ours
        for suffix in ("-journal", "-wal", "-shm"):
            Path(str(target) + suffix).unlink(missing_ok=True)
        raise
    finally:
        src.close()



# --- full-text search (FTS5 over search_document.terms) ---------------------------------

def rebuild_fts(conn: Connection) -> None:
    conn.exec_driver_sql("INSERT INTO search_fts(search_fts) VALUES('rebuild')")


@contextmanager
def fts_paused(conn: Connection) -> Iterator[None]:
    """Drop the triggers that feed FTS5 row by row, then rebuild the index once and restore them.

    The triggers are recreated from their own stored SQL, so this follows whatever the
    migrations made.  Everything happens inside the caller's transaction.
    """
    triggers = conn.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
        "AND tbl_name = 'search_document'").all()
    for name, _ in triggers:
        conn.exec_driver_sql(f'DROP TRIGGER "{name}"')
    yield
    for _, sql in triggers:
        conn.exec_driver_sql(sql)
    rebuild_fts(conn)
    # A bulk load changes the tables' shape: without fresh statistics the planner may drive a
    # word search from the meeting index and test every row (38 ms instead of 14 at 100k).
    conn.exec_driver_sql("ANALYZE")


def insert_many(conn: Connection, table, rows: list[dict]) -> None:
    """Rows of the same keys inserted by sqlite3's executemany itself, each value made ready by
    the column type's own bind processor: what Core's executemany does, without building a
    parameter dict per row (which cost as much as the inserts, 83,000 rows of a ledger)."""
    names = list(rows[0])
    dialect = conn.dialect
    ready = [table.c[name].type.bind_processor(dialect) for name in names]
    columns = ", ".join(f'"{name}"' for name in names)
    marks = ", ".join("?" * len(names))
    sql = f'INSERT INTO "{table.name}" ({columns}) VALUES ({marks})'
    conn.exec_driver_sql(sql, [tuple(value if process is None or value is None else
                                     process(value)
                                     for process, value in zip(ready, map(row.__getitem__, names)))
                               for row in rows])


def optimize(engine: Engine) -> None:
    """PRAGMA optimize on closing, as SQLite advises: statistics kept current, cheaply."""
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA optimize")


def fts_match_sql(limit_param: str = "limit") -> str:
    """Document ids matching an FTS5 query, best first."""
    return (
        "SELECT d.proposal_id FROM search_fts f JOIN search_document d ON d.doc_id = f.rowid "
        f"WHERE search_fts MATCH :query ORDER BY f.rank LIMIT :{limit_param}"
    )


def problem_of(exc: BaseException) -> DomainError | None:
    """The clerk's sentence for SQLite refusing a read or write of an open database (another
    program holding it past the 10 s wait, a read-only file, a full disk, a USB stick pulled);
    None for anything else."""
    orig = getattr(exc, "orig", None) or exc
    if not isinstance(orig, sqlite3.OperationalError | sqlite3.DatabaseError):
        return None
    text = str(orig).lower()
    if "database is locked" in text or "database is busy" in text:
        return DomainError("database_busy")
    if "readonly" in text or "read-only" in text:
        return DomainError("database_not_writable")
    if "disk is full" in text:
        return DomainError("disk_full")
    if "disk i/o error" in text:
        return DomainError("database_io_error")
    if "unable to open" in text:
        return DomainError("database_gone")
    return None
