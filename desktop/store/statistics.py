"""The rows behind the published figures, read in a handful of portable SQL queries."""
from __future__ import annotations

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from desktop.domain.enums import DUE_ROLES, FILED_STATES, ContactForm, Kind, Rating, State, UnitSystem
from desktop.domain.statistics import AssignmentRow, IntakeCounts

from .models import (
    Assignment, Category, Contact, Evaluation, Member, Organisation, Proposal, Proposer, Reply,
    Sector, Unit,
)

_FILED = [s.value for s in FILED_STATES]


def _latest(model, column):  # noqa: ANN001, ANN202
    """Per assignment, ``column`` of its latest record by clock stamp (portable window query)."""
    ranked = select(
        model.assignment_id, column.label("value"), model.round.label("round"),
        func.row_number().over(partition_by=model.assignment_id,
                               order_by=model.stamp.desc()).label("rn"),
    ).subquery()
    return select(ranked.c.assignment_id, ranked.c.value, ranked.c.round).where(
        ranked.c.rn == 1).subquery()


def assignment_rows(session: Session, meeting_id: str | None) -> list[tuple[AssignmentRow, str]]:
    """Every live assignment of the meeting's filed proposals, with its unit's system."""
    reply = _latest(Reply, Reply.category)
    evaluation = _latest(Evaluation, Evaluation.result)
    unsatisfied = (select(Evaluation.assignment_id).where(Evaluation.result == Rating.UNSATISFIED)
                   .group_by(Evaluation.assignment_id).subquery())
    face = (select(Contact.assignment_id).where(Contact.form == ContactForm.FACE)
            .group_by(Contact.assignment_id).subquery())
    stmt = (
        select(Assignment.proposal_id, Assignment.unit_id, Assignment.role, Assignment.round,
               Assignment.due_on, reply.c.value, reply.c.round, evaluation.c.value,
               unsatisfied.c.assignment_id, face.c.assignment_id, Unit.system)
        .join(Proposal, Proposal.id == Assignment.proposal_id)
        .join(Unit, Unit.id == Assignment.unit_id)
        .outerjoin(reply, reply.c.assignment_id == Assignment.id)
        .outerjoin(evaluation, evaluation.c.assignment_id == Assignment.id)
        .outerjoin(unsatisfied, unsatisfied.c.assignment_id == Assignment.id)
        .outerjoin(face, face.c.assignment_id == Assignment.id)
        .where(Assignment.ended.is_(None), Proposal.status.in_(_FILED))
    )
    if meeting_id:
        stmt = stmt.where(Proposal.meeting_id == meeting_id)
    out = []
    for pid, uid, role, rnd, due, cat, cat_round, result, unsat, face_id, system in session.execute(stmt):
        out.append((AssignmentRow(
            pid, uid, _value(role), rnd, due, _value(cat), cat_round, _value(result),
            unsat is not None, face_id is not None), _value(system)))
    return out


def _value(v):  # noqa: ANN001, ANN202
    return getattr(v, "value", v)


def intake_counts(session: Session, meeting_id: str | None) -> IntakeCounts:
    scope = [Proposal.meeting_id == meeting_id] if meeting_id else []
    counts = IntakeCounts()
    stmt = (select(Proposal.status, Proposal.kind, Proposal.split_from_id.is_(None), func.count())
            .where(*scope).group_by(Proposal.status, Proposal.kind, Proposal.split_from_id.is_(None)))
    for status, kind, original, n in session.execute(stmt):
        status = State(_value(status))
        if original:
            counts.received += n
            if Kind(_value(kind)) is Kind.SESSION:
                counts.received_session += n
            else:
                counts.received_interim += n
        if status in FILED_STATES:
            counts.filed += n
        elif status is State.IN_REVIEW:
            counts.in_review += n
        elif status.value in ("rejected", "referred", "merged", "withdrawn", "split"):
            setattr(counts, status.value, getattr(counts, status.value) + n)
    gov = (select(func.count(func.distinct(Assignment.proposal_id)))
           .join(Proposal, Proposal.id == Assignment.proposal_id)
           .join(Unit, Unit.id == Assignment.unit_id)
           .where(*scope, Assignment.ended.is_(None), Proposal.status.in_(_FILED),
                  Assignment.role.in_([r.value for r in DUE_ROLES]),
                  Unit.system == UnitSystem.GOVERNMENT))
    counts.government_handled = session.scalar(gov) or 0
    return counts


def _intake_by(session: Session, meeting_id: str | None, label, joins) -> list[dict]:  # noqa: ANN001
    filed = func.sum(case((Proposal.status.in_(_FILED), 1), else_=0))
    stmt = select(label, func.count(), filed).select_from(Proposal)
    for target, on in joins:
        stmt = stmt.outerjoin(target, on)
    stmt = stmt.where(Proposal.split_from_id.is_(None))
    if meeting_id:
        stmt = stmt.where(Proposal.meeting_id == meeting_id)
    rows = session.execute(stmt.group_by(label)).all()
    return [{"name": name or "未分类", "received": n, "filed": int(f or 0)}
            for name, n, f in sorted(rows, key=lambda r: (-r[1], r[0] or ""))]


def by_category(session: Session, meeting_id: str | None) -> list[dict]:
    return _intake_by(session, meeting_id, Category.name,
                      [(Category, Category.id == Proposal.category_id)])


def by_sector(session: Session, meeting_id: str | None) -> list[dict]:
    """Proposals by the sector of the lead proposer (a member's, or an organisation's)."""
    sector = func.coalesce(Sector.name, Organisation.name)
    return _intake_by(session, meeting_id, sector, [
        (Proposer, and_(Proposer.proposal_id == Proposal.id, Proposer.position == 0)),
        (Member, Member.id == Proposer.member_id),
        (Organisation, Organisation.id == Proposer.organisation_id),
        (Sector, Sector.id == func.coalesce(Member.sector_id, Organisation.sector_id)),
    ])


def unit_names(session: Session) -> dict[str, tuple[str, str]]:
    return {uid: (name, _value(system)) for uid, name, system in
            session.execute(select(Unit.id, Unit.name, Unit.system))}

