"""``tian import roster``: the dialog's preview and import from the command line."""
from __future__ import annotations

import sqlite3

from openpyxl import Workbook

from tests.gate import hostile

from .tian import digest, init_args


def _roster(path, rows):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def _members(db) -> set[tuple[str, str | None]]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as raw:
        return set(raw.execute("SELECT name, phone FROM member"))


def test_a_dry_run_lists_each_line_and_writes_nothing_then_the_import_adds_them(tian, tmp_path):
    db = tmp_path / "office.db"
    assert tian(*init_args(db)).returncode == 0
    path = _roster(tmp_path / "名册.xlsx", [
        ["政协某县第十届委员会委员名册"], ["姓  名", "界别", "联系电话"],
        ["欧阳明", "经济界", 13912345678], ["李 娜", "教育界", "0571-8888666"],
        ["王强", "无此界", ""], ["张三、李四", "经济界", ""]])
    before = digest(db)
    dry = tian("--db", str(db), "import", "roster", str(path), "--dry-run")
    assert dry.returncode == 0, dry
    assert "新增 2 人，不能导入 2 人" in dry.stdout
    assert "第5行 王强（无此界） 不能导入：界别“无此界”不在界别列表中" in dry.stdout
    assert "第6行 张三、李四（经济界） 不能导入：一格里有不止一个姓名" in dry.stdout
    assert digest(db) == before
    done = tian("--db", str(db), "import", "roster", str(path))
    assert done.returncode == 0, done
    assert "已导入：新增 2 人，更新 0 人。" in done.stdout
    assert {("欧阳明", "13912345678"), ("李娜", "0571-8888666")} <= _members(db)
    again = tian("--db", str(db), "import", "roster", str(path))
    assert "没有需要导入的内容" in again.stdout


def test_a_hostile_roster_is_one_sentence_and_exit_2_with_nothing_written(tian, tmp_path):
    db = tmp_path / "office.db"
    assert tian(*init_args(db)).returncode == 0
    before = digest(db)
    path = hostile.zip_bomb(tmp_path / "名册.xlsx", 200)
    run = tian("--db", str(db), "import", "roster", str(path))
    assert run.returncode == 2
    assert "解压后超过" in run.sentence()
    assert digest(db) == before
