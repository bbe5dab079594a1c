"""办理跟踪: the list of assignments, one assignment whole, and the actions open on it.

A 承办单位经办人 is held to their own unit here, whatever filter the screen sends: unit mode is
a rule of the service, not of the screen.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.actor import Actor
from desktop.domain.enums import State
from desktop.domain.permissions import Action, reaches_unit
from desktop.domain.tracking import AssignmentSnapshot, open_actions
from desktop.store import tracking as queries
from desktop.store.models import Assignment, Proposal, Reply, Supervision
from desktop.store.office import load_settings
from desktop.store.tracking import TrackingFilter, TrackingRow, snapshot_of

from .common import get, label_of, own_unit_only, scoped

__all__ = ["TrackingFilter", "TrackingRow", "count", "page", "handling_of", "HandlingView"]


def count(session: Session, actor: Actor, where: TrackingFilter) -> int:
    return queries.count(session, scoped(actor, where))


def page(session: Session, actor: Actor, where: TrackingFilter, order: str = "due_on",
         descending: bool = False, offset: int = 0, limit: int = 100) -> list[TrackingRow]:
    ids = queries.page_ids(session, scoped(actor, where), order, descending, offset, limit)
    return queries.rows(session, ids, where.today)


@dataclass(frozen=True)
class HandlingView:
    """One assignment as the tracking page shows it beside the timeline."""

    assignment_id: str
    proposal_id: str
    proposal_label: str
    title: str
    unit: str
    snapshot: AssignmentSnapshot
    assigned_on: date
    first_due_on: date
    latest_due_on: date  # the furthest an extension may go
    rehandle_due_on: date  # the deadline of a 二次办理 opened today
    round_reason: str | None
    key: bool
    leaders: tuple[str, ...]
    proposal_state: State
    actions: frozenset[Action]
    latest_reply_id: str | None = None  # its 答复函 and 征询意见表 can be printed


def handling_of(session: Session, actor: Actor, assignment_id: str) -> HandlingView:
    a = get(session, Assignment, assignment_id, "assignment")
    own_unit_only(actor, a)
    p: Proposal = a.proposal
    own = reaches_unit(actor, a.unit_id)
    snapshot = snapshot_of(a)
    rules = load_settings(session).deadlines
    leaders = tuple(f"{s.leader_title or ''}{s.leader}" for s in session.scalars(
        select(Supervision).where(Supervision.proposal_id == p.id)))
    return HandlingView(
        a.id, p.id, label_of(p), p.title, a.unit.name, snapshot, a.assigned_on, a.first_due_on,
        rules.latest_extension(a.first_due_on), rules.rehandle_due_on(date.today()),
        a.round_reason, p.key, leaders, p.status,
        frozenset(open_actions(snapshot, p.status, actor.role, own,
                               rules.adjustment_open(a.assigned_on, date.today()))),
        session.scalar(select(Reply.id).where(Reply.assignment_id == a.id)
                       .order_by(Reply.stamp.desc()).limit(1)) if own else None)
