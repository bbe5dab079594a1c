"""``tian export ledger --for-reply --unit 县教育局 --out FILE``: the sealed 答复台账 a unit
without the program fills in."""
from __future__ import annotations

from openpyxl import load_workbook

from desktop.exporters.reply_ledger import FIRST_ROW
from desktop.wording.ledgers import META_SHEET

from .tian import copy_database


def test_the_reply_ledger_of_one_unit_is_written_and_not_overwritten(tian, demo_db, tmp_path):
    db = copy_database(demo_db, tmp_path / "office.db")
    out = tmp_path / "交给县教育局.xlsx"
    done = tian("--db", str(db), "export", "ledger", "--for-reply", "--unit", "县教育局",
                "--out", str(out))
    assert done.returncode == 0, done
    book = load_workbook(out, read_only=False)
    assert {r[0]: r[1] for r in book[META_SHEET].iter_rows(values_only=True)}["单位"] == "县教育局"
    assert book["答复台账"].max_row >= FIRST_ROW
    again = tian("--db", str(db), "export", "ledger", "--for-reply", "--unit", "县教育局",
                 "--out", str(out))
    assert again.returncode == 2 and "已存在" in again.sentence()


def test_a_reply_ledger_without_a_unit_is_refused_with_how_to_ask(tian, demo_db, tmp_path):
    db = copy_database(demo_db, tmp_path / "office.db")
    run = tian("--db", str(db), "export", "ledger", "--for-reply", "--out", str(tmp_path))
    assert run.returncode == 2 and "--unit" in run.sentence()
    assert not list(tmp_path.glob("*.xlsx"))
