"""The counts behind the published figures, in a few aggregate queries over a meeting.

``handling`` counts from the assignments' cached answers (kept by store.facts); the reference
``assignment_rows`` reads the same from the replies, ratings and contacts themselves, so tests
and ``tian check`` can hold the two equal.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import Integer, String, and_, case, func, select, type_coerce
from sqlalchemy.orm import Session

from desktop.domain.enums import DUE_ROLES, FILED_STATES, ContactForm, Kind, Rating, State, UnitSystem
from desktop.domain.statistics import CATEGORIES, AssignmentRow, HandlingCounts, IntakeCounts

from .models import Assignment, Category, Contact, Evaluation, Proposal, Reply, Sector, Unit

_FILED = [s.value for s in FILED_STATES]
_DUE = [r.value for r in DUE_ROLES]
_ADDITIVE = ("assignments", "lead", "assist", "separate", "replies_due", "replied", "evaluated",
             "satisfied", "basically_satisfied", "unsatisfied", "rehandled", "overdue")


def _value(v):  # noqa: ANN001, ANN202
    return getattr(v, "value", v)


def _meeting(stmt, meeting_id: str | None):  # noqa: ANN001, ANN202
    """Live assignments of a meeting (an assignment exists only for a filed proposal)."""
    table = Assignment.__table__.c
    stmt = stmt.where(table.ended.is_(None))
    return stmt.where(table.meeting_id == meeting_id) if meeting_id else stmt


def _sum(condition) -> object:  # noqa: ANN001
    return func.sum(case((condition, 1), else_=0))


def handling(session: Session, meeting_id: str | None, today: date,
             system: UnitSystem | None = None, unit_id: str | None = None,
             ) -> tuple[HandlingCounts, dict[str, HandlingCounts], dict[str, HandlingCounts], int]:
    """Counts for the scope, per unit and per system, and the office's proposals in 政府系统.

    Two index-only passes over the meeting's assignments; scopes are applied here, not in SQL,
    so that the office-wide 政府系统 share comes from the same pass.
    """
    systems = {uid: _value(sys) for uid, sys in session.execute(select(Unit.id, Unit.system))}

    def in_scope(uid: str) -> bool:
        return (system is None or systems[uid] == system.value) and unit_id in (None, uid)

    per_unit: dict[str, HandlingCounts] = defaultdict(HandlingCounts)
    for row in session.connection().execute(_per_unit_statement(meeting_id, today)):
        if in_scope(row[0]):
            _add_unit_row(per_unit[row[0]], row)
    per_system: dict[str, HandlingCounts] = defaultdict(HandlingCounts)
    total = HandlingCounts()
    for uid, counts in per_unit.items():
        for target in (per_system[systems[uid]], total):
            _add(target, counts)

    handled: dict[str, set] = defaultdict(set)
    face: dict[str, set] = defaultdict(set)
    units: dict[str, set] = defaultdict(set)
    government: set[str] = set()
    table = Assignment.__table__.c
    narrow = _meeting(select(table.unit_id, table.proposal_id, type_coerce(table.role, String),
                             type_coerce(table.face_to_face, Integer)), meeting_id)
    scoped = {uid for uid in systems if in_scope(uid)}
    gov = UnitSystem.GOVERNMENT.value
    # Core, not ORM rows: this pass reads every assignment of the meeting
    for uid, pid, role, met in session.connection().execute(narrow):
        if role == "assist":
            if uid in scoped:
                units[systems[uid]].add(uid)
                units[None].add(uid)
            continue
        sys = systems[uid]
        if sys == gov:
            government.add(pid)
        if uid in scoped:
            for key in (sys, None):
                units[key].add(uid)
                handled[key].add(pid)
                if met:
                    face[key].add(pid)
    for key, counts in [*per_system.items(), (None, total)]:
        counts.proposals_handled, counts.face_to_face = len(handled[key]), len(face[key])
        counts.units = len(units[key])
    return total, dict(per_unit), dict(per_system), len(government)


def _per_unit_statement(meeting_id: str | None, today: date):  # noqa: ANN202
    a = Assignment.__table__.c
    due = a.role.in_(_DUE)
    answered = and_(a.replied_round.is_not(None), a.replied_round == a.round)
    return _meeting(select(
        a.unit_id, type_coerce(a.role, String), func.count(),
        *[_sum(and_(due, a.category == k)) for k in CATEGORIES],
        _sum(and_(due, a.result.is_not(None))),
        _sum(and_(due, a.result == Rating.SATISFIED.value)),
        _sum(and_(due, a.result == Rating.BASIC.value)),
        _sum(and_(due, a.unsatisfied)),
        _sum(and_(due, a.round > 1)),
        _sum(and_(due, ~answered, a.due_on < today)),
        _sum(and_(due, a.face_to_face)),
    ), meeting_id).group_by(a.unit_id, a.role)


def _add_unit_row(counts: HandlingCounts, row) -> None:  # noqa: ANN001
    _, role, n, a, b, c, d, evaluated, satisfied, basic, unsatisfied, rehandled, overdue, face = row
    counts.units = 1
    counts.assignments += n
    setattr(counts, role, getattr(counts, role) + n)
    if role == "assist":
        return
    counts.replies_due += n
    counts.proposals_handled += n  # a unit holds one live assignment per proposal
    for key, value in zip(CATEGORIES, (a, b, c, d)):
        counts.categories[key] += int(value or 0)
        counts.replied += int(value or 0)
    counts.evaluated += int(evaluated or 0)
    counts.satisfied += int(satisfied or 0)
    counts.basically_satisfied += int(basic or 0)
    counts.unsatisfied += int(unsatisfied or 0)
    counts.rehandled += int(rehandled or 0)
    counts.overdue += int(overdue or 0)
    counts.face_to_face += int(face or 0)


def _add(target: HandlingCounts, counts: HandlingCounts) -> None:
    for name in _ADDITIVE:
        setattr(target, name, getattr(target, name) + getattr(counts, name))
    for key in CATEGORIES:
        target.categories[key] += counts.categories[key]


def intake(session: Session, meeting_id: str | None) -> tuple[IntakeCounts, list[dict], list[dict]]:
    """The office's intake, and received / filed per category and per sector, in one pass."""
    p = Proposal.__table__.c
    original = p.split_from_id.is_(None)
    stmt = select(type_coerce(p.status, String), type_coerce(p.kind, String),
                  type_coerce(original, Integer), p.category_id, p.sector_id, func.count())
    if meeting_id:
        stmt = stmt.where(p.meeting_id == meeting_id)
    stmt = stmt.group_by(p.status, p.kind, original, p.category_id, p.sector_id)
    counts = IntakeCounts()
    by_category: dict[str | None, list[int]] = defaultdict(lambda: [0, 0])
    by_sector: dict[str | None, list[int]] = defaultdict(lambda: [0, 0])
    for status, kind, original, category_id, sector_id, n in session.connection().execute(stmt):
        status = State(status)
        filed = status in FILED_STATES
        if original:
            counts.received += n
            if kind == Kind.SESSION.value:
                counts.received_session += n
            else:
                counts.received_interim += n
            by_category[category_id][0] += n
            by_sector[sector_id][0] += n
        if filed:
            counts.filed += n
            by_category[category_id][1] += n
            by_sector[sector_id][1] += n
        elif status is State.IN_REVIEW:
            counts.in_review += n
        elif status.value in ("rejected", "referred", "merged", "withdrawn", "split"):
            setattr(counts, status.value, getattr(counts, status.value) + n)
    categories = dict(session.execute(select(Category.id, Category.name)).all())
    sectors = dict(session.execute(select(Sector.id, Sector.name)).all())
    return counts, _named(by_category, categories), _named(by_sector, sectors)


