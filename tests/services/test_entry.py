"""录入: clerks type paper proposals in; each gets the next 收文号 of its meeting."""
from __future__ import annotations

from datetime import date, timedelta

from desktop.domain.enums import Kind, Origin, ProposerRole, State, UserRole
from desktop.domain.errors import InvalidInput, NotAllowed
from desktop.services import base_data, entry, review

from tests.office import Office
from .flows import (
    assert_state, filed, in_final_review, known, leaves_no_trace, person, refused,
    to_final_level,
)


def draft(office: Office, title: str, *proposers: entry.ProposerInput, **kw) -> entry.ProposalDraft:
    return entry.ProposalDraft(office.meeting.id, title, list(proposers),
                               received_on=date(2023, 1, 12), **kw)


def member(office: Office, name: str) -> entry.ProposerInput:
    return entry.ProposerInput(member_id=office.member(name).id)


def test_individual_proposals_are_numbered_0001_0002_in_their_meeting(desk):
    staff = person(desk, UserRole.STAFF, name="录入员")
    first = entry.register(desk.session, staff, draft(desk, "关于缓解城区停车难的建议",
                                                      member(desk, "张三")))
    second = entry.register(desk.session, staff, draft(desk, "关于加强农村饮水安全的建议",
                                                       member(desk, "李四"), kind=Kind.INTERIM))
    assert (first.serial, second.serial) == ("0001", "0002")
    assert (first.serial_seq, second.serial_seq) == (1, 2)
    assert first.origin is Origin.INDIVIDUAL and first.kind is Kind.SESSION
    assert second.kind is Kind.INTERIM
    assert [(p.name, p.role, p.position) for p in first.proposers] == [
        ("张三", ProposerRole.LEAD, 0)]
    assert first.registered_by == staff.user_id
    assert first.received_on == date(2023, 1, 12)
    assert first.number is None
    assert_state(desk, first, State.REGISTERED)

    next_term = base_data.add_term(desk.session, desk.admin, 11)
    later = base_data.add_meeting(desk.session, desk.admin, next_term.id, 1, date(2027, 1, 8))
    in_next_term = entry.register(desk.session, staff, entry.ProposalDraft(
        later.id, "关于发展油茶产业的建议", [member(desk, "张三")]))
    assert in_next_term.serial == "0001", "every meeting counts its own 收文号"
    assert entry.register(desk.session, staff, draft(desk, "关于第三件事的建议", member(
        desk, "王五"))).serial == "0003"


def test_joint_proposal_keeps_its_cosigners_in_order_with_the_lead_first(desk):
    proposal = desk.register("关于建设城乡公交一体化的建议", "王五", "张三", "李四")
    assert proposal.origin is Origin.JOINT
    assert [(p.position, p.name, p.role) for p in proposal.proposers] == [
        (0, "王五", ProposerRole.LEAD),
        (1, "张三", ProposerRole.COSIGNER),
        (2, "李四", ProposerRole.COSIGNER),
    ]
    assert all(p.member_id == desk.member(p.name).id for p in proposal.proposers)


def test_collective_proposal_is_led_by_an_organisation(desk):
    party = base_data.add_organisation(desk.session, desk.admin, "民盟县委" + desk.meeting.name)
    proposal = entry.register(desk.session, desk.admin, draft(
        desk, "关于推进职业教育产教融合的建议", entry.ProposerInput(organisation_id=party.id),
        member(desk, "张三")))
    assert proposal.origin is Origin.COLLECTIVE
    assert [(p.name, p.organisation_id, p.role) for p in proposal.proposers] == [
        (party.name, party.id, ProposerRole.LEAD), ("张三", None, ProposerRole.COSIGNER)]

    with refused(InvalidInput, "collective_needs_organisation"), leaves_no_trace(desk):
        entry.register(desk.session, desk.admin, draft(
            desk, "关于推进职业教育产教融合的建议", member(desk, "张三"),
            origin=Origin.COLLECTIVE))


def test_proposal_without_a_title_is_refused_and_takes_no_serial(desk):
    known(desk, "张三")
    with refused(InvalidInput, "field_required", field="title"), leaves_no_trace(desk):
        desk.register("   ", "张三")
    assert desk.register("关于规范校外培训机构的建议", "张三").serial == "0001"


