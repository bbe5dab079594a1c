"""Changes from another site taken into this database: logged as they were made there, then every
row they touch rebuilt from all the changes known for it (domain.merge), so the result depends
only on which changes a site has, never on the order packages arrived in.

Rows are written with SQL statements, not the ORM, so what arrives is not logged again as a
change of this site; the cached statuses are then rebuilt and the search terms refreshed as
after any write."""
from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Date, DateTime, Enum, bindparam, delete, func, select, text, update
from sqlalchemy.orm import Session

from desktop.domain import exchange as rules
from desktop.domain import merge
from desktop.domain import clock
from desktop.domain.clock import new_id
from desktop.domain.errors import InvalidInput

from . import admission, conflict_queue, fulltext
from .changes import local_site, next_seq, next_stamp, observe, to_json_value
from .models import Base, Change, HeldChange, SearchDocument, SyncConflict
from .travel import COLUMNS, Outcome, SenderSite, Travelling, chunks, from_line, from_log

__all__ = ["Outcome", "SenderSite", "Travelling", "from_line", "from_log", "rebuild", "take"]


def take(session: Session, sender: SenderSite, changes: Iterable[Travelling],
         package_id: str, now_ms: int | None = None) -> Outcome:
    """Log, merge and write the changes; call inside ``store.changes.write``."""
    now_ms = clock.wall_now_ms() if now_ms is None else now_ms
    outcome = Outcome()
    fresh = _unknown(session, list(changes), outcome)
    judged = admission.judge(session, sender, fresh, outcome)
    for change in judged:
        if merge.too_far_ahead(change.stamp, now_ms):
            outcome.held.append(change)
        else:
            outcome.taken.append(change)
    _hold(session, package_id, outcome.held)
    if not outcome.taken:
        return outcome
    sqlite = session.get_bind().dialect.name == "sqlite"
    if sqlite:  # a new proposal may name another of the same package (并案, 拆分)
        session.execute(text("PRAGMA defer_foreign_keys = ON"))
    session.execute(Change.__table__.insert(), [
        {"op_id": c.op, "site_id": c.site, "stamp": c.stamp, "table_name": c.table,
         "row_id": c.row, "field": c.field, "seq": next_seq(session),
         "value": None if c.value is None and c.field == rules.GONE
         else json.dumps(c.value, ensure_ascii=False),
         "bases": " ".join(c.bases) or None} for c in outcome.taken])
    observe(session, max(c.stamp for c in outcome.taken))
    ended_before = conflict_queue.ended_assignments(session, sender, outcome.taken)
    rows: dict[str, set[str]] = defaultdict(set)
    for change in outcome.taken:
        rows[change.table].add(change.row)
    rebuild(session, rows, outcome)
    _reindex(session, outcome)
    conflict_queue.after_end(session, sender, outcome, ended_before)
    if sqlite:
        _check_references(session, rows)
    return outcome


def release_held(session: Session, sender_of: Callable[[str], SenderSite | None]
                 ) -> tuple[int, int]:
    """Held changes taken again (call inside a write): those now within a day of this PC's
    clock are applied — it was this PC's clock that was wrong — the others stay held.  Returns
    (applied, still held)."""
    by_package: dict[str, list[HeldChange]] = defaultdict(list)
    for held in session.scalars(select(HeldChange)):
        by_package[held.package_id].append(held)
    applied = still = 0
    for package_id, rows in by_package.items():
        sender = sender_of(package_id)
        if sender is None:
            continue
        changes = [from_line(json.loads(held.change), n) for n, held in enumerate(rows, 1)]
        for held in rows:
            session.delete(held)
        session.flush()
        outcome = take(session, sender, changes, package_id)
        applied, still = applied + len(outcome.taken), still + len(outcome.held)
    return applied, still


def _unknown(session: Session, changes: list[Travelling], outcome: Outcome) -> list[Travelling]:
    ops = {c.op for c in changes}
    known: set[str] = set()
    for chunk in chunks(list(ops)):
        known |= set(session.scalars(select(Change.op_id).where(Change.op_id.in_(chunk))))
        known |= set(session.scalars(select(HeldChange.op_id).where(HeldChange.op_id.in_(chunk))))
    seen: set[str] = set()
    fresh = []
    for change in changes:
        if change.op in known or change.op in seen:
            outcome.known += 1
        else:
            seen.add(change.op)
            fresh.append(change)
    return fresh


def _hold(session: Session, package_id: str, held: list[Travelling]) -> None:
    if held:
        now = datetime.now()
        session.execute(HeldChange.__table__.insert(), [
            {"op_id": c.op, "package_id": package_id, "site_id": c.site, "stamp": c.stamp,
             "change": json.dumps(c.as_line(), ensure_ascii=False), "held_at": now}
            for c in held])


