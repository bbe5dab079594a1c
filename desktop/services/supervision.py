"""重点提案 and 领衔督办: marking, naming the supervising leader, the list with its progress."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.actor import Actor
from desktop.domain.enums import FILED_STATES, AssignmentRole, State
from desktop.domain.permissions import Action
from desktop.wording.labels import label
from desktop.store import proposal_rows
from desktop.store.changes import write
from desktop.store.models import Assignment, Proposal, Proposer, Supervision, Unit
from desktop.store.proposal_rows import ProposalRow

from .common import label_of, office_only, proposal_for, required_text
from desktop.store.tracking import snapshot_of


def mark_key(session: Session, actor: Actor, proposal_id: str, key: bool = True) -> Proposal:
    with write(session, actor, "supervision.mark_key"):
        proposal, _ = proposal_for(session, actor, proposal_id, Action.MARK_KEY)
        proposal.key = key
    return proposal


def mark_excellent(session: Session, actor: Actor, proposal_ids: list[str],
                   excellent: bool = True) -> None:
    """优秀提案候选: the office's short list for the year's 评优, printed in the year's report."""
    with write(session, actor, "supervision.mark_excellent"):
        _mark(session, actor, proposal_ids, excellent)


def choose_excellent(session: Session, actor: Actor, meeting_id: str, chosen: set[str]) -> None:
    """The meeting's candidates are ``chosen`` and no others, in one write."""
    with write(session, actor, "supervision.choose_excellent"):
        marked = set(session.scalars(select(Proposal.id).where(
            Proposal.meeting_id == meeting_id, Proposal.excellent.is_(True))))
        _mark(session, actor, sorted(chosen - marked), True)
        _mark(session, actor, sorted(marked - chosen), False)


def _mark(session: Session, actor: Actor, proposal_ids: list[str], excellent: bool) -> None:
    for proposal_id in proposal_ids:
        proposal, _ = proposal_for(session, actor, proposal_id, Action.MARK_EXCELLENT)
        proposal.excellent = excellent


@dataclass(frozen=True)
class ExcellentChoice:
    """A filed proposal as the 评优 list shows it: what came of it, and whether it is chosen."""

    id: str
    label: str  # 第12号
    title: str
    lead: str
    results: str  # the 办理结果 its answering units were rated: 满意、基本满意
    excellent: bool


def excellent_choices(session: Session, actor: Actor, meeting_id: str,
                      chosen_only: bool = False) -> list[ExcellentChoice]:
    """The meeting's numbered proposals, by 提案号, for the office to choose its 优秀提案
    candidates from (a few hundred a year: read whole)."""
    office_only(actor)
    stmt = (select(Proposal).where(Proposal.meeting_id == meeting_id,
                                   Proposal.number.is_not(None),
                                   Proposal.status.in_(list(FILED_STATES)))
            .order_by(Proposal.number_seq))
    if chosen_only:
        stmt = stmt.where(Proposal.excellent.is_(True))
    proposals = list(session.scalars(stmt))
    ids = [p.id for p in proposals]
    leads = dict(session.execute(select(Proposer.proposal_id, Proposer.name).where(
        Proposer.proposal_id.in_(ids), Proposer.position == 0)).all())
    results: dict[str, list[str]] = {}
    for pid, result in session.execute(
            select(Assignment.proposal_id, Assignment.result).where(
                Assignment.proposal_id.in_(ids), Assignment.ended.is_(None),
                Assignment.role != AssignmentRole.ASSIST, Assignment.result.is_not(None))):
        results.setdefault(pid, []).append(label(result))
    return [ExcellentChoice(p.id, label_of(p), p.title, leads.get(p.id, ""),
                            "、".join(results.get(p.id, [])) or "未评价", p.excellent)
            for p in proposals]


def supervise(session: Session, actor: Actor, proposal_id: str, leader: str,
              leader_title: str | None = None, started_on: date | None = None,
              note: str | None = None) -> Supervision:
    """A named leader supervises a key proposal (the proposal becomes key if it was not)."""
    leader = required_text(leader, "leader")
    with write(session, actor, "supervision.supervise"):
        proposal, _ = proposal_for(session, actor, proposal_id, Action.SUPERVISE)
        proposal.key = True
        supervision = Supervision(proposal_id=proposal.id, leader=leader,
                                  leader_title=leader_title,
                                  started_on=started_on or date.today(), note=note,
                                  user_id=actor.user_id)
        session.add(supervision)
    return supervision


