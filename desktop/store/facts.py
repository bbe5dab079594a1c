"""Reading a proposal's records as domain facts, and rebuilding the cached columns from them.

A flush hook notes which proposals and assignments had a record written in the current action,
and ``settle`` (run by ``store.changes.write`` before it commits) rebuilds exactly those, so no
service can forget to; a service that reads a status it changed earlier in the same action gets
it settled first through ``proposal_status``.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from desktop.domain.lifecycle import (
    AssignmentFact, EvaluationFact, ProposalFacts, Progress, ReplyFact, ReviewFact,
    SubmissionFact, derive,
)

from desktop.domain.enums import ContactForm, Rating

from .models import Assignment, Contact, Evaluation, Proposal, Reply, Review, Submission


def facts_for(session: Session, proposal_ids: Iterable[str]) -> dict[str, ProposalFacts]:
    """Facts of many proposals in six queries (not six per proposal)."""
    ids = list(proposal_ids)
    subs: dict[str, list] = defaultdict(list)
    revs: dict[str, list] = defaultdict(list)
    asgs: dict[str, list] = defaultdict(list)
    reps: dict[str, list] = defaultdict(list)
    evas: dict[str, list] = defaultdict(list)
    owner: dict[str, str] = {}
    for chunk in _chunks(ids):
        for pid, stamp in session.execute(
            select(Submission.proposal_id, Submission.stamp).where(Submission.proposal_id.in_(chunk))
        ):
            subs[pid].append(SubmissionFact(stamp))
        for r in session.scalars(select(Review).where(Review.proposal_id.in_(chunk))):
            revs[r.proposal_id].append(
                ReviewFact(r.stamp, r.level, r.decision, revoked=r.revoked_at is not None))
        for a in session.scalars(select(Assignment).where(Assignment.proposal_id.in_(chunk))):
            owner[a.id] = a.proposal_id
            asgs[a.proposal_id].append(AssignmentFact(
                a.id, a.role, a.round, accepted=a.accepted_on is not None,
                ended=a.ended is not None))
    for chunk in _chunks(list(owner)):
        for aid, rnd, stamp in session.execute(
            select(Reply.assignment_id, Reply.round, Reply.stamp).where(Reply.assignment_id.in_(chunk))
        ):
            reps[owner[aid]].append(ReplyFact(aid, rnd, stamp))
        for aid, rnd, result, stamp in session.execute(
            select(Evaluation.assignment_id, Evaluation.round, Evaluation.result, Evaluation.stamp)
            .where(Evaluation.assignment_id.in_(chunk))
        ):
            evas[owner[aid]].append(EvaluationFact(aid, rnd, result, stamp))
    return {
        pid: ProposalFacts(tuple(subs[pid]), tuple(revs[pid]), tuple(asgs[pid]),
                           tuple(reps[pid]), tuple(evas[pid]))
        for pid in ids
    }


def progress_of(session: Session, proposal: Proposal) -> Progress:
    return derive(facts_for(session, [proposal.id])[proposal.id])


def _rebuild(session: Session, proposal_ids: set[str]) -> None:
    """The cached status and review level of these proposals, from their records."""
    found = {p.id: p for chunk in _chunks(list(proposal_ids))
             for p in session.scalars(select(Proposal).where(Proposal.id.in_(chunk)))}
    for pid, facts in facts_for(session, list(found)).items():
        proposal, progress = found[pid], derive(facts)
        if proposal.status != progress.state:
            proposal.status = progress.state
        if proposal.review_level != progress.review_level:
            proposal.review_level = progress.review_level


def _chunks(ids: list[str], size: int = 500) -> Iterable[list[str]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _rebuild_assignment(session: Session, assignment: Assignment) -> None:
    """An assignment's cached answer (latest reply and rating with their rounds, 面商)."""
    latest = session.execute(
        select(Reply.round, Reply.category).where(Reply.assignment_id == assignment.id)
        .order_by(Reply.stamp.desc()).limit(1)).first()
    ratings = session.execute(
        select(Evaluation.result, Evaluation.round).where(Evaluation.assignment_id == assignment.id)
        .order_by(Evaluation.stamp.desc())).all()
    results = [result for result, _ in ratings]
    face = session.scalar(select(Contact.id).where(
        Contact.assignment_id == assignment.id, Contact.form == ContactForm.FACE).limit(1))
    values = {
        "replied_round": latest[0] if latest else None,
        "category": latest[1] if latest else None,
        "result": results[0] if results else None,
        "evaluated_round": ratings[0][1] if ratings else None,
        "unsatisfied": Rating.UNSATISFIED in results,
        "face_to_face": face is not None,
    }
    for name, value in values.items():
        if getattr(assignment, name) != value:
            setattr(assignment, name, value)


_TOUCHED = "touched"  # session.info: (proposal ids, assignment ids) written in this action
# each record kind → the cached columns it feeds: a proposal's status, an assignment's answer
_FEEDS_PROPOSAL = (Submission, Review, Assignment)
_FEEDS_ASSIGNMENT = (Reply, Evaluation, Contact)


@event.listens_for(Session, "before_flush")
def _note_touched(session: Session, _context, _instances) -> None:
    if "action" not in session.info:
        return
    proposals, assignments = session.info.setdefault(_TOUCHED, (set(), set()))
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, _FEEDS_PROPOSAL):
            proposals.add(obj.proposal_id)
        elif isinstance(obj, _FEEDS_ASSIGNMENT):
            assignments.add(obj.assignment_id)


def settle(session: Session) -> None:
    """Rebuild the cached columns of every proposal and assignment written in this action."""
    session.flush()
    proposals, assignments = session.info.pop(_TOUCHED, (set(), set()))
    if assignments:
        for chunk in _chunks(list(assignments)):
            for assignment in session.scalars(select(Assignment).where(Assignment.id.in_(chunk))):
                _rebuild_assignment(session, assignment)
                proposals.add(assignment.proposal_id)
        session.flush()
        proposals |= session.info.pop(_TOUCHED, (set(), set()))[0]
    if proposals:
        _rebuild(session, proposals)
        session.flush()
        session.info.pop(_TOUCHED, None)


def proposal_status(session: Session, proposal: Proposal) -> Progress:
    """The proposal's status as of now, settled if this action already wrote to it."""
    if "action" in session.info:
        settle(session)
    return Progress(proposal.status, proposal.review_level)
