"""What the 征询意见表 and the 提案表 say, read from the records (desktop.exporters.forms)."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desktop.domain.enums import AssignmentRole, Decision
from desktop.domain.office import county_of
from desktop.exporters.forms import FeedbackForm, ProposalForm, ReviewOpinion
from desktop.wording.labels import CATEGORY_MEANINGS, REVIEW_LEVELS, label
from desktop.store.models import (
    Assignment, Member, Organisation, Proposal, Proposer, Reply, Review, Sector, Submission, Unit,
)
from desktop.store.office import load_settings

from .common import get, label_of
from .letters import due_replies, meeting_title

@dataclass(frozen=True)
class _Office:
    """What every form of one export shares."""

    name: str
    review_levels: int
    category_names: dict[str, str]  # the locality's own names, where it has them

    def category(self, letter: str) -> str:
        return f"{letter}（{self.category_names.get(letter) or CATEGORY_MEANINGS[letter]}）"

    @property
    def county(self) -> str:  # 政协测试县委员会 → 测试县
        return county_of(self.name)

    def heading(self, proposal: Proposal) -> str:
        meeting = proposal.meeting
        return meeting_title(self.name, meeting.term.number, meeting.number)


def _office(session: Session) -> _Office:
    settings = load_settings(session)
    return _Office(settings.office_name, settings.review_levels,
                   settings.documents.category_names)


def _proposers(proposal: Proposal) -> str:
    """张三; 张三（领衔）、李四、王五; or the organisation of a collective proposal."""
    names = [p.name for p in proposal.proposers]
    if len(names) < 2:
        return "".join(names)
    return f"{names[0]}（领衔）、" + "、".join(names[1:])


# -- 提案办理征询意见表 ----------------------------------------------------------------------

def _feedback(office: _Office, reply: Reply, assignment: Assignment,
              helpers: list[str]) -> FeedbackForm:
    proposal, unit = assignment.proposal, assignment.unit
    handled = f"{unit.name}（{label(assignment.role)}）"
    if helpers and assignment.role is AssignmentRole.LEAD:
        handled += f"；协办：{'、'.join(helpers)}"
    category = reply.category.value
    return FeedbackForm(
        heading=office.heading(proposal),
        number=label_of(proposal),
        title=proposal.title,
        proposers=_proposers(proposal),
        unit=handled,
        category=office.category(category),
        replied_on=reply.replied_on,
        face_to_face=assignment.face_to_face,  # a 面商 contact is on record (facts cache)
        return_note=f"请于收到答复后一个月内将本表反馈{office.county}政协提案委员会。",
        unit_name=unit.name)


def _helpers(session: Session, proposal_ids: list[str]) -> dict[str, list[str]]:
    """The live 协办 units of each proposal, in the office's order of units."""
    out: dict[str, list[str]] = defaultdict(list)
    for pid, name in session.execute(
            select(Assignment.proposal_id, Unit.name).join(Unit, Unit.id == Assignment.unit_id)
            .where(Assignment.proposal_id.in_(proposal_ids),
                   Assignment.role == AssignmentRole.ASSIST, Assignment.ended.is_(None))
            .order_by(Unit.position)):
        out[pid].append(name)
    return out


def feedback_form(session: Session, reply_id: str) -> FeedbackForm:
    reply = get(session, Reply, reply_id, "reply")
    assignment = get(session, Assignment, reply.assignment_id, "assignment")
    helpers = _helpers(session, [assignment.proposal_id])[assignment.proposal_id]
    return _feedback(_office(session), reply, assignment, helpers)


def feedback_forms(session: Session, meeting_id: str,
                   unit_id: str | None = None) -> list[FeedbackForm]:
    """A form for every due reply (letters.due_replies: the same replies get letters), in
    their order."""
    ids = [due.reply_id for due in due_replies(session, meeting_id, unit_id)]
    found = {reply.id: (reply, assignment) for reply, assignment in session.execute(
        select(Reply, Assignment).join(Assignment, Assignment.id == Reply.assignment_id)
        .where(Reply.id.in_(ids))
        .options(selectinload(Assignment.proposal).selectinload(Proposal.proposers)))}
    pairs = [found[i] for i in ids]
    helpers = _helpers(session, list({a.proposal_id for _, a in pairs}))
    office = _office(session)
    return [_feedback(office, reply, a, helpers[a.proposal_id]) for reply, a in pairs]


def _proposal_order(proposal: Proposal) -> tuple:
    """提案号 first, then proposals not yet numbered by 收文号."""
    return (proposal.number_seq is None, proposal.number_seq or 0, proposal.serial_seq,
            proposal.serial)


# -- 提案表 -------------------------------------------------------------------------------

