"""办理: contacts with the proposer, the reply, the proposer's evaluation, 二次办理, follow-ups."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.actor import Actor
from desktop.domain.enums import (
    DUE_ROLES, ContactForm, Disclosure, EvaluationMethod, FollowUpKind, Rating, ReplyCategory,
)
from desktop.domain.errors import InvalidInput, NotAllowed
from desktop.domain.permissions import Action
from desktop.domain.tracking import FOLLOWED_CATEGORIES
from desktop.store.changes import next_stamp, write
from desktop.store.models import (
    Assignment, AssistOpinion, Attachment, Contact, Evaluation, FollowUp, Reply,
)
from desktop.store.office import load_settings

from .common import assignment_for, label_of, not_before, required_text
from .entry import store_file

UNSATISFIED_REASON = "办理结果不满意"


def record_contact(session: Session, actor: Actor, assignment_id: str, form: ContactForm,
                   on: date, members: str | None = None, unit_people: str | None = None,
                   note: str | None = None) -> Contact:
    """沟通 / 面商 with the proposer, as the unit reports it."""
    with write(session, actor, "handling.contact"):
        assignment, _, _ = assignment_for(session, actor, assignment_id, Action.RECORD_CONTACT)
        not_before(on, assignment.assigned_on, "contacted_on")
        contact = Contact(assignment_id=assignment.id, form=form, contacted_on=on,
                          members=members, unit_people=unit_people, note=note,
                          user_id=actor.user_id, stamp=next_stamp(session))
        session.add(contact)
    return contact


def send_opinion(session: Session, actor: Actor, assignment_id: str, on: date,
                 text: str) -> AssistOpinion:
    """协办意见 sent to the 主办 unit, which answers the proposer for both."""
    text = required_text(text, "text")
    with write(session, actor, "handling.assist_opinion"):
        assignment, proposal, _ = assignment_for(session, actor, assignment_id,
                                                 Action.ASSIST_OPINION)
        if assignment.role in DUE_ROLES:
            raise NotAllowed("opinion_from_assist_only", unit=assignment.unit.name,
                             proposal=label_of(proposal))
        if assignment.accepted_on is None:
            raise NotAllowed("not_accepted", unit=assignment.unit.name, proposal=label_of(proposal))
        not_before(on, assignment.accepted_on, "sent_on")
        opinion = AssistOpinion(assignment_id=assignment.id, sent_on=on, text=text,
                                user_id=actor.user_id, stamp=next_stamp(session))
        session.add(opinion)
    return opinion


@dataclass
class ReplyInput:
    category: ReplyCategory | None
    replied_on: date
    signer: str | None = None  # 签发人
    disclosure: Disclosure = Disclosure.PUBLIC
    disclosure_reason: str | None = None
    text: str | None = None
    contact_person: str | None = None
    contact_phone: str | None = None
    letter: Path | None = None  # the signed letter, kept in the data folder


def _replies(session: Session, assignment: Assignment) -> list[Reply]:
    return list(session.scalars(select(Reply).where(Reply.assignment_id == assignment.id)))


def reply(session: Session, actor: Actor, assignment_id: str, data: ReplyInput,
          store_dir: Path | None = None) -> Reply:
    """答复 of a 主办 or 分办 unit for the assignment's current round."""
    if data.category is None:
        raise InvalidInput("reply_category_required")
    if data.disclosure is Disclosure.NOT_PUBLIC:
        required_text(data.disclosure_reason, "disclosure_reason")
    letter_sha = letter_name = None
    if data.letter is not None:
        if store_dir is None or not Path(data.letter).is_file():
            raise InvalidInput("file_missing", path=str(data.letter))
        letter_sha, size = store_file(Path(data.letter), store_dir)
        letter_name = Path(data.letter).name
    with write(session, actor, "handling.reply"):
        assignment, proposal, _ = assignment_for(session, actor, assignment_id, Action.REPLY)
        if assignment.role not in DUE_ROLES:
            raise NotAllowed("assist_cannot_reply", unit=assignment.unit.name)
        if assignment.accepted_on is None:
            raise NotAllowed("not_accepted", unit=assignment.unit.name, proposal=label_of(proposal))
        not_before(data.replied_on, assignment.assigned_on, "replied_on")
        if any(r.round == assignment.round for r in _replies(session, assignment)):
            raise NotAllowed("already_replied", unit=assignment.unit.name,
                             proposal=label_of(proposal))
        answer = Reply(
            assignment_id=assignment.id, round=assignment.round, category=data.category,
            replied_on=data.replied_on, signer=data.signer, disclosure=data.disclosure,
            disclosure_reason=data.disclosure_reason, text=data.text,
            contact_person=data.contact_person, contact_phone=data.contact_phone,
            letter_sha256=letter_sha, letter_name=letter_name, user_id=actor.user_id,
            stamp=next_stamp(session))
        session.add(answer)
        session.flush()
        if letter_sha:
            session.add(Attachment(sha256=letter_sha, filename=letter_name, size=size,
                                   reply_id=answer.id, added_at=datetime.now(),
                                   user_id=actor.user_id))
    return answer