def test_same_proposer_twice_is_refused_and_takes_no_serial(desk):
    known(desk, "张三", "李四")
    with refused(InvalidInput, "proposer_twice", name="张三"), leaves_no_trace(desk):
        desk.register("关于加快老旧小区改造的建议", "张三", "李四", "张三")
    assert desk.register("关于加快老旧小区改造的建议", "张三", "李四").serial == "0001"


def test_joint_proposal_with_a_single_proposer_is_refused(desk):
    known(desk, "张三", "李四")
    with refused(InvalidInput, "joint_needs_cosigners"), leaves_no_trace(desk):
        desk.register("关于发展社区养老服务的建议", "张三", origin=Origin.JOINT)
    with refused(InvalidInput, "individual_has_cosigners"), leaves_no_trace(desk):
        desk.register("关于发展社区养老服务的建议", "张三", "李四", origin=Origin.INDIVIDUAL)
    with refused(InvalidInput, "proposer_required"), leaves_no_trace(desk):
        entry.register(desk.session, desk.admin, draft(desk, "关于发展社区养老服务的建议"))


def test_clerk_corrects_a_proposal_until_it_is_decided(desk):
    proposal = desk.register("关于加强校园周边交通安全的建义", "张三", submit=False)
    entry.edit(desk.session, desk.admin, proposal.id, title="关于加强校园周边交通安全的建议")
    assert proposal.title == "关于加强校园周边交通安全的建议"

    entry.submit(desk.session, desk.admin, [proposal.id])
    reviewer = person(desk, UserRole.REVIEWER)
    entry.edit(desk.session, reviewer, proposal.id, body="建议在学校周边设置限速标志。",
               proposers=[member(desk, "张三"), member(desk, "李四")])
    assert proposal.origin is Origin.JOINT
    assert [p.name for p in proposal.proposers] == ["张三", "李四"]
    assert_state(desk, proposal, State.IN_REVIEW, level=1)

    to_final_level(desk, [proposal.id])
    review.file(desk.session, desk.admin, [proposal.id])
    with refused(NotAllowed, "state_not_allowed", action="edit", state="filed",
                 proposal="收文0001号"), leaves_no_trace(desk):
        entry.edit(desk.session, desk.admin, proposal.id, title="关于校园交通的建议")
    assert proposal.title == "关于加强校园周边交通安全的建议"


def test_decided_proposals_can_no_longer_be_corrected(desk):
    proposal = filed(desk, "关于整治餐饮油烟的建议")
    other = in_final_review(desk, "关于整治噪音扰民的建议")
    review.reject(desk.session, desk.admin, [other.id], "已在办理中")
    for done in (proposal, other):
        with refused(NotAllowed, "state_not_allowed", action="edit"), leaves_no_trace(desk):
            entry.edit(desk.session, desk.admin, done.id, body="补充")


def test_submitting_sends_a_typed_proposal_to_first_review(desk):
    typed = [desk.register(f"关于第{i}件事的建议", submit=False) for i in range(2)]
    for proposal in typed:
        assert_state(desk, proposal, State.REGISTERED)
    entry.submit(desk.session, desk.admin, [p.id for p in typed])
    for proposal in typed:
        assert_state(desk, proposal, State.IN_REVIEW, level=1)
    with refused(NotAllowed, "state_not_allowed", action="submit", state="in_review"), \
            leaves_no_trace(desk):
        entry.submit(desk.session, desk.admin, [typed[0].id])

    leader = person(desk, UserRole.LEADER)
    waiting = desk.register("关于第三件事的建议", submit=False)
    with refused(NotAllowed, "role_not_allowed", action="submit", role="leader"), \
            leaves_no_trace(desk):
        entry.submit(desk.session, leader, [waiting.id])


def test_clerk_corrects_the_date_a_proposal_was_received(desk):
    proposal = desk.register("关于收文日期录错的提案", submit=False)
    entry.edit(desk.session, desk.admin, proposal.id, received_on=date(2023, 1, 11))
    assert proposal.received_on == date(2023, 1, 11)
    with refused(InvalidInput, "date_in_future"), leaves_no_trace(desk):
        entry.edit(desk.session, desk.admin, proposal.id,
                   received_on=date.today() + timedelta(days=3))
    desk.session.refresh(proposal)
    assert proposal.received_on == date(2023, 1, 11)
