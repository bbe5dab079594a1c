"""Where an assignment stands, as SQL over its cached columns: the one home of 应答复, 已答复,
在办 and 逾期 for every query (tracking, statistics, unit loads).

They mean what domain.tracking.AssignmentSnapshot and domain.deadlines say for one assignment;
tests/store hold the two equal on every status.
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import ColumnElement, and_, select

from desktop.domain.enums import DUE_ROLES

from .models import Assignment, Proposal

A = Assignment

LIVE = A.ended.is_(None)
DUE = A.role.in_([r.value for r in DUE_ROLES])  # 主办 and 分办 owe a reply; 协办 does not
REPLIED = and_(A.replied_round.is_not(None), A.replied_round == A.round)  # this round's reply
OWED = and_(DUE, ~REPLIED)  # a reply still owed (not answered; 协办 is answered by definition)
ACCEPTED = A.accepted_on.is_not(None)
EVALUATED = and_(A.evaluated_round.is_not(None), A.evaluated_round == A.round)


def overdue(today: date) -> ColumnElement[bool]:
    """逾期: a live reply still owed after its deadline (domain.deadlines.is_overdue)."""
    return and_(LIVE, OWED, A.due_on < today)


def due_between(today: date, last: date) -> ColumnElement[bool]:
    """A live reply still owed whose deadline falls from today to ``last``."""
    return and_(LIVE, OWED, A.due_on >= today, A.due_on <= last)


def assigned_to(unit_id: str) -> ColumnElement[bool]:
    """A proposal this unit has (or had) an assignment of: what its clerk may read."""
    return Proposal.id.in_(select(A.proposal_id).where(A.unit_id == unit_id))
