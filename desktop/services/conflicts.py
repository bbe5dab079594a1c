"""冲突: what two sites changed differently, shown with both values, where and when each was
made; the clerk takes one (采用本机 / 采用对方) or types another, and that choice travels on."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.domain.actor import Actor
from desktop.domain.clock import Stamp
from desktop.domain.errors import InvalidInput
from desktop.store import conflict_queue, replica
from desktop.store.changes import local_site, write
from desktop.store.models import (
    Assignment, AuditEntry, Base, Category, Change, HeldChange, Member, Proposal, Sector, Site,
    SyncConflict, SyncPackage, Unit,
)
from desktop.wording.records import field_name, table_name, why

from .sites import may_exchange

_NAMED = (Unit, Category, Sector, Member)


@dataclass(frozen=True)
class ConflictChoice:
    stamp: str
    value: object  # as it travels (JSON); a deletion is merge.DELETED
    shown: str  # the value as the clerk reads it
    site: str
    when: datetime
    here: bool  # made at this installation


@dataclass(frozen=True)
class ConflictRow:
    conflict_id: str
    reason: str  # message code (wording.records.WHY)
    sentence: str
    record: str  # 提案 A-0012 关于… / 交办 县教育局 …
    field: str  # 案由 / 整条记录
    choices: tuple[ConflictChoice, ...]  # the provisional winner (what every site shows) first
    opened_at: datetime
    typed: bool  # a value may be typed (a text field), not only one of the choices taken

    def mine(self) -> ConflictChoice | None:
        """本机的值: the one made here (None when every value came from elsewhere)."""
        return next((c for c in self.choices if c.here), None)

    def theirs(self) -> ConflictChoice | None:
        """对方的值: the first made elsewhere; when none was made here, the one not shown now."""
        elsewhere = [c for c in self.choices if not c.here]
        if len(elsewhere) == len(self.choices):
            elsewhere = elsewhere[1:]
        return elsewhere[0] if elsewhere else None


def open_count(session: Session) -> int:
    """For the count beside 数据交换 while any conflict waits for a person."""
    return session.scalar(select(func.count()).select_from(SyncConflict)) or 0


def held_back(session: Session, actor: Actor) -> list[tuple[str, int, datetime]]:
    """Changes held for a sender's clock too far ahead: (site, how many, the latest stamp's
    time), kept until the sender's clock is put right (they are not applied)."""
    may_exchange(session, actor)
    names = dict(session.execute(select(Site.id, Site.name)).all())
    rows = session.execute(select(HeldChange.site_id, func.count(), func.max(HeldChange.stamp))
                           .group_by(HeldChange.site_id)).all()
    return [(names.get(site, site), count,
             datetime.fromtimestamp(Stamp.decode(latest).wall_ms / 1000))
            for site, count, latest in rows]


def release_held(session: Session, actor: Actor) -> tuple[int, int]:
    """重新核对 once a clock was put right: the held changes now within a day of this PC's clock
    are applied, the others stay held.  (applied, still held)"""
    may_exchange(session, actor)

    def sender_of(package_id: str) -> replica.SenderSite | None:
        site = session.scalar(select(Site).join(SyncPackage, SyncPackage.site_id == Site.id)
                              .where(SyncPackage.id == package_id))
        return None if site is None else replica.SenderSite(site.id, site.kind, site.unit_id)

    with write(session, actor, "sync.release_held"):
        return replica.release_held(session, sender_of)


def discard_held(session: Session, actor: Actor, site_name: str) -> int:
    """舍弃: the held changes a site made, given up (its clerk types them again once the clock
    is right); how many."""
    may_exchange(session, actor)
    with write(session, actor, "sync.discard_held"):
        site = session.scalar(select(Site.id).where(Site.name == site_name))
        rows = session.scalars(select(HeldChange).where(HeldChange.site_id == site)).all()
        for row in rows:
            session.delete(row)
    return len(rows)