def _level_name(level: int, levels: int) -> str:
    """The last level is always 终审 (two-level offices have 初审 and 终审)."""
    if level <= 0:
        return "审查"
    return "终审" if level >= levels else REVIEW_LEVELS.get(level, "审查")


def _opinion(session: Session, review: Review, levels: int) -> str:
    reason = (review.reason or "").strip()
    if review.decision is Decision.FORWARD:
        said = f"送{_level_name(review.level + 1, levels)}"
        return f"{said}。{reason}" if reason else f"{said}。"
    said = label(review.decision)
    if review.decision is Decision.MERGED and review.target_id:
        said += f"（并入{label_of(get(session, Proposal, review.target_id, 'proposal'))}提案）"
    parts = [said]
    if reason:
        parts.append(f"理由：{reason}")
    if review.suggested_units:
        parts.append(f"建议承办单位：{review.suggested_units.strip()}")
    return "。".join(parts) + "。"


def _current_reviews(session: Session, proposal: Proposal) -> list[Review]:
    """The decisions of the present round of review (as the lifecycle reads them): after a
    退回修改 only those since the proposal was submitted again; 撤销 decisions left out."""
    reviews = [r for r in session.scalars(select(Review).where(
        Review.proposal_id == proposal.id).order_by(Review.stamp)) if r.revoked_at is None]
    last_return = max((r.stamp for r in reviews if r.decision is Decision.RETURNED), default="")
    submitted = [s for s in session.scalars(select(Submission.stamp).where(
        Submission.proposal_id == proposal.id)) if s > last_return]
    if not submitted:
        return [r for r in reviews if r.decision is Decision.WITHDRAWN]
    since = min(submitted)
    return [r for r in reviews if r.stamp > since]


def _contact(session: Session, lead: Proposer | None) -> tuple[str, str]:
    """The lead proposer's 联系电话 and 通讯地址: a member's phone from the member list (the
    list keeps no postal address, so that line is left for the proposer to fill)."""
    member = session.get(Member, lead.member_id) if lead and lead.member_id else None
    phone = (member.phone or "") if member else ""
    return phone, ""


def _sector(session: Session, proposal: Proposal) -> str:
    sector_id = proposal.sector_id
    lead = proposal.proposers[0] if proposal.proposers else None
    if sector_id is None and lead is not None and lead.organisation_id:
        organisation = session.get(Organisation, lead.organisation_id)
        sector_id = organisation.sector_id if organisation else None
    sector = session.get(Sector, sector_id) if sector_id else None
    return sector.name if sector else ""


def _proposal_form(session: Session, office: _Office, proposal: Proposal) -> ProposalForm:
    proposers = list(proposal.proposers)
    lead = proposers[0] if proposers else None
    phone, address = _contact(session, lead)
    filed = bool(proposal.number)
    return ProposalForm(
        heading=office.heading(proposal),
        number_label="提案号" if filed else "收文号",
        number=proposal.number if filed else proposal.serial,
        kind=label(proposal.kind),
        title=proposal.title,
        lead=lead.name if lead else "",
        cosigners="、".join(p.name for p in proposers[1:]),
        sector=_sector(session, proposal),
        phone=phone,
        address=address,
        body=[line.strip() for line in (proposal.body or "").splitlines() if line.strip()],
        reviews=[ReviewOpinion(_level_name(r.level, office.review_levels),
                               _opinion(session, r, office.review_levels), r.at.date())
                 for r in _current_reviews(session, proposal)],
        received_on=proposal.received_on,
        category=proposal.category.name if proposal.category else "",
        units=_units(session, proposal))


def _units(session: Session, proposal: Proposal) -> str:
    """主办：县教育局；协办：县财政局、县公安局 — the live assignments, roles in their order."""
    named: dict[AssignmentRole, list[str]] = {}
    for role, name in session.execute(
            select(Assignment.role, Unit.name).join(Unit, Unit.id == Assignment.unit_id)
            .where(Assignment.proposal_id == proposal.id, Assignment.ended.is_(None))
            .order_by(Unit.position, Unit.name)):
        named.setdefault(AssignmentRole(role), []).append(name)
    return "；".join(f"{label(role)}：{'、'.join(named[role])}"
                    for role in AssignmentRole if role in named)


def proposal_form(session: Session, proposal_id: str) -> ProposalForm:
    proposal = get(session, Proposal, proposal_id, "proposal")
    return _proposal_form(session, _office(session), proposal)


def proposal_forms(session: Session, meeting_id: str) -> list[ProposalForm]:
    """Every proposal of the meeting, in the order of 提案号, then 收文号."""
    proposals = list(session.scalars(
        select(Proposal).where(Proposal.meeting_id == meeting_id)
        .options(selectinload(Proposal.proposers))))
    office = _office(session)
    return [_proposal_form(session, office, p) for p in sorted(proposals, key=_proposal_order)]
