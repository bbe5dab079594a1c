"""冲突: the queue of fields two sites changed differently, rows edited at one and deleted at
the other, and a unit's work that arrived after the office had moved the assignment."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain import exchange as rules
from desktop.domain.enums import AssignmentEnd, SiteKind

from .models import Base, SyncConflict
from .travel import Outcome, SenderSite, Travelling, chunks

FIELD_CONFLICT = "sync_field_conflict"
ROW_CONFLICT = "sync_edit_vs_delete"
AFTER_END = "sync_after_end"
LIFECYCLE = "@"  # the field of a conflict about a record as a whole


def note(session: Session, table_name: str, verdicts: dict, outcome: Outcome) -> None:
    """The conflict queue as the changes now say, for these rows (their merge ``verdicts``):
    opened, kept, or closed by a settling change."""
    existing: dict[tuple[str, str], SyncConflict] = {
        (c.row_id, c.field): c for c in session.scalars(select(SyncConflict).where(
            SyncConflict.table_name == table_name, SyncConflict.row_id.in_(list(verdicts)),
            SyncConflict.reason.in_([FIELD_CONFLICT, ROW_CONFLICT])))}
    wanted = {}
    for row_id, verdict in verdicts.items():
        if verdict.row_state and verdict.row_state.in_conflict:
            wanted[(row_id, rules.GONE)] = (ROW_CONFLICT, verdict.row_state)
        for name, state in verdict.field_states.items():
            if state and state.in_conflict:
                wanted[(row_id, name)] = (FIELD_CONFLICT, state)
    for key, conflict in existing.items():
        if key not in wanted:
            session.delete(conflict)
    for (row_id, name), (reason, state) in wanted.items():
        heads = " ".join(c.stamp for c in state.conflict)
        if (row_id, name) in existing:
            existing[(row_id, name)].heads = heads
            continue
        session.add(SyncConflict(table_name=table_name, row_id=row_id, field=name, reason=reason,
                                 heads=heads, opened_at=datetime.now()))
        outcome.conflicts.append((table_name, row_id, name, reason))


def ended_assignments(session: Session, sender: SenderSite,
                       changes: list[Travelling]) -> dict[str, str]:
    """A unit's assignments its changes are about that the office had ended before they came."""
    if sender.kind != SiteKind.UNIT:
        return {}
    about = {c.row if c.table == "assignment" else (c.value or {}).get("assignment_id")
             for c in changes if c.table == "assignment" or (
                 c.field == rules.ROW and isinstance(c.value, dict))}
    about.discard(None)
    table = Base.metadata.tables["assignment"]
    ended = {}
    for chunk in chunks(list(about)):
        for row_id, how in session.execute(select(table.c.id, table.c.ended).where(
                table.c.id.in_(chunk), table.c.ended.is_not(None))):
            if how != AssignmentEnd.RETURNED:
                ended[row_id] = how
    return ended


def after_end(session: Session, sender: SenderSite, outcome: Outcome,
               ended: dict[str, str]) -> None:
    """A unit's work on an assignment the office moved meanwhile: kept, and put to a person."""
    for change in outcome.taken:
        assignment = change.row if change.table == "assignment" else (
            change.value.get("assignment_id") if isinstance(change.value, dict) else None)
        if assignment not in ended or change.table in ("audit_entry", "user_account"):
            continue
        key = (change.table, change.row, LIFECYCLE)
        if session.scalar(select(SyncConflict.id).where(
                SyncConflict.table_name == key[0], SyncConflict.row_id == key[1],
                SyncConflict.field == LIFECYCLE)) is None:
            session.add(SyncConflict(table_name=key[0], row_id=key[1], field=LIFECYCLE,
                                     reason=AFTER_END, heads=change.stamp,
                                     opened_at=datetime.now()))
            session.flush()
            outcome.conflicts.append((*key, AFTER_END))
