"""What each letter says, read from the records: the content the exporters lay out."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.domain.enums import AssignmentRole, Origin, ProposerRole
from desktop.domain.office import county_of, unit_full_name
from desktop.exporters.reply_letter import ReplyLetter
from desktop.wording.documents import DISCLOSURE_NOTES
from desktop.wording.labels import proposal_label
from desktop.store.models import Assignment, Proposal, Proposer, Reply, Unit
from desktop.store.office import load_settings

from .base_data import chinese_number
from .common import get, label_of


def meeting_title(office_name: str, term_number: int, meeting_number: int) -> str:
    """政协××县委员会, 10, 2 → 政协××县第十届委员会第二次会议 (as a letter names it)."""
    county = office_name.removesuffix("委员会")
    return f"{county}第{chinese_number(term_number)}届委员会第{chinese_number(meeting_number)}次会议"


def salutation(proposers: list[Proposer], origin: Origin) -> tuple[str, str]:
    """The salutation and who "提出" the proposal in the opening sentence."""
    lead = proposers[0]
    if origin is Origin.COLLECTIVE or lead.organisation_id:
        return f"{lead.name}：", "贵单位"
    cosigners = [p.name for p in proposers[1:] if p.role is ProposerRole.COSIGNER]
    if cosigners:
        return f"{lead.name}等委员：", f"您与{'、'.join(cosigners)}委员联名"
    return f"{lead.name}委员：", "您"


def _doc_number(session: Session, settings, reply: Reply, unit: Unit) -> str:
    """The unit's letters of the year in the order they were answered: stable on re-export."""
    year = reply.replied_on.year
    n = session.scalar(
        select(func.count()).select_from(Reply).join(Assignment, Assignment.id == Reply.assignment_id)
        .where(Assignment.unit_id == unit.id, Reply.stamp <= reply.stamp,
               func.extract("year", Reply.replied_on) == year))
    pattern = settings.doc_numbers_by_unit.get(unit.name, settings.doc_number)
    return pattern.format(short=unit.short_name or unit.name, year=year, n=n, unit=unit.name)


@dataclass(frozen=True)
class DueReply:
    """A reply that gets a letter: the latest of a live 主办 or 分办 assignment."""

    reply_id: str
    number: str  # 第123号 (收文12号 before filing)
    unit: str
    round: int


def due_replies(session: Session, meeting_id: str, unit_id: str | None = None) -> list[DueReply]:
    """In 提案号 order, then the unit's place in the list: the order a clerk files letters."""
    a, p = Assignment, Proposal
    stmt = (select(Reply.id, Reply.assignment_id, Reply.round, p.number, p.serial, Unit.name)
            .join(a, a.id == Reply.assignment_id).join(p, p.id == a.proposal_id)
            .join(Unit, Unit.id == a.unit_id)
            .where(a.meeting_id == meeting_id, a.ended.is_(None),
                   a.role.in_((AssignmentRole.LEAD, AssignmentRole.SEPARATE)))
            .order_by(p.number_seq.is_(None), p.number_seq, p.serial_seq, Unit.position,
                      Reply.stamp))  # proposals not yet numbered after the numbered
    if unit_id:
        stmt = stmt.where(a.unit_id == unit_id)
    latest: dict[str, DueReply] = {}
    for reply_id, assignment_id, round_, number, serial, unit in session.execute(stmt):
        # a later round's reply takes the place of the earlier one, in the same order
        latest[assignment_id] = DueReply(reply_id, proposal_label(number, serial), unit, round_)
    return list(latest.values())


def reply_letter(session: Session, reply_id: str) -> ReplyLetter:
    reply = get(session, Reply, reply_id, "reply")
    assignment = get(session, Assignment, reply.assignment_id, "assignment")
    proposal, unit = assignment.proposal, assignment.unit
    office = load_settings(session)
    docs = office.documents
    meeting = proposal.meeting
    number = label_of(proposal)
    if not number.startswith("第"):
        number = f"第{number}号"
    greeting, who = salutation(list(proposal.proposers), proposal.origin)
    helpers = [a.unit.name for a in session.scalars(select(Assignment).where(
        Assignment.proposal_id == proposal.id, Assignment.role == AssignmentRole.ASSIST,
        Assignment.ended.is_(None)))] if assignment.role is AssignmentRole.LEAD else []
    county = county_of(office.office_name)
    signed_by = unit_full_name(unit.name, unit.full_name, office.office_name)
    return ReplyLetter(
        unit=signed_by,
        doc_number=_doc_number(session, docs, reply, unit),
        category_mark=docs.category_mark.format(category=reply.category.value),
        title=(docs.reply_title if reply.round == 1 else docs.rehandled_reply_title).format(
            meeting=meeting_title(office.office_name, meeting.term.number, meeting.number),
            number=number),
        salutation=greeting,
        opening=f"{who}提出的《{proposal.title}》收悉。现答复如下：",
        body=[line.strip() for line in (reply.text or "").splitlines() if line.strip()],
        signed_on=reply.replied_on,
        assisting=f"本件由{unit.name}会同{'、'.join(helpers)}办理。" if helpers else "",
        disclosure=DISCLOSURE_NOTES[reply.disclosure] if docs.print_disclosure else None,
        contact_person=reply.contact_person or "",
        contact_phone=reply.contact_phone or "",
        copies_to=list(docs.copies_to) or [f"{county}政协提案委员会", f"{county}人民政府督查室"])
