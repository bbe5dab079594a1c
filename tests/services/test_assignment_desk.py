"""What the 交办 desk reads: suggested units, units' load, a unit's 交办清单, requests waiting."""
from __future__ import annotations

from datetime import date

from desktop.domain.errors import NotAllowed
from desktop.services import assignment, review
from desktop.services.assignment_lists import assignment_list, pending_requests, units_of
from desktop.services.unit_choice import suggest_units, unit_loads

from .flows import ASSIGNED_ON, answer, assigned, filed, leaves_no_trace, refused


def names(suggestions) -> list[str]:
    return [s.name for s in suggestions]


def test_the_unit_that_answered_a_similar_proposal_is_suggested_first(desk):
    _, [lead] = assigned(desk, "关于整治城区占道经营秩序的建议", lead="城管执法局")
    answer(desk, lead)
    new = filed(desk, "关于进一步整治城区占道经营的建议")
    [first, *_] = suggest_units(desk.session, desk.admin, new.id)
    assert first.name == "县城市管理综合执法局"
    assert "办理过相似提案 1 件，如《关于整治城区占道经营秩序的建议》" in first.why


def test_units_named_at_filing_come_before_history(desk):
    _, [lead] = assigned(desk, "关于规范殡葬服务收费的建议", lead="民政局")
    new = desk.register("关于规范殡葬服务管理的建议")
    review.forward(desk.session, desk.admin, [new.id])
    review.forward(desk.session, desk.admin, [new.id])
    review.file(desk.session, desk.admin, [new.id], suggested_units="建议由市场监管局主办")
    suggested = suggest_units(desk.session, desk.admin, new.id)
    assert names(suggested)[:2] == ["县市场监督管理局", "县民政局"]
    assert suggested[0].why.startswith("立案时建议")


def test_a_unit_that_returned_the_proposal_is_not_suggested_for_it_again(desk):
    proposal, [wrong] = assigned(desk, "关于加强古树名木保护的建议", lead="教育局")
    assignment.return_assignment(desk.session, desk.admin, wrong.id, "不属于本单位职责",
                                 on=ASSIGNED_ON)
    new = filed(desk, "关于加强古树名木保护管理的建议")
    assert "县教育局" not in names(suggest_units(desk.session, desk.admin, new.id))


def test_the_load_counts_what_each_unit_has_in_hand_and_what_is_overdue(desk):
    before = {u.name: u for u in unit_loads(desk.session, desk.admin, today=date(2023, 7, 1))}
    _, [late] = assigned(desk, "关于甲的建议", lead="文旅广体局")  # due 2023-06-01
    _, [done] = assigned(desk, "关于乙的建议", lead="文旅广体局")
    answer(desk, done)
    assigned(desk, "关于丙的建议", lead="卫健局", assist=("文旅广体局",))
    after = {u.name: u for u in unit_loads(desk.session, desk.admin, today=date(2023, 7, 1))}
    tourism, health = after["县文化旅游广电体育局"], after["县卫生健康局"]
    assert tourism.in_hand - before["县文化旅游广电体育局"].in_hand == 2  # 甲 and the 协办 of 丙
    assert tourism.overdue - before["县文化旅游广电体育局"].overdue == 1  # 甲
    assert health.overdue - before["县卫生健康局"].overdue == 1


def test_a_selection_is_assigned_all_or_none(desk):
    first = filed(desk, "关于丁的建议")
    taken, _ = assigned(desk, "关于戊的建议", lead="教育局")
    with refused(NotAllowed, "already_assigned", proposal="收文0002号"), leaves_no_trace(desk):
        assignment.assign_all(desk.session, desk.admin, [first.id, taken.id],
                              lead=desk.unit("财政局").id, assigned_on=ASSIGNED_ON)
    rows = assignment.assign_all(desk.session, desk.admin, [first.id],
                                 lead=desk.unit("财政局").id, assist=[desk.unit("人社局").id],
                                 assigned_on=ASSIGNED_ON)
    assert [(u.unit, u.role) for u in units_of(desk.session, desk.admin, first.id)] == [
        ("县财政局", "主办"), ("县人力资源和社会保障局", "协办")]
    assert len(rows) == 2


def test_the_assignment_list_of_a_unit_is_by_number_with_each_part(desk):
    """Not yet numbered here, so the 收文号 stands in for the 提案号."""
    assigned(desk, "关于己的建议", separate=("教育局", "人社局"))
    assigned(desk, "关于庚的建议", lead="财政局", assist=("教育局",))
    assigned(desk, "关于辛的建议", lead="教育局")
    lines = assignment_list(desk.session, desk.admin, desk.meeting.id, desk.unit("教育局").id)
    assert [(line.number, line.title, line.role) for line in lines] == [
        ("收文0001号", "关于己的建议", "分办"), ("收文0002号", "关于庚的建议", "协办"),
        ("收文0003号", "关于辛的建议", "主办")]
    assert lines[0].proposers == "张三"
    assert (lines[0].assigned_on, lines[0].due_on) == (ASSIGNED_ON, date(2023, 6, 1))


def test_returns_and_adjustment_requests_wait_until_the_office_acts(desk):
    returned, [wrong] = assigned(desk, "关于壬的建议", lead="民政局")
    _, [asking] = assigned(desk, "关于癸的建议", lead="教育局")
    assignment.return_assignment(desk.session, desk.admin, wrong.id, "不属于本单位职责",
                                 on=date(2023, 3, 2))
    assignment.request_adjustment(desk.session, desk.admin, asking.id, "应由人社局主办",
                                  on=date(2023, 3, 3))
    waiting = pending_requests(desk.session, desk.admin, desk.meeting.id)
    assert [(r.kind, r.unit, r.on, r.reason) for r in waiting] == [
        ("退回", "县民政局", date(2023, 3, 2), "不属于本单位职责"),
        ("申请调整", "县教育局", date(2023, 3, 3), "应由人社局主办")]

    assignment.assign(desk.session, desk.admin, returned.id, lead=desk.unit("住建局").id,
                      assigned_on=date(2023, 3, 4))
    assignment.decide_adjustment(desk.session, desk.admin, asking.id, False, "仍由教育局主办",
                                 on=date(2023, 3, 5))
    assert pending_requests(desk.session, desk.admin, desk.meeting.id) == []
