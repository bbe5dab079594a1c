"""What the lists and the detail pane read: pages of proposals, one proposal whole, look-alikes."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.actor import Actor
from desktop.domain.enums import Decision, Kind, Origin, State
from desktop.store import fulltext, proposal_rows
from desktop.store.models import (
    Attachment, Member, Organisation, Proposal, Review, Sector, User,
)
from desktop.store.proposal_rows import ProposalFilter, ProposalRow

from .common import label_of, reachable, readable_proposal, scoped

__all__ = ["ProposalFilter", "ProposalRow", "count", "page", "detail", "similar", "today_filter"]

LIKELY_DUPLICATE = 0.6  # titles sharing this much of their words are flagged before saving
SIMILAR_AT_LEAST = 0.3


def count(session: Session, actor: Actor, where: ProposalFilter) -> int:
    return proposal_rows.count(session, scoped(actor, where))


def page(session: Session, actor: Actor, where: ProposalFilter, order: str = "number",
         descending: bool = False, offset: int = 0, limit: int = 100) -> list[ProposalRow]:
    ids = proposal_rows.page_ids(session, order=order, descending=descending, offset=offset,
                                 limit=limit, where=scoped(actor, where))
    return proposal_rows.proposal_rows(session, ids)


def today_filter(meeting_id: str | None, today: date | None = None) -> ProposalFilter:
    """Today's entries (录入), all clerks, newest first when sorted by registered_at."""
    return ProposalFilter(meeting_id=meeting_id,
                          registered_since=datetime.combine(today or date.today(), time()))


@dataclass
class TrailEntry:
    at: datetime
    level: int
    decision: Decision
    reason: str | None
    by: str
    revoked: bool
    revoke_reason: str | None


@dataclass
class ProposalDetail:
    id: str
    label: str
    serial: str
    number: str | None
    title: str
    body: str
    kind: Kind
    origin: Origin
    status: State
    review_level: int
    meeting: str
    category: str | None
    received_on: date
    proposers: list[tuple[str, str, str | None]]  # (name, role, sector or organisation kind)
    trail: list[TrailEntry] = field(default_factory=list)
    merged_into: str | None = None
    merged_here: list[str] = field(default_factory=list)
    split_from: str | None = None
    split_into: list[str] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)


def detail(session: Session, actor: Actor, proposal_id: str) -> ProposalDetail:
    p = readable_proposal(session, actor, proposal_id)
    names = dict(session.execute(select(User.id, User.display_name)).all())
    sectors = dict(session.execute(
        select(Member.id, Sector.name).join(Sector, Sector.id == Member.sector_id)
        .where(Member.id.in_([pr.member_id for pr in p.proposers if pr.member_id]))).all())
    kinds = dict(session.execute(select(Organisation.id, Organisation.kind).where(
        Organisation.id.in_([pr.organisation_id for pr in p.proposers if pr.organisation_id]))).all())
    proposers = [(pr.name, pr.role.value,
                  sectors.get(pr.member_id) if pr.member_id else kinds.get(pr.organisation_id))
                 for pr in p.proposers]
    reviews = session.scalars(select(Review).where(Review.proposal_id == p.id)
                              .order_by(Review.stamp)).all()
    trail = [TrailEntry(r.at, r.level, r.decision, r.reason, names.get(r.user_id, ""),
                        r.revoked_at is not None, r.revoke_reason) for r in reviews]
    merged_here = [label_of(m) for m in session.scalars(
        select(Proposal).where(Proposal.merged_into_id == p.id).order_by(Proposal.serial_seq))]
    parts = [label_of(c) + " " + c.title for c in session.scalars(
        select(Proposal).where(Proposal.split_from_id == p.id).order_by(Proposal.serial))]
    into = session.get(Proposal, p.merged_into_id) if p.merged_into_id else None
    origin = session.get(Proposal, p.split_from_id) if p.split_from_id else None
    files = list(session.scalars(select(Attachment.filename).where(Attachment.proposal_id == p.id)
                                 .order_by(Attachment.added_at)))
    return ProposalDetail(
        p.id, label_of(p), p.serial, p.number, p.title, p.body or "", p.kind, p.origin, p.status,
        p.review_level, p.meeting.name, p.category.name if p.category else None, p.received_on,
        proposers, trail, label_of(into) if into else None, merged_here,
        label_of(origin) if origin else None, parts, files)


@dataclass(frozen=True)
class Similar:
    row: ProposalRow
    likeness: float

    @property
    def likely_duplicate(self) -> bool:
        return self.likeness >= LIKELY_DUPLICATE


def similar(session: Session, actor: Actor, title: str, exclude_id: str | None = None,
            limit: int = 8) -> list[Similar]:
    """Proposals of any meeting whose 案由 shares most of its words with ``title``, best first."""
    wanted = fulltext.title_terms(title)
    if not wanted:
        return []
    ids = reachable(session, actor, [i for i in fulltext.similar_title_candidates(session, title)
                                     if i != exclude_id])
    titles = dict(session.execute(select(Proposal.id, Proposal.title)
                                  .where(Proposal.id.in_(ids))).all())
    scored = sorted(((fulltext.title_likeness(wanted, fulltext.title_terms(t)), pid)
                     for pid, t in titles.items()), reverse=True)
    kept = [(score, pid) for score, pid in scored if score >= SIMILAR_AT_LEAST][:limit]
    rows = {r.id: r for r in proposal_rows.proposal_rows(session, [pid for _, pid in kept])}
    return [Similar(rows[pid], round(score, 2)) for score, pid in kept if pid in rows]


def page_of_ids(session: Session, actor: Actor, ids: list[str]) -> list[ProposalRow]:
    return proposal_rows.proposal_rows(session, reachable(session, actor, ids))
