"""An office shared by a module's read-only tests, on SQLite and (given one) PostgreSQL."""
from __future__ import annotations

import pytest
from sqlalchemy import text

from desktop.store.database import open_database

from tests.office import make_office, postgres_database


@pytest.fixture(scope="module",
                params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def shared_office(request, tmp_path_factory):
    """A set-up office built once per module; tests using it must not change it."""
    if request.param == "sqlite":
        db = open_database(tmp_path_factory.mktemp("office") / "office.db", create=True)
        drop = None
    else:
        admin, name, url = postgres_database()
        db = open_database(url, create=True)
        db.data_dir = tmp_path_factory.mktemp("office-pg")

        def drop() -> None:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()
    office = make_office(db)
    yield office
    office.session.close()
    db.close()
    if drop:
        drop()
