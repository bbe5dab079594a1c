"""操作日志 and the change log: every action names its user, every field change is stamped."""
from __future__ import annotations

import json
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

import desktop.domain.clock as clock
from desktop.domain.clock import Stamp
from desktop.domain.enums import EvaluationMethod, Rating, ReplyCategory, State, UserRole
from desktop.domain.errors import InvalidInput, NotAllowed
from desktop.services import assignment, entry, handling, numbering, review
from desktop.store.models import AuditEntry, Base, Change, Proposal, Review, Site

from .flows import (
    ASSIGNED_ON, answer, assert_state, assigned, in_final_review, known, leaves_no_trace, person,
    refused, to_final_level,
)


def audit_of(session: Session, row_id: str) -> list[AuditEntry]:
    return list(session.scalars(select(AuditEntry).where(AuditEntry.row_id == row_id)
                                .order_by(AuditEntry.at)))


def count(session: Session, model: type[Base]) -> int:
    return session.scalar(select(func.count()).select_from(model))


def local_site_id(session: Session) -> str:
    return session.scalar(select(Site.id).where(Site.local.is_(True)))


def test_every_action_is_logged_with_its_user_and_what_changed(desk):
    staff = person(desk, UserRole.STAFF, name="录入员")
    reviewer = person(desk, UserRole.REVIEWER, name="审查员")
    draft = entry.ProposalDraft(desk.meeting.id, "关于加快5G基站建没的建议",
                                [entry.ProposerInput(desk.member("张三").id)],
                                received_on=date(2023, 1, 12))
    proposal = entry.register(desk.session, staff, draft)
    [created] = audit_of(desk.session, proposal.id)
    assert (created.user_id, created.username, created.action) == (
        staff.user_id, staff.username, "entry.register")
    assert (created.table_name, created.field, created.before, created.after) == (
        "proposal", None, None, "关于加快5G基站建没的建议")
    [lead] = proposal.proposers
    assert [(e.action, e.after) for e in audit_of(desk.session, lead.id)] == [
        ("entry.register", "张三")]

    entry.edit(desk.session, staff, proposal.id, title="关于加快5G基站建设的建议",
               body=proposal.body)
    edits = [e for e in audit_of(desk.session, proposal.id) if e.action == "entry.edit"]
    assert [(e.username, e.field, e.before, e.after) for e in edits] == [
        (staff.username, "title", "关于加快5G基站建没的建议", "关于加快5G基站建设的建议")]

    entry.submit(desk.session, staff, [proposal.id])
    review.forward(desk.session, reviewer, [proposal.id], opinion="同意")
    [forward] = desk.session.scalars(select(Review).where(Review.proposal_id == proposal.id))
    [logged] = audit_of(desk.session, forward.id)
    assert (logged.username, logged.action, logged.table_name, logged.after) == (
        reviewer.username, "review.forward", "review", "forward")
    assert not desk.session.scalar(select(AuditEntry.id).where(
        AuditEntry.row_id == proposal.id, AuditEntry.field.in_(["status", "review_level"]))), \
        "the cached status is rebuilt, not edited: it has no audit entry of its own"

    review.forward(desk.session, reviewer, [proposal.id])
    review.file(desk.session, reviewer, [proposal.id])
    numbering.give_numbers(desk.session, desk.admin, [proposal.id])
    [numbered] = [e for e in audit_of(desk.session, proposal.id) if e.field == "number"]
    assert (numbered.username, numbered.action, numbered.before, numbered.after) == (
        "admin", "review.number", None, "第1号")

    [lead_unit] = assignment.assign(desk.session, desk.admin, proposal.id,
                                    lead=desk.unit("科工信局").id, assigned_on=ASSIGNED_ON)
    assignment.accept(desk.session, desk.admin, lead_unit.id, on=date(2023, 3, 2), by="王科员")
    accepted = {e.field: (e.before, e.after) for e in audit_of(desk.session, lead_unit.id)
                if e.action == "assignment.accept"}
    assert accepted == {"accepted_on": (None, "2023-03-02"), "accepted_by": (None, "王科员")}


