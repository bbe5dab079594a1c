"""审查立案: 初审 → 复审 → 终审, the decisions, merging, splitting, undoing, 提案号."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from desktop.domain.enums import Decision, Kind, Origin, State, UserRole
from desktop.domain.errors import InvalidInput, NotAllowed
from desktop.services import assignment, base_data, entry, numbering, review
from desktop.services.search import search_everything
from desktop.store.models import Proposal, Review

from tests.office import Office

from .flows import (
    ASSIGNED_ON, assert_state, assigned, filed, in_final_review, leaves_no_trace, person,
    refused, to_final_level,
)


def trail(desk: Office, proposal: Proposal) -> list[tuple]:
    """The review trail as the proposal's page shows it, oldest first."""
    rows = desk.session.scalars(select(Review).where(Review.proposal_id == proposal.id)
                                .order_by(Review.stamp))
    return [(r.level, r.decision, r.reason, r.revoked_at is not None) for r in rows]


def test_proposal_passes_three_levels_and_is_filed(desk):
    reviewer = person(desk, UserRole.REVIEWER, name="审查员")
    proposal = desk.register("关于优化营商环境的建议")
    assert_state(desk, proposal, State.IN_REVIEW, level=1)
    review.forward(desk.session, reviewer, [proposal.id], opinion="初审同意")
    assert_state(desk, proposal, State.IN_REVIEW, level=2)
    review.forward(desk.session, reviewer, [proposal.id], opinion="复审同意")
    assert_state(desk, proposal, State.IN_REVIEW, level=3)
    with refused(NotAllowed, "no_further_level", proposal="收文0001号"), leaves_no_trace(desk):
        review.forward(desk.session, reviewer, [proposal.id])

    review.file(desk.session, reviewer, [proposal.id], suggested_units="县发展和改革局")
    assert_state(desk, proposal, State.FILED)
    assert trail(desk, proposal) == [
        (1, Decision.FORWARD, "初审同意", False),
        (2, Decision.FORWARD, "复审同意", False),
        (3, Decision.FILED, None, False),
    ]
    decision = desk.session.scalars(select(Review).where(
        Review.proposal_id == proposal.id, Review.decision == Decision.FILED)).one()
    assert (decision.user_id, decision.suggested_units) == (reviewer.user_id, "县发展和改革局")


def test_filing_before_the_final_level_is_refused(desk):
    proposal = desk.register("关于发展全域旅游的建议")
    for level in (1, 2):
        with refused(NotAllowed, "decision_needs_final_level", level=level,
                     proposal="收文0001号"), leaves_no_trace(desk):
            review.file(desk.session, desk.admin, [proposal.id])
        with refused(NotAllowed, "decision_needs_final_level", level=level):
            review.reject(desk.session, desk.admin, [proposal.id], "不属于提案范围")
        review.forward(desk.session, desk.admin, [proposal.id])
    review.file(desk.session, desk.admin, [proposal.id])
    assert_state(desk, proposal, State.FILED)


def test_rejection_needs_the_reason_the_proposer_will_read(desk):
    proposal = in_final_review(desk, "关于提高本人待遇的建议")
    for blank in ("", "  "):
        with refused(InvalidInput, "field_required", field="reason"), leaves_no_trace(desk):
            review.reject(desk.session, desk.admin, [proposal.id], blank)
    review.reject(desk.session, desk.admin, [proposal.id], "属于个人诉求，不予立案")
    assert_state(desk, proposal, State.REJECTED)
    assert trail(desk, proposal)[-1] == (3, Decision.REJECTED, "属于个人诉求，不予立案", False)
    with refused(NotAllowed, "state_not_allowed", action="file", state="rejected"):
        review.file(desk.session, desk.admin, [proposal.id])


def test_proposal_referred_as_an_opinion_ends_its_review(desk):
    proposal = in_final_review(desk, "关于路灯维修的建议")
    with refused(InvalidInput, "field_required", field="reason"):
        review.refer(desk.session, desk.admin, [proposal.id], "")
    review.refer(desk.session, desk.admin, [proposal.id], "转县城管执法局参考")
    assert_state(desk, proposal, State.REFERRED)
    with refused(NotAllowed, "state_not_allowed", action="assign", state="referred"):
        assignment.assign(desk.session, desk.admin, proposal.id, lead=desk.unit("城管执法局").id,
                          assigned_on=ASSIGNED_ON)


