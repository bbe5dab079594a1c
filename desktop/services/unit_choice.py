"""Choosing units at 交办: which units answered proposals like this one before, and their load."""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import Session

from desktop.domain.actor import Actor
from desktop.domain.enums import (
    DUE_ROLES, IN_HAND_STATES, AssignmentEnd, AssignmentRole, Decision, UnitSystem,
)
from desktop.store import fulltext
from desktop.store.models import Assignment, Category, Proposal, Review, Unit
from desktop.store import predicates

from .common import get, office_only

SIMILAR_AT_LEAST = 0.3


@dataclass(frozen=True)
class UnitLoad:
    unit_id: str
    name: str
    system: UnitSystem
    in_hand: int  # live assignments of proposals not yet answered (在办)
    overdue: int  # of those, replies due and past the deadline


@dataclass(frozen=True)
class UnitSuggestion:
    unit_id: str
    name: str
    why: str
    score: float


def unit_loads(session: Session, actor: Actor, today: date | None = None) -> list[UnitLoad]:
    """Every active unit in the office's order, with what it has in hand now."""
    office_only(actor)
    today = today or date.today()
    late = case((predicates.overdue(today), 1), else_=0)
    # 主办 and 分办 are in hand until their reply (the assignment's own columns, no join);
    # 协办 until the proposal is answered.  Grouped by an expression of the unit, so that the
    # planner walks the covering tracking index instead of the unit index's order (10× faster)
    unit = func.coalesce(Assignment.unit_id, "")
    counts: Counter[str] = Counter()
    overdue: Counter[str] = Counter()
    for unit_id, n, m in session.execute(
            select(unit, func.count(), func.sum(late))
            .where(predicates.LIVE, predicates.OWED)
            .group_by(unit)):
        counts[unit_id] += n
        overdue[unit_id] += m or 0
    in_hand = select(Proposal.id).where(Proposal.status.in_(IN_HAND_STATES))
    for unit_id, n in session.execute(
            select(unit, func.count())
            .where(Assignment.ended.is_(None), Assignment.role == AssignmentRole.ASSIST,
                   Assignment.proposal_id.in_(in_hand))
            .group_by(unit)):
        counts[unit_id] += n
    units = session.scalars(select(Unit).where(Unit.active.is_(True))
                            .order_by(Unit.position, Unit.name))
    return [UnitLoad(u.id, u.name, u.system, counts[u.id], overdue[u.id]) for u in units]


def suggest_units(session: Session, actor: Actor, proposal_id: str,
                  limit: int = 6) -> list[UnitSuggestion]:
    """Units named at 立案, then units that answered similar titles, then the category's usual
    units; best first.  History counts only assignments that were not returned or moved away."""
    office_only(actor)
    proposal = get(session, Proposal, proposal_id, "proposal")
    scores: dict[str, float] = defaultdict(float)
    reasons: dict[str, list[str]] = defaultdict(list)
    units = {u.id: u for u in session.scalars(select(Unit).where(Unit.active.is_(True)))}

    for unit_id in _named_at_filing(session, proposal, units.values()):
        scores[unit_id] += 10
        reasons[unit_id].append("立案时建议")

    similar = _similar_earlier(session, proposal)
    answered = _answering_units(session, list(similar))
    by_unit: dict[str, list[str]] = defaultdict(list)
    for pid, unit_ids in answered.items():
        for unit_id in unit_ids:
            scores[unit_id] += similar[pid][0]
            by_unit[unit_id].append(similar[pid][1])
    for unit_id, titles in by_unit.items():
        reasons[unit_id].append(f"办理过相似提案 {len(titles)} 件，如《{titles[0]}》")

    if proposal.category_id:
        usual = _category_units(session, proposal)
        total = sum(usual.values())
        name = session.get(Category, proposal.category_id).name
        for unit_id, n in usual.most_common(limit):
            scores[unit_id] += n / total
            reasons[unit_id].append(f"同类别（{name}）提案承办 {n} 件")

    ranked = sorted((uid for uid in scores if uid in units),
                    key=lambda uid: (-scores[uid], units[uid].position))
    return [UnitSuggestion(uid, units[uid].name, "；".join(reasons[uid]), round(scores[uid], 2))
            for uid in ranked[:limit]]


def _named_at_filing(session: Session, proposal: Proposal, units) -> list[str]:
    texts = session.scalars(select(Review.suggested_units).where(
        Review.proposal_id == proposal.id, Review.decision == Decision.FILED,
        Review.revoked_at.is_(None), Review.suggested_units.is_not(None)))
    wanted = " ".join(texts)
    return [u.id for u in units
            if wanted and (u.name in wanted or (u.short_name and u.short_name in wanted))]


def _similar_earlier(session: Session, proposal: Proposal) -> dict[str, tuple[float, str]]:
    """Other proposals with a similar 案由: id → (likeness, title)."""
    wanted = fulltext.title_terms(proposal.title)
    ids = [i for i in fulltext.similar_title_candidates(session, proposal.title) if i != proposal.id]
    out = {}
    for pid, title in session.execute(select(Proposal.id, Proposal.title)
                                      .where(Proposal.id.in_(ids))):
        likeness = fulltext.title_likeness(wanted, fulltext.title_terms(title))
        if likeness >= SIMILAR_AT_LEAST:
            out[pid] = (likeness, title)
    return out


def _kept(stmt):
    """Assignments that stayed with their unit: not returned, not moved by 申请调整."""
    return stmt.where(or_(Assignment.ended.is_(None),
                          Assignment.ended.not_in((AssignmentEnd.RETURNED,
                                                   AssignmentEnd.ADJUSTED))))


def _answering_units(session: Session, proposal_ids: list[str]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    rows = session.execute(_kept(select(Assignment.proposal_id, Assignment.unit_id).where(
        Assignment.proposal_id.in_(proposal_ids), Assignment.role.in_(DUE_ROLES))))
    for pid, unit_id in rows:
        out[pid].add(unit_id)
    return out


def _category_units(session: Session, proposal: Proposal) -> Counter[str]:
    rows = session.execute(_kept(
        select(Assignment.unit_id, func.count())
        .join(Proposal, Proposal.id == Assignment.proposal_id)
        .where(Proposal.category_id == proposal.category_id, Proposal.id != proposal.id,
               Assignment.role.in_(DUE_ROLES))
        .group_by(Assignment.unit_id)))
    return Counter(dict(rows.all()))