def rebuild(session: Session, rows: dict[str, set[str]], outcome: Outcome) -> None:
    """Write every listed row as all its known changes say (parents first, deletions last)."""
    deletions: list[tuple[str, str]] = []
    touched_proposals: set[str] = set()
    touched_assignments: set[str] = set()
    for table_name in rules.TABLE_ORDER:
        ids = rows.get(table_name)
        if not ids:
            continue
        table = Base.metadata.tables[table_name]
        for chunk in chunks(sorted(ids)):
            logged = _logged(session, table_name, chunk)
            current = {r["id"]: r for r in session.execute(
                select(table).where(table.c.id.in_(chunk))).mappings()}
            verdicts = {row_id: _merge_row(table_name, logged.get(row_id, [])) for row_id in chunk}
            conflict_queue.note(session, table_name, verdicts, outcome)
            inserts: dict[tuple, list[dict]] = defaultdict(list)
            updates: dict[tuple, list[dict]] = defaultdict(list)
            for row_id, verdict in verdicts.items():
                values, before = verdict.values, current.get(row_id)
                if not verdict.exists:
                    if before is not None:
                        deletions.append((table_name, row_id))
                    continue
                if before is None:
                    if not verdict.whole:
                        continue  # its new-row change has not arrived: kept in the log
                    row = {**_fill(table_name, values), "id": row_id}
                    inserts[tuple(sorted(row))].append(row)
                    outcome.inserted.add((table_name, row_id))
                else:
                    differ = {k: v for k, v in values.items() if before[k] != v}
                    if differ:
                        updates[tuple(sorted(differ))].append({**differ, "_row": row_id})
                        outcome.updated.add((table_name, row_id))
                _note_touched(table_name, row_id, values, touched_proposals, touched_assignments)
            for batch in inserts.values():
                session.execute(table.insert(), batch)
            for names, batch in updates.items():
                session.execute(update(table).where(table.c.id == bindparam("_row")).values(
                    {name: bindparam(name) for name in names}), batch,
                    execution_options={"synchronize_session": False})
    for table_name, row_id in reversed(deletions):
        table = Base.metadata.tables[table_name]
        outcome.rows_before.setdefault(table_name, session.scalar(
            select(func.count()).select_from(table)) or 0)
        row = session.execute(select(table).where(table.c.id == row_id)).mappings().first()
        _note_touched(table_name, row_id, dict(row), touched_proposals,
                      touched_assignments)
        session.execute(delete(table).where(table.c.id == row_id))
        outcome.deleted.add((table_name, row_id))
    proposals, assignments = session.info.setdefault("touched", (set(), set()))
    proposals |= touched_proposals
    assignments |= touched_assignments


def _note_touched(table_name: str, row_id: str, values: dict, proposals: set[str],
                  assignments: set[str]) -> None:
    if table_name == "proposal":
        proposals.add(row_id)
    elif table_name in ("submission", "review", "proposer", "supervision", "assignment"):
        proposals.add(values.get("proposal_id"))
        if table_name == "assignment":
            assignments.add(row_id)
    elif table_name in rules.ASSIGNMENT_RECORDS:
        assignments.add(values.get("assignment_id"))
    proposals.discard(None)
    assignments.discard(None)


def _reindex(session: Session, outcome: Outcome) -> None:
    """The search terms of proposals whose title, body or proposers arrived or changed."""
    written = outcome.inserted | outcome.updated
    proposals = {row for table, row in written if table == "proposal"}
    proposer = Base.metadata.tables["proposer"]
    ids = [row for table, row in written | outcome.deleted if table == "proposer"]
    for chunk in chunks(ids):
        proposals |= set(session.scalars(select(proposer.c.proposal_id)
                                         .where(proposer.c.id.in_(chunk))))
    gone = [row for table, row in outcome.deleted if table == "proposal"]
    for chunk in chunks(gone):
        session.execute(delete(SearchDocument).where(SearchDocument.proposal_id.in_(chunk)))
    fulltext.index_many(session, sorted(proposals - set(gone)))


def _fill(table_name: str, values: dict) -> dict:
    """A row that arrived without what only office PCs exchange (a password) is locked."""
    if table_name == "user_account" and values.get("password_hash") is None:
        values = {**values, "password_hash": rules.LOCKED_PASSWORD}
    return values


@dataclass(frozen=True)
class RowVerdict:
    exists: bool
    whole: bool  # its new-row change is known
    values: dict
    row_state: merge.FieldState | None
    field_states: dict


