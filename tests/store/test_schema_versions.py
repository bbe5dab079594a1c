"""Schema versions: migrations make what the models say; newer files refused, older upgraded."""
from __future__ import annotations

import hashlib
import io
import shutil
import sqlite3
import zipfile
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, select

from desktop.domain.errors import DomainError
from desktop.store import schema, sqlite
from desktop.store.database import open_database
from desktop.store.models import Base, Proposal

from tests.office import make_office


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _version(path: Path) -> str:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        con.close()


def _not_search_index(obj, name, type_, reflected, compare_to) -> bool:
    return not (type_ == "table" and name and name.startswith("search_fts"))


def test_migrating_an_empty_database_gives_exactly_the_models(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'office.db'}")
    sqlite.configure(engine)
    try:
        assert schema.upgrade(engine) is None  # nothing to back up in an empty file
        assert schema.current_revision(engine) == schema.head_revision()
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={
                "include_object": _not_search_index, "compare_type": True,
                "compare_server_default": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()


def test_migration_makes_the_full_text_index_and_its_triggers(tmp_path):
    db = open_database(tmp_path / "office.db", create=True)
    db.close()
    con = sqlite3.connect(tmp_path / "office.db")
    names = {n for (n,) in con.execute("SELECT name FROM sqlite_master")}
    con.close()
    assert {"search_fts", "search_document_ai", "search_document_ad",
            "search_document_au"} <= names


def test_a_new_database_takes_no_upgrade_backup(tmp_path):
    db = open_database(tmp_path / "office.db", create=True)
    db.close()
    db = open_database(tmp_path / "office.db")
    db.close()
    assert not (tmp_path / "backups").exists()


@pytest.fixture
def office_file(tmp_path) -> Path:
    """A closed office database at this program's schema, with one registered proposal."""
    path = tmp_path / "office.db"
    db = open_database(path, create=True)
    office = make_office(db)
    office.register("关于解决城区停车难问题的提案", "张三")
    office.session.close()
    db.close()
    return path


def test_a_database_from_a_newer_program_is_refused_and_left_unchanged(office_file):
    con = sqlite3.connect(office_file)
    con.execute("UPDATE alembic_version SET version_num = '0099_later'")
    con.commit()
    con.close()
    before = _digest(office_file)
    with pytest.raises(DomainError) as refused:
        open_database(office_file)
    assert refused.value.code == "database_newer"
    assert _digest(office_file) == before
    assert not (office_file.parent / "backups").exists()


@pytest.fixture
def other_programs_file(tmp_path) -> Path:
    """An SQLite database of some other program, in SQLite's default (rollback journal) mode."""
    other = tmp_path / "通讯录.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE contact (name TEXT, phone TEXT)")
    con.execute("INSERT INTO contact VALUES ('张三', '13800000000')")
    con.commit()
    con.close()
    return other


def test_an_sqlite_file_of_another_program_is_refused(other_programs_file):
    with pytest.raises(DomainError) as refused:
        open_database(other_programs_file)
    assert refused.value.code == "database_not_ours"


def test_an_sqlite_file_of_another_program_is_left_unchanged(other_programs_file):
    """(Found by this test: the connect hook's PRAGMA journal_mode=WAL ran before the check.)"""
    before = _digest(other_programs_file)
    with pytest.raises(DomainError):
        open_database(other_programs_file)
    assert _digest(other_programs_file) == before


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
    return buffer.getvalue()


@pytest.mark.parametrize("name, content", [
    ("提案汇编.docx", _docx()), ("说明.txt", "这不是数据库\n".encode()),
])
def test_a_file_that_is_not_sqlite_is_refused_and_left_unchanged(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DomainError) as refused:
        open_database(path, create=True)
    assert refused.value.code == "database_not_sqlite"
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


def test_a_truncated_database_is_refused_as_damaged(office_file):
    with open(office_file, "r+b") as f:
        f.truncate(office_file.stat().st_size // 2)
    before = _digest(office_file)
    with pytest.raises(DomainError) as refused:
        open_database(office_file)
    assert refused.value.code == "database_damaged"
    assert refused.value.params["path"] == str(office_file.resolve())
    assert _digest(office_file) == before


# --- an older database --------------------------------------------------------------------
# To run the upgrade path for real, the test plays the next release: the shipped migrations
# copied to a temporary folder plus one more revision, and desktop.store.schema pointed there.
# Everything else (open_database, the backup, Alembic's batch upgrade) is the program's own.

NEXT_REVISION = '''"""The next release: proposals get a note."""
from alembic import op
import sqlalchemy as sa

revision = "{next}"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("proposal") as batch:
        batch.add_column(sa.Column("next_release_note", sa.Text(), nullable=True))


def downgrade():
    with op.batch_alter_table("proposal") as batch:
        batch.drop_column("next_release_note")
'''


SHIPPED_MIGRATIONS = schema.MIGRATIONS
NEXT_ID = f"{int(schema.HEAD_REVISION) + 1:04}"


def test_the_head_revision_the_program_opens_without_alembic_is_the_newest_migration():
    assert schema.head_revision() == schema.HEAD_REVISION


@pytest.fixture
def next_release(tmp_path, monkeypatch) -> str:
    scripts = tmp_path / "next_release_migrations"
    shutil.copytree(schema.MIGRATIONS, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    head = schema.head_revision()
    (scripts / "versions" / f"{NEXT_ID}_next_release.py").write_text(
        NEXT_REVISION.replace("{head}", head).replace("{next}", NEXT_ID), encoding="utf-8")
    monkeypatch.setattr(schema, "MIGRATIONS", scripts)
    monkeypatch.setattr(schema, "HEAD_REVISION", NEXT_ID)
    assert schema.head_revision() == NEXT_ID
    return head


def test_an_older_database_is_upgraded_after_a_backup(office_file, next_release):
    old_head = next_release
    db = open_database(office_file)
    try:
        with db.session() as session:
            titles = session.scalars(select(Proposal.title)).all()
        assert titles == ["关于解决城区停车难问题的提案"]
    finally:
        db.close()
    assert _version(office_file) == NEXT_ID
    con = sqlite3.connect(office_file)
    columns = {row[1] for row in con.execute("PRAGMA table_info(proposal)")}
    con.close()
    assert "next_release_note" in columns

    [backup] = list((office_file.parent / "backups").iterdir())
    assert backup.name.startswith(f"升级前备份_{old_head}_")
    assert _version(backup) == old_head
    assert sqlite.integrity_problems(backup) == []
    con = sqlite3.connect(backup)
    assert con.execute("SELECT title FROM proposal").fetchall() == [(titles[0],)]
    columns = {row[1] for row in con.execute("PRAGMA table_info(proposal)")}
    con.close()
    assert "next_release_note" not in columns


def test_the_upgraded_database_is_then_refused_by_the_older_program(office_file, next_release,
                                                                    monkeypatch):
    open_database(office_file).close()
    monkeypatch.setattr(schema, "MIGRATIONS", SHIPPED_MIGRATIONS)  # this program again
    monkeypatch.setattr(schema, "HEAD_REVISION", schema.head_revision())
    before = _digest(office_file)
    with pytest.raises(DomainError) as refused:
        open_database(office_file)
    assert refused.value.code == "database_newer"
    assert refused.value.params == {"revision": NEXT_ID}
    assert _digest(office_file) == before
