"""``tian export``: the office's papers written into a folder from the command line."""
from __future__ import annotations

import sqlite3
import subprocess
import sys

import docx
import pytest
import openpyxl

from .tian import ROOT, env_for, tian_in


def due_letters(db) -> int:
    """Live 主办/分办 assignments with a reply: each gets one letter (its latest reply)."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return conn.execute(
            "SELECT count(DISTINCT a.id) FROM reply r JOIN assignment a ON a.id = r.assignment_id "
            "WHERE a.ended IS NULL AND a.role IN ('lead', 'separate') AND a.meeting_id = "
            "(SELECT id FROM meeting ORDER BY opens_on DESC LIMIT 1)").fetchone()[0]


def test_letters_of_the_current_meeting_are_written_and_a_second_run_skips_them(
        demo_db, tmp_path):
    home, out = tmp_path / "home", tmp_path / "letters"
    first = tian_in(home, "export", "letters", "--db", str(demo_db), "--out", str(out))
    assert first.returncode == 0, first
    files = sorted(out.glob("答复函_*.docx"))
    assert len(files) == due_letters(demo_db) > 0
    assert f"已写入 {len(files)} 个文件" in first.stdout
    assert all(f.stem.split("_")[1].startswith("第") for f in files)
    letter = docx.Document(str(files[0]))
    unit = files[0].stem.split("_")[2]
    assert letter.paragraphs[0].text == "示范" + unit, "the head gives the unit's 全称"
    again = tian_in(home, "export", "letters", "--db", str(demo_db), "--out", str(out))
    assert again.returncode == 0 and "已写入 0 个文件" in again.stdout
    assert f"跳过已存在的文件 {len(files)} 个" in again.stdout
    assert sum("跳过" in line for line in again.stdout.splitlines()) == 2  # once, not once a file
    assert "加 --overwrite 覆盖" in again.stderr


def test_a_ledger_goes_to_the_file_named_on_the_command_line(demo_db, tmp_path):
    target = tmp_path / "教育局台账.xlsx"
    run = tian_in(tmp_path / "home", "--db", str(demo_db), "export", "ledger", "--unit", "县教育局",
                  "--out", str(target))
    assert run.returncode == 0, run
    sheet = openpyxl.load_workbook(target).active
    assert sheet["A1"].value.endswith("提案办理台账") and "县教育局" in sheet["A2"].value
    header = [c.value for c in sheet[3]]
    rows = [dict(zip(header, r)) for r in sheet.iter_rows(min_row=4, values_only=True)]
    assert rows and all(r["主办单位"] == "县教育局" or (
        r["办理方式"] == "协办" and "县教育局" in r["协办单位"]) for r in rows)


def test_an_option_the_kind_has_no_use_for_is_refused_not_ignored(demo_db, tmp_path):
    run = tian_in(tmp_path / "home", "--db", str(demo_db), "export", "letters", "--notice", "催办",
                  "--out", str(tmp_path / "out"))
    assert run.returncode == 2 and "--notice 只用于通知" in run.sentence()
    assert not (tmp_path / "out").exists()
    book = tian_in(tmp_path / "home", "--db", str(demo_db), "export", "compilation", "--unit",
                   "县教育局", "--out", str(tmp_path / "out"))
    assert book.returncode == 2 and "--unit 只用于" in book.sentence()
    assert "不能用于提案汇编" in book.sentence() and not (tmp_path / "out").exists()


def test_an_out_path_that_is_a_file_is_refused_before_anything_is_written(demo_db, tmp_path):
    taken = tmp_path / "答复函"
    taken.write_text("一个文件，不是文件夹")
    run = tian_in(tmp_path / "home", "--db", str(demo_db), "export", "letters",
                  "--out", str(taken / "子文件夹"))
    assert run.returncode == 2 and "不能在" in run.sentence() and "换一个文件夹" in run.sentence()
    assert taken.read_text() == "一个文件，不是文件夹"


def test_an_unknown_kind_is_answered_in_one_chinese_sentence(demo_db, tmp_path):
    run = tian_in(tmp_path / "home", "--db", str(demo_db), "export", "letter",
                  "--out", str(tmp_path))
    assert run.returncode == 2
    assert "letter" in run.sentence() and "letters" in run.sentence()


@pytest.mark.libreoffice
def test_forms_are_also_made_pdf_when_asked(demo_db, tmp_path):
    out = tmp_path / "forms"
    run = tian_in(tmp_path / "home", "--db", str(demo_db), "export", "forms", "--unit", "县教育局",
                  "--pdf", "--out", str(out))
    assert run.returncode == 0, run
    documents = sorted(p.stem for p in out.glob("*.docx"))
    assert documents and sorted(p.stem for p in (out / "PDF").glob("*.pdf")) == documents
    assert f"已转出 PDF {len(documents)} 个" in run.stdout
    assert not (demo_db.parent / "libreoffice-profile").exists()  # nothing beside the database


def test_a_file_left_without_its_pdf_fails_the_run_and_the_next_run_makes_it(demo_db, tmp_path):
    from tests.exporters.fake_office import fake_soffice

    def export_with(office) -> subprocess.CompletedProcess:
        env = env_for(tmp_path / "home")
        env["PATH"] = f"{office.parent}:{env['PATH']}"
        return subprocess.run([sys.executable, "-m", "desktop", "--db", str(demo_db), "export",
                               "forms", "--unit", "县教育局", "--pdf", "--out", str(out)],
                              cwd=ROOT, env=env, capture_output=True, text=True,
                              encoding="utf-8")
    out = tmp_path / "forms"
    first = export_with(fake_soffice(tmp_path / "bad", refuses="征询意见表"))
    assert first.returncode == 2, first
    [sentence] = first.stderr.strip().splitlines()
    assert "未能转为 PDF" in sentence and "Word 文件都已保存" in sentence
    documents = sorted(p.stem for p in out.glob("*.docx"))
    assert documents and not list((out / "PDF").glob("*.pdf"))
    again = export_with(fake_soffice(tmp_path / "good"))
    assert again.returncode == 0, again
    assert sorted(p.stem for p in (out / "PDF").glob("*.pdf")) == documents
    assert f"已转出 PDF {len(documents)} 个" in again.stdout


def test_without_libreoffice_asking_for_pdf_says_what_to_do(demo_db, tmp_path):
    empty = tmp_path / "bin"
    empty.mkdir()
    env = env_for(tmp_path / "home")
    env["PATH"] = str(empty)  # no soffice to be found
    run = subprocess.run([sys.executable, "-m", "desktop", "--db", str(demo_db), "export",
                          "forms", "--unit", "县教育局", "--pdf", "--out", str(tmp_path / "f")],
                         cwd=ROOT, env=env, capture_output=True, text=True, encoding="utf-8")
    assert run.returncode == 2
    assert run.stderr.strip() == ("这台电脑没有安装 LibreOffice，不能转换为 PDF；请直接用 Word 或 WPS "
                                  "打开 .docx 文件打印。")
    assert list((tmp_path / "f").glob("*.docx"))  # the Word files are there all the same


def test_the_help_speaks_chinese(tmp_path):
    run = tian_in(tmp_path / "home", "export", "--help")
    assert run.returncode == 0
    assert run.stdout.startswith("用法：tian export")
    assert "选项:" in run.stdout and "参数:" in run.stdout
    assert "usage" not in run.stdout and "options" not in run.stdout