def test_returned_proposal_is_registered_again_and_resubmitted_to_first_review(desk):
    proposal = desk.register("关于加强食品安全监管的建议")
    review.forward(desk.session, desk.admin, [proposal.id])
    with refused(InvalidInput, "field_required", field="reason"):
        review.return_for_revision(desk.session, desk.admin, [proposal.id], " ")
    review.return_for_revision(desk.session, desk.admin, [proposal.id], "请补充具体措施")
    assert_state(desk, proposal, State.REGISTERED)

    entry.edit(desk.session, desk.admin, proposal.id, body="建议建立食品安全追溯体系。")
    entry.submit(desk.session, desk.admin, [proposal.id])
    assert_state(desk, proposal, State.IN_REVIEW, level=1)
    assert [d for _, d, _, _ in trail(desk, proposal)] == [Decision.FORWARD, Decision.RETURNED]


def test_merged_proposals_join_the_main_one_and_their_proposers_become_cosigners(desk):
    main = desk.register("关于治理城区交通拥堵的建议", "张三")
    second = desk.register("关于缓解上下学时段交通拥堵的建议", "欧阳明")
    third = desk.register("关于增设公交线路的建议", "王五", "张三")
    to_final_level(desk, [main.id, second.id, third.id])

    with refused(InvalidInput, "merge_into_itself"), leaves_no_trace(desk):
        review.merge(desk.session, desk.admin, [second.id, main.id], main.id)
    review.merge(desk.session, desk.admin, [second.id, third.id], main.id, reason="内容相近")

    for merged in (second, third):
        assert_state(desk, merged, State.MERGED)
        assert merged.merged_into_id == main.id
        assert trail(desk, merged)[-1] == (3, Decision.MERGED, "内容相近", False)
    assert_state(desk, main, State.IN_REVIEW, level=3)
    assert [(p.name, p.role.value) for p in main.proposers] == [
        ("张三", "lead"), ("欧阳明", "cosigner"), ("王五", "cosigner")]
    assert main.origin is Origin.JOINT

    found = search_everything(desk.session, desk.admin, "欧阳明")
    assert main.id in {row.id for row in found.proposals}, "the main proposal names its new cosigner"

    review.file(desk.session, desk.admin, [main.id])
    assert_state(desk, main, State.FILED)


def test_merging_into_a_proposal_that_ended_is_refused(desk):
    ended = in_final_review(desk, "关于甲事项的建议")
    review.reject(desk.session, desk.admin, [ended.id], "不属于提案范围")
    other = in_final_review(desk, "关于甲事项的补充建议")
    with refused(NotAllowed, "merge_target_invalid", proposal="收文0001号"), \
            leaves_no_trace(desk):
        review.merge(desk.session, desk.admin, [other.id], ended.id)


def test_split_proposal_becomes_two_proposals_at_the_same_level(desk):
    desk.register("关于第一件事的建议")
    desk.register("关于第二件事的建议")
    original = in_final_review(desk, "关于教育和医疗两件事的建议", "张三", "李四")
    parts = [review.SplitPart("关于促进教育均衡发展的建议", body="教育部分"),
             review.SplitPart("关于提升基层医疗水平的建议", body="医疗部分")]

    with refused(InvalidInput, "split_needs_two_parts"), leaves_no_trace(desk):
        review.split(desk.session, desk.admin, original.id, parts[:1])
    children = review.split(desk.session, desk.admin, original.id, parts, reason="一案一议")

    assert_state(desk, original, State.SPLIT)
    assert [c.serial for c in children] == ["0003-1", "0003-2"]
    assert [c.title for c in children] == [p.title for p in parts]
    for child in children:
        assert child.split_from_id == original.id
        assert [p.name for p in child.proposers] == ["张三", "李四"]
        assert child.origin is Origin.JOINT
        assert_state(desk, child, State.IN_REVIEW, level=3)
    review.file(desk.session, desk.admin, [children[0].id])
    review.reject(desk.session, desk.admin, [children[1].id], "医疗部分已有同类提案")
    assert_state(desk, children[0], State.FILED)
    with refused(NotAllowed, "state_not_allowed", action="undo_review", state="split"):
        review.undo(desk.session, desk.admin, original.id, "拆错了")


def test_split_with_a_part_without_title_leaves_no_part_behind(desk):
    original = in_final_review(desk, "关于两件事的建议")
    with refused(InvalidInput, "field_required", field="title"), leaves_no_trace(desk):
        review.split(desk.session, desk.admin, original.id,
                     [review.SplitPart("关于第一件事的建议"), review.SplitPart("")])
    assert_state(desk, original, State.IN_REVIEW, level=3)


