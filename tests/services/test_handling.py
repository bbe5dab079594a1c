"""交办 and 办理: units, deadlines, returns and adjustments, replies, ratings, 二次办理."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from desktop.domain.enums import (
    AdjustmentDecision, AssignmentEnd, AssignmentRole, Disclosure, EvaluationMethod, FollowUpKind,
    Rating, ReplyCategory, State, UnitSystem,
)
from desktop.domain.errors import InvalidInput, NotAllowed
from desktop.services import assignment, base_data, handling
from desktop.services.statistics import statistics
from desktop.store import proposal_rows
from desktop.store.facts import progress_of
from desktop.store.models import Assignment, Attachment, Evaluation, FollowUp, Reply

from tests.office import Office

from .flows import (
    ASSIGNED_ON, answer, assert_state, assigned, filed, leaves_no_trace, refused, unique,
)

TODAY = date(2023, 12, 31)


def figures(desk: Office) -> dict:
    return statistics(desk.session, desk.meeting.id, today=TODAY)


def rate(desk: Office, row: Assignment, result: Rating, on: date) -> Evaluation:
    return handling.evaluate(desk.session, desk.admin, row.id, Rating.SATISFIED, result,
                             EvaluationMethod.PAPER, on)


def test_lead_and_assisting_units_have_three_months(desk):
    proposal, rows = assigned(desk, "关于改善农村学校办学条件的建议", lead="教育局",
                              assist=("财政局", "人社局"))
    lead, *assists = rows
    assert [(r.unit.short_name, r.role) for r in rows] == [
        ("教育局", AssignmentRole.LEAD), ("财政局", AssignmentRole.ASSIST),
        ("人社局", AssignmentRole.ASSIST)]
    for row in rows:
        assert (row.assigned_on, row.first_due_on, row.due_on) == (
            ASSIGNED_ON, date(2023, 6, 1), date(2023, 6, 1))
        assert row.assigned_by == desk.admin.user_id
    assert_state(desk, proposal, State.ASSIGNED)
    assert progress_of(desk.session, proposal).waiting == (lead.id,)
    [listed] = proposal_rows.proposal_rows(desk.session, [proposal.id])
    lead_unit, *assisting = listed.units.split("、")
    assert (lead_unit, sorted(assisting)) == ("教育局", sorted(["（财政局）", "（人社局）"]))
    assert (figures(desk)["replies_due"], figures(desk)["assist"]) == (1, 2)

    with refused(NotAllowed, "already_assigned"), leaves_no_trace(desk):
        assignment.assign(desk.session, desk.admin, proposal.id, lead=desk.unit("民政局").id,
                          assigned_on=ASSIGNED_ON)
    with refused(InvalidInput, "unit_already_assigned", unit="县财政局"), leaves_no_trace(desk):
        assignment.assign(desk.session, desk.admin, proposal.id, assist=[desk.unit("财政局").id],
                          assigned_on=ASSIGNED_ON)
    [late] = assignment.assign(desk.session, desk.admin, proposal.id,
                               assist=[desk.unit("民政局").id], assigned_on=date(2023, 3, 10))
    assert (late.role, late.due_on) == (AssignmentRole.ASSIST, date(2023, 6, 10))


def test_deadline_falls_on_the_month_end_when_the_day_does_not_exist(desk):
    for assigned_on, due_on in [(date(2023, 3, 31), date(2023, 6, 30)),
                                (date(2023, 11, 30), date(2024, 2, 29)),
                                (date(2023, 8, 31), date(2023, 11, 30))]:
        _, [row] = assigned(desk, f"关于{assigned_on}交办的建议", lead="教育局", on=assigned_on)
        assert row.due_on == due_on


def test_assignment_cannot_be_dated_before_the_proposal_was_received(desk):
    proposal = filed(desk, "关于甲的建议")
    with refused(InvalidInput, "date_too_early", field="assigned_on", day="2023-01-11",
                 earliest="2023-01-12"), leaves_no_trace(desk):
        assignment.assign(desk.session, desk.admin, proposal.id, lead=desk.unit("教育局").id,
                          assigned_on=date(2023, 1, 11))


def test_separate_units_each_owe_their_own_reply(desk):
    proposal, [edu, hr] = assigned(desk, "关于促进高校毕业生就业的建议",
                                   separate=("教育局", "人社局"))
    assert [r.role for r in (edu, hr)] == [AssignmentRole.SEPARATE] * 2
    assert_state(desk, proposal, State.ASSIGNED)
    assert figures(desk)["replies_due"] == 2

    for row in (edu, hr):
        assignment.accept(desk.session, desk.admin, row.id, on=date(2023, 3, 3))
    assert_state(desk, proposal, State.HANDLING)
    answer(desk, edu, ReplyCategory.A, on=date(2023, 4, 10))
    assert_state(desk, proposal, State.HANDLING)
    assert progress_of(desk.session, proposal).waiting == (hr.id,)
    assert figures(desk)["replied"] == 1
    with refused(NotAllowed, "already_replied", unit="县教育局"), leaves_no_trace(desk):
        answer(desk, edu, ReplyCategory.A, on=date(2023, 4, 11))

    answer(desk, hr, ReplyCategory.B, on=date(2023, 4, 20))
    assert_state(desk, proposal, State.REPLIED)
    counted = figures(desk)
    assert (counted["replies_due"], counted["replied"], counted["proposals_handled"]) == (2, 2, 1)
    assert counted["categories"]["A"] == {"count": 1, "percent": 50.0}
    with refused(NotAllowed, "state_not_allowed", action="reply", state="replied"):
        answer(desk, edu, ReplyCategory.A, on=date(2023, 4, 21))


def test_assisting_unit_cannot_reply(desk):
    proposal, [lead, assist] = assigned(desk, "关于甲的建议", lead="教育局", assist=("财政局",))
    assignment.accept(desk.session, desk.admin, assist.id, on=date(2023, 3, 2))
    with refused(NotAllowed, "assist_cannot_reply", unit="县财政局"), leaves_no_trace(desk):
        handling.reply(desk.session, desk.admin, assist.id,
                       handling.ReplyInput(ReplyCategory.A, date(2023, 4, 1)))
    assert_state(desk, proposal, State.ASSIGNED)  # an assisting unit signing starts nothing


def test_reply_before_signing_for_the_proposal_is_refused(desk):
    proposal, [lead] = assigned(desk, "关于甲的建议", lead="教育局")
    with refused(NotAllowed, "not_accepted", unit="县教育局", proposal="收文0001号"), \
            leaves_no_trace(desk):
        handling.reply(desk.session, desk.admin, lead.id,
                       handling.ReplyInput(ReplyCategory.A, date(2023, 4, 1)))
    assert_state(desk, proposal, State.ASSIGNED)


def test_reply_dated_before_the_assignment_is_refused(desk):
    proposal, [lead] = assigned(desk, "关于甲的建议", lead="教育局")
    assignment.accept(desk.session, desk.admin, lead.id, on=date(2023, 3, 2))
    with refused(InvalidInput, "date_too_early", field="replied_on", day="2023-02-28",
                 earliest="2023-03-01"), leaves_no_trace(desk):
        handling.reply(desk.session, desk.admin, lead.id,
                       handling.ReplyInput(ReplyCategory.A, date(2023, 2, 28)))
    with refused(InvalidInput, "reply_category_required"):
        handling.reply(desk.session, desk.admin, lead.id, handling.ReplyInput(None, ASSIGNED_ON))
    assert_state(desk, proposal, State.HANDLING)


def test_reply_with_its_signed_letter_and_disclosure(desk, tmp_path):
    proposal, [lead] = assigned(desk, "关于完善城区排水设施的建议", lead="住建局")
    assignment.accept(desk.session, desk.admin, lead.id, on=date(2023, 3, 2))
    letter = tmp_path / "答复函.pdf"
    letter.write_bytes(b"%PDF-1.4 signed reply letter")
    with refused(InvalidInput, "field_required", field="disclosure_reason"), \
            leaves_no_trace(desk):
        handling.reply(desk.session, desk.admin, lead.id, handling.ReplyInput(
            ReplyCategory.B, date(2023, 5, 8), disclosure=Disclosure.NOT_PUBLIC))

    kept = handling.reply(desk.session, desk.admin, lead.id, handling.ReplyInput(
        ReplyCategory.B, date(2023, 5, 8), signer="王局长", disclosure=Disclosure.NOT_PUBLIC,
        disclosure_reason="涉及在建工程招标", contact_person="李工", contact_phone="0871-1234567",
        letter=letter), store_dir=desk.db.attachments_dir)
    assert (kept.round, kept.category, kept.signer, kept.disclosure_reason) == (
        1, ReplyCategory.B, "王局长", "涉及在建工程招标")
    assert kept.letter_name == "答复函.pdf"
    stored = desk.db.attachments_dir / kept.letter_sha256[:2] / kept.letter_sha256
    assert stored.read_bytes() == letter.read_bytes()
    [attached] = desk.session.scalars(select(Attachment).where(Attachment.reply_id == kept.id))
    assert (attached.filename, attached.size, attached.sha256) == (
        "答复函.pdf", len(letter.read_bytes()), kept.letter_sha256)
    assert_state(desk, proposal, State.REPLIED)


def test_unit_merged_away_takes_no_new_proposals(desk):
    old = base_data.add_unit(desk.session, desk.admin, unique("县旅游局"), UnitSystem.GOVERNMENT,
                             short_name=unique("旅游局"))
    base_data.merge_unit(desk.session, desk.admin, old.id, desk.unit("文旅广体局").id)
    proposal = filed(desk, "关于发展乡村旅游的建议")
    with refused(NotAllowed, "unit_inactive", unit=old.name), leaves_no_trace(desk):
        assignment.assign(desk.session, desk.admin, proposal.id, lead=old.id,
                          assigned_on=ASSIGNED_ON)
    assert_state(desk, proposal, State.FILED)


def test_unit_returns_a_proposal_in_time_and_the_office_reassigns_it(desk):
    proposal, [wrong] = assigned(desk, "关于规范物业管理的建议", lead="民政局")
    with refused(NotAllowed, "adjustment_window_closed", days=5, last="2023-03-06"), \
            leaves_no_trace(desk):
        assignment.return_assignment(desk.session, desk.admin, wrong.id, "不属于本单位职责",
                                     on=date(2023, 3, 7))
    assignment.return_assignment(desk.session, desk.admin, wrong.id, "不属于本单位职责",
                                 on=date(2023, 3, 6))
    assert (wrong.ended, wrong.ended_on, wrong.end_reason) == (
        AssignmentEnd.RETURNED, date(2023, 3, 6), "不属于本单位职责")
    assert_state(desk, proposal, State.FILED)

    [right] = assignment.assign(desk.session, desk.admin, proposal.id,
                                lead=desk.unit("住建局").id, assigned_on=date(2023, 3, 8))
    assert (right.role, right.due_on) == (AssignmentRole.LEAD, date(2023, 6, 8))
    assert_state(desk, proposal, State.ASSIGNED)
    with refused(NotAllowed, "assignment_ended", unit="县民政局"), leaves_no_trace(desk):
        assignment.accept(desk.session, desk.admin, wrong.id, on=date(2023, 3, 9))
    [listed] = proposal_rows.proposal_rows(desk.session, [proposal.id])
    assert listed.units == "住建局"
    assert figures(desk)["replies_due"] == 1


def test_request_for_another_unit_after_the_window_is_refused(desk):
    _, [lead] = assigned(desk, "关于甲的建议", lead="教育局")
    with refused(NotAllowed, "adjustment_window_closed", days=5, last="2023-03-06"), \
            leaves_no_trace(desk):
        assignment.request_adjustment(desk.session, desk.admin, lead.id, "应由人社局办理",
                                      on=date(2023, 3, 7))
    assert lead.adjustment_requested_on is None


def test_approved_adjustment_moves_the_proposal_to_the_new_unit(desk):
    proposal, [lead, assist] = assigned(desk, "关于发展职业教育的建议", lead="教育局",
                                        assist=("财政局",))
    assignment.request_adjustment(desk.session, desk.admin, lead.id, "应由人社局主办",
                                  on=date(2023, 3, 3))
    with refused(NotAllowed, "adjustment_pending", unit="县教育局"), leaves_no_trace(desk):
        assignment.request_adjustment(desk.session, desk.admin, lead.id, "再次申请",
                                      on=date(2023, 3, 4))
    with refused(InvalidInput, "unit_already_assigned", unit="县财政局"), leaves_no_trace(desk):
        assignment.decide_adjustment(desk.session, desk.admin, lead.id, True, "同意调整",
                                     new_unit_id=desk.unit("财政局").id, on=date(2023, 3, 8))

    moved = assignment.decide_adjustment(desk.session, desk.admin, lead.id, True, "同意调整",
                                         new_unit_id=desk.unit("人社局").id, on=date(2023, 3, 8))
    assert (lead.adjustment_decision, lead.adjustment_decided_on, lead.ended) == (
        AdjustmentDecision.APPROVED, date(2023, 3, 8), AssignmentEnd.ADJUSTED)
    assert (moved.unit.short_name, moved.role, moved.assigned_on, moved.due_on) == (
        "人社局", AssignmentRole.LEAD, date(2023, 3, 8), date(2023, 6, 8))
    assert_state(desk, proposal, State.ASSIGNED)
    assert progress_of(desk.session, proposal).waiting == (moved.id,)
    [listed] = proposal_rows.proposal_rows(desk.session, [proposal.id])
    assert listed.units == "人社局、（财政局）"


def test_refused_adjustment_keeps_the_unit(desk):
    proposal, [lead] = assigned(desk, "关于甲的建议", lead="教育局")
    with refused(NotAllowed, "no_adjustment_request", unit="县教育局"):
        assignment.decide_adjustment(desk.session, desk.admin, lead.id, False, "不同意")
    assignment.request_adjustment(desk.session, desk.admin, lead.id, "非本单位职责",
                                  on=date(2023, 3, 2))
    assert assignment.decide_adjustment(desk.session, desk.admin, lead.id, False,
                                        "属于本单位职责", on=date(2023, 3, 4)) is None
    assert (lead.adjustment_decision, lead.ended) == (AdjustmentDecision.REFUSED, None)
    assert_state(desk, proposal, State.ASSIGNED)


def test_extension_up_to_the_maximum(desk):
    _, [lead] = assigned(desk, "关于甲的建议", lead="教育局")
    assignment.extend(desk.session, desk.admin, lead.id, date(2023, 6, 15), "需协调多个部门")
    assert (lead.first_due_on, lead.due_on, lead.extension_reason) == (
        date(2023, 6, 1), date(2023, 6, 15), "需协调多个部门")
    with refused(NotAllowed, "extension_beyond_maximum", latest="2023-07-01"), \
            leaves_no_trace(desk):
        assignment.extend(desk.session, desk.admin, lead.id, date(2023, 7, 2), "再延期")
    with refused(InvalidInput, "extension_not_later", due_on="2023-06-15"), \
            leaves_no_trace(desk):
        assignment.extend(desk.session, desk.admin, lead.id, date(2023, 6, 10), "提前")
    assignment.extend(desk.session, desk.admin, lead.id, date(2023, 7, 1), "再延期")
    assert lead.due_on == date(2023, 7, 1)


def test_unsatisfied_evaluation_reopens_handling(desk):
    proposal, [lead] = assigned(desk, "关于治理农村生活污水的建议", lead="生态环境分局")
    answer(desk, lead, ReplyCategory.B, on=date(2023, 4, 20))
    assert_state(desk, proposal, State.REPLIED)

    rate(desk, lead, Rating.UNSATISFIED, date(2023, 5, 1))
    assert_state(desk, proposal, State.HANDLING)
    assert (lead.round, lead.round_reason) == (2, "办理结果不满意")
    assert (lead.first_due_on, lead.due_on) == (date(2023, 6, 1), date(2023, 6, 1))
    assert progress_of(desk.session, proposal).waiting == (lead.id,)
    assert figures(desk)["rehandled"] == 1
    with refused(NotAllowed, "no_reply_to_evaluate", unit="县生态环境分局"), \
            leaves_no_trace(desk):
        rate(desk, lead, Rating.SATISFIED, date(2023, 5, 2))

    answer(desk, lead, ReplyCategory.A, on=date(2023, 5, 20))
    assert_state(desk, proposal, State.REPLIED)
    rate(desk, lead, Rating.SATISFIED, date(2023, 5, 25))
    assert_state(desk, proposal, State.CLOSED)

    replies = desk.session.scalars(select(Reply).where(Reply.assignment_id == lead.id)
                                   .order_by(Reply.stamp)).all()
    assert [(r.round, r.category, r.replied_on) for r in replies] == [
        (1, ReplyCategory.B, date(2023, 4, 20)), (2, ReplyCategory.A, date(2023, 5, 20))]
    ratings = desk.session.scalars(select(Evaluation).where(Evaluation.assignment_id == lead.id)
                                   .order_by(Evaluation.stamp)).all()
    assert [(e.round, e.result) for e in ratings] == [
        (1, Rating.UNSATISFIED), (2, Rating.SATISFIED)]

    counted = figures(desk)
    assert (counted["replied"], counted["rehandled"], counted["unsatisfied"]) == (1, 1, 1)
    assert counted["categories"]["A"]["count"] == 1, "the category of the latest reply counts"
    assert (counted["evaluated"], counted["satisfied"]) == (1, 1)
    with refused(NotAllowed, "state_not_allowed", action="evaluate", state="closed"):
        rate(desk, lead, Rating.SATISFIED, date(2023, 5, 26))


def test_evaluation_needs_a_reply(desk):
    proposal, [lead] = assigned(desk, "关于甲的建议", lead="教育局")
    with refused(NotAllowed, "state_not_allowed", action="evaluate", state="assigned"):
        rate(desk, lead, Rating.SATISFIED, date(2023, 3, 5))
    assignment.accept(desk.session, desk.admin, lead.id, on=date(2023, 3, 2))
    with refused(NotAllowed, "no_reply_to_evaluate", unit="县教育局", proposal="收文0001号"), \
            leaves_no_trace(desk):
        rate(desk, lead, Rating.SATISFIED, date(2023, 3, 5))
    answer(desk, lead, ReplyCategory.A, on=date(2023, 4, 1))
    with refused(InvalidInput, "date_too_early", field="evaluated_on"):
        rate(desk, lead, Rating.SATISFIED, date(2023, 3, 31))
    rate(desk, lead, Rating.BASIC, date(2023, 4, 10))
    assert_state(desk, proposal, State.CLOSED)


def test_office_opens_a_second_round_itself(desk):
    proposal, [lead] = assigned(desk, "关于甲的建议", lead="教育局")
    assignment.accept(desk.session, desk.admin, lead.id, on=date(2023, 3, 2))
    with refused(NotAllowed, "rehandle_without_reply", unit="县教育局"), leaves_no_trace(desk):
        handling.rehandle(desk.session, desk.admin, lead.id, "答复不具体")
    answer(desk, lead, ReplyCategory.C, on=date(2023, 4, 1))
    handling.rehandle(desk.session, desk.admin, lead.id, "答复不具体", on=date(2023, 4, 5),
                      due_on=date(2023, 5, 5))
    assert (lead.round, lead.due_on, lead.round_reason) == (2, date(2023, 5, 5), "答复不具体")
    assert_state(desk, proposal, State.HANDLING)


def test_follow_up_only_for_matters_answered_b_or_c(desk):
    _, [solved] = assigned(desk, "关于甲的建议", lead="教育局")
    answer(desk, solved, ReplyCategory.A, on=date(2023, 4, 1))
    with refused(NotAllowed, "follow_up_needs_b_or_c", unit="县教育局"), leaves_no_trace(desk):
        handling.follow_up(desk.session, desk.admin, solved.id, FollowUpKind.CONTINUED,
                           date(2023, 9, 1), "已解决")

    _, [planned] = assigned(desk, "关于乙的建议", lead="交通运输局")
    answer(desk, planned, ReplyCategory.B, on=date(2023, 4, 1))
    with refused(InvalidInput, "date_too_early", field="followed_on"):
        handling.follow_up(desk.session, desk.admin, planned.id, FollowUpKind.CONTINUED,
                           date(2023, 3, 31), "续复")
    handling.follow_up(desk.session, desk.admin, planned.id, FollowUpKind.CONTINUED,
                       date(2023, 9, 1), "道路已列入明年计划并开工", category=ReplyCategory.A)
    [kept] = desk.session.scalars(select(FollowUp).where(FollowUp.assignment_id == planned.id))
    assert (kept.kind, kept.followed_on, kept.category) == (
        FollowUpKind.CONTINUED, date(2023, 9, 1), ReplyCategory.A)
