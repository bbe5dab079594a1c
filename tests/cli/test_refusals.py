"""Files that are not (or no longer, or not yet) the office's database: one sentence, no change."""
from __future__ import annotations

import io
import sqlite3
import zipfile

import pytest

from .conftest import copy_database, digest


def _docx_bytes() -> bytes:
    """What a Word file looks like from outside: a zip archive with its content types."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        z.writestr("word/document.xml", "<w:document>关于解决城区停车难问题的提案</w:document>")
    return buffer.getvalue()


@pytest.mark.parametrize("name, content, command", [
    ("提案汇编.docx", _docx_bytes(), "stats"),
    ("说明.txt", "这不是数据库。\n".encode(), "check"),
])
def test_a_file_that_is_not_a_database_is_refused_and_left_unchanged(tian, tmp_path, name,
                                                                     content, command):
    path = tmp_path / name
    path.write_bytes(content)
    run = tian("--db", str(path), command)
    assert run.returncode != 0
    assert "不是数据库文件" in run.sentence()
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", name]


def _truncate(path) -> None:  # noqa: ANN001
    with open(path, "r+b") as f:
        f.truncate(path.stat().st_size // 2)


def _overwrite_middle_pages(path) -> None:  # noqa: ANN001
    page = 4096
    pages = path.stat().st_size // page
    with open(path, "r+b") as f:
        f.seek(pages // 2 * page)
        f.write(b"\xa5" * page * 4)


@pytest.mark.parametrize("damage", [_truncate, _overwrite_middle_pages])
def test_a_damaged_database_is_reported_without_a_traceback(tian, tmp_path, demo_db, damage):
    db = copy_database(demo_db, tmp_path / "office.db")
    damage(db)
    run = tian("--db", str(db), "check")
    assert run.returncode != 0
    assert "Traceback" not in run.stdout + run.stderr
    said = (run.stdout + run.stderr).strip()
    assert "损坏" in said or "数据库完整性" in said, said
    if run.stderr:
        run.sentence()


def test_a_database_from_a_newer_program_is_refused_and_left_unchanged(tian, tmp_path, demo_db):
    db = copy_database(demo_db, tmp_path / "office.db")
    con = sqlite3.connect(db)
    con.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    con.commit()
    con.close()
    before = digest(db)
    run = tian("--db", str(db), "stats")
    assert run.returncode != 0
    assert "更新版本" in run.sentence()
    assert digest(db) == before
    assert not (tmp_path / "backups").exists()