def evaluate(session: Session, actor: Actor, assignment_id: str, attitude: Rating | None,
             result: Rating | None, method: EvaluationMethod | None, on: date,
             note: str | None = None) -> Evaluation:
    """The proposer's rating of 办理态度 and 办理结果; 不满意 on the result reopens handling."""
    if attitude is None or result is None:
        raise InvalidInput("rating_required")
    if method is None:
        raise InvalidInput("field_required", field="method")
    with write(session, actor, "handling.evaluate"):
        assignment, proposal, _ = assignment_for(session, actor, assignment_id, Action.EVALUATE)
        current = [r for r in _replies(session, assignment) if r.round == assignment.round]
        if not current:
            raise NotAllowed("no_reply_to_evaluate", unit=assignment.unit.name,
                             proposal=label_of(proposal))
        not_before(on, current[0].replied_on, "evaluated_on")
        done = session.scalar(select(Evaluation.id).where(
            Evaluation.assignment_id == assignment.id, Evaluation.round == assignment.round))
        if done:
            raise NotAllowed("already_evaluated", unit=assignment.unit.name,
                             proposal=label_of(proposal))
        evaluation = Evaluation(assignment_id=assignment.id, round=assignment.round,
                                attitude=attitude, result=result, method=method,
                                evaluated_on=on, entered_by=actor.user_id, note=note,
                                stamp=next_stamp(session))
        session.add(evaluation)
        if result is Rating.UNSATISFIED:
            _open_next_round(session, assignment, on, UNSATISFIED_REASON)
    return evaluation


def _open_next_round(session: Session, assignment: Assignment, on: date, reason: str,
                     due_on: date | None = None) -> None:
    due = due_on or load_settings(session).deadlines.rehandle_due_on(on)
    not_before(due, on, "due_on")
    assignment.round += 1
    assignment.first_due_on = assignment.due_on = due
    assignment.round_reason = reason
    assignment.extension_reason = None


def rehandle(session: Session, actor: Actor, assignment_id: str, reason: str,
             on: date | None = None, due_on: date | None = None) -> Assignment:
    """二次办理 opened by the office itself (an unsatisfied rating opens it on its own)."""
    on = on or date.today()
    reason = required_text(reason, "reason")
    with write(session, actor, "handling.rehandle"):
        assignment, proposal, _ = assignment_for(session, actor, assignment_id, Action.REHANDLE)
        if not any(r.round == assignment.round for r in _replies(session, assignment)):
            raise NotAllowed("rehandle_without_reply", unit=assignment.unit.name,
                             proposal=label_of(proposal))
        _open_next_round(session, assignment, on, reason, due_on)
    return assignment


def follow_up(session: Session, actor: Actor, assignment_id: str, kind: FollowUpKind, on: date,
              text: str, category: ReplyCategory | None = None) -> FollowUp:
    """落实 / 续办续复 of a matter answered B or C."""
    text = required_text(text, "text")
    with write(session, actor, "handling.follow_up"):
        assignment, proposal, _ = assignment_for(session, actor, assignment_id, Action.FOLLOW_UP)
        answered = [r for r in _replies(session, assignment)
                    if r.category in FOLLOWED_CATEGORIES]
        if not answered:
            raise NotAllowed("follow_up_needs_b_or_c", unit=assignment.unit.name,
                             proposal=label_of(proposal))
        not_before(on, max(r.replied_on for r in answered), "followed_on")
        entry = FollowUp(assignment_id=assignment.id, kind=kind, followed_on=on, text=text,
                         category=category, user_id=actor.user_id, stamp=next_stamp(session))
        session.add(entry)
    return entry