@dataclass(frozen=True)
class KeyProposal:
    """A key proposal as the supervision list shows it: who supervises, how far the units are."""

    id: str
    label: str
    title: str
    lead: str
    leaders: str  # 督办领导, as printed: 副县长刘明、…
    units: str  # 主办 first, 协办 in brackets
    status: State
    replies_due: int
    replied: int
    overdue: int
    next_due_on: date | None  # the nearest deadline of a reply still owed
    categories: str  # the latest reply category of each answering unit: "A、B"
    results: str  # the latest 办理结果 of each answering unit


def key_proposals(session: Session, actor: Actor, meeting_id: str | None,
                  today: date | None = None) -> list[KeyProposal]:
    """Every 重点提案 of the meeting, by 提案号 (dozens a year: read whole)."""
    office_only(actor)
    today = today or date.today()
    stmt = select(Proposal).where(Proposal.key.is_(True)).order_by(
        Proposal.number_seq, Proposal.serial_seq)
    if meeting_id:
        stmt = stmt.where(Proposal.meeting_id == meeting_id)
    proposals = list(session.scalars(stmt))
    ids = [p.id for p in proposals]
    leaders: dict[str, list[str]] = {}
    for s in session.scalars(select(Supervision).where(Supervision.proposal_id.in_(ids))
                             .order_by(Supervision.started_on)):
        leaders.setdefault(s.proposal_id, []).append(f"{s.leader_title or ''}{s.leader}")
    assignments: dict[str, list[Assignment]] = {}
    for a in session.scalars(select(Assignment).where(Assignment.proposal_id.in_(ids),
                                                      Assignment.ended.is_(None))):
        assignments.setdefault(a.proposal_id, []).append(a)
    units = dict(session.execute(select(Unit.id, Unit.name)).all())
    leads = dict(session.execute(select(Proposer.proposal_id, Proposer.name).where(
        Proposer.proposal_id.in_(ids), Proposer.position == 0)).all())
    out = []
    for p in proposals:
        mine = sorted(assignments.get(p.id, []), key=lambda a: a.role is AssignmentRole.ASSIST)
        snapshots = [snapshot_of(a) for a in mine]
        due = [s for s in snapshots if s.due]
        owed = [s.due_on for s in due if not s.answered]
        out.append(KeyProposal(
            p.id, label_of(p), p.title, leads.get(p.id, ""), "、".join(leaders.get(p.id, [])),
            "、".join(units[a.unit_id] if a.role is not AssignmentRole.ASSIST
                     else f"（{units[a.unit_id]}）" for a in mine),
            p.status, len(due), sum(s.answered for s in due),
            sum(s.overdue(today) for s in due), min(owed) if owed else None,
            "、".join(s.category.value for s in due if s.category),
            "、".join(label(a.result) for a in mine if a.result)))
    return out


def candidates(session: Session, actor: Actor, meeting_id: str | None, text: str,
               limit: int = 20) -> list[ProposalRow]:
    """Filed proposals a clerk means by ``text``: a 提案号 (“第12号”, “12”) or words of the 案由."""
    office_only(actor)
    text = text.strip()
    if not text:
        return []
    digits = "".join(ch for ch in text if ch.isdigit())
    stmt = select(Proposal.id).where(Proposal.status.in_([s.value for s in FILED_STATES]))
    if meeting_id:
        stmt = stmt.where(Proposal.meeting_id == meeting_id)
    ids: list[str] = []
    if digits and len(digits) == len(text.removeprefix("第").removesuffix("号")):
        ids = list(session.scalars(stmt.where(Proposal.number_seq == int(digits)).limit(limit)))
    if not ids:
        ids = list(session.scalars(stmt.where(Proposal.title.contains(text))
                                   .order_by(Proposal.number_seq).limit(limit)))
    return proposal_rows.proposal_rows(session, ids)