def test_proposer_withdraws_up_to_filing_but_not_after_assignment(desk):
    in_review = desk.register("关于甲的建议")
    filed_one = filed(desk, "关于乙的建议")
    handled, _ = assigned(desk, "关于丙的建议", lead="教育局")
    with refused(InvalidInput, "field_required", field="reason"):
        review.withdraw(desk.session, desk.admin, [in_review.id], "")
    review.withdraw(desk.session, desk.admin, [in_review.id, filed_one.id], "提案人书面申请撤回")
    assert_state(desk, in_review, State.WITHDRAWN)
    assert_state(desk, filed_one, State.WITHDRAWN)
    with refused(NotAllowed, "state_not_allowed", action="withdraw", state="assigned"), \
            leaves_no_trace(desk):
        review.withdraw(desk.session, desk.admin, [handled.id], "提案人书面申请撤回")


def test_reviewer_undoes_a_mistaken_rejection(desk):
    reviewer = person(desk, UserRole.REVIEWER)
    proposal = in_final_review(desk, "关于建设智慧社区的建议")
    review.reject(desk.session, reviewer, [proposal.id], "点错了")
    assert_state(desk, proposal, State.REJECTED)

    with refused(InvalidInput, "field_required", field="reason"), leaves_no_trace(desk):
        review.undo(desk.session, reviewer, proposal.id, "")
    review.undo(desk.session, reviewer, proposal.id, "误点不予立案")
    assert_state(desk, proposal, State.IN_REVIEW, level=3)
    rejection = desk.session.scalars(select(Review).where(
        Review.proposal_id == proposal.id, Review.decision == Decision.REJECTED)).one()
    assert rejection.revoked_at is not None
    assert (rejection.revoked_by, rejection.revoke_reason) == (reviewer.user_id, "误点不予立案")
    assert rejection.reason == "点错了", "the mistaken decision stays in the trail as it was"
    assert trail(desk, proposal)[-1] == (3, Decision.REJECTED, "点错了", True)

    review.file(desk.session, reviewer, [proposal.id])
    assert_state(desk, proposal, State.FILED)


def test_staff_cannot_undo_a_review_decision(desk):
    proposal = in_final_review(desk, "关于甲的建议")
    review.reject(desk.session, desk.admin, [proposal.id], "不属于提案范围")
    staff = person(desk, UserRole.STAFF)
    with refused(NotAllowed, "role_not_allowed", action="undo_review", role="staff"), \
            leaves_no_trace(desk):
        review.undo(desk.session, staff, proposal.id, "撤销")


def test_filing_cannot_be_undone_once_the_proposal_went_to_a_unit(desk):
    proposal, [lead] = assigned(desk, "关于加强河道治理的建议", lead="水利局")
    with refused(NotAllowed, "state_not_allowed", action="undo_review", state="assigned"), \
            leaves_no_trace(desk):
        review.undo(desk.session, desk.admin, proposal.id, "立错了")

    assignment.return_assignment(desk.session, desk.admin, lead.id, "不属于本单位职责",
                                 on=date(2023, 3, 3))
    assert_state(desk, proposal, State.FILED)
    with refused(NotAllowed, "undo_after_assignment", proposal="收文0001号"), \
            leaves_no_trace(desk):
        review.undo(desk.session, desk.admin, proposal.id, "立错了")


def test_filing_a_selection_is_all_or_nothing(desk):
    ready = [in_final_review(desk, f"关于第{i}件事的建议") for i in range(3)]
    behind = desk.register("关于还在初审的建议")
    selection = [ready[0].id, ready[1].id, behind.id, ready[2].id]
    with refused(NotAllowed, "decision_needs_final_level", proposal="收文0004号", level=1), \
            leaves_no_trace(desk):
        review.file(desk.session, desk.admin, selection)
    for proposal in ready:
        assert_state(desk, proposal, State.IN_REVIEW, level=3)
    assert_state(desk, behind, State.IN_REVIEW, level=1)

    review.file(desk.session, desk.admin, [p.id for p in ready])
    for proposal in ready:
        assert_state(desk, proposal, State.FILED)


