"""重点提案 and 领衔督办: the supervision list and how the office finds a proposal for it."""
from __future__ import annotations

from datetime import date, timedelta

from desktop.domain.enums import State
from desktop.domain.errors import InvalidInput
from desktop.services import numbering, supervision

from .flows import ASSIGNED_ON, answer, assigned, filed, leaves_no_trace, refused

TODAY = date(2023, 7, 1)  # after the three months of handling


def test_the_supervision_list_shows_leaders_and_the_units_progress(desk):
    roads, [lead, helper] = assigned(desk, "关于完善乡村道路养护机制的建议", lead="住建局",
                                     assist=("财政局",))
    water, units = assigned(desk, "关于加强农村饮水安全的建议", separate=("住建局", "卫健局"))
    assigned(desk, "关于规范校外培训机构的建议", lead="教育局")  # not key: not listed
    supervision.supervise(desk.session, desk.admin, roads.id, "刘明", "副县长", ASSIGNED_ON)
    supervision.supervise(desk.session, desk.admin, roads.id, "陈红", "县政协副主席", ASSIGNED_ON)
    supervision.mark_key(desk.session, desk.admin, water.id)
    answer(desk, units[0], on=ASSIGNED_ON + timedelta(30))

    listed = {k.title: k for k in supervision.key_proposals(desk.session, desk.admin, desk.meeting.id, TODAY)}
    assert set(listed) == {"关于完善乡村道路养护机制的建议", "关于加强农村饮水安全的建议"}
    roads_row = listed["关于完善乡村道路养护机制的建议"]
    assert roads_row.leaders == "副县长刘明、县政协副主席陈红"
    assert roads_row.units == f"{lead.unit.name}、（{helper.unit.name}）"
    assert (roads_row.replied, roads_row.replies_due, roads_row.overdue) == (0, 1, 1)
    assert roads_row.next_due_on == lead.due_on
    water_row = listed["关于加强农村饮水安全的建议"]
    assert (water_row.leaders, water_row.replied, water_row.replies_due) == ("", 1, 2)
    assert water_row.categories == "A" and water_row.status is State.HANDLING

    supervision.mark_key(desk.session, desk.admin, water.id, False)
    assert [k.title for k in supervision.key_proposals(desk.session, desk.admin, desk.meeting.id, TODAY)] \
        == ["关于完善乡村道路养护机制的建议"]


def test_a_leader_needs_a_name(desk):
    proposal = filed(desk, "关于发展特色农业的建议")
    with refused(InvalidInput, "field_required", field="leader"), leaves_no_trace(desk):
        supervision.supervise(desk.session, desk.admin, proposal.id, "  ", "副县长")


def test_the_office_finds_a_filed_proposal_by_its_number_or_its_words(desk):
    first = filed(desk, "关于加快老旧小区改造的建议")
    second = filed(desk, "关于推进垃圾分类的建议")
    desk.register("关于改造城区老旧管网的建议")  # not filed: never offered
    if second.number_seq is None:
        numbering.give_numbers(desk.session, desk.admin, [first.id, second.id])
    desk.session.refresh(second)
    found = supervision.candidates(desk.session, desk.admin, desk.meeting.id, str(second.number_seq))
    assert [r.id for r in found] == [second.id]
    assert [r.id for r in supervision.candidates(desk.session, desk.admin, desk.meeting.id,
                                                 f"第{second.number_seq}号")] == [second.id]
    assert [r.id for r in supervision.candidates(desk.session, desk.admin, desk.meeting.id, "老旧")] \
        == [first.id]
    assert supervision.candidates(desk.session, desk.admin, desk.meeting.id, " ") == []
