"""A full disk: a small tmpfs where the machine allows mounting one (root in a container),
otherwise skipped, with tests/services/test_batch_export.py patching the write instead.
One sentence, exit 2, nothing half-written, the database unchanged."""
from __future__ import annotations

import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

import pytest
from openpyxl import Workbook

from tests.cli.tian import copy_database, tian_in


@pytest.fixture
def small_disk(tmp_path):
    """Mounts a tmpfs of ``size`` and yields it; unmounted after."""
    mounted = []

    def mount(size: str) -> Path:
        point = tmp_path / f"disk{len(mounted)}"
        point.mkdir()
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(point)],
                              capture_output=True)
        if done.returncode != 0:
            pytest.skip("this machine does not allow mounting a small file system")
        mounted.append(point)
        return point
    yield mount
    for point in mounted:
        subprocess.run(["umount", "-l", str(point)], check=False)


def test_a_backup_onto_a_full_stick_says_so_and_leaves_no_part(demo_office, tmp_path, small_disk):
    stick = small_disk("1m")
    run = tian_in(tmp_path / "home", "--db", str(demo_office), "backup", "--out", f"{stick}/")
    assert run.returncode == 2, run
    assert run.sentence() == "磁盘空间不足，操作未完成，数据未改动；请清理空间后重试。"
    assert list(stick.iterdir()) == []


def test_an_export_onto_a_full_stick_writes_whole_files_and_says_how_many_are_missing(
        demo_office, tmp_path, small_disk):
    stick = small_disk("1m")
    run = tian_in(tmp_path / "home", "--db", str(demo_office), "export", "letters", "--out",
                  str(stick / "答复函"))
    assert run.returncode == 2, run
    assert "磁盘空间不足" in run.sentence() and "个文件未写入" in run.sentence()
    made = list((stick / "答复函").iterdir())
    assert made and not [p for p in made if p.suffix != ".docx"], "a .part was left behind"
    import docx
    for path in made:
        docx.Document(str(path))  # each one whole


def test_a_write_to_a_database_whose_disk_is_full_changes_nothing(demo_office, tmp_path,
                                                                    small_disk):
    size = demo_office.stat().st_size
    disk = small_disk(f"{size // 1024 + 96}k")
    db = copy_database(demo_office, disk / "office.db")
    with closing(sqlite3.connect(db)) as raw:  # fill what is left, bar a few pages
        free = subprocess.run(["df", "--output=avail", "-B1", str(disk)], capture_output=True,
                              text=True).stdout.split()[-1]
    (disk / "filler").write_bytes(b"\0" * max(0, int(free) - 8 * 4096))
    book = Workbook()
    book.active.append(["姓名", "界别", "工作单位"])
    for i in range(400):
        book.active.append([f"满盘测试{i}", "经济界", "某单位" * 20])
    book.save(tmp_path / "名册.xlsx")
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as raw:
        before = raw.execute("SELECT count(*) FROM member").fetchone()[0]
    run = tian_in(tmp_path / "home", "--db", str(db), "import", "roster", str(tmp_path / "名册.xlsx"))
    assert run.returncode == 2, run
    assert "磁盘空间不足" in run.sentence() or "读写数据库文件时出错" in run.sentence()
    (disk / "filler").unlink()
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert raw.execute("SELECT count(*) FROM member").fetchone()[0] == before


def test_a_database_on_a_write_protected_stick_is_called_read_only_not_damaged(
        demo_office, tmp_path, small_disk):
    stick = small_disk("16m")
    db = copy_database(demo_office, stick / "office.db")
    subprocess.run(["mount", "-o", "remount,ro", str(stick)], check=True)
    runs = {command: tian_in(tmp_path / "home", "--db", str(db), command)
            for command in ("stats", "check")}
    for run in runs.values():
        assert run.returncode == 2, run
        assert "是只读的" in run.sentence() and "损坏" not in run.sentence()
    out = tian_in(tmp_path / "home", "--db", str(demo_office), "backup", "--out", f"{stick}/")
    assert out.returncode == 2, out
    assert "只读" in out.sentence()
