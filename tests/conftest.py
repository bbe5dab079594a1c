"""Fixtures: real database files (and a real PostgreSQL when TIAN_PG_URL names one)."""
from __future__ import annotations

import os
import shutil
import uuid
from dataclasses import dataclass, field
from datetime import date

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.orm import Session

from desktop.domain.actor import Actor
from desktop.local.paths import base_data_dir
from desktop.services import base_data, entry, setup
from desktop.store.database import Database, open_database
from desktop.store.models import Category, Meeting, Member, Sector, Unit

PG_URL = os.environ.get("TIAN_PG_URL")
REQUIRE_PG = os.environ.get("TIAN_REQUIRE_PG") == "1"
# tests/run.sh sets this once it has installed LibreOffice and poppler: then a test that
# needs them fails instead of skipping, so CI really renders the PDFs
REQUIRE_LIBREOFFICE = os.environ.get("TIAN_REQUIRE_LIBREOFFICE") == "1"


def pytest_runtest_setup(item) -> None:  # noqa: ANN001
    """``@pytest.mark.libreoffice``: the test renders PDFs with LibreOffice and reads them
    back with poppler's pdfinfo / pdftotext / pdftoppm."""
    if item.get_closest_marker("libreoffice") is None:
        return
    from desktop.exporters.pdf import find_libreoffice
    missing = [name for name, found in (("LibreOffice", find_libreoffice()),
                                        ("poppler-utils", shutil.which("pdfinfo"))) if not found]
    if missing:
        if REQUIRE_LIBREOFFICE:
            pytest.fail(f"TIAN_REQUIRE_LIBREOFFICE=1 but {', '.join(missing)} not installed")
        pytest.skip(f"{', '.join(missing)} not installed")


@pytest.fixture(autouse=True)
def _tian_home(tmp_path, monkeypatch):
    """Never touch the real user's data folder."""
    monkeypatch.setenv("TIAN_HOME", str(tmp_path / "home"))


def _postgres_database():
    if not PG_URL:
        if REQUIRE_PG:
            pytest.fail("TIAN_REQUIRE_PG=1 but TIAN_PG_URL is not set")
        pytest.skip("no PostgreSQL server (set TIAN_PG_URL)")
    name = f"tian_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = admin.url.set(database=name).render_as_string(hide_password=False)
    return admin, name, url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database(request, tmp_path) -> Database:
    """The same services tests run on a SQLite file and on PostgreSQL 15."""
    if request.param == "sqlite":
        db = open_database(tmp_path / "office.db", create=True)
        yield db
        db.close()
        return
    admin, name, url = _postgres_database()
    db = open_database(url, create=True)
    db.data_dir = tmp_path / "data"
    yield db
    db.close()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def sqlite_database(tmp_path) -> Database:
    db = open_database(tmp_path / "office.db", create=True)
    yield db
    db.close()


@dataclass
class Office:
    """A set-up county office: base lists loaded, 十届二次会议 open, the administrator logged in."""

    db: Database
    session: Session
    admin: Actor
    meeting: Meeting
    _members: dict[str, Member] = field(default_factory=dict)

    def unit(self, name: str) -> Unit:
        return base_data.find_unit(self.session, name)

    def units(self, system=None) -> list[Unit]:  # noqa: ANN001
        stmt = select(Unit).order_by(Unit.position)
        if system is not None:
            stmt = stmt.where(Unit.system == system)
        return list(self.session.scalars(stmt))

    def sector(self, name: str) -> Sector:
        return self.session.scalar(select(Sector).where(Sector.name == name))

    def category(self, name: str) -> Category:
        return self.session.scalar(select(Category).where(Category.name == name))

    def member(self, name: str, sector: str = "经济界") -> Member:
        if name not in self._members:
            self._members[name] = base_data.add_member(
                self.session, self.admin, name, self.sector(sector).id)
        return self._members[name]

    def register(self, title: str, *names: str, submit: bool = True, **kw) -> object:
        names = names or ("张三",)
        draft = entry.ProposalDraft(
            self.meeting.id, title, [entry.ProposerInput(self.member(n).id) for n in names],
            received_on=kw.pop("received_on", date(2023, 1, 12)), **kw)
        return entry.register(self.session, self.admin, draft, submit=submit)


def make_office(db: Database, review_levels: int = 3) -> Office:
    session = db.session()
    admin = setup.initialize(session, "政协测试县委员会", "secret-123", base_dir=base_data_dir(),
                             term=10, meeting=2, meeting_opens_on=date(2023, 1, 10))
    if review_levels != 3:
        base_data.update_settings(session, admin, review_levels=review_levels)
    meeting = base_data.current_meeting(session)
    return Office(db, session, admin, meeting)


@pytest.fixture
def office(database) -> Office:
    office = make_office(database)
    yield office
    office.session.close()


@pytest.fixture
def sqlite_office(sqlite_database) -> Office:
    office = make_office(sqlite_database)
    yield office
    office.session.close()
