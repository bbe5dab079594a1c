"""``tian import ledger``: a unit's 答复台账 back, an office's ledger of a past year in, and a
hostile workbook refused — each from the command line, as a separate process."""
from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from openpyxl import load_workbook

from desktop.services.ledger_files import LEDGER_LIMITS
from tests.gate import hostile
from tests.sync.ledgers import figures, per_proposal

from ..services.test_legacy_ledgers import year
from .tian import ROOT, copy_database, digest, env_for, init_args

MB = 1024


def test_a_past_years_ledger_is_previewed_then_imported_and_stats_show_its_figures(tian, tmp_path):
    db = tmp_path / "office.db"
    assert tian(*init_args(db)).returncode == 0
    entries = year(30, seed=11)
    path = per_proposal(tmp_path / "2023年台账.xlsx", entries)
    before = digest(db)
    dry = tian("--db", str(db), "import", "ledger", str(path), "--meeting", "十届二次会议",
               "--dry-run")
    assert dry.returncode == 0, dry
    assert "工作表“立案提案”：表头在第3–4行" in dry.stdout
    assert "案由←C（案由）" in dry.stdout and "第" in dry.stdout and "合计行" in dry.stdout
    assert digest(db) == before
    done = tian("--db", str(db), "import", "ledger", str(path), "--meeting", "十届二次会议")
    assert done.returncode == 0, done
    assert f"已导入 {len(entries)} 件提案。" in done.stdout
    stats = tian("--db", str(db), "stats", "--meeting", "十届二次会议", "--json")
    shown = json.loads(stats.stdout)
    want = figures(entries)
    assert (shown["received"], shown["filed"], shown["replied"]) == (
        want["received"], want["filed"], want["replied"])
    assert shown["categories"]["A"]["count"] == want["A"]
    again = tian("--db", str(db), "import", "ledger", str(path), "--meeting", "十届二次会议")
    assert "没有需要导入的提案" in again.stdout


def test_a_ledger_not_of_ours_without_a_meeting_asks_for_one(tian, tmp_path):
    db = tmp_path / "office.db"
    assert tian(*init_args(db)).returncode == 0
    path = per_proposal(tmp_path / "台账.xlsx", year(5, seed=2))
    run = tian("--db", str(db), "import", "ledger", str(path))
    assert run.returncode == 2 and "--meeting" in run.sentence()


def test_a_units_ledger_comes_back_through_the_command_line(tian, demo_db, tmp_path):
    db = copy_database(demo_db, tmp_path / "office.db")
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as raw:  # a unit yet to answer one
        unit = raw.execute(
            "SELECT u.name FROM assignment a JOIN unit u ON u.id = a.unit_id JOIN meeting m "
            "ON m.id = a.meeting_id WHERE a.category IS NULL AND a.ended IS NULL AND a.role "
            "IN ('lead', 'separate') ORDER BY m.opens_on DESC, u.name LIMIT 1").fetchone()[0]
    sent = tmp_path / "交给单位.xlsx"
    assert tian("--db", str(db), "export", "ledger", "--for-reply", "--unit", unit,
                "--out", str(sent)).returncode == 0
    book = load_workbook(sent)
    sheet = book["答复台账"]
    header = [c.value for c in sheet[3]]
    empty = next(r for r in range(4, sheet.max_row + 1)
                 if not sheet.cell(r, header.index("答复类别") + 1).value)
    assigned = sheet.cell(empty, header.index("交办日期") + 1).value
    sheet.cell(empty, header.index("答复日期") + 1, assigned + timedelta(days=20))
    sheet.cell(empty, header.index("答复类别") + 1, "B")
    book.save(tmp_path / "交回.xlsx")
    dry = tian("--db", str(db), "import", "ledger", str(tmp_path / "交回.xlsx"), "--dry-run")
    assert dry.returncode == 0, dry
    assert f"第{empty}行" in dry.stdout and "将记录" in dry.stdout
    done = tian("--db", str(db), "import", "ledger", str(tmp_path / "交回.xlsx"))
    assert "已记录：答复 1 件" in done.stdout, done
    again = tian("--db", str(db), "import", "ledger", str(tmp_path / "交回.xlsx"))
    assert "没有需要记录的内容" in again.stdout


