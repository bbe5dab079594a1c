"""办理跟踪: one row per assignment, unit mode, statuses and filters, the timeline."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from desktop.domain.actor import Actor
from desktop.domain.enums import (
    AssignmentRole, ContactForm, EvaluationMethod, HandlingStatus, Rating, ReplyCategory, UserRole,
)
from desktop.domain.errors import NotAllowed
from desktop.domain.permissions import Action
from desktop.local.paths import base_data_dir
from desktop.services import assignment, demo, handling, setup, supervision, timeline, tracking
from desktop.services.tracking import TrackingFilter
from desktop.store.database import open_database

from .flows import ASSIGNED_ON, answer, assigned, leaves_no_trace, person, refused

TODAY = date(2023, 12, 31)


def listed(desk, actor: Actor | None = None, **filters) -> list[tracking.TrackingRow]:
    where = TrackingFilter(today=TODAY, meeting_id=desk.meeting.id, **filters)
    actor = actor or desk.admin
    rows = tracking.page(desk.session, actor, where, limit=1000)
    assert tracking.count(desk.session, actor, where) == len(rows)
    return rows


def test_separate_handling_gives_one_row_per_unit(desk):
    proposal, rows = assigned(desk, "关于加强农村饮水安全的建议", separate=("住建局", "卫健局", "民政局"))
    mine = [r for r in listed(desk) if r.proposal_id == proposal.id]
    assert sorted(r.unit for r in mine) == sorted(r.unit.name for r in rows)
    assert {r.role for r in mine} == {AssignmentRole.SEPARATE}
    assert {r.status for r in mine} == {HandlingStatus.TO_ACCEPT}

    answer(desk, rows[0])  # one unit has answered, the other two still owe their replies
    by_unit = {r.unit: r.status for r in listed(desk) if r.proposal_id == proposal.id}
    assert sorted(by_unit.values()) == [HandlingStatus.TO_ACCEPT, HandlingStatus.TO_ACCEPT,
                                        HandlingStatus.TO_EVALUATE]
    owing = {r.unit for r in listed(desk, unanswered=True) if r.proposal_id == proposal.id}
    assert owing == {r.unit.name for r in rows[1:]}


def test_unit_mode_sees_only_its_own_rows_whatever_it_asks(desk):
    assigned(desk, "关于规范校外培训机构的建议", lead="教育局", assist=("市场监管局",))
    assigned(desk, "关于改善城区交通秩序的建议", lead="城管执法局")
    education = desk.unit("教育局")
    clerk = person(desk, UserRole.UNIT, unit_id=education.id)
    seen = listed(desk, clerk)
    assert seen and {r.unit for r in seen} == {education.name}
    other = desk.unit("城管执法局")
    assert listed(desk, clerk, unit_id=other.id) == listed(desk, clerk)
    office_sees = {r.unit for r in listed(desk)}
    assert {education.name, other.name, desk.unit("市场监管局").name} <= office_sees


def test_unit_mode_cannot_act_on_another_units_assignment(desk):
    _, [row] = assigned(desk, "关于建设社区养老服务中心的建议", lead="民政局")
    clerk = person(desk, UserRole.UNIT, unit_id=desk.unit("教育局").id)
    with refused(NotAllowed, "other_unit", unit=row.unit.name):
        tracking.handling_of(desk.session, clerk, row.id)
    with refused(NotAllowed, "other_unit", unit=row.unit.name), leaves_no_trace(desk):
        assignment.accept(desk.session, clerk, row.id, on=ASSIGNED_ON)


def test_buttons_follow_the_assignment_through_its_year(desk):
    _, [lead, helper] = assigned(desk, "关于完善乡村道路养护机制的建议", lead="住建局",
                                 assist=("财政局",))

    def open_on(row) -> frozenset[Action]:
        return tracking.handling_of(desk.session, desk.admin, row.id).actions

    assert Action.ACCEPT in open_on(lead) and Action.REPLY not in open_on(lead)
    assignment.accept(desk.session, desk.admin, lead.id, on=ASSIGNED_ON)
    assignment.accept(desk.session, desk.admin, helper.id, on=ASSIGNED_ON)
    assert {Action.REPLY, Action.RECORD_CONTACT, Action.EXTEND} <= open_on(lead)
    assert Action.ACCEPT not in open_on(lead) and Action.EVALUATE not in open_on(lead)
    assert Action.ASSIST_OPINION in open_on(helper) and Action.REPLY not in open_on(helper)
    handling.reply(desk.session, desk.admin, lead.id, handling.ReplyInput(
        ReplyCategory.B, ASSIGNED_ON + timedelta(30), signer="局长"))
    assert {Action.EVALUATE, Action.FOLLOW_UP, Action.REHANDLE} <= open_on(lead)
    assert Action.REPLY not in open_on(lead) and Action.EXTEND not in open_on(lead)


def test_assist_opinion_goes_to_the_lead_and_shows_in_the_timeline(desk):
    proposal, [lead, helper] = assigned(desk, "关于推进垃圾分类的建议", lead="城管执法局",
                                        assist=("财政局",))
    with refused(NotAllowed, "not_accepted"), leaves_no_trace(desk):
        handling.send_opinion(desk.session, desk.admin, helper.id, ASSIGNED_ON, "同意")
    assignment.accept(desk.session, desk.admin, helper.id, on=ASSIGNED_ON + timedelta(1))
    assignment.accept(desk.session, desk.admin, lead.id, on=ASSIGNED_ON + timedelta(1))
    with refused(NotAllowed, "opinion_from_assist_only"), leaves_no_trace(desk):
        handling.send_opinion(desk.session, desk.admin, lead.id, ASSIGNED_ON, "意见")
    handling.send_opinion(desk.session, desk.admin, helper.id, ASSIGNED_ON + timedelta(9),
                          "财政局将在明年预算中安排分类设施资金。")
    entries = timeline.timeline(desk.session, desk.admin, proposal.id)
    [opinion] = [e for e in entries if e.what == "协办意见"]
    assert (opinion.on, opinion.unit) == (ASSIGNED_ON + timedelta(9), helper.unit.name)
    assert "明年预算" in opinion.detail


def test_timeline_tells_the_year_of_a_proposal_in_order_with_who(desk):
    """Everything on one day (today), so the order is the order the records were written in."""
    today = date.today()
    proposal, [row] = assigned(desk, "关于加快老旧小区改造的建议", lead="住建局", on=today)
    s = desk.session
    assignment.accept(s, desk.admin, row.id, on=today, by="李经办")
    handling.record_contact(s, desk.admin, row.id, ContactForm.FACE, today,
                            members="张委员", unit_people="王局长")
    first_due = row.due_on
    assignment.extend(s, desk.admin, row.id, first_due + timedelta(20), "需要实地调研")
    handling.reply(s, desk.admin, row.id, handling.ReplyInput(ReplyCategory.B, today,
                                                               signer="王局长"))
    handling.evaluate(s, desk.admin, row.id, Rating.SATISFIED, Rating.UNSATISFIED,
                      EvaluationMethod.PHONE, today)
    handling.reply(s, desk.admin, row.id, handling.ReplyInput(ReplyCategory.A, today,
                                                               signer="王局长"))
    handling.evaluate(s, desk.admin, row.id, Rating.SATISFIED, Rating.SATISFIED,
                      EvaluationMethod.PAPER, today)
    supervision.supervise(s, desk.admin, proposal.id, "刘明", "副县长", today)

    entries = timeline.timeline(s, desk.admin, proposal.id)
    whats = [e.what for e in entries]
    assert whats == ["录入", "提交审查", "初审·送下一级审查", "复审·送下一级审查", "终审·立案",
                     "交办", "签收", "面商", "延期", "答复", "评价", "二次办理", "答复", "评价",
                     "领衔督办"]
    accepted = entries[whats.index("签收")]
    assert (accepted.by, accepted.unit) == ("李经办", row.unit.name)
    [extended] = [e for e in entries if e.what == "延期"]
    assert extended.by == desk.admin.username
    later = first_due + timedelta(20)
    assert f"{later.year}年{later.month}月{later.day}日" in extended.detail
    replies = [e for e in entries if e.what == "答复"]
    assert "B类" in replies[0].detail and "签发人：王局长" in replies[0].detail
    assert "第2轮" in replies[1].detail and "A类" in replies[1].detail
    ratings = [e for e in entries if e.what == "评价"]
    assert "办理结果不满意（电话）" in ratings[0].detail
    assert "第2轮" in ratings[1].detail and "办理结果满意" in ratings[1].detail


def test_the_unit_reads_only_its_own_handling_in_the_timeline(desk):
    proposal, rows = assigned(desk, "关于发展特色农业的建议", separate=("农业农村局", "财政局"))
    for row in rows:
        assignment.accept(desk.session, desk.admin, row.id, on=ASSIGNED_ON)
    clerk = person(desk, UserRole.UNIT, unit_id=rows[0].unit_id)
    units = {e.unit for e in timeline.timeline(desk.session, clerk, proposal.id) if e.unit}
    assert units == {rows[0].unit.name}
    assert {e.unit for e in timeline.timeline(desk.session, desk.admin, proposal.id) if e.unit} == {
        r.unit.name for r in rows}


@pytest.fixture(scope="module")
def demo_year(tmp_path_factory):
    """A demo office of 400 proposals: every status of an assignment occurs in it."""
    db = open_database(tmp_path_factory.mktemp("tracking") / "office.db", create=True)
    session = db.session()
    setup.initialize(session, "政协示范县委员会", "admin123", base_dir=base_data_dir())
    demo.generate(session, Actor.system("演示数据"), 400, seed=3, today=date(2026, 11, 23))
    admin, today = Actor.system(), date(2026, 11, 23)
    # the two statuses a demo year rarely leaves standing: 二次办理 under way, a unit changed
    [waiting] = tracking.page(session, admin, TrackingFilter(
        today=today, status=HandlingStatus.TO_EVALUATE), limit=1)
    handling.evaluate(session, admin, waiting.id, Rating.BASIC, Rating.UNSATISFIED,
                      EvaluationMethod.PAPER, today)
    [fresh] = tracking.page(session, admin, TrackingFilter(
        today=today, status=HandlingStatus.TO_ACCEPT), limit=1)
    asked = fresh.assigned_on + timedelta(1)
    assignment.request_adjustment(session, admin, fresh.id, "不属于本单位职责", on=asked)
    assignment.decide_adjustment(session, admin, fresh.id, True, "同意调整", on=asked)
    yield session
    session.close()
    db.close()


def test_each_status_filter_finds_exactly_the_rows_of_that_status(demo_year):
    admin = Actor.system()
    today = date(2026, 11, 23)
    everything = {}
    for status in HandlingStatus:
        where = TrackingFilter(today=today, status=status)
        rows = tracking.page(demo_year, admin, where, limit=100_000)
        assert tracking.count(demo_year, admin, where) == len(rows)
        assert {r.status for r in rows} <= {status}, status
        everything.update({r.id: r for r in rows})
    assert {r.status for r in everything.values()} == set(HandlingStatus)
    live = tracking.page(demo_year, admin, TrackingFilter(today=today), limit=100_000)
    assert {r.id for r in live} == {i for i, r in everything.items()
                                    if r.status not in (HandlingStatus.RETURNED,
                                                        HandlingStatus.ADJUSTED)}
    overdue = tracking.page(demo_year, admin, TrackingFilter(today=today, overdue=True),
                            limit=100_000)
    assert overdue and {r.id for r in overdue} == {
        r.id for r in live if r.snapshot.overdue(today)}
    assert all(r.snapshot.days_left(today) < 0 for r in overdue)


def test_sorting_by_deadline_pages_without_gaps_or_repeats(demo_year):
    admin = Actor.system()
    where = TrackingFilter(today=date(2026, 11, 23))
    whole = [r.id for r in tracking.page(demo_year, admin, where, limit=100_000)]
    paged = []
    for offset in range(0, len(whole), 37):
        paged += [r.id for r in tracking.page(demo_year, admin, where, offset=offset, limit=37)]
    assert paged == whole
    rows = tracking.page(demo_year, admin, where, order="due_on", limit=100_000)
    assert [r.snapshot.due_on for r in rows] == sorted(r.snapshot.due_on for r in rows)
