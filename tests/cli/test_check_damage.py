"""``tian check`` on damage SQLite cannot see: bytes flipped inside records.  Each is reported by
table, column and row, with exit 3, and the check never stops on what it exists to find."""
from __future__ import annotations

import sqlite3

import pytest

from .tian import copy_database, tian_side_by_side

SPOILS = {  # a value each: what one flipped bit leaves behind
    "text_not_utf8": ("UPDATE change_log SET stamp = CAST(X'31373436e2809c' || X'ff' AS TEXT) "
                      "WHERE rowid = (SELECT min(rowid) FROM change_log)",
                      "change_log 表的 stamp 列有 1 行不是有效的文字或编号"),
    "state_unknown": ("UPDATE proposal SET status = 'clksed' WHERE rowid = "
                      "(SELECT min(rowid) FROM proposal WHERE status = 'closed')",
                      "proposal 表的 status 列有 1 行不是程序认得的取值"),
    "date_broken": ("UPDATE assignment SET due_on = '2023-0\x35-3!' WHERE rowid = "
                    "(SELECT min(rowid) FROM assignment)",
                    "assignment 表的 due_on 列有 1 行不是有效的日期"),
    "id_broken": ("UPDATE change_log SET row_id = substr(row_id, 1, 31) || 'g' WHERE "
                  "rowid = (SELECT min(rowid) FROM change_log)",
                  "change_log 表的 row_id 列有 1 行不是有效的文字或编号"),
    "number_broken": ("UPDATE proposal SET serial_seq = 'x' WHERE rowid = "
                      "(SELECT min(rowid) FROM proposal)",
                      "proposal 表的 serial_seq 列有 1 行不是整数"),
}


@pytest.fixture(scope="module")
def checked(demo_db, tmp_path_factory):
    root = tmp_path_factory.mktemp("damage")
    home = root / "home"
    home.mkdir()
    commands = {}
    for name, (sql, _) in SPOILS.items():
        db = copy_database(demo_db, root / f"{name}.db")
        with sqlite3.connect(db) as raw:
            raw.execute("PRAGMA foreign_keys = OFF")
            raw.execute(sql)
            assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        commands[name] = ["--db", str(db), "check"]
    return tian_side_by_side(home, commands)


@pytest.mark.parametrize("name", sorted(SPOILS))
def test_a_value_spoiled_inside_a_record_is_reported_by_table_column_and_row(checked, name):
    run = checked[name]
    assert run.returncode == 3, run
    assert "Traceback" not in run.stdout + run.stderr
    assert SPOILS[name][1] in run.stdout, run.stdout
    assert "行号" in run.stdout
