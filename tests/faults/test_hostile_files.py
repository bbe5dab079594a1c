"""Each hostile roster, given to ``tian import roster`` as a clerk would: refused (or, for a file
that only lies about its size, read) in under 10 s and 200 MB, with one sentence and exit 2,
and nothing written."""
from __future__ import annotations

import pytest

from tests.cli.tian import digest, init_args, tian_in
from tests.gate import hostile

from .measure import measured

SECONDS, MEGABYTES = 10, 200

REFUSED = {
    # smaller than the README's (21 million rows, 1 GB): the same limit trips, in CI's time
    "row_bomb": (lambda p: hostile.row_bomb(p, 1_000_000), "解压后超过"),
    "zip_bomb": (lambda p: hostile.zip_bomb(p, 256), "解压后超过"),
    "too_many_rows": (lambda p: hostile.many_rows(p, 20_000), "超过 10000 行"),
    "huge_cell": (lambda p: hostile.huge_cell(p, 40_000), "超过 500 个字"),
    "xxe": (hostile.xxe, "已损坏或内容不合规范"),
    "billion_laughs": (hostile.billion_laughs, "已损坏或内容不合规范"),
    "macros": (hostile.with_macros, "含宏的工作簿"),
    "word_renamed": (hostile.word_named_xlsx, "不是 Excel 工作簿"),
    "old_excel_renamed": (hostile.old_excel, "旧版格式"),
}


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "home").mkdir()
    db = folder / "office.db"
    assert tian_in(folder / "home", *init_args(db)).returncode == 0
    return folder, db


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_a_hostile_roster_is_refused_in_seconds_and_little_memory(office, tmp_path, name):
    folder, db = office
    make, words = REFUSED[name]
    path = make(tmp_path / "名册.xlsx")
    before = digest(db)
    run = measured(folder / "home", "--db", str(db), "import", "roster", str(path))
    assert run.returncode == 2, run
    said = run.stderr.strip()
    assert len(said.splitlines()) == 1 and words in said, said
    assert run.seconds < SECONDS and run.peak_mb < MEGABYTES, (run.seconds, run.peak_mb)
    assert digest(db) == before


@pytest.mark.parametrize("make", [hostile.dimension_bomb, hostile.far_row],
                         ids=["dimension_bomb", "far_row"])
def test_a_roster_that_lies_about_its_size_is_read_quickly(office, tmp_path, make):
    folder, db = office
    path = make(tmp_path / "名册.xlsx")
    run = measured(folder / "home", "--db", str(db), "import", "roster", str(path), "--dry-run")
    assert run.returncode == 0, run
    assert "新增" in run.stdout
    assert run.seconds < SECONDS and run.peak_mb < MEGABYTES, (run.seconds, run.peak_mb)
