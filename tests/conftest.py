"""Fixtures: real database files (and a real PostgreSQL when TIAN_PG_URL names one)."""
from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import func, select, text

from desktop.services import base_data
from desktop.store.database import Database, open_database
from desktop.store.models import Meeting
from tests.office import Office, make_office, postgres_database

# tests/run.sh sets this once it has installed LibreOffice and poppler: then a test that
# needs them fails instead of skipping, so CI really renders the PDFs
REQUIRE_LIBREOFFICE = os.environ.get("TIAN_REQUIRE_LIBREOFFICE") == "1"


def pytest_runtest_setup(item) -> None:
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


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database(request, tmp_path) -> Database:
    """The same services tests run on a SQLite file and on PostgreSQL 15."""
    if request.param == "sqlite":
        db = open_database(tmp_path / "office.db", create=True)
        yield db
        db.close()
        return
    admin, name, url = postgres_database()
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


# ``desk`` is the office the services and exporter tests work in: one set-up office per test
# module and database (setting one up costs about half a second on PostgreSQL), at a meeting of
# the test's own, so 收文号 and 提案号 start again at 1 in every test.  Tests that change
# office-wide settings use the fresh ``office`` fixture instead; tests/ui has a desk of its own.
@pytest.fixture(scope="module",
                params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def county(request, tmp_path_factory) -> Iterator[Office]:
    """One set-up office per test module and database, shared by the module's tests."""
    if request.param == "sqlite":
        db = open_database(tmp_path_factory.mktemp("county") / "office.db", create=True)
        admin = name = None
    else:
        admin, name, url = postgres_database()
        db = open_database(url, create=True)
        db.data_dir = tmp_path_factory.mktemp("county-data")
    office = make_office(db)
    yield office
    office.session.close()
    db.close()
    if admin is not None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def desk(county: Office) -> Iterator[Office]:
    """The shared office at a meeting of this test's own (serials and numbers start at 1)."""
    county.session.rollback()
    term_id = county.meeting.term_id
    number = county.session.scalar(select(func.max(Meeting.number)).where(
        Meeting.term_id == term_id)) + 1  # 十届二次会议 is the office's own: 三次, 四次, …
    meeting = base_data.add_meeting(county.session, county.admin, term_id, number,
                                    date(2023, 1, 10))
    yield Office(county.db, county.session, county.admin, meeting)
    county.session.rollback()
