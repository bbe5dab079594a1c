"""What the 交办 screen lists: a proposal's units, a unit's 交办清单, requests waiting for the office."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import exists, select
from sqlalchemy.orm import Session, aliased, selectinload

from desktop.domain.actor import Actor
from desktop.domain.enums import AssignmentEnd, AssignmentRole
from desktop.domain.errors import NotAllowed
from desktop.domain.permissions import reaches_unit
from desktop.store.models import Assignment, Proposal, Unit
from desktop.wording.labels import label, proposal_label

from .common import label_of, office_only, readable_proposal

@dataclass(frozen=True)
class AssignedUnit:
    assignment_id: str
    unit: str
    role: str  # 主办 / 协办 / 分办
    assigned_on: date
    due_on: date
    accepted_on: date | None


@dataclass(frozen=True)
class ListLine:
    """One line of a unit's 交办清单, in the order it is printed."""

    assignment_id: str
    proposal_id: str
    number: str  # 提案号 (收文号 while none)
    title: str
    proposers: str  # 张三 / 张三等3人 / 民进县委会
    role: str
    assigned_on: date
    due_on: date
    accepted_on: date | None


@dataclass(frozen=True)
class Request:
    """A unit's 退回 (the proposal waits to be assigned again) or 申请调整 (waits for a decision)."""

    assignment_id: str
    proposal_id: str
    proposal: str
    title: str
    unit: str
    role: str
    kind: str  # 退回 / 申请调整
    on: date
    reason: str


def proposers_of(proposal: Proposal) -> str:
    people = proposal.proposers
    if not people:
        return ""
    return people[0].name if len(people) == 1 else f"{people[0].name}等{len(people)}人"


def units_of(session: Session, actor: Actor, proposal_id: str) -> list[AssignedUnit]:
    """The proposal's current units: 主办 first, then 协办, then 分办."""
    readable_proposal(session, actor, proposal_id)
    order = list(AssignmentRole)
    rows = session.scalars(select(Assignment).options(selectinload(Assignment.unit)).where(
        Assignment.proposal_id == proposal_id, Assignment.ended.is_(None)))
    rows = sorted(rows, key=lambda a: (order.index(a.role), a.unit.position, a.unit.name))
    return [AssignedUnit(a.id, a.unit.name, label(a.role), a.assigned_on, a.due_on,
                         a.accepted_on) for a in rows]


def assignment_list(session: Session, actor: Actor, meeting_id: str,
                    unit_id: str) -> list[ListLine]:
    """A unit's current assignments of one meeting, by 提案号."""
    if not reaches_unit(actor, unit_id):
        raise NotAllowed("office_work_only")
    rows = session.scalars(
        select(Assignment).join(Proposal, Proposal.id == Assignment.proposal_id)
        .options(selectinload(Assignment.proposal).selectinload(Proposal.proposers))
        .where(Assignment.meeting_id == meeting_id, Assignment.unit_id == unit_id,
               Assignment.ended.is_(None))
        .order_by(Proposal.number_seq, Proposal.serial_seq))
    return [ListLine(a.id, a.proposal_id, label_of(a.proposal), a.proposal.title,
                     proposers_of(a.proposal), label(a.role), a.assigned_on, a.due_on,
                     a.accepted_on) for a in rows]


def pending_requests(session: Session, actor: Actor, meeting_id: str) -> list[Request]:
    """申请调整 not yet decided, and 退回 whose proposal has no answering unit yet; oldest first.

    Columns, not records: a large meeting has hundreds of old 退回, and loading each with its
    proposal's full text cost a tenth of a second every time the 交办 screen refreshed.
    """
    office_only(actor)
    a, other = Assignment, aliased(Assignment)
    columns = (a.id, a.proposal_id, Proposal.number, Proposal.serial, Proposal.title, Unit.name,
               a.role)
    base = (select(*columns, a.adjustment_requested_on, a.adjustment_reason, a.ended_on,
                   a.end_reason, a.ended)
            .join(Proposal, Proposal.id == a.proposal_id).join(Unit, Unit.id == a.unit_id)
            .where(a.meeting_id == meeting_id))
    answering = exists().where(other.proposal_id == a.proposal_id, other.ended.is_(None),
                               other.role != AssignmentRole.ASSIST.value)
    # a range, not IS NOT NULL: the planner then takes the few requests from their index
    # rather than walking the meeting's live assignments
    asked = base.where(a.ended.is_(None), a.adjustment_requested_on >= date.min,
                       a.adjustment_decision.is_(None))
    returned = base.where(a.ended == AssignmentEnd.RETURNED.value, ~answering)
    out = []
    for rows in (session.execute(asked), session.execute(returned)):
        for aid, pid, number, serial, title, unit, role, asked_on, reason, ended_on, \
                end_reason, ended in rows:
            named = proposal_label(number, serial)
            if ended is None:
                out.append(Request(aid, pid, named, title, unit, label(role), "申请调整",
                                   asked_on, reason or ""))
            else:
                out.append(Request(aid, pid, named, title, unit, label(role), "退回",
                                   ended_on, end_reason or ""))
    return sorted(out, key=lambda r: (r.on, r.proposal))
