"""Audit entries and the per-field change log, written in the same flush as the change itself.

Every write goes through ``write()``, which names the actor and the action; a flush hook then
records who changed which field from what to what (操作日志) and appends one change-log entry per
field with this site's hybrid logical clock (docs/sync.md), and before the commit the cached
statuses of what changed are rebuilt (store.facts.settle), so no service can forget any of it.
"""
from __future__ import annotations

import enum
import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime

from sqlalchemy import event, func, inspect, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import MANYTOONE, Session

from desktop.domain.actor import Actor
from desktop.domain.clock import Clock, Stamp, new_id
from desktop.domain.errors import DomainError

from .sqlite import problem_of
from .facts import settle
from .models import AuditEntry, Change, Site, Synced

DERIVED = "derived"  # column info flag: a cache rebuilt locally, never logged


def to_json_value(value: object) -> object:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def _text(value: object) -> str | None:
    if value is None:
        return None
    value = to_json_value(value)
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


@contextmanager
def write(session: Session, actor: Actor, action: str) -> Iterator[Session]:
    """One user action = one write transaction (BEGIN IMMEDIATE on SQLite).

    A write inside another joins it: setting up an office is several actions that must land
    together or not at all."""
    if "action" in session.info and session.in_transaction():
        yield session
        session.flush()  # what the inner action made has its ids, as after its own commit
        return
    if session.in_transaction():
        session.commit()
    session.info.update(actor=actor, action=action)
    try:
        with session.begin():
            session.connection(execution_options={"write": True})
            yield session
            settle(session)
    except OperationalError as exc:  # nothing was written: the transaction rolled back
        problem = problem_of(exc)
        if problem is None:
            raise
        raise problem from exc
    finally:
        for key in ("actor", "action", "clock", "site", "touched", "seq"):
            session.info.pop(key, None)


@contextmanager
def attempt(session: Session) -> Iterator[Session]:
    """One part of an action that may be refused on its own (a row of an imported ledger) while
    the rest goes on.  A part undone gives back its places in the log: the next change reads
    the log's end again, so the log has no gap (a receiver acknowledges only an unbroken run)."""
    try:
        with session.begin_nested():
            yield session
    except DomainError:
        session.info.pop("seq", None)
        raise


def local_site(session: Session) -> Site:
    site = session.info.get("site")
    if site is None:
        site = session.scalars(select(Site).where(Site.local.is_(True))).first()
        if site is None:
            raise DomainError("site_missing")
        session.info["site"] = site
    return site


def next_stamp(session: Session) -> str:
    """A fresh clock stamp for a record written in the current action."""
    clock = session.info.get("clock")
    if clock is None:
        site = local_site(session)
        # another window may have written since this session last read the site's clock
        session.refresh(site, ["clock_wall_ms", "clock_counter"])
        clock = Clock(site.id, site.clock_wall_ms, site.clock_counter)
        session.info["clock"] = clock
    stamp = clock.tick()
    site = local_site(session)
    site.clock_wall_ms, site.clock_counter = clock.wall_ms, clock.counter
    return stamp.encode()


def observe(session: Session, stamp: str) -> None:
    """This site's clock moved past a stamp that arrived, so its next writes come after it."""
    next_stamp(session)  # loads the clock as of now
    clock = session.info["clock"]
    clock.observe(Stamp.decode(stamp))
    site = local_site(session)
    site.clock_wall_ms, site.clock_counter = clock.wall_ms, clock.counter


def next_seq(session: Session) -> int:
    """The next place in this installation's log (one writer at a time: BEGIN IMMEDIATE)."""
    seq = session.info.get("seq")
    if seq is None:
        with session.no_autoflush:
            seq = session.scalar(select(func.max(Change.seq))) or 0
    session.info["seq"] = seq + 1
    return seq + 1


def _columns(obj: Synced) -> list:
    return [c for c in inspect(obj).mapper.column_attrs if not c.columns[0].info.get(DERIVED)]


