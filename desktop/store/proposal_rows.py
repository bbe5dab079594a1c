"""Read-side queries for lists: a page of proposals with their lead proposer and units."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from desktop.domain.enums import AssignmentRole, Kind, Origin, State

from . import fulltext, predicates
from .models import Assignment, Category, Meeting, Proposal, Proposer, Sector, Unit, User

SORTABLE = {
    "number": (Proposal.number_seq,),
    "serial": (Proposal.serial_seq, Proposal.serial),
    "title": (Proposal.title,),
    "received_on": (Proposal.received_on, Proposal.serial_seq),
    "status": (Proposal.status, Proposal.serial_seq),
    "kind": (Proposal.kind, Proposal.serial_seq),
    "registered_at": (Proposal.registered_at,),
}


@dataclass(frozen=True)
class ProposalFilter:
    """What a list shows: one meeting, some states, one review level, today's entries, words."""

    meeting_id: str | None = None
    statuses: tuple[State, ...] = ()
    review_level: int | None = None
    registered_since: datetime | None = None
    words: str = ""
    member_ids: tuple[str, ...] = ()  # with words: proposals of these members match as well
    unit_id: str | None = None  # only proposals assigned to this unit (a unit's clerk)

    def apply(self, session: Session, stmt: Select) -> Select:
        if self.unit_id is not None:
            stmt = stmt.where(predicates.assigned_to(self.unit_id))
        if self.meeting_id:
            stmt = stmt.where(Proposal.meeting_id == self.meeting_id)
        if self.statuses:
            stmt = stmt.where(Proposal.status.in_([s.value for s in self.statuses]))
        if self.review_level is not None:
            stmt = stmt.where(Proposal.review_level == self.review_level)
        if self.registered_since is not None:
            stmt = stmt.where(Proposal.registered_at >= self.registered_since)
        found = []
        if self.words.strip():
            found.append(fulltext.matching_condition(session, self.words))
        if self.member_ids:
            found.append(Proposal.id.in_(select(Proposer.proposal_id).where(
                Proposer.member_id.in_(self.member_ids))))
        if found:
            stmt = stmt.where(or_(*found))
        return stmt


@dataclass(frozen=True)
class ProposalRow:
    id: str
    serial: str
    number: str | None
    title: str
    status: State
    meeting: str
    category: str | None
    lead: str
    units: str  # 主办 / 分办 units first, then 协办 in brackets, each in the order assigned
    kind: Kind = Kind.SESSION
    origin: Origin = Origin.INDIVIDUAL
    received_on: date | None = None
    review_level: int = 0
    sector: str | None = None
    clerk: str | None = None  # 录入人
    registered_at: datetime | None = None
    answers: str = ""  # the latest reply category of each due assignment (A、B)
    key: bool = False


def count(session: Session, where: ProposalFilter) -> int:
    # count(*), not count(id): an index on the filtered columns answers it without the table
    return session.scalar(where.apply(session, select(func.count()).select_from(Proposal))) or 0


def page_ids(session: Session, meeting_id: str | None = None, order: str = "number",
             descending: bool = False, offset: int = 0, limit: int = 50,
             statuses: list[State] | None = None, where: ProposalFilter | None = None) -> list[str]:
    """One page of proposal ids, sorted and filtered in SQL so that an index does the work.

    By number, numbered proposals come first (in number order), then the unnumbered ones by
    serial: two index range scans instead of sorting the whole meeting.
    """
    where = where or ProposalFilter(meeting_id, tuple(statuses or ()))

    def base() -> Select:
        return where.apply(session, select(Proposal.id))

    def ordered(stmt: Select, columns: tuple) -> Select:
        return stmt.order_by(*[c.desc() if descending else c.asc() for c in columns])

    if order != "number":
        stmt = ordered(base(), SORTABLE[order])
        return list(session.scalars(stmt.offset(offset).limit(limit)))
    numbered = (Proposal.number_seq.is_not(None), SORTABLE["number"])
    unnumbered = (Proposal.number_seq.is_(None), SORTABLE["serial"])
    first, second = (numbered, unnumbered) if not descending else (unnumbered, numbered)
    # Past the first page, count the first part (from an index) so that a page wholly in the
    # second part does not sort the first part only to skip all of it.
    before = 0
    if offset:
        before = session.scalar(where.apply(
            session, select(func.count()).select_from(Proposal)).where(first[0])) or 0
    ids: list[str] = []
    if not offset or offset < before:
        ids = list(session.scalars(ordered(base().where(first[0]), first[1])
                                   .offset(offset).limit(limit)))
    if len(ids) < limit:
        ids += session.scalars(ordered(base().where(second[0]), second[1])
                               .offset(max(0, offset - before)).limit(limit - len(ids)))
    return ids


def proposal_rows(session: Session, ids: list[str]) -> list[ProposalRow]:
    """Rows for a list, in the order of ``ids``, in three queries whatever the page size."""
    if not ids:
        return []
    base = {r.id: r for r in session.execute(
        select(Proposal.id, Proposal.serial, Proposal.number, Proposal.title, Proposal.status,
               Meeting.name.label("meeting"), Category.name.label("category"), Proposal.kind,
               Proposal.origin, Proposal.received_on, Proposal.review_level,
               Sector.name.label("sector"), User.display_name.label("clerk"),
               Proposal.registered_at, Proposal.key)
        .join(Meeting, Meeting.id == Proposal.meeting_id)
        .outerjoin(Category, Category.id == Proposal.category_id)
        .outerjoin(Sector, Sector.id == Proposal.sector_id)
        .outerjoin(User, User.id == Proposal.registered_by)
        .where(Proposal.id.in_(ids)))}
    leads = dict(session.execute(select(Proposer.proposal_id, Proposer.name).where(
        Proposer.proposal_id.in_(ids), Proposer.position == 0)).all())
    units: dict[str, list[tuple[bool, str, str]]] = {}
    answers: dict[str, list[tuple[str, str]]] = {}
    for pid, role, stamp, name, category in session.execute(
            select(Assignment.proposal_id, Assignment.role, Assignment.stamp,
                   func.coalesce(func.nullif(Unit.short_name, ""), Unit.name),
                   Assignment.category)
            .join(Unit, Unit.id == Assignment.unit_id)
            .where(Assignment.proposal_id.in_(ids), Assignment.ended.is_(None))):
        assist = role is AssignmentRole.ASSIST
        units.setdefault(pid, []).append((assist, stamp, f"（{name}）" if assist else name))
        if category is not None and not assist:
            answers.setdefault(pid, []).append((stamp, category.value))
    rows = []
    for pid in ids:
        r = base.get(pid)
        if r is None:
            continue
        rows.append(ProposalRow(r.id, r.serial, r.number, r.title, r.status, r.meeting,
                                r.category, leads.get(pid, ""),
                                "、".join(n for _, _, n in sorted(units.get(pid, []))),
                                r.kind, r.origin, r.received_on, r.review_level, r.sector,
                                r.clerk, r.registered_at,
                                "、".join(c for _, c in sorted(answers.get(pid, []))), r.key))
    return rows
