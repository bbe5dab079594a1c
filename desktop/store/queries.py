"""Read-side queries for lists: a page of proposals with their lead proposer and units."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from desktop.domain.enums import AssignmentRole, State

from .models import Assignment, Category, Meeting, Proposal, Proposer, Unit

SORTABLE = {
    "number": (Proposal.number_seq,),
    "serial": (Proposal.serial_seq, Proposal.serial),
    "title": (Proposal.title,),
    "received_on": (Proposal.received_on, Proposal.serial_seq),
    "status": (Proposal.status, Proposal.serial_seq),
}


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


def page_ids(session: Session, meeting_id: str | None = None, order: str = "number",
             descending: bool = False, offset: int = 0, limit: int = 50,
             statuses: list[State] | None = None) -> list[str]:
    """One page of proposal ids, sorted and filtered in SQL so that an index does the work.

    By number, numbered proposals come first (in number order), then the unnumbered ones by
    serial: two index range scans instead of sorting the whole meeting.
    """
    def base() -> Select:
        stmt = select(Proposal.id)
        if meeting_id:
            stmt = stmt.where(Proposal.meeting_id == meeting_id)
        if statuses:
            stmt = stmt.where(Proposal.status.in_([s.value for s in statuses]))
        return stmt

    def ordered(stmt: Select, columns: tuple) -> Select:
        return stmt.order_by(*[c.desc() if descending else c.asc() for c in columns])

    if order != "number":
        stmt = ordered(base(), SORTABLE[order])
        return list(session.scalars(stmt.offset(offset).limit(limit)))
    numbered = base().where(Proposal.number_seq.is_not(None))
    unnumbered = base().where(Proposal.number_seq.is_(None))
    first, second = (numbered, unnumbered) if not descending else (unnumbered, numbered)
    key = {id(numbered): SORTABLE["number"], id(unnumbered): SORTABLE["serial"]}
    ids = list(session.scalars(ordered(first, key[id(first)]).offset(offset).limit(limit)))
    if len(ids) < limit:
        skipped = 0
        if offset:
            skipped = max(0, offset - session.scalar(
                select(func.count()).select_from(first.subquery())))
        ids += session.scalars(ordered(second, key[id(second)]).offset(skipped)
                               .limit(limit - len(ids)))
    return ids


def proposal_rows(session: Session, ids: list[str]) -> list[ProposalRow]:
    """Rows for a list, in the order of ``ids``, in three queries whatever the page size."""
    if not ids:
        return []
    base = {r.id: r for r in session.execute(
        select(Proposal.id, Proposal.serial, Proposal.number, Proposal.title, Proposal.status,
               Meeting.name.label("meeting"), Category.name.label("category"))
        .join(Meeting, Meeting.id == Proposal.meeting_id)
        .outerjoin(Category, Category.id == Proposal.category_id)
        .where(Proposal.id.in_(ids)))}
    leads = dict(session.execute(select(Proposer.proposal_id, Proposer.name).where(
        Proposer.proposal_id.in_(ids), Proposer.position == 0)).all())
    units: dict[str, list[tuple[bool, str, str]]] = {}
    for pid, role, stamp, name in session.execute(
            select(Assignment.proposal_id, Assignment.role, Assignment.stamp, Unit.short_name)
            .join(Unit, Unit.id == Assignment.unit_id)
            .where(Assignment.proposal_id.in_(ids), Assignment.ended.is_(None))):
        assist = role is AssignmentRole.ASSIST
        units.setdefault(pid, []).append((assist, stamp, f"（{name}）" if assist else name))
    rows = []
    for pid in ids:
        r = base.get(pid)
        if r is None:
            continue
        rows.append(ProposalRow(r.id, r.serial, r.number, r.title, r.status, r.meeting,
                                r.category, leads.get(pid, ""),
                                "、".join(n for _, _, n in sorted(units.get(pid, [])))))
    return rows