class ChangeLog:
    """Reads the change-log entries each action appends, and checks their stamps as it goes."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.site_id = local_site_id(session)
        self.seen = set(session.scalars(select(Change.op_id)))
        self.latest = session.scalar(select(func.max(Change.stamp)))

    def after(self, action: str) -> list[Change]:
        new = [c for c in self.session.scalars(select(Change).order_by(Change.stamp))
               if c.op_id not in self.seen]
        assert new, f"{action} wrote no change-log entry"
        stamps = [c.stamp for c in new]
        assert {c.site_id for c in new} == {Stamp.decode(s).site for s in stamps} == {
            self.site_id}, f"{action} was not stamped by this site"
        assert len(set(stamps)) == len(stamps), f"{action}: two entries with the same stamp"
        assert min(stamps) > self.latest, f"{action} stamped before the previous action"
        self.seen |= {c.op_id for c in new}
        self.latest = max(stamps)
        return new


def test_change_log_stamps_every_field_with_this_sites_rising_clock(desk):
    known(desk, "张三")
    log = ChangeLog(desk.session)

    proposal = desk.register("关于甲的建议", submit=False)
    [created] = [c for c in log.after("register") if c.table_name == "proposal"]
    assert (created.row_id, created.field) == (proposal.id, "*")
    assert json.loads(created.value)["title"] == "关于甲的建议"
    assert "status" not in json.loads(created.value), "derived caches do not travel"

    entry.edit(desk.session, desk.admin, proposal.id, title="关于乙的建议")
    assert [(c.table_name, c.row_id, c.field, json.loads(c.value))
            for c in log.after("edit") if c.table_name != "audit_entry"] == [
        ("proposal", proposal.id, "title", "关于乙的建议")]

    entry.submit(desk.session, desk.admin, [proposal.id])
    log.after("submit")
    to_final_level(desk, [proposal.id])
    log.after("review")
    review.file(desk.session, desk.admin, [proposal.id])
    log.after("file")
    numbering.give_numbers(desk.session, desk.admin, [proposal.id])
    assert sorted((c.field, json.loads(c.value)) for c in log.after("number")
                  if c.table_name == "proposal") == [("number", "第1号"), ("number_seq", 1)]
    [lead] = assignment.assign(desk.session, desk.admin, proposal.id,
                               lead=desk.unit("教育局").id, assigned_on=ASSIGNED_ON)
    log.after("assign")
    answer(desk, lead, ReplyCategory.A)
    log.after("sign and reply")
    handling.evaluate(desk.session, desk.admin, lead.id, Rating.SATISFIED, Rating.SATISFIED,
                      EvaluationMethod.PHONE, date(2023, 5, 1))
    log.after("evaluate")

    assert_state(desk, proposal, State.CLOSED)
    assert not desk.session.scalar(select(Change.op_id).where(
        Change.field.in_(["status", "review_level"])))


def test_refused_actions_leave_no_audit_entry_no_change_and_no_partial_record(desk):
    ready = in_final_review(desk, "关于甲的建议")
    behind = desk.register("关于乙的建议")
    proposal, [lead, _] = assigned(desk, "关于丙的建议", lead="教育局", assist=("财政局",))
    assignment.request_adjustment(desk.session, desk.admin, lead.id, "应由人社局主办",
                                  on=date(2023, 3, 2))
    before = [count(desk.session, m) for m in (AuditEntry, Change, Review, Proposal)]

    with refused(NotAllowed, "decision_needs_final_level"), leaves_no_trace(desk):
        review.reject(desk.session, desk.admin, [ready.id, behind.id], "不属于提案范围")
    with refused(InvalidInput, "field_required", field="title"), leaves_no_trace(desk):
        review.split(desk.session, desk.admin, ready.id,
                     [review.SplitPart("关于甲一的建议"), review.SplitPart(" ")])
    with refused(InvalidInput, "unit_already_assigned"), leaves_no_trace(desk):
        assignment.decide_adjustment(desk.session, desk.admin, lead.id, True, "同意",
                                     new_unit_id=desk.unit("财政局").id, on=date(2023, 3, 4))

    assert [count(desk.session, m) for m in (AuditEntry, Change, Review, Proposal)] == before
    assert not desk.session.scalar(select(Proposal.id).where(Proposal.split_from_id == ready.id))
    assert (lead.adjustment_decision, lead.ended) == (None, None)
    assert_state(desk, ready, State.IN_REVIEW, level=3)
    assert_state(desk, behind, State.IN_REVIEW, level=1)
    assert_state(desk, proposal, State.ASSIGNED)


def test_audit_entries_travel_in_the_change_log(desk):
    proposal = desk.register("关于甲的建议")
    entries = {e.id for e in audit_of(desk.session, proposal.id)}
    logged = set(desk.session.scalars(select(Change.row_id).where(
        Change.table_name == "audit_entry")))
    assert entries and entries <= logged


def test_second_window_carries_on_the_clock_of_the_first(sqlite_office, monkeypatch):
    office = sqlite_office
    wall = [clock.wall_now_ms()]
    monkeypatch.setattr(clock, "wall_now_ms", lambda: wall[0])
    sites_screen = office.session.scalars(select(Site)).all()  # e.g. the enrolled-sites view
    member = office.member("张三")

    other_window = office.db.session()
    wall[0] += 3_600_000  # the PC's clock runs an hour fast while the other window registers
    fast = wall[0]
    typed = entry.register(other_window, office.admin, entry.ProposalDraft(
        office.meeting.id, "关于甲的建议", [entry.ProposerInput(member.id)]), submit=True)
    other_window.close()
    wall[0] -= 3_590_000  # the clock is put right; the first window forwards the proposal

    review.forward(office.session, office.admin, [typed.id])
    proposal = office.session.get(Proposal, typed.id)
    assert_state(office, proposal, State.IN_REVIEW, level=2)
    with office.db.session() as fresh:
        assert fresh.scalar(select(Site.clock_wall_ms).where(Site.local.is_(True))) >= fast, \
            "the persisted clock never goes back"
    assert sites_screen
