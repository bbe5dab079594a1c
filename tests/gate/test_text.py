"""Text from outside made as a clerk would have typed it, or refused with the reason."""
from __future__ import annotations

import pytest

from desktop.gate.text import TextProblem, clean, number_text, person_name, phone_text


@pytest.mark.parametrize(("cell", "name"), [
    ("张  三", "张三"),  # spaced out for alignment
    ("张\u3000三", "张三"),
    ("王\u200b芳", "王芳"),  # a zero-width space copied from a web page
    ("\ufeff李娜 ", "李娜"),
    ("买买提•艾力", "买买提·艾力"),
    ("阿依古丽・吐尔逊", "阿依古丽·吐尔逊"),
    ("ＬＩ　Ｍｉｎｇ", "LI Ming"),
])
def test_a_name_is_normalised(cell, name):
    assert person_name(cell) == name


@pytest.mark.parametrize("cell", ["张三、李四", "张三，李四", "张三/李四", "张三\n李四", "张三 李四"])
def test_a_cell_holding_two_names_is_refused(cell):
    with pytest.raises(TextProblem, match="一格里"):
        person_name(cell)


def test_a_zero_width_space_makes_no_second_person():
    assert person_name("王\u200b芳") == person_name("王芳")


@pytest.mark.parametrize(("cell", "text"), [
    (13812345678.0, "13812345678"), (13812345678, "13812345678"), (88886666, "88886666"),
    ("0571-88886666", "0571-88886666"), ("１３８１２３４５６７８", "13812345678"), (None, ""),
])
def test_a_phone_number_stays_as_typed(cell, text):
    assert phone_text(cell) == text


def test_a_phone_number_that_lost_its_leading_zero_is_refused():
    with pytest.raises(TextProblem, match="开头的 0"):
        phone_text(5718888666.0)  # 0571-8888666 typed into a number cell


def test_an_id_number_excel_rounded_is_refused_not_truncated():
    with pytest.raises(TextProblem, match="15 位"):
        number_text(float("110101199001011234"), "身份证号")
    assert number_text("110101199001011234", "身份证号") == "110101199001011234"
    assert number_text(110101199001011234, "身份证号") == "110101199001011234"


def test_clean_writes_dates_and_whole_numbers_as_a_clerk_would():
    from datetime import datetime

    assert clean(datetime(2023, 5, 20, 0, 0)) == "2023-05-20"
    assert clean(3.0) == "3"
    assert clean("  县 教育局 \u200d") == "县 教育局"