def _named(groups: dict, names: dict) -> list[dict]:
    rows = [{"name": names.get(key, "未分类"), "received": r, "filed": f}
            for key, (r, f) in groups.items()]
    return sorted(rows, key=lambda row: (-row["received"], row["name"]))


def unit_names(session: Session) -> dict[str, tuple[str, str]]:
    return {uid: (name, _value(system)) for uid, name, system in
            session.execute(select(Unit.id, Unit.name, Unit.system))}


# --- the reference: the same answers read from the records themselves ---------------------


def _latest(model, column):  # noqa: ANN001, ANN202
    """Per assignment, ``column`` of its latest record by clock stamp (portable window query)."""
    ranked = select(
        model.assignment_id, column.label("value"), model.round.label("round"),
        func.row_number().over(partition_by=model.assignment_id,
                               order_by=model.stamp.desc()).label("rn"),
    ).subquery()
    return select(ranked.c.assignment_id, ranked.c.value, ranked.c.round).where(
        ranked.c.rn == 1).subquery()


def assignment_rows(session: Session, meeting_id: str | None = None,
                    live_filed_only: bool = True) -> dict[str, tuple[AssignmentRow, str]]:
    """Assignment id → (its answer read from replies, ratings and contacts; its unit's system)."""
    reply = _latest(Reply, Reply.category)
    evaluation = _latest(Evaluation, Evaluation.result)
    unsatisfied = (select(Evaluation.assignment_id).where(Evaluation.result == Rating.UNSATISFIED)
                   .group_by(Evaluation.assignment_id).subquery())
    face = (select(Contact.assignment_id).where(Contact.form == ContactForm.FACE)
            .group_by(Contact.assignment_id).subquery())
    stmt = (
        select(Assignment.id, Assignment.proposal_id, Assignment.unit_id, Assignment.role,
               Assignment.round, Assignment.due_on, reply.c.value, reply.c.round,
               evaluation.c.value, unsatisfied.c.assignment_id, face.c.assignment_id, Unit.system,
               evaluation.c.round)
        .join(Proposal, Proposal.id == Assignment.proposal_id)
        .join(Unit, Unit.id == Assignment.unit_id)
        .outerjoin(reply, reply.c.assignment_id == Assignment.id)
        .outerjoin(evaluation, evaluation.c.assignment_id == Assignment.id)
        .outerjoin(unsatisfied, unsatisfied.c.assignment_id == Assignment.id)
        .outerjoin(face, face.c.assignment_id == Assignment.id)
    )
    if live_filed_only:
        stmt = stmt.where(Assignment.ended.is_(None), Proposal.status.in_(_FILED))
    if meeting_id:
        stmt = stmt.where(Proposal.meeting_id == meeting_id)
    out = {}
    for aid, pid, uid, role, rnd, due, cat, cat_round, result, unsat, face_id, system, \
            result_round in session.execute(stmt):
        out[aid] = (AssignmentRow(pid, uid, _value(role), rnd, due, _value(cat), cat_round,
                                  _value(result), unsat is not None, face_id is not None,
                                  result_round), _value(system))
    return out