@event.listens_for(Session, "before_flush")
def _record(session: Session, _context, _instances) -> None:
    if "action" not in session.info:
        if any(isinstance(o, Synced) for o in (*session.new, *session.dirty, *session.deleted)):
            raise RuntimeError("a synced row was written outside store.changes.write()")
        return
    actor: Actor = session.info["actor"]
    action: str = session.info["action"]
    now = datetime.now()
    entries: list[object] = []

    def log(obj: Synced, field: str, before: object, after: object, value: object) -> None:
        table = obj.__tablename__
        stamp = next_stamp(session)
        site_id = local_site(session).id
        entries.append(Change(site_id=site_id, stamp=stamp, table_name=table, row_id=obj.id,
                              seq=next_seq(session), field=field, value=json.dumps(value, ensure_ascii=False),
                              bases=None if field == "*" else _base(session, table, obj.id, field)))
        if isinstance(obj, AuditEntry):
            return
        entry = AuditEntry(
            id=new_id(), at=now, user_id=actor.user_id, username=actor.username, action=action,
            table_name=table, row_id=obj.id, field=None if field in "*-" else field,
            before=_text(before), after=_text(after))
        entries.append(entry)
        # audit entries travel too (docs/sync.md); added here, they would miss this hook
        row = {a.key: to_json_value(getattr(entry, a.key)) for a in _columns(entry)}
        entries.append(Change(site_id=site_id, stamp=next_stamp(session), table_name="audit_entry",
                              row_id=entry.id, field="*", seq=next_seq(session),
                              value=json.dumps(row, ensure_ascii=False)))

    for obj in session.new:
        if isinstance(obj, Synced):
            obj.id = obj.id or new_id()
    for obj in list(session.new):
        if isinstance(obj, Synced):
            _defaults(obj)
            _references(obj)
            row = {a.key: to_json_value(getattr(obj, a.key)) for a in _columns(obj)}
            log(obj, "*", None, _summary(obj), row)
    for obj in list(session.dirty):
        if isinstance(obj, Synced) and _orphaned(obj):
            session.delete(obj)  # what the flush would do: logged as the deletion it is
            continue
        if not isinstance(obj, Synced) or not session.is_modified(obj, include_collections=False):
            continue
        state = inspect(obj)
        _references(obj)
        for attr in _columns(obj):
            history = state.attrs[attr.key].history
            if history.has_changes():
                before = history.deleted[0] if history.deleted else None
                after = getattr(obj, attr.key)
                if before != after:
                    log(obj, attr.key, before, after, to_json_value(after))
    for obj in list(session.deleted):
        if isinstance(obj, Synced):
            log(obj, "-", _summary(obj), None, None)
    session.add_all(entries)


def _defaults(obj: Synced) -> None:
    """The column defaults a new row will get, set now so its logged values are what is stored."""
    for attr in _columns(obj):
        column = attr.columns[0]
        if getattr(obj, attr.key) is None and column.default is not None and \
                column.default.is_scalar:
            setattr(obj, attr.key, column.default.arg)


def _orphaned(obj: Synced) -> bool:
    """A row taken out of a collection that deletes its orphans (a proposer removed from a
    proposal's list): the flush deletes it, after this hook."""
    state = inspect(obj)
    for relation in state.mapper.relationships:
        if relation.direction is not MANYTOONE or not relation.back_populates:
            continue
        parent_side = relation.mapper.relationships[relation.back_populates]
        if parent_side.cascade.delete_orphan and relation.key in state.dict \
                and state.dict[relation.key] is None \
                and state.attrs[relation.key].history.has_changes():
            return True
    return False


def _references(obj: Synced) -> None:
    """Foreign keys set through a relationship (``proposal.proposers = …``) are filled in by the
    flush, after this hook: set them now, so the log holds the reference that is stored."""
    state = inspect(obj)
    for relation in state.mapper.relationships:
        if relation.direction is not MANYTOONE or not state.attrs[relation.key].history.has_changes():
            continue
        target = state.dict.get(relation.key)
        for local, remote in relation.local_remote_pairs:
            value = None if target is None else getattr(target, remote.key)
            if getattr(obj, local.key) != value:
                setattr(obj, local.key, value)


def _base(session: Session, table: str, row_id: str, field: str) -> str | None:
    """The change this one is made on top of: the field's latest shown value; a deletion is made
    on top of everything known of the row (so an edit it never saw is a conflict, not lost)."""
    stmt = select(Change.stamp).where(Change.table_name == table, Change.row_id == row_id)
    with session.no_autoflush:
        if field == "-":
            return " ".join(session.scalars(stmt.order_by(Change.stamp))) or None
        stmt = stmt.where(Change.field.in_([field, "*"]))
        return session.scalar(stmt.order_by(Change.stamp.desc()).limit(1))


def _summary(obj: Synced) -> str:
    for name in ("title", "name", "username", "category", "decision", "form", "result"):
        value = getattr(obj, name, None)
        if value is not None:
            return str(to_json_value(value))
    return obj.id
