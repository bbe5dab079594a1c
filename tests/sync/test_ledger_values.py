"""Cells of a 台账 as offices write them: every way of writing a date, a 答复类别, 是否面商, a
沟通方式 and a rating read into one value, and a cell nobody can read named with its reason."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from desktop.domain.enums import ContactForm, Kind, Rating, ReplyCategory
from desktop.gate.text import TextProblem
from desktop.sync.ledger_values import (
    category_of, contact_form_of, date_of, kind_of, names_in, rating_of, yes_no,
)

MARCH_5 = date(2023, 3, 5)


@pytest.mark.parametrize("written", [
    "2023.3.5", "2023年3月5日", "2023-03-05", "2023/3/5", "2023－3－5", " 2023 年 3 月 5 日 ",
    "20230305", 44990, 44990.0, datetime(2023, 3, 5, 0, 0), MARCH_5, "2023-03-05 00:00:00",
    "２０２３．３．５"])
def test_a_date_written_any_way_an_office_writes_it_is_the_same_day(written):
    assert date_of(written) == MARCH_5


@pytest.mark.parametrize("written", ["三月初", "2023.13.5", "2023年2月30日", 12.5, "下周"])
def test_a_date_that_cannot_be_read_says_so(written):
    with pytest.raises(TextProblem):
        date_of(written)


@pytest.mark.parametrize(("written", "category"), [
    ("A", "A"), ("a", "A"), ("A类", "A"), ("Ａ类", "A"), ("A（已解决或基本解决）", "A"),
    ("A类(已解决)", "A"), ("已解决", "A"), ("基本解决", "A"), ("已解决或基本解决", "A"),
    ("B", "B"), ("正在解决或列入计划", "B"), ("列入计划", "B"), ("正在解决", "B"),
    ("C类", "C"), ("因条件限制暂不能解决", "C"), ("暂不能解决", "C"),
    ("D", "D"), ("留作参考", "D"), ("D类（留作参考）", "D")])
def test_a_category_written_as_letter_word_or_both_is_one_category(written, category):
    assert category_of(written) is ReplyCategory(category)


def test_the_rest_of_a_ledgers_cells():
    assert category_of("") is None and yes_no("") is None
    with pytest.raises(TextProblem):
        category_of("很好")
    assert [yes_no(v) for v in ("是", "√", "已面商", "否", "×", "未面商")] == [True] * 3 + [False] * 3
    assert contact_form_of("当面协商") is ContactForm.FACE
    assert contact_form_of("座谈会") is ContactForm.MEETING and contact_form_of("微信") is ContactForm.ONLINE
    assert [rating_of(v) for v in ("满意", "基本满意", "不满意", "对答复表示满意")] == [
        Rating.SATISFIED, Rating.BASIC, Rating.UNSATISFIED, Rating.SATISFIED]
    assert kind_of("平时提案") is Kind.INTERIM and kind_of("大会提案") is Kind.SESSION
    assert kind_of("县教育局") is None
    assert names_in("县教育局、县财政局;县水利局\n县民政局") == ["县教育局", "县财政局", "县水利局",
                                                            "县民政局"]
