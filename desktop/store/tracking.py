"""The tracking list (办理跟踪): one row per assignment, filtered, sorted and paged in SQL.

A 分办 proposal appears once per unit.  Statuses are read from the assignment's cached columns
with the same meaning as domain.tracking.AssignmentSnapshot.status (tests hold the two equal).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, and_, func, select
from sqlalchemy.orm import Session

from desktop.domain.enums import (
    AssignmentEnd, AssignmentRole, HandlingStatus, State, UnitSystem,
)
from desktop.domain.tracking import AssignmentSnapshot

from .models import Assignment, Category, Meeting, Proposal, Proposer, Unit
from .predicates import ACCEPTED, DUE, EVALUATED, LIVE, OWED, REPLIED, due_between, overdue

A = Assignment
_LIVE, _DUE, _REPLIED, _ACCEPTED, _EVALUATED = LIVE, DUE, REPLIED, ACCEPTED, EVALUATED

STATUS_CONDITIONS = {
    HandlingStatus.TO_ACCEPT: and_(_LIVE, A.accepted_on.is_(None)),
    HandlingStatus.ASSISTING: and_(_LIVE, _ACCEPTED, ~_DUE),
    HandlingStatus.HANDLING: and_(_LIVE, _ACCEPTED, _DUE, ~_REPLIED, A.round == 1),
    HandlingStatus.REHANDLING: and_(_LIVE, _ACCEPTED, _DUE, ~_REPLIED, A.round > 1),
    HandlingStatus.TO_EVALUATE: and_(_LIVE, _ACCEPTED, _REPLIED, ~_EVALUATED),
    HandlingStatus.DONE: and_(_LIVE, _ACCEPTED, _REPLIED, _EVALUATED),
    HandlingStatus.RETURNED: A.ended == AssignmentEnd.RETURNED.value,
    HandlingStatus.ADJUSTED: A.ended == AssignmentEnd.ADJUSTED.value,
}

SORTABLE = {
    "due_on": (A.due_on, A.id),
    # every meeting: each meeting's proposals by number, meetings in the order they were set up
    "number": (Proposal.meeting_id, Proposal.number_seq, A.role, A.id),
    "assigned_on": (A.assigned_on, A.id),
    "unit": (Unit.position, Unit.name, A.due_on, A.id),
}


@dataclass(frozen=True)
class TrackingFilter:
    """What the tracking list shows; ended assignments only when their status is asked for."""

    today: date
    meeting_id: str | None = None
    unit_id: str | None = None
    system: UnitSystem | None = None
    status: HandlingStatus | None = None
    category_id: str | None = None
    key_only: bool = False
    overdue: bool = False
    unanswered: bool = False
    unsatisfied: bool = False
    due_by: date | None = None  # a reply owed with its deadline from today to this day

    def conditions(self, order: str = "due_on") -> list:
        """Conditions on the assignment's own columns (the tracking index holds them all);
        the unit's system and the proposal's category are asked as sets of ids, not joins."""
        found = [STATUS_CONDITIONS[self.status] if self.status else _LIVE]
        if self.meeting_id:
            found.append(A.meeting_id == self.meeting_id)
            if order == "number":  # lets the planner walk the proposals in number order
                found.append(Proposal.meeting_id == self.meeting_id)
        elif order == "number":
            found.append(Proposal.meeting_id > "")  # the same, over every meeting
        if self.unit_id:
            found.append(A.unit_id == self.unit_id)
        if self.system:
            found.append(A.unit_id.in_(select(Unit.id).where(Unit.system == self.system.value)))
        proposals = []
        if self.category_id:
            proposals.append(Proposal.category_id == self.category_id)
        if self.key_only:
            proposals.append(Proposal.key.is_(True))
        if proposals:
            found.append(A.proposal_id.in_(select(Proposal.id).where(*proposals)))
        if self.overdue:
            found.append(overdue(self.today))
        if self.unanswered:
            found.append(OWED)
        if self.unsatisfied:
            found.append(A.unsatisfied.is_(True))
        if self.due_by:
            found.append(due_between(self.today, self.due_by))
        return found

    def statement(self, columns: list, order: str = "due_on") -> Select:
        stmt = select(*columns).select_from(A)
        if order == "number":
            stmt = stmt.join(Proposal, Proposal.id == A.proposal_id)
        elif order == "unit":
            stmt = stmt.join(Unit, Unit.id == A.unit_id)
        return stmt.where(*self.conditions(order))


@dataclass(frozen=True)
class TrackingRow:
    id: str  # the assignment
    proposal_id: str
    number: str | None
    serial: str
    title: str
    key: bool
    lead: str
    category: str | None  # the proposal's 类别
    meeting: str
    unit: str
    system: UnitSystem
    role: AssignmentRole
    proposal_state: State
    snapshot: AssignmentSnapshot
    assigned_on: date
    accepted_on: date | None
    result: str | None  # 办理结果 of the latest rating, as a code
    days_left: int | None  # to the deadline while a reply is owed (negative: overdue)

    @property
    def status(self) -> HandlingStatus:
        return self.snapshot.status


def snapshot_of(a: Assignment) -> AssignmentSnapshot:
    """The assignment as its cached columns describe it."""
    return AssignmentSnapshot(a.role, a.accepted_on is not None, a.ended, a.round, a.due_on,
                              a.replied_round, a.evaluated_round, a.category)


def count(session: Session, where: TrackingFilter) -> int:
    return session.scalar(where.statement([func.count()])) or 0


def page_ids(session: Session, where: TrackingFilter, order: str = "due_on",
             descending: bool = False, offset: int = 0, limit: int = 100) -> list[str]:
    order = order if order in SORTABLE else "due_on"
    columns = SORTABLE[order]
    stmt = where.statement([A.id], order).order_by(
        *(c.desc() if descending else c for c in columns)).offset(offset).limit(limit)
    return list(session.scalars(stmt))


def rows(session: Session, ids: list[str], today: date) -> list[TrackingRow]:
    """The rows of these assignments in the order given (one page: a few joins are cheap)."""
    if not ids:
        return []
    lead = (select(Proposer.proposal_id, Proposer.name)
            .where(Proposer.position == 0).subquery())
    stmt = (
        select(A, Proposal.number, Proposal.serial, Proposal.title, Proposal.key, lead.c.name,
               Category.name, Meeting.name, Unit.name, Unit.system, Proposal.status)
        .join(Proposal, Proposal.id == A.proposal_id)
        .join(Unit, Unit.id == A.unit_id)
        .join(Meeting, Meeting.id == A.meeting_id)
        .outerjoin(Category, Category.id == Proposal.category_id)
        .outerjoin(lead, lead.c.proposal_id == A.proposal_id)
        .where(A.id.in_(ids))
    )
    found = {}
    for a, number, serial, title, key, lead_name, category, meeting, unit, system, state in \
            session.execute(stmt):
        snapshot = snapshot_of(a)
        found[a.id] = TrackingRow(
            a.id, a.proposal_id, number, serial, title, bool(key), lead_name or "", category,
            meeting, unit, UnitSystem(system), a.role, State(state), snapshot, a.assigned_on,
            a.accepted_on, a.result.value if a.result else None, snapshot.days_left(today))
    return [found[i] for i in ids if i in found]