def open_conflicts(session: Session, actor: Actor) -> list[ConflictRow]:
    may_exchange(session, actor)
    here = local_site(session).id
    sites = dict(session.execute(select(Site.id, Site.name)).all())
    rows = []
    for conflict in session.scalars(select(SyncConflict).order_by(SyncConflict.opened_at)):
        choices = tuple(_choice(session, conflict, stamp, here, sites)
                        for stamp in conflict.heads.split())
        column = Base.metadata.tables[conflict.table_name].c.get(conflict.field)
        typed = column is not None and str(column.type).startswith(("VARCHAR", "TEXT"))
        rows.append(ConflictRow(
            conflict.id, conflict.reason, why(conflict.reason),
            f"{table_name(conflict.table_name)} {_record(session, conflict)}",
            field_name(conflict.field), choices, conflict.opened_at, typed))
    return rows


def settle(session: Session, actor: Actor, conflict_id: str, *, take: str | None = None,
           value: object = None, keep: bool = True) -> None:
    """采用 one of the values (``take`` its stamp), or a typed ``value``; for a row edited here
    and deleted there, or a late record of a unit, ``keep`` it or not."""
    may_exchange(session, actor)
    with write(session, actor, "sync.settle"):
        conflict = session.get(SyncConflict, conflict_id)
        if conflict is None:
            raise InvalidInput("conflict_gone")
        if conflict.reason == conflict_queue.FIELD_CONFLICT:
            if take is not None:
                if take not in conflict.heads.split():
                    raise InvalidInput("conflict_choice_unknown")
                value = _value_at(session, conflict, take)
        session.add(AuditEntry(
            at=datetime.now(), user_id=actor.user_id, username=actor.username,
            action="sync.settle", table_name=conflict.table_name, row_id=conflict.row_id,
            field=None if conflict.field in ("-", "@") else conflict.field,
            before=why(conflict.reason),
            after=json.dumps(value, ensure_ascii=False) if conflict.reason ==
            conflict_queue.FIELD_CONFLICT else ("保留" if keep else "删除")))
        replica.settle(session, conflict, value=value, keep=keep)


def _value_at(session: Session, conflict: SyncConflict, stamp: str) -> object:
    change = session.scalar(select(Change).where(
        Change.stamp == stamp, Change.table_name == conflict.table_name,
        Change.row_id == conflict.row_id))
    if change is None or change.value is None:
        return None
    value = json.loads(change.value)
    return value.get(conflict.field) if change.field == "*" else value


def _choice(session: Session, conflict: SyncConflict, stamp: str, here: str,
            sites: dict[str, str]) -> ConflictChoice:
    decoded = Stamp.decode(stamp)
    if conflict.reason == conflict_queue.FIELD_CONFLICT:
        value = _value_at(session, conflict, stamp)
        shown = _shown(session, value)
    else:
        change = session.scalar(select(Change.field).where(Change.stamp == stamp))
        value = change != "-"
        shown = "删除" if change == "-" else "保留并修改"
    return ConflictChoice(stamp, value, shown, sites.get(decoded.site, "其他站点"),
                          datetime.fromtimestamp(decoded.wall_ms / 1000), decoded.site == here)


def _shown(session: Session, value: object) -> str:
    if value is None:
        return "（空）"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, str) and len(value) == 32:
        for model in _NAMED:
            name = session.scalar(select(model.name).where(model.id == value))
            if name:
                return name
    return str(value)


def _record(session: Session, conflict: SyncConflict) -> str:
    table = Base.metadata.tables[conflict.table_name]
    row = session.execute(select(table).where(table.c.id == conflict.row_id)).mappings().first()
    if row is None:
        return "（已删除）"
    proposal_id = conflict.row_id if conflict.table_name == "proposal" else row.get("proposal_id")
    unit = ""
    if proposal_id is None and row.get("assignment_id"):
        found = session.execute(select(Assignment.proposal_id, Unit.name).join(Unit).where(
            Assignment.id == row["assignment_id"])).first()
        if found:
            proposal_id, unit = found
    if conflict.table_name == "assignment":
        unit = session.scalar(select(Unit.name).where(Unit.id == row["unit_id"])) or ""
    if proposal_id:
        found = session.execute(select(Proposal.number, Proposal.serial, Proposal.title)
                                .where(Proposal.id == proposal_id)).first()
        if found:
            number, serial, title = found
            return " ".join(p for p in (unit, number or serial, title) if p)
    for name in ("name", "title", "username", "display_name"):
        if row.get(name):
            return str(row[name])
    return conflict.row_id
