"""The counts behind the published figures, in a few aggregate queries over a meeting.

``handling`` counts from the assignments' cached answers (kept by store.facts); the reference
``assignment_rows`` reads the same from the replies, ratings and contacts themselves, so tests
and ``tian check`` can hold the two equal.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import Integer, String, case, func, select, type_coerce
from sqlalchemy.orm import Session

from desktop.domain.enums import (
    ENDED_STATES, FILED_STATES, AssignmentRole, ContactForm, Kind, Rating, State, UnitSystem,
)
from desktop.domain.statistics import CATEGORIES, AssignmentRow, HandlingCounts, IntakeCounts

from .predicates import overdue
from .models import (
    Assignment, Category, Contact, Evaluation, Meeting, Proposal, Reply, Sector, Unit,
)

_FILED = [s.value for s in FILED_STATES]
_ADDITIVE = ("assignments", "lead", "assist", "separate", "replies_due", "replied", "evaluated",
             "satisfied", "basically_satisfied", "unsatisfied", "rehandled", "overdue")


def _value(v):
    return getattr(v, "value", v)


def _meeting(stmt, meeting_id: str | None):
    """Live assignments of a meeting (an assignment exists only for a filed proposal)."""
    table = Assignment.__table__.c
    stmt = stmt.where(table.ended.is_(None))
    return stmt.where(table.meeting_id == meeting_id) if meeting_id else stmt


def _sum(condition) -> object:
    return func.sum(case((condition, 1), else_=0))


def _meetings(session: Session, meeting_id: str | None) -> list[str]:
    """One meeting, or every one: each read on its own walks its part of a covering index in
    order, where one pass over all of them would sort the whole table first."""
    return [meeting_id] if meeting_id else list(session.scalars(select(Meeting.id)))


def handling(session: Session, meeting_id: str | None, today: date,
             system: UnitSystem | None = None, unit_id: str | None = None,
             ) -> tuple[HandlingCounts, dict[str, HandlingCounts], dict[str, HandlingCounts], int]:
    """Counts for the scope, per unit and per system, and the office's proposals in 政府系统.

    One index-only pass per meeting sums each unit's assignments by role; a proposal has one
    主办 or several 分办 units, never both, so proposals are counted from the 主办 sums plus
    the distinct proposals of the few 分办 rows, read apart.  Scopes are applied here, not in
    SQL, so that the office-wide 政府系统 share comes from the same passes.
    """
    systems = {uid: _value(sys) for uid, sys in session.execute(select(Unit.id, Unit.system))}
    gov = UnitSystem.GOVERNMENT.value

    def in_scope(uid: str) -> bool:
        return (system is None or systems[uid] == system.value) and unit_id in (None, uid)

    per_unit: dict[str, HandlingCounts] = defaultdict(HandlingCounts)
    handled: dict[str | None, int] = defaultdict(int)  # 主办: one per proposal
    face: dict[str | None, int] = defaultdict(int)
    government = 0
    connection = session.connection()
    for meeting in _meetings(session, meeting_id):
        for row in connection.execute(_per_unit_statement(meeting, today)):
            uid, role, n, met = row[0], row[1], row[2], int(row[-1] or 0)
            if role == AssignmentRole.LEAD.value and systems[uid] == gov:
                government += n
            if not in_scope(uid):
                continue
            _add_unit_row(per_unit[uid], row)
            if role == AssignmentRole.LEAD.value:
                for key in (systems[uid], None):
                    handled[key] += n
                    face[key] += met
    per_system: dict[str, HandlingCounts] = defaultdict(HandlingCounts)
    total = HandlingCounts()
    units: dict[str | None, int] = defaultdict(int)
    for uid, counts in per_unit.items():
        for key, target in ((systems[uid], per_system[systems[uid]]), (None, total)):
            _add(target, counts)
            units[key] += 1

    separate: dict[str | None, set] = defaultdict(set)
    separate_face: dict[str | None, set] = defaultdict(set)
    separate_gov: set[str] = set()
    table = Assignment.__table__.c
    rows = _meeting(select(table.unit_id, table.proposal_id, type_coerce(table.face_to_face,
                                                                          Integer))
                    .where(table.role == AssignmentRole.SEPARATE.value), meeting_id)
    for uid, pid, met in connection.execute(rows):
        if systems[uid] == gov:
            separate_gov.add(pid)
        if in_scope(uid):
            for key in (systems[uid], None):
                separate[key].add(pid)
                if met:
                    separate_face[key].add(pid)
    for key, counts in [*per_system.items(), (None, total)]:
        counts.proposals_handled = handled[key] + len(separate[key])
        counts.face_to_face = face[key] + len(separate_face[key])
        counts.units = units[key]
    return total, dict(per_unit), dict(per_system), government + len(separate_gov)


def _per_unit_statement(meeting_id: str, today: date):
    """Sums over every role; the caller reads those of 主办 and 分办 and only counts 协办."""
    a = Assignment.__table__.c
    return _meeting(select(
        a.unit_id, type_coerce(a.role, String), func.count(),
        *[_sum(a.category == k) for k in CATEGORIES],
        _sum(a.result.is_not(None)),
        _sum(a.result == Rating.SATISFIED.value),
        _sum(a.result == Rating.BASIC.value),
        _sum(a.unsatisfied),
        _sum(a.round > 1),
        _sum(overdue(today)),
        _sum(a.face_to_face),
    ), meeting_id).group_by(a.unit_id, a.role)


def _add_unit_row(counts: HandlingCounts, row) -> None:
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
    """The office's intake, and received / filed per category and per sector.

    Two small groupings per meeting, each a walk along a covering index in its own order
    (status, kind, category / sector, status), so neither sorts the meeting's proposals.
    """
    p = Proposal.__table__.c
    original = func.sum(case((p.split_from_id.is_(None), 1), else_=0))  # a split part is
    counts = IntakeCounts()                                  # received as its whole, once
    by_category: dict[str | None, list[int]] = defaultdict(lambda: [0, 0])
    by_sector: dict[str | None, list[int]] = defaultdict(lambda: [0, 0])
    connection = session.connection()
    for meeting in _meetings(session, meeting_id):
        stmt = (select(type_coerce(p.status, String), type_coerce(p.kind, String), p.category_id,
                       original, func.count())
                .where(p.meeting_id == meeting).group_by(p.status, p.kind, p.category_id))
        for status, kind, category_id, received, n in connection.execute(stmt):
            status, received = State(status), int(received or 0)
            counts.received += received
            if kind == Kind.SESSION.value:
                counts.received_session += received
            else:
                counts.received_interim += received
            by_category[category_id][0] += received
            if status in FILED_STATES:
                counts.filed += n
                by_category[category_id][1] += n
            elif status is State.IN_REVIEW:
                counts.in_review += n
            elif status in ENDED_STATES:
                setattr(counts, status.value, getattr(counts, status.value) + n)
        stmt = (select(p.sector_id, type_coerce(p.status, String), original, func.count())
                .where(p.meeting_id == meeting).group_by(p.sector_id, p.status))
        for sector_id, status, received, n in connection.execute(stmt):
            by_sector[sector_id][0] += int(received or 0)
            if State(status) in FILED_STATES:
                by_sector[sector_id][1] += n
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


def _latest(model, column):
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
