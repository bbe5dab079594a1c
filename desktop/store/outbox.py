"""What goes to one site: the changes of this installation's log it has not acknowledged, within
what a site of its kind holds (SYNC.md), shaped for it (no passwords outside office PCs, no
phone numbers for a unit unless the office allows them).

A unit's first package, and every proposal newly assigned to it, carry that proposal's whole
history, so the unit can merge later edits against the same changes the office has."""
from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, replace

from sqlalchemy import Table, func, select
from sqlalchemy.orm import Session

from desktop.domain import exchange as rules
from desktop.domain.clock import new_id
from desktop.domain.enums import SiteKind

from .changes import local_site, next_seq, next_stamp, to_json_value
from .models import Base, Change
from .replica import Travelling, from_log
from .travel import chunks

_BATCH = 5_000
# references a unit may hold a proposal without: set to nothing in what it receives
_OUTSIDE = {"proposal": ("merged_into_id", "split_from_id"), "review": ("target_id",),
            "proposer": ("merged_from_id",)}


@dataclass(frozen=True)
class Destination:
    site_id: str
    kind: str
    unit_id: str | None
    phones: bool
    acked_seq: int


def top_seq(session: Session) -> int:
    return session.scalar(select(func.max(Change.seq))) or 0


def ensure_logged(session: Session) -> int:
    """Rows written without the change log (the demo's bulk load, data from before it) get
    their new-row change now, so a package can carry them.  Call inside a write."""
    site_id = local_site(session).id
    made = 0
    for table_name in rules.TABLE_ORDER:
        table = Base.metadata.tables[table_name]
        logged = select(Change.row_id).where(Change.table_name == table_name,
                                             Change.row_id == table.c.id,
                                             Change.field == rules.ROW).exists()
        columns = [c for c in table.columns if not c.info.get("derived")]
        rows = session.execute(select(*columns).where(~logged)).all()
        for start in range(0, len(rows), _BATCH):
            session.execute(Change.__table__.insert(), [
                {"op_id": new_id(), "site_id": site_id, "stamp": next_stamp(session),
                 "table_name": table_name, "row_id": row.id, "field": rules.ROW,
                 "seq": next_seq(session), "bases": None,
                 "value": json.dumps({c.name: to_json_value(getattr(row, c.name)) for c in columns},
                                     ensure_ascii=False)}
                for row in rows[start:start + _BATCH]])
            made += len(rows[start:start + _BATCH])
    return made


def outgoing(session: Session, to: Destination) -> Iterator[Travelling]:
    """The changes for ``to``, in the order this installation learnt them (never its own)."""
    if to.kind == SiteKind.OFFICE:
        yield from _everything_since(session, to)
        return
    scope = _scope(session, to)
    whole = scope.newly_held(session, to.acked_seq)
    log = Change.__table__
    found = []
    for table_name in rules.TABLE_ORDER:
        if table_name == "audit_entry":
            continue  # the office's trail of who did what stays at the office
        if table_name in rules.BASE_TABLES:
            found += session.execute(select(log).where(
                log.c.table_name == table_name, log.c.seq > to.acked_seq,
                log.c.site_id != to.site_id)).all()
            continue
        for chunk in chunks(sorted(scope.rows.get(table_name, ()))):
            for row in session.execute(select(log).where(
                    log.c.table_name == table_name, log.c.row_id.in_(chunk),
                    log.c.site_id != to.site_id)):
                if row.seq > to.acked_seq or (table_name, row.row_id) in whole:
                    found.append(row)
    found += _deletions_in_scope(session, to, scope)
    found.sort(key=lambda row: row.seq)
    for row in found:
        change = _shaped(from_log(row), to, scope)
        if change is not None:
            yield change


def _deletions_in_scope(session: Session, to: Destination, scope: _Scope) -> list:
    """Rows of the site's proposals deleted since its acknowledgement (a proposer taken off the
    list): gone from the tables, so found through their new-row change."""
    log = Change.__table__
    proposals = scope.rows.get("proposal", set())
    assignments = scope.rows.get("assignment", set())
    found = []
    for table_name in rules.TABLE_ORDER:
        if table_name in rules.BASE_TABLES or table_name in ("proposal", "audit_entry"):
            continue
        gone = {row.row_id: row for row in session.execute(select(log).where(
            log.c.table_name == table_name, log.c.field == rules.GONE,
            log.c.seq > to.acked_seq, log.c.site_id != to.site_id))
            if not scope.holds(table_name, row.row_id)}
        for chunk in chunks(sorted(gone)):
            for row_id, value in session.execute(select(log.c.row_id, log.c.value).where(
                    log.c.table_name == table_name, log.c.row_id.in_(chunk),
                    log.c.field == rules.ROW)):
                made = json.loads(value) if value else {}
                if made.get("proposal_id") in proposals or made.get("assignment_id") in assignments:
                    found.append(gone[row_id])
    return found