def test_number_preview_shows_exactly_the_numbers_then_given(desk):
    proposals = [filed(desk, f"关于第{i}件事的建议") for i in range(3)]
    in_review = desk.register("关于还在审查的建议")
    ids = [proposals[2].id, proposals[0].id, proposals[1].id]  # as selected on screen

    preview = numbering.preview_numbers(desk.session, desk.admin, ids)
    assert preview == [(proposals[0].id, "第1号"), (proposals[1].id, "第2号"),
                       (proposals[2].id, "第3号")], "numbers follow the 收文号"
    assert numbering.give_numbers(desk.session, desk.admin, ids) == preview
    assert [p.number for p in proposals] == ["第1号", "第2号", "第3号"]
    assert [p.number_seq for p in proposals] == [1, 2, 3]
    assert numbering.preview_numbers(desk.session, desk.admin, ids) == []
    assert numbering.give_numbers(desk.session, desk.admin, ids) == [], "given once only"

    with refused(NotAllowed, "state_not_allowed", action="number", state="in_review"), \
            leaves_no_trace(desk):
        numbering.give_numbers(desk.session, desk.admin, [in_review.id])


def test_session_proposal_typed_first_gets_the_first_number(desk):
    session_one = in_final_review(desk, "关于大会期间提出的建议")
    interim_one = in_final_review(desk, "关于闭会期间提出的建议", kind=Kind.INTERIM)
    review.file(desk.session, desk.admin, [session_one.id, interim_one.id])
    numbering.give_numbers(desk.session, desk.admin, [session_one.id, interim_one.id])
    assert (session_one.serial, session_one.number) == ("0001", "第1号")
    assert (interim_one.serial, interim_one.number) == ("0002", "第2号")


def test_number_preview_promises_nothing_to_a_proposal_still_in_review(desk):
    ready = filed(desk, "关于甲的建议")
    waiting = desk.register("关于乙的建议")
    try:
        preview = numbering.preview_numbers(desk.session, desk.admin, [ready.id, waiting.id])
    except NotAllowed as error:
        assert error.code == "state_not_allowed"
    else:
        assert waiting.id not in dict(preview), f"preview promised {dict(preview)[waiting.id]}"


def test_numbers_are_never_given_twice_even_after_an_undone_filing(desk):
    first = filed(desk, "关于甲的建议")
    assert numbering.give_numbers(desk.session, desk.admin, [first.id]) == [(first.id, "第1号")]
    review.undo(desk.session, desk.admin, first.id, "立案有误")
    assert_state(desk, first, State.IN_REVIEW, level=3)

    second = filed(desk, "关于乙的建议")
    assert numbering.preview_numbers(desk.session, desk.admin, [second.id]) == [(second.id, "第2号")]
    assert numbering.give_numbers(desk.session, desk.admin, [second.id]) == [(second.id, "第2号")]


def test_numbers_in_the_year_pattern(office):
    base_data.update_settings(office.session, office.admin, number_pattern="{year}{n:04}")
    proposals = [filed(office, f"关于第{i}件事的建议") for i in range(2)]
    given = numbering.give_numbers(office.session, office.admin, [p.id for p in proposals])
    assert [n for _, n in given] == ["20230001", "20230002"]
    assert proposals[0].number == "20230001"

    with refused(InvalidInput, "number_pattern_without_n", pattern="{year}"), \
            leaves_no_trace(office):
        base_data.update_settings(office.session, office.admin, number_pattern="{year}")


def test_undoing_a_merge_gives_the_main_proposal_back_its_own_proposers(desk):
    main = desk.register("关于治理交通拥堵的建议", "张三")
    merged = desk.register("关于缓解交通拥堵的建议", "李四")
    to_final_level(desk, [main.id, merged.id])
    review.merge(desk.session, desk.admin, [merged.id], main.id)
    review.undo(desk.session, desk.admin, merged.id, "并案有误")

    assert_state(desk, merged, State.IN_REVIEW, level=3)
    assert merged.merged_into_id is None
    assert [p.name for p in main.proposers] == ["张三"], "李四 was only a cosigner by the merger"
    assert main.origin is Origin.INDIVIDUAL


def test_rejected_proposal_does_not_keep_the_number_of_an_undone_filing(desk):
    proposal = filed(desk, "关于甲的建议")
    numbering.give_numbers(desk.session, desk.admin, [proposal.id])
    review.undo(desk.session, desk.admin, proposal.id, "立案有误")
    review.reject(desk.session, desk.admin, [proposal.id], "不属于提案范围")
    assert_state(desk, proposal, State.REJECTED)
    assert proposal.number is None, "a 不予立案 proposal carries no 提案号"
