"""The proposal list: a page of ids sorted and filtered in SQL, then its rows in a few queries."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import event

from desktop.domain.enums import State
from desktop.services import assignment, numbering, review
from desktop.store.proposal_rows import page_ids, proposal_rows


@pytest.fixture(scope="module")
def listing(shared_office):
    """Five proposals of 十届二次会议: numbers given out of serial order, two left unnumbered.

    收文1 甲 → 第2号, 分办 to 发改局 and 公安局
    收文2 乙 → 第3号, filed, not yet assigned (joint: 李四 leads, 王五 co-signs)
    收文3 丙 → 第1号, 主办 教育局 with 协办 人社局 and 财政局
    收文4 丁 → still in review
    收文5 戊 → 不予立案
    """
    office = shared_office
    session, admin = office.session, office.admin
    ids = {}
    for key, title, names in (("甲", "关于甲的提案", ["张三"]),
                              ("乙", "关于乙的提案", ["李四", "王五"]),
                              ("丙", "关于丙的提案", ["王五"]),
                              ("丁", "关于丁的提案", ["赵六"]),
                              ("戊", "关于戊的提案", ["张三"])):
        ids[key] = office.register(title, *names).id
    decided = [ids[k] for k in "甲乙丙戊"]
    review.forward(session, admin, decided)
    review.forward(session, admin, decided)
    review.file(session, admin, [ids[k] for k in "甲乙丙"])
    review.reject(session, admin, [ids["戊"]], "不属于政协提案范围")
    numbering.give_numbers(session, admin, [ids["丙"]])
    numbering.give_numbers(session, admin, [ids["甲"], ids["乙"]])
    unit = lambda name: office.unit(name).id  # noqa: E731
    on = date(2023, 3, 1)
    assignment.assign(session, admin, ids["丙"], lead=unit("教育局"),
                      assist=[unit("人社局"), unit("财政局")], assigned_on=on)
    assignment.assign(session, admin, ids["甲"], separate=[unit("发改局"), unit("公安局")],
                      assigned_on=on)
    return office, ids


def keys(listing, got: list[str]) -> str:
    _, ids = listing
    names = {v: k for k, v in ids.items()}
    return "".join(names[i] for i in got)


def page(listing, **kw) -> str:
    office, _ = listing
    return keys(listing, page_ids(office.session, office.meeting.id, **kw))


def test_sorted_by_number_with_the_unnumbered_after(listing):
    assert page(listing) == "丙甲乙丁戊"


def test_sorted_by_number_descending_is_the_same_list_backwards(listing):
    assert page(listing, descending=True) == "丙甲乙丁戊"[::-1]


def test_sorted_by_serial(listing):
    assert page(listing, order="serial") == "甲乙丙丁戊"
    assert page(listing, order="serial", descending=True) == "戊丁丙乙甲"


def test_pages_follow_one_another(listing):
    assert page(listing, limit=2) == "丙甲"
    assert page(listing, limit=2, offset=2) == "乙丁"
    assert page(listing, limit=2, offset=4) == "戊"
    assert page(listing, limit=2, offset=6) == ""


@pytest.mark.parametrize("size", [1, 2, 3, 4])
@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("order", ["number", "serial", "title"])
def test_pages_put_together_give_the_whole_list(listing, size, descending, order):
    whole = page(listing, order=order, descending=descending)
    pages = "".join(page(listing, order=order, descending=descending, offset=start, limit=size)
                    for start in range(0, 5, size))
    assert pages == whole
    assert sorted(whole) == sorted("甲乙丙丁戊")


def test_filtered_by_status(listing):
    assert page(listing, statuses=[State.IN_REVIEW]) == "丁"
    assert page(listing, statuses=[State.REJECTED]) == "戊"
    assert page(listing, statuses=[State.FILED, State.ASSIGNED]) == "丙甲乙"
    assert page(listing, statuses=[State.CLOSED]) == ""


def test_another_meeting_lists_nothing(listing):
    office, _ = listing
    assert page_ids(office.session, "no-such-meeting") == []


def test_rows_carry_number_lead_proposer_and_units(listing):
    office, ids = listing
    order = page_ids(office.session, office.meeting.id)
    rows = proposal_rows(office.session, order)
    assert [r.id for r in rows] == order
    by_key = {keys(listing, [r.id]): r for r in rows}

    first = by_key["丙"]
    assert (first.number, first.title, first.lead, first.meeting) == (
        "第1号", "关于丙的提案", "王五", "十届二次会议")
    assert first.status is State.ASSIGNED
    lead, *assists = first.units.split("、")
    assert lead == "教育局"
    assert sorted(assists) == sorted(["（人社局）", "（财政局）"])

    assert by_key["甲"].number == "第2号"
    assert sorted(by_key["甲"].units.split("、")) == sorted(["发改局", "公安局"])
    assert (by_key["乙"].number, by_key["乙"].lead, by_key["乙"].units) == ("第3号", "李四", "")
    assert by_key["丁"].number is None and by_key["丁"].status is State.IN_REVIEW
    assert by_key["戊"].status is State.REJECTED


def test_rows_of_a_page_take_a_few_queries_whatever_its_size(listing):
    office, _ = listing
    order = page_ids(office.session, office.meeting.id)
    statements = []
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    engine = office.db.engine
    event.listen(engine, "before_cursor_execute", listener)
    try:
        proposal_rows(office.session, order)
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) <= 3
