"""首页: what needs doing today, and the year so far in three charts.

The units' to-dos (签收, 逾期, 到期, 评价) cover every meeting: a proposal of last year still
unanswered is still to do.  The office's (交办, 退回与调整, 审查) and the charts follow the chosen
meeting, as the screens they open do.  A 承办单位经办人 sees their own unit's only.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session, aliased

from desktop.domain.actor import Actor
from desktop.domain.enums import (
    AssignmentEnd, AssignmentRole, HandlingStatus, State, UnitSystem,
)
from desktop.domain.statistics import CATEGORIES
from desktop.domain.permissions import unit_scope
from desktop.wording.labels import label
from desktop.store import statistics as figures
from desktop.store.models import Assignment, Proposal
from desktop.store.tracking import TrackingFilter, count

WEEK = 7
UNITS_CHARTED = 12


@dataclass(frozen=True)
class Todo:
    key: str  # what the start page opens when clicked (see desktop.ui.views.dashboard_view)
    title: str
    count: int
    urgent: bool = False


@dataclass(frozen=True)
class UnitProgress:
    name: str
    replied: int
    owed: int
    overdue: int


@dataclass(frozen=True)
class Dashboard:
    todos: list[Todo]
    categories: dict[str, int] = field(default_factory=dict)  # replies by category
    units: list[UnitProgress] = field(default_factory=list)  # the busiest units
    overdue_by_system: list[tuple[str, int]] = field(default_factory=list)


def due_within(today: date) -> date:
    return today + timedelta(days=WEEK)


def _requests(session: Session, meeting_id: str | None) -> int:
    """申请调整 awaiting the office, and 退回 whose proposal has no answering unit yet: the
    lines of the 交办 screen's 退回与调整 tab for the meeting."""
    a, other = Assignment, aliased(Assignment)
    meeting = [a.meeting_id == meeting_id] if meeting_id else []
    asked = session.scalar(select(func.count()).select_from(a).where(
        a.ended.is_(None), a.adjustment_requested_on >= date.min,  # a range: its index
        a.adjustment_decision.is_(None), *meeting)) or 0
    answering = exists().where(other.proposal_id == a.proposal_id, other.ended.is_(None),
                               other.role != AssignmentRole.ASSIST.value)
    returned = session.scalar(select(func.count()).select_from(a).where(
        a.ended == AssignmentEnd.RETURNED.value, ~answering, *meeting)) or 0
    return asked + returned


def dashboard(session: Session, actor: Actor, meeting_id: str | None,
              today: date | None = None) -> Dashboard:
    today = today or date.today()
    unit_id = unit_scope(actor)
    todos = [
        Todo("to_accept", "待签收", count(session, TrackingFilter(
            today=today, unit_id=unit_id, status=HandlingStatus.TO_ACCEPT))),
        Todo("overdue", "已逾期", count(session, TrackingFilter(
            today=today, unit_id=unit_id, overdue=True)), urgent=True),
        Todo("due_soon", f"{WEEK}天内到期", count(session, TrackingFilter(
            today=today, unit_id=unit_id, due_by=due_within(today)))),
    ]
    if unit_id is None:
        todos += [
            Todo("to_evaluate", "待评价", count(session, TrackingFilter(
                today=today, status=HandlingStatus.TO_EVALUATE))),
            Todo("to_assign", "待交办", _proposals(session, meeting_id, State.FILED)),
            Todo("requests", "退回与调整", _requests(session, meeting_id)),
            Todo("in_review", "待审查", _proposals(session, meeting_id, State.IN_REVIEW)),
        ]
    total, per_unit, per_system, _ = figures.handling(session, meeting_id, today,
                                                      unit_id=unit_id)
    names = figures.unit_names(session)
    busiest = sorted(per_unit.items(), key=lambda item: (-item[1].replies_due,
                                                         names[item[0]][0]))[:UNITS_CHARTED]
    return Dashboard(
        todos,
        {k: total.categories.get(k, 0) for k in CATEGORIES},
        [UnitProgress(names[uid][0], c.replied, c.replies_due - c.replied, c.overdue)
         for uid, c in busiest if c.replies_due],
        [(label(s), per_system[s.value].overdue) for s in UnitSystem if s.value in per_system])


def _proposals(session: Session, meeting_id: str | None, state: State) -> int:
    stmt = select(func.count()).select_from(Proposal).where(Proposal.status == state.value)
    if meeting_id:
        stmt = stmt.where(Proposal.meeting_id == meeting_id)
    return session.scalar(stmt) or 0
