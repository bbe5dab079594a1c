"""Reading a proposal's records as domain facts, and rebuilding its cached status from them."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import select
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


def refresh(session: Session, proposal: Proposal) -> Progress:
    """Rebuild the cached status of one proposal after one of its records changed."""
    session.flush()
    progress = progress_of(session, proposal)
    if proposal.status != progress.state:
        proposal.status = progress.state
    if proposal.review_level != progress.review_level:
        proposal.review_level = progress.review_level
    return progress


def _chunks(ids: list[str], size: int = 500) -> Iterable[list[str]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def refresh_assignment(session: Session, assignment: Assignment) -> None:
    """Rebuild an assignment's cached answer (latest reply and rating with their rounds, 面商) from its records."""
    session.flush()
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

