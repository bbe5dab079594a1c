"""交办: sending filed proposals to units (主办 + 协办, or 分办), returns and changes of unit."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.actor import Actor
from desktop.domain.enums import AdjustmentDecision, AssignmentEnd, AssignmentRole
from desktop.domain.errors import InvalidInput, NotAllowed
from desktop.domain.permissions import Action
from desktop.store.changes import next_stamp, write
from desktop.store.models import Assignment, Proposal, Unit
from desktop.store.office import load_settings

from .common import assignment_for, get, label_of, not_before, proposal_for, required_text


def _live(session: Session, proposal_id: str) -> list[Assignment]:
    return list(session.scalars(select(Assignment).where(
        Assignment.proposal_id == proposal_id, Assignment.ended.is_(None))))


def _new_assignment(session: Session, actor: Actor, proposal: Proposal, unit: Unit,
                    role: AssignmentRole, assigned_on: date) -> Assignment:
    if not unit.active:
        raise NotAllowed("unit_inactive", unit=unit.name)
    due = load_settings(session).deadlines.due_on(assigned_on, proposal.kind)
    assignment = Assignment(proposal_id=proposal.id, meeting_id=proposal.meeting_id,
                            unit_id=unit.id, role=role,
                            assigned_on=assigned_on, first_due_on=due, due_on=due,
                            assigned_by=actor.user_id, stamp=next_stamp(session))
    session.add(assignment)
    return assignment


def assign(session: Session, actor: Actor, proposal_id: str, *, lead: str | None = None,
           assist: list[str] = (), separate: list[str] = (),
           assigned_on: date | None = None) -> list[Assignment]:
    """主办 with 协办 units, or 分办 to several units that each answer alone.

    Adding 协办 units to a proposal that already has its 主办 is allowed; a second 主办 is not.
    """
    return assign_all(session, actor, [proposal_id], lead=lead, assist=assist,
                      separate=separate, assigned_on=assigned_on)


def assign_all(session: Session, actor: Actor, proposal_ids: list[str], *,
               lead: str | None = None, assist: list[str] = (), separate: list[str] = (),
               assigned_on: date | None = None) -> list[Assignment]:
    """The same units for every proposal of a selection, in one write: all or none."""
    assigned_on = assigned_on or date.today()
    if lead and separate:
        raise InvalidInput("lead_and_separate")
    if assist and separate:
        raise InvalidInput("assist_with_separate")
    unit_ids = [u for u in [lead, *assist, *separate] if u]
    if not unit_ids:
        raise InvalidInput("unit_required")
    if len(set(unit_ids)) != len(unit_ids):
        raise InvalidInput("unit_twice")
    roles = ([(lead, AssignmentRole.LEAD)] if lead else []) + \
        [(u, AssignmentRole.ASSIST) for u in assist] + \
        [(u, AssignmentRole.SEPARATE) for u in separate]
    created = []
    with write(session, actor, "assignment.assign"):
        units = [(get(session, Unit, unit_id, "unit"), role) for unit_id, role in roles]
        for proposal_id in proposal_ids:
            created += _assign_one(session, actor, proposal_id, units, assigned_on)
    return created


def _assign_one(session: Session, actor: Actor, proposal_id: str,
                units: list[tuple[Unit, AssignmentRole]], assigned_on: date) -> list[Assignment]:
    proposal, _ = proposal_for(session, actor, proposal_id, Action.ASSIGN)
    live = _live(session, proposal.id)
    has_due = any(a.role is not AssignmentRole.ASSIST for a in live)
    if has_due and any(role is not AssignmentRole.ASSIST for _, role in units):
        raise NotAllowed("already_assigned", proposal=label_of(proposal))
    if not has_due and all(role is AssignmentRole.ASSIST for _, role in units):
        raise InvalidInput("assist_without_lead")
    for a in live:
        if any(unit.id == a.unit_id for unit, _ in units):
            raise InvalidInput("unit_already_assigned", unit=a.unit.name)
    not_before(assigned_on, proposal.received_on, "assigned_on")
    created = [_new_assignment(session, actor, proposal, unit, role, assigned_on)
               for unit, role in units]
    return created


def due_dates(session: Session, proposal_ids: list[str], assigned_on: date) -> list[date]:
    """The deadlines that assigning these proposals on ``assigned_on`` would set (per kind)."""
    rules = load_settings(session).deadlines
    kinds = set(session.scalars(select(Proposal.kind).where(Proposal.id.in_(proposal_ids))))
    return sorted({rules.due_on(assigned_on, kind) for kind in kinds})


def accept(session: Session, actor: Actor, assignment_id: str, on: date | None = None,
           by: str | None = None) -> Assignment:
    """签收."""
    on = on or date.today()
    with write(session, actor, "assignment.accept"):
        assignment, proposal, _ = assignment_for(session, actor, assignment_id, Action.ACCEPT)
        if assignment.accepted_on is not None:
            raise NotAllowed("already_accepted", unit=assignment.unit.name,
                             proposal=label_of(proposal))
        not_before(on, assignment.assigned_on, "accepted_on")
        assignment.accepted_on = on
        assignment.accepted_by = by or actor.username
    return assignment


def return_assignment(session: Session, actor: Actor, assignment_id: str, reason: str,
                      on: date | None = None) -> Assignment:
    """退回: the unit says the proposal is not theirs, within the set number of days."""
    on = on or date.today()
    reason = required_text(reason, "reason")
    with write(session, actor, "assignment.return"):
        assignment, proposal, _ = assignment_for(
            session, actor, assignment_id, Action.RETURN_ASSIGNMENT)
        load_settings(session).deadlines.check_adjustment_window(assignment.assigned_on, on)
        assignment.ended, assignment.ended_on = AssignmentEnd.RETURNED, on
        assignment.end_reason = reason
    return assignment


def request_adjustment(session: Session, actor: Actor, assignment_id: str, reason: str,
                       on: date | None = None) -> Assignment:
    """申请调整: the unit asks for a change of unit, within the set number of days."""
    on = on or date.today()
    reason = required_text(reason, "reason")
    with write(session, actor, "assignment.request_adjustment"):
        assignment, _, _ = assignment_for(session, actor, assignment_id, Action.REQUEST_ADJUSTMENT)
        if assignment.adjustment_requested_on and assignment.adjustment_decision is None:
            raise NotAllowed("adjustment_pending", unit=assignment.unit.name)
        load_settings(session).deadlines.check_adjustment_window(assignment.assigned_on, on)
        assignment.adjustment_requested_on, assignment.adjustment_reason = on, reason
        assignment.adjustment_decision = None
    return assignment


def decide_adjustment(session: Session, actor: Actor, assignment_id: str, approve: bool,
                      note: str, new_unit_id: str | None = None,
                      on: date | None = None) -> Assignment | None:
    """The office's answer to 申请调整; approved, the proposal moves to ``new_unit_id``."""
    on = on or date.today()
    note = required_text(note, "note")
    with write(session, actor, "assignment.decide_adjustment"):
        assignment, proposal, _ = assignment_for(
            session, actor, assignment_id, Action.DECIDE_ADJUSTMENT)
        if assignment.adjustment_requested_on is None or assignment.adjustment_decision:
            raise NotAllowed("no_adjustment_request", unit=assignment.unit.name)
        assignment.adjustment_decided_on, assignment.adjustment_note = on, note
        if not approve:
            assignment.adjustment_decision = AdjustmentDecision.REFUSED
            return None
        assignment.adjustment_decision = AdjustmentDecision.APPROVED
        assignment.ended, assignment.ended_on, assignment.end_reason = (
            AssignmentEnd.ADJUSTED, on, note)
        replacement = None
        if new_unit_id:
            if any(a.unit_id == new_unit_id for a in _live(session, proposal.id)):
                raise InvalidInput("unit_already_assigned",
                                   unit=get(session, Unit, new_unit_id, "unit").name)
            unit = get(session, Unit, new_unit_id, "unit")
            replacement = _new_assignment(session, actor, proposal, unit, assignment.role, on)
    return replacement


def extend(session: Session, actor: Actor, assignment_id: str, new_due_on: date,
           reason: str) -> Assignment:
    """延期, within the maximum the office allows beyond the first due date."""
    reason = required_text(reason, "reason")
    with write(session, actor, "assignment.extend"):
        assignment, _, _ = assignment_for(session, actor, assignment_id, Action.EXTEND)
        load_settings(session).deadlines.check_extension(
            assignment.first_due_on, assignment.due_on, new_due_on)
        assignment.due_on, assignment.extension_reason = new_due_on, reason
    return assignment