def _logged(session: Session, table_name: str, ids: list[str]) -> dict[str, list[Change]]:
    found: dict[str, list] = defaultdict(list)
    for row in session.execute(select(Change.row_id, Change.field, Change.stamp, Change.value,
                                      Change.bases).where(Change.table_name == table_name,
                                                          Change.row_id.in_(ids))):
        found[row.row_id].append(row)
    return found


def _merge_row(table_name: str, changes: list) -> RowVerdict:
    columns, convert = COLUMNS[table_name], _CONVERT[table_name]
    if len(changes) == 1 and changes[0].field == rules.ROW:  # a new row, never changed since
        only = changes[0]
        row = json.loads(only.value)
        values = {name: convert[name](value) for name, value in row.items()
                  if name in convert and name != "id"}
        _defaults(columns, values)
        return RowVerdict(True, True, values, None, {})
    existence: list[merge.FieldChange] = []
    per_field: dict[str, list[merge.FieldChange]] = defaultdict(list)
    whole = False
    for c in changes:
        bases = tuple((c.bases or "").split())
        if c.field == rules.GONE:
            existence.append(merge.FieldChange(c.stamp, merge.DELETED, bases))
            continue
        existence.append(merge.FieldChange(c.stamp, True, bases))
        value = json.loads(c.value) if c.value is not None else None
        if c.field == rules.ROW:
            whole = True
            for name, column_value in value.items():
                if name in columns and name != "id":
                    per_field[name].append(merge.FieldChange(c.stamp, column_value, bases))
        elif c.field in columns:
            per_field[c.field].append(merge.FieldChange(c.stamp, value, bases))
    row_state = merge.state(existence)
    states = {name: merge.state(found) for name, found in per_field.items()}
    values = {name: convert[name](s.value) for name, s in states.items() if s}
    _defaults(columns, values)
    exists = row_state is None or row_state.value != merge.DELETED
    return RowVerdict(exists, whole, values, row_state, states)


def _defaults(columns: dict, values: dict) -> None:
    """New-row changes logged before defaults were filled: what the row was given."""
    for name, value in values.items():
        if value is None:
            column = columns[name]
            if not column.nullable and column.default is not None and column.default.is_scalar:
                values[name] = column.default.arg


def _converter(column):
    """From a value as it travels (JSON) to what the column takes."""
    kind = column.type
    if isinstance(kind, DateTime):
        make = datetime.fromisoformat
    elif isinstance(kind, Date):
        make = date.fromisoformat
    elif isinstance(kind, Enum) and kind.enum_class is not None:
        make = kind.enum_class
    else:
        return lambda value: value
    return lambda value: None if value is None else make(value)


_CONVERT = {table: {name: _converter(column) for name, column in columns.items()}
            for table, columns in COLUMNS.items()}


def _check_references(session: Session, rows: dict[str, set[str]]) -> None:
    """Every written row's references found (checked now: they were deferred while writing)."""
    for table_name in rows:
        problems = session.execute(text(f'PRAGMA foreign_key_check("{table_name}")')).first()
        if problems is not None:
            raise InvalidInput("package_missing_rows", table=table_name)


def settle(session: Session, conflict: SyncConflict, *, value: object = None,
           keep: bool = True) -> None:
    """A person's choice, logged as this site's change made on top of every disagreeing one, so
    it travels and settles the conflict wherever it arrives.  ``value`` for a field; ``keep``
    for a row edited at one site and deleted at the other, or a unit's late record."""
    table, row_id, name = conflict.table_name, conflict.row_id, conflict.field
    logged = _logged(session, table, [row_id]).get(row_id, [])
    heads = tuple(conflict.heads.split())
    if conflict.reason == conflict_queue.FIELD_CONFLICT:
        change = (name, to_json_value(value), heads)
    elif keep and conflict.reason == conflict_queue.ROW_CONFLICT:
        values = _merge_row(table, logged).values
        change = (rules.ROW, {k: to_json_value(v) for k, v in values.items()}, heads)
    elif keep:  # a late record the office keeps: nothing to change anywhere
        session.delete(conflict)
        return
    else:
        change = (rules.GONE, None, tuple(sorted(c.stamp for c in logged)))
    field, travelled, bases = change
    site = local_site(session)
    session.execute(Change.__table__.insert().values(
        op_id=new_id(), site_id=site.id, stamp=next_stamp(session), table_name=table,
        row_id=row_id, field=field, seq=next_seq(session), bases=" ".join(bases) or None,
        value=None if field == rules.GONE else json.dumps(travelled, ensure_ascii=False)))
    if conflict.reason == conflict_queue.AFTER_END:
        session.delete(conflict)
    rebuild(session, {table: {row_id}}, Outcome())
    _reindex(session, Outcome(updated={(table, row_id)}))
