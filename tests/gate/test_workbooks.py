"""Workbooks from outside: each hostile shape refused in seconds with its limit named, and a
roster that merely lies about its size read correctly."""
from __future__ import annotations

import time

import pytest

from desktop.domain.errors import InvalidInput
from desktop.gate import read_first_sheet
from desktop.services.roster import ROSTER_LIMITS

from . import hostile

REFUSED = [
    ("row_bomb", lambda p: hostile.row_bomb(p, 1_000_000), "file_bomb"),
    ("zip_bomb", lambda p: hostile.zip_bomb(p, 200), "file_bomb"),
    ("too_many_rows", lambda p: hostile.many_rows(p, ROSTER_LIMITS.rows + 1), "workbook_too_many_rows"),
    ("huge_cell", lambda p: hostile.huge_cell(p, 40_000), "workbook_cell_too_long"),
    ("xxe", hostile.xxe, "workbook_damaged"),
    ("billion_laughs", hostile.billion_laughs, "workbook_damaged"),
    ("macros_renamed", hostile.with_macros, "workbook_macros"),
    ("word_renamed", hostile.word_named_xlsx, "workbook_not_excel"),
    ("old_excel_renamed", hostile.old_excel, "file_old_or_locked"),
    ("picture_renamed", hostile.picture_named_xlsx, "file_not_archive"),
]


@pytest.mark.parametrize(("make", "code"), [(make, code) for _, make, code in REFUSED],
                         ids=[name for name, _, _ in REFUSED])
def test_a_hostile_workbook_is_refused_quickly_naming_why(tmp_path, make, code):
    path = make(tmp_path / "名册.xlsx")
    began = time.perf_counter()
    with pytest.raises(InvalidInput) as refused:
        read_first_sheet(path, ROSTER_LIMITS)
    assert refused.value.code == code
    assert refused.value.params["path"] == "名册.xlsx"
    assert time.perf_counter() - began < 10


def test_the_refusal_names_the_limit_and_the_cell(tmp_path):
    path = hostile.huge_cell(tmp_path / "名册.xlsx", ROSTER_LIMITS.cell_chars + 1)
    with pytest.raises(InvalidInput) as refused:
        read_first_sheet(path, ROSTER_LIMITS)
    assert refused.value.params == {"path": "名册.xlsx", "sheet": "委员名册", "row": 2, "column": "A",
                                    "limit": ROSTER_LIMITS.cell_chars}


def test_the_entity_is_never_expanded_into_a_name(tmp_path):
    """/etc/passwd's first line must not arrive as a member's name, whatever else happens."""
    path = hostile.xxe(tmp_path / "名册.xlsx")
    try:
        sheet = read_first_sheet(path, ROSTER_LIMITS)
    except InvalidInput:
        return
    assert not any("root:" in str(value) for _, values in sheet.rows for value in values)


def test_a_macro_workbook_is_refused_by_its_name_too(tmp_path):
    path = hostile.raw_workbook(tmp_path / "名册.xlsm", hostile.roster_rows(2))
    with pytest.raises(InvalidInput) as refused:
        read_first_sheet(path, ROSTER_LIMITS)
    assert refused.value.code == "workbook_macros"


@pytest.mark.parametrize("make", [hostile.dimension_bomb, hostile.far_row],
                         ids=["declares_every_cell", "member_on_the_last_row"])
def test_a_sheet_that_lies_about_its_size_is_read_as_it_is(tmp_path, make):
    path = make(tmp_path / "名册.xlsx")
    began = time.perf_counter()
    sheet = read_first_sheet(path, ROSTER_LIMITS)
    assert time.perf_counter() - began < 5
    assert sheet.rows[0] == (1, (*hostile.HEADER, *[None] * (ROSTER_LIMITS.columns - 4)))
    assert [values[0] for _, values in sheet.rows[1:4]] == ["委员00000", "委员00001", "委员00002"]


def test_a_file_too_big_is_refused_before_it_is_opened(tmp_path):
    path = tmp_path / "名册.xlsx"
    with open(path, "wb") as f:
        f.truncate(ROSTER_LIMITS.archive.file_bytes + 1)  # sparse: nothing to read, only its size
    with pytest.raises(InvalidInput) as refused:
        read_first_sheet(path, ROSTER_LIMITS)
    assert (refused.value.code, refused.value.params["limit"]) == ("file_too_big", "20 MB")
