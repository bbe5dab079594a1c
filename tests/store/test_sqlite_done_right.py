"""SQLite as the office's one file: WAL, FULL sync, foreign keys, IMMEDIATE writes, safe copies."""
from __future__ import annotations

import sqlite3
import time

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError, OperationalError

from desktop.domain.errors import DomainError
from desktop.store import fulltext, sqlite
from desktop.store.changes import write
from desktop.store.database import open_database
from desktop.store.models import Proposal, SearchDocument

SHORT_WAIT = 0.2  # seconds another connection waits for the lock in these tests


def test_every_connection_has_the_office_pragmas(sqlite_database):
    for _ in range(2):  # a second session gets its own pooled connection, set up the same way
        with sqlite_database.session() as session:
            conn = session.connection()
            pragmas = {name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
                       for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")}
            assert pragmas["journal_mode"] == "wal"
            assert pragmas["synchronous"] == 2  # FULL
            assert pragmas["foreign_keys"] == 1
            assert pragmas["busy_timeout"] > 0


def test_foreign_keys_are_enforced(sqlite_office):
    session = sqlite_office.session
    with pytest.raises(IntegrityError):
        with write(session, sqlite_office.admin, "test.orphan"):
            session.add(SearchDocument(proposal_id="no-such-proposal", terms="停车"))
    session.rollback()


def _other_connection(db) -> sqlite3.Connection:
    return sqlite3.connect(db.path, timeout=SHORT_WAIT, isolation_level=None)


def test_a_write_takes_the_write_lock_at_its_start_and_reads_go_on(sqlite_office):
    office = sqlite_office
    office.register("关于解决城区停车难问题的提案", "张三")
    other = _other_connection(office.db)
    try:
        with write(office.session, office.admin, "test.hold"):
            # nothing written yet: the lock is there because the transaction began IMMEDIATE
            started = time.perf_counter()
            with pytest.raises(sqlite3.OperationalError, match="database is locked"):
                other.execute("BEGIN IMMEDIATE")
            assert time.perf_counter() - started >= SHORT_WAIT * 0.9  # it waited, then gave up
            assert other.execute("SELECT count(*) FROM proposal").fetchone() == (1,)
        other.execute("BEGIN IMMEDIATE")  # free again once the action is over
        other.execute("ROLLBACK")
    finally:
        other.close()


def test_a_write_sees_no_lock_from_a_reading_screen(sqlite_office):
    office = sqlite_office
    office.register("关于加快养老服务体系建设的提案", "李四")
    reader = office.db.session()
    try:
        assert reader.scalar(select(func.count()).select_from(Proposal)) == 1
        assert reader.in_transaction()  # a read transaction is open (deferred BEGIN) ...
        other = _other_connection(office.db)
        try:
            other.execute("BEGIN IMMEDIATE")  # ... and holds no write lock
            other.execute("ROLLBACK")
        finally:
            other.close()
    finally:
        reader.close()


def test_a_second_writer_waits_for_the_first_then_gives_up(sqlite_office, monkeypatch):
    office = sqlite_office
    office.register("关于解决城区停车难问题的提案", "张三")
    monkeypatch.setattr(sqlite, "BUSY_TIMEOUT_MS", int(SHORT_WAIT * 1000))
    second_pc = open_database(office.db.path)  # another window on the same file
    session = second_pc.session()
    other = _other_connection(office.db)
    other.execute("BEGIN IMMEDIATE")
    try:
        started = time.perf_counter()
        with pytest.raises(DomainError) as refused:  # said as the clerk reads it
            with write(session, office.admin, "test.second"):
                pass
        assert refused.value.code == "database_busy"
        assert isinstance(refused.value.__cause__, OperationalError)
        assert time.perf_counter() - started >= SHORT_WAIT * 0.9
    finally:
        other.execute("ROLLBACK")
        other.close()
    with write(session, office.admin, "test.second"):  # the lock is free again
        pass
    session.close()
    second_pc.close()


def test_backup_of_a_live_database_is_complete_and_sound(sqlite_office, tmp_path):
    office = sqlite_office
    for title in ("关于解决城区停车难问题的提案", "关于加快养老服务体系建设的提案"):
        office.register(title, "张三")
    reader = office.db.session()
    reader.scalar(select(func.count()).select_from(Proposal))  # a screen is reading meanwhile
    copy = tmp_path / "copy.db"
    sqlite.backup(office.db.path, copy)
    reader.close()
    assert sqlite.integrity_problems(copy) == []
    con = sqlite3.connect(copy)
    try:
        assert sorted(t for (t,) in con.execute("SELECT title FROM proposal")) == [
            "关于加快养老服务体系建设的提案", "关于解决城区停车难问题的提案"]
        assert con.execute("PRAGMA journal_mode").fetchone() == ("delete",)  # one file to carry
    finally:
        con.close()


def test_integrity_problems_name_a_damaged_file(sqlite_office, tmp_path):
    office = sqlite_office
    for i in range(60):
        office.register(f"关于第{i}个小区停车难问题的提案" + "，详细说明" * 40, "张三")
    copy = tmp_path / "copy.db"
    sqlite.backup(office.db.path, copy)
    assert sqlite.integrity_problems(copy) == []
    size = copy.stat().st_size
    with open(copy, "r+b") as f:
        f.seek(size // 2 // 4096 * 4096)
        f.write(b"\xa5" * 4096 * 3)
    assert sqlite.integrity_problems(copy) != []


def test_paused_full_text_triggers_come_back_and_the_index_is_rebuilt(sqlite_office):
    office = sqlite_office
    office.register("关于解决城区停车难问题的提案", "张三")
    session = office.session

    def triggers() -> list[tuple[str, str]]:
        return session.execute(text(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
            "AND tbl_name = 'search_document' ORDER BY name")).all()

    before = triggers()
    assert len(before) == 3
    with write(session, office.admin, "test.bulk"):
        with sqlite.fts_paused(session.connection()):
            assert triggers() == []
            proposal = session.scalars(select(Proposal)).one()
            doc = session.scalars(select(SearchDocument)).one()
            doc.terms = fulltext.document_terms("关于加快养老服务体系建设的提案", "", ["李四"])
            session.flush()
        assert triggers() == before
    assert fulltext.matching_proposal_ids(session, "养老") == [proposal.id]
    assert fulltext.matching_proposal_ids(session, "停车") == []
    assert fulltext.matching_proposal_ids(session, "李四") == [proposal.id]