def _everything_since(session: Session, to: Destination) -> Iterator[Travelling]:
    """An office PC holds everything: the log since its acknowledgement, read in batches."""
    log = Change.__table__
    last = to.acked_seq
    while True:
        rows = session.execute(select(log).where(log.c.seq > last, log.c.site_id != to.site_id)
                               .order_by(log.c.seq).limit(_BATCH)).all()
        if not rows:
            return
        for row in rows:
            change = _shaped(from_log(row), to, None)
            if change is not None:
                yield change
        last = rows[-1].seq


def _shaped(change: Travelling, to: Destination, scope: _Scope | None) -> Travelling | None:
    hidden = set()
    if not rules.sends_secrets(to.kind):
        hidden |= set(rules.SECRET_FIELDS.get(change.table, ()))
    if to.kind != SiteKind.OFFICE and not to.phones:
        hidden |= set(rules.PHONE_FIELDS.get(change.table, ()))
    if to.kind == SiteKind.UNIT:
        outside = [f for f in _OUTSIDE.get(change.table, ())
                   if f == change.field or change.field == rules.ROW]
    else:
        outside = []
    if change.field in hidden:
        return None
    if change.field == rules.ROW and (hidden or outside):
        value = {k: v for k, v in change.value.items() if k not in hidden}
        for name in outside:
            if value.get(name) and not scope.holds("proposal", value[name]):
                value[name] = None
        return replace(change, value=value)
    if outside and change.value and not scope.holds("proposal", change.value):
        return replace(change, value=None)
    return change


class _Scope:
    """The rows a unit or an entry laptop holds beyond the lists every site holds."""

    def __init__(self, rows: dict[str, set[str]], proposals_by_assignment: dict[str, str],
                 owners: dict[tuple[str, str], set[str]]):
        self.rows = rows
        self.proposals_by_assignment = proposals_by_assignment  # the unit's own assignments
        self.owners = owners  # (table, row) → the proposal it belongs to

    def holds(self, table: str, row_id: str) -> bool:
        return row_id in self.rows.get(table, ())

    def newly_held(self, session: Session, acked: int) -> set[tuple[str, str]]:
        """Rows of proposals assigned to the unit since ``acked``: sent with their history."""
        if not self.proposals_by_assignment or acked == 0:
            return set()
        new_assignments = set()
        for chunk in chunks(sorted(self.proposals_by_assignment)):
            new_assignments |= set(session.scalars(select(Change.row_id).where(
                Change.table_name == "assignment", Change.row_id.in_(chunk),
                Change.field == rules.ROW, Change.seq > acked)))
        proposals = {self.proposals_by_assignment[a] for a in new_assignments}
        return {(table, row) for table, rows in self.rows.items() for row in rows
                if table not in rules.BASE_TABLES and self._of(table, row) & proposals}

    def _of(self, table: str, row: str) -> set[str]:
        return self.owners.get((table, row), set())


def _scope(session: Session, to: Destination) -> _Scope:
    if to.kind != SiteKind.UNIT or not to.unit_id:
        return _Scope({}, {}, {})
    t = Base.metadata.tables
    assignment = t["assignment"]
    proposals = set(session.scalars(select(assignment.c.proposal_id)
                                    .where(assignment.c.unit_id == to.unit_id)))
    owners: dict[tuple[str, str], set[str]] = {}
    rows: dict[str, set[str]] = {"proposal": set(proposals), "assignment": set()}
    for pid in proposals:
        owners[("proposal", pid)] = {pid}

    def collect(table: Table, key, ids, owner_of) -> None:
        for chunk in chunks(sorted(ids)):
            for row in session.execute(select(table.c.id, key).where(key.in_(chunk))):
                rows.setdefault(table.name, set()).add(row[0])
                owners[(table.name, row[0])] = {owner_of(row[1])}

    for name in rules.PROPOSAL_RECORDS:
        collect(t[name], t[name].c.proposal_id, proposals, lambda p: p)
    collect(assignment, assignment.c.proposal_id, proposals, lambda p: p)
    by_assignment = {a: next(iter(owners[("assignment", a)])) for a in rows["assignment"]}
    own = set(session.scalars(select(assignment.c.id).where(assignment.c.unit_id == to.unit_id)))
    for name in rules.ASSIGNMENT_RECORDS:
        collect(t[name], t[name].c.assignment_id, own, lambda a: by_assignment[a])
    collect(t["assist_opinion"], t["assist_opinion"].c.assignment_id, set(by_assignment),
            lambda a: by_assignment[a])
    attachment = t["attachment"]
    collect(attachment, attachment.c.proposal_id, proposals, lambda p: p)
    replies = rows.get("reply", set())
    reply_owner = {r: next(iter(owners[("reply", r)])) for r in replies}
    collect(attachment, attachment.c.reply_id, replies, lambda r: reply_owner[r])
    return _Scope(rows, {a: p for a, p in by_assignment.items() if a in own}, owners)
