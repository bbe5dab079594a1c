"""Files that are not (or no longer, or not yet) the office's database: one sentence, no change.

(A text file given as --db is refused the same way; tests/store/test_schema_versions.py shows it.)
"""
from __future__ import annotations

import io
import sqlite3
import subprocess
import sys
import zipfile

import pytest
from openpyxl import Workbook

from .tian import ROOT, copy_database, digest, env_for, init_args, tian_side_by_side


def _docx_bytes() -> bytes:
    """What a Word file looks like from outside: a zip archive with its content types."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        z.writestr("word/document.xml", "<w:document>关于解决城区停车难问题的提案</w:document>")
    return buffer.getvalue()


def _truncate(path) -> None:
    with open(path, "r+b") as f:
        f.truncate(path.stat().st_size // 2)


def _overwrite_middle_pages(path) -> None:
    page = 4096
    pages = path.stat().st_size // page
    with open(path, "r+b") as f:
        f.seek(pages // 2 * page)
        f.write(b"\xa5" * page * 4)


def _from_the_future(path) -> None:
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    con.commit()
    con.close()


@pytest.fixture(scope="module")
def refused(demo_db, tmp_path_factory):
    """Each wrong file in a folder of its own, given to ``tian`` at the same time."""
    root = tmp_path_factory.mktemp("refused")
    files, commands = {}, {}
    word = root / "word" / "提案汇编.docx"
    word.parent.mkdir()
    word.write_bytes(_docx_bytes())
    files["word"], commands["word"] = word, ["--db", str(word), "stats"]
    for name, spoil, command in (("truncated", _truncate, "check"),
                                 ("overwritten", _overwrite_middle_pages, "check"),
                                 ("newer", _from_the_future, "stats")):
        (root / name).mkdir()
        db = copy_database(demo_db, root / name / "office.db")
        spoil(db)
        files[name], commands[name] = db, ["--db", str(db), command]
    before = {name: digest(path) for name, path in files.items()}
    return files, before, tian_side_by_side(root / "home", commands)


def _untouched(refused, name: str) -> None:
    files, before, _ = refused
    assert digest(files[name]) == before[name]
    # nothing made beside it (a reader of a WAL file may leave its empty -wal and -shm)
    others = {p.name for p in files[name].parent.iterdir()} - {files[name].name}
    assert {o.removeprefix(files[name].name) for o in others} <= {"-wal", "-shm"}, others


def test_a_word_file_given_as_the_database_is_refused_and_left_unchanged(refused):
    run = refused[2]["word"]
    assert run.returncode != 0
    assert "不是数据库文件" in run.sentence()
    _untouched(refused, "word")


def test_a_truncated_database_is_refused_in_one_sentence(refused):
    run = refused[2]["truncated"]
    assert run.returncode != 0
    assert "损坏" in run.sentence()
    _untouched(refused, "truncated")


def test_a_database_with_overwritten_pages_is_reported_without_a_traceback(refused):
    run = refused[2]["overwritten"]
    assert run.returncode != 0
    assert "Traceback" not in run.stdout + run.stderr
    said = (run.stdout + run.stderr).strip()
    assert "损坏" in said or "数据库完整性" in said, said
    if run.stderr:
        run.sentence()


def test_a_database_from_a_newer_program_is_refused_and_left_unchanged(refused):
    run = refused[2]["newer"]
    assert run.returncode != 0
    assert "更新版本" in run.sentence()
    files, before, _ = refused
    assert digest(files["newer"]) == before["newer"]
    assert not (files["newer"].parent / "backups").exists()


def test_a_database_another_program_holds_is_called_in_use_not_damaged(demo_db, tmp_path):
    """SQLite's exclusive lock (another program, or a hot journal being rolled back): the clerk
    must not be sent to restore a backup of a healthy file."""
    db = copy_database(demo_db, tmp_path / "office.db")
    holder = sqlite3.connect(db, isolation_level=None)
    try:
        holder.execute("PRAGMA locking_mode = EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")
        holder.execute("SELECT count(*) FROM proposal").fetchone()
        runs = tian_side_by_side(tmp_path / "home", {
            "stats": ["--db", str(db), "stats"], "check": ["--db", str(db), "check"]})
    finally:
        holder.execute("COMMIT")
        holder.close()
    for run in runs.values():
        assert run.returncode == 2, run
        assert "正被另一个程序独占使用" in run.sentence() and "已损坏" not in run.sentence()
    after = tian_side_by_side(tmp_path / "home", {"check": ["--db", str(db), "check"]})["check"]
    assert after.returncode == 0, after  # let go, the same file is sound


def test_a_write_while_another_program_holds_the_write_lock_is_one_sentence(demo_db, tmp_path):
    """Reading goes on beside another writer (WAL); a write waits 10 s for it, then says so."""
    db = copy_database(demo_db, tmp_path / "office.db")
    roster = tmp_path / "名册.xlsx"
    book = Workbook()
    book.active.append(["姓名", "界别"])
    book.active.append(["占用测试委员", "经济界"])
    book.save(roster)
    holder = sqlite3.connect(db, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        runs = tian_side_by_side(tmp_path / "home", {
            "stats": ["--db", str(db), "stats"],
            "import": ["--db", str(db), "import", "roster", str(roster)]})
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert runs["stats"].returncode == 0, runs["stats"]
    assert runs["import"].returncode == 2, runs["import"]
    assert "等了 10 秒仍未能保存" in runs["import"].sentence()
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as raw:
        assert raw.execute("SELECT count(*) FROM member WHERE name = '占用测试委员'").fetchone() == (0,)


def test_each_slip_on_the_command_line_is_one_sentence_and_exit_2(tmp_path):
    long_folder = tmp_path / ("很长的文件夹名" * 30)
    made = tian_side_by_side(tmp_path / "home", {"init": init_args(tmp_path / "b.db")})["init"]
    assert made.returncode == 0, made
    runs = tian_side_by_side(tmp_path / "home", {
        "long_db": ["--db", str(long_folder / "office.db"), "init", "--password", "secret1"],
        "long_name": ["--db", str(tmp_path / "a.db"), "init", "--password", "secret1",
                      "--office", "政协" + "某" * 100 + "委员会"],
        "long_out": ["--db", str(tmp_path / "b.db"), "backup", "--out", str(long_folder) + "/"],
    })
    for name, run in runs.items():
        assert run.returncode == 2, run
        assert "Traceback" not in run.stdout + run.stderr, name
    assert "路径太长" in runs["long_db"].sentence()
    assert "路径太长" in runs["long_out"].sentence()
    assert "政协名称不能超过 40 个字" in runs["long_name"].sentence()
    assert not (tmp_path / "a.db").exists() or sqlite3.connect(tmp_path / "a.db").execute(
        "SELECT count(*) FROM sqlite_master WHERE name = 'site'").fetchone() in ((0,), (1,))


def test_bytes_that_are_not_utf8_in_an_argument_are_refused_before_anything_is_made(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    db = tmp_path / "office.db"
    run = subprocess.run([sys.executable, "-m", "desktop", "--db", str(db), "init", "--password",
                          b"secret\xb2\xbb"], cwd=ROOT, env=env_for(home), capture_output=True)
    assert run.returncode == 2
    said = run.stderr.decode("utf-8").strip()
    assert said.startswith("命令参数中有无法识别的字符（不是 UTF-8 编码），未作任何改动")
    assert not db.exists()


def test_two_demos_started_at_once_make_one_office(tmp_path):
    db = tmp_path / "office.db"
    args = ["--db", str(db), "demo", "--proposals", "20"]
    runs = tian_side_by_side(tmp_path / "home", {"first": args, "second": args})
    codes = sorted(run.returncode for run in runs.values())
    assert codes in ([0, 0], [0, 2]), runs
    if codes == [0, 2]:  # the same seed's records are there already
        said = next(run for run in runs.values() if run.returncode == 2).sentence()
        assert "已有用随机种子 1 生成的演示数据" in said
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as raw:
        assert raw.execute("SELECT count(*) FROM site WHERE local = 1").fetchone() == (1,)
        assert raw.execute("SELECT count(*) FROM user_account").fetchone() == (1,)
    assert sum("已创建演示数据库" in run.stdout for run in runs.values()) == 1
