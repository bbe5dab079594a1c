"""Which arriving changes a sender may make (domain.exchange.refusal), with the facts the rule
needs looked up once for the whole package: who created each row, whose assignment it is."""
from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain import exchange as rules
from desktop.domain.enums import SiteKind

from .models import Base, Change
from .travel import Outcome, SenderSite, Travelling, chunks

def judge(session: Session, sender: SenderSite, changes: list[Travelling],
           outcome: Outcome) -> list[Travelling]:
    """The changes the sender may send (domain.exchange.refusal); the others into ``refused``."""
    if sender.kind == SiteKind.OFFICE:
        return changes
    creators = _creators(session, changes)
    units = _assignment_units(session, changes)
    taken = []
    for change in changes:
        code = "sync_refused_relay" if change.site != sender.site_id else rules.refusal(
            sender.kind, change.table, change.field,
            created_by_sender=creators.get((change.table, change.row)) == sender.site_id,
            own_assignment=sender.unit_id is not None
            and units.get(_assignment_of(change, units)) == sender.unit_id,
            value=change.value)
        if code:
            outcome.refused.append((change, code))
        else:
            taken.append(change)
    return taken


def _creators(session: Session, changes: list[Travelling]) -> dict[tuple[str, str], str]:
    """The site whose new-row change made each row (in this package or already logged)."""
    made = {(c.table, c.row): c.site for c in changes if c.field == rules.ROW}
    wanted = defaultdict(set)
    for c in changes:
        if c.field != rules.ROW and (c.table, c.row) not in made:
            wanted[c.table].add(c.row)
    for table, ids in wanted.items():
        for chunk in chunks(list(ids)):
            for row_id, site_id in session.execute(select(Change.row_id, Change.site_id).where(
                    Change.table_name == table, Change.row_id.in_(chunk),
                    Change.field == rules.ROW)):
                made.setdefault((table, row_id), site_id)
    return made


def _assignment_of(change: Travelling, units: dict[str, str]) -> str | None:
    if change.table == "assignment":
        return change.row
    if isinstance(change.value, dict):
        if "assignment_id" in change.value:
            return change.value["assignment_id"]
        if change.value.get("reply_id"):
            return units.get("reply:" + change.value["reply_id"])
    return None


def _assignment_units(session: Session, changes: list[Travelling]) -> dict[str, str]:
    """assignment id → its unit, and "reply:<id>" → the reply's assignment (for its letters)."""
    found: dict[str, str] = {}
    replies = {c.row: c.value.get("assignment_id") for c in changes
               if c.table == "reply" and c.field == rules.ROW}
    wanted_replies = {c.value["reply_id"] for c in changes if c.table == "attachment"
                      and c.field == rules.ROW and c.value.get("reply_id")} - set(replies)
    reply_table = Base.metadata.tables["reply"]
    for chunk in chunks(list(wanted_replies)):
        replies.update(session.execute(select(reply_table.c.id, reply_table.c.assignment_id)
                                       .where(reply_table.c.id.in_(chunk))).all())
    for reply_id, assignment_id in replies.items():
        found["reply:" + reply_id] = assignment_id
    wanted = {c.row for c in changes if c.table == "assignment"} | set(replies.values()) | {
        c.value["assignment_id"] for c in changes
        if isinstance(c.value, dict) and isinstance(c.value.get("assignment_id"), str)}
    table = Base.metadata.tables["assignment"]
    for chunk in chunks([w for w in wanted if w]):
        found.update(session.execute(select(table.c.id, table.c.unit_id)
                                     .where(table.c.id.in_(chunk))).all())
    return found