HOSTILE = [
    ("zip_bomb", lambda p: hostile.zip_bomb(p, 1024), "解压后"),
    ("xxe", hostile.xxe, "已损坏"),
    ("billion_laughs", hostile.billion_laughs, "已损坏"),
    ("million_rows", lambda p: hostile.row_bomb(p, 1_000_000), ""),
    ("rows_past_the_limit", lambda p: hostile.many_rows(p, LEDGER_LIMITS.rows + 1), "未导入"),
    ("word_renamed", hostile.word_named_xlsx, "不是 Excel 工作簿"),
    ("old_excel_renamed", hostile.old_excel, "旧版"),
    ("old_excel", lambda p: hostile.old_excel(p.with_suffix(".xls")), "旧版"),
]


@pytest.fixture(scope="module")
def fresh_office(tmp_path_factory):
    """One `tian init` for the module; each test works on its own copy."""
    folder = tmp_path_factory.mktemp("office")
    db = folder / "office.db"
    home = folder / "home"
    home.mkdir()
    assert subprocess.run([sys.executable, "-m", "desktop", *init_args(db)], cwd=ROOT,
                          env=env_for(home), capture_output=True).returncode == 0
    return db


@pytest.fixture(scope="module")
def start_seconds(fresh_office, tmp_path_factory) -> float:
    """The program's own start and a read of the office (``tian stats``) on this machine now:
    the baseline a refusal's time is held against, so a loaded machine is not called slow."""
    home = tmp_path_factory.mktemp("baseline")
    began = time.perf_counter()
    run = subprocess.run([sys.executable, "-m", "desktop", "--db", str(fresh_office), "stats"],
                         cwd=ROOT, env=env_for(home), capture_output=True)
    assert run.returncode == 0, run
    return time.perf_counter() - began


@pytest.mark.parametrize(("make", "words"), [(m, w) for _, m, w in HOSTILE],
                         ids=[name for name, _, _ in HOSTILE])
def test_a_hostile_ledger_is_refused_in_seconds_and_little_memory_with_nothing_written(
        tmp_path, fresh_office, start_seconds, make, words):
    home = tmp_path / "home"
    home.mkdir()
    db = copy_database(fresh_office, tmp_path / "office.db")
    path = make(tmp_path / "台账.xlsx")
    before = digest(db)
    peak = tmp_path / "peak"
    began = time.perf_counter()
    run = subprocess.run([sys.executable, str(ROOT / "tests/cli/peak.py"), str(peak), "--db",
                          str(db), "import", "ledger", str(path), "--meeting", "十届二次会议"],
                         cwd=ROOT, env=env_for(home), capture_output=True, text=True,
                         encoding="utf-8", timeout=60)
    seconds = time.perf_counter() - began
    assert run.returncode == 2, run
    sentence = run.stderr.strip()
    assert len(sentence.splitlines()) == 1 and words in sentence, sentence
    # the gate's 5 s for the file and a margin, beyond the program's own start
    assert seconds < start_seconds + 8.5, (seconds, start_seconds)
    assert int(peak.read_text()) < 200 * MB
    assert digest(db) == before


def test_units_a_ledger_names_are_created_with_the_systems_of_the_offices_list(tian, tmp_path):
    from tests.sync.ledgers import Entry
    db = tmp_path / "office.db"
    assert tian(*init_args(db)).returncode == 0
    path = per_proposal(tmp_path / "台账.xlsx", [
        Entry("1", "关于发展油茶产业的建议", "张伟", [("县油茶产业发展中心", "主办")], "A"),
        Entry("2", "关于加强青少年普法的建议", "王芳", [("市中级人民法院", "主办")], "B")])
    units = tmp_path / "单位名单.csv"
    units.write_bytes("单位名称,系统\n县油茶产业发展中心,企事业单位\n".encode("gb18030"))
    refused = tian("--db", str(db), "import", "ledger", str(path), "--meeting", "十届二次会议",
                   "--units", str(units))
    assert refused.returncode == 2 and "--create-units" in refused.sentence()
    assert "县油茶产业发展中心（企事业单位）；市中级人民法院（政法系统）" in refused.stdout
    done = tian("--db", str(db), "import", "ledger", str(path), "--meeting", "十届二次会议",
                "--units", str(units), "--create-units")
    assert done.returncode == 0, done
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as raw:
        assert dict(raw.execute("SELECT name, system FROM unit WHERE name IN "
                                "('县油茶产业发展中心', '市中级人民法院')")) == {
            "县油茶产业发展中心": "enterprise", "市中级人民法院": "legal"}
