"""What the login dialog reads of a database file before the database layer has loaded."""
from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from desktop.store.database import open_database
from desktop.store.glance import office_name_of_ready_file

ROOT = Path(__file__).resolve().parents[2]


def test_a_set_up_office_gives_its_name_for_the_login(sqlite_office):
    sqlite_office.session.commit()
    assert office_name_of_ready_file(sqlite_office.db.path) == "政协测试县委员会"


def test_a_renamed_office_shows_its_new_name(sqlite_office):
    from desktop.services import base_data

    base_data.update_settings(sqlite_office.session, sqlite_office.admin,
                              office_name="政协新县委员会")
    assert office_name_of_ready_file(sqlite_office.db.path) == "政协新县委员会"


def test_a_database_not_yet_set_up_goes_to_the_wizard(tmp_path):
    open_database(tmp_path / "new.db", create=True).close()
    assert office_name_of_ready_file(tmp_path / "new.db") is None


def test_files_that_are_no_set_up_office_take_the_full_road(tmp_path):
    (tmp_path / "empty.db").write_bytes(b"")
    (tmp_path / "letter.docx").write_bytes(b"PK\x03\x04" + b"\0" * 100)
    other = sqlite3.connect(tmp_path / "other.db")
    other.execute("CREATE TABLE notes (text)")
    other.commit()
    other.close()
    for name in ("missing.db", "empty.db", "letter.docx", "other.db"):
        assert office_name_of_ready_file(tmp_path / name) is None, name
    assert office_name_of_ready_file(tmp_path) is None  # a folder


def test_an_older_schema_takes_the_road_that_upgrades_it(sqlite_office):
    sqlite_office.session.commit()
    con = sqlite3.connect(sqlite_office.db.path)
    con.execute("UPDATE alembic_version SET version_num = '0001'")
    con.commit()
    con.close()
    assert office_name_of_ready_file(sqlite_office.db.path) is None


def test_the_login_can_show_before_the_database_layer_loads():
    code = ("import sys, desktop.app, desktop.ui.start; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'sqlalchemy', 'alembic'}) "
            "+ sorted(m for m in sys.modules if m.startswith(('desktop.services', "
            "'desktop.store.models', 'desktop.ui.main_window'))))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, check=True)
    assert done.stdout.strip() == "[]"
