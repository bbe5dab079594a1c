"""Who may send what to whom (SYNC.md, "Sites and what each holds"): the rules both the office
that receives a package and the one that writes it read, in one place.

Only the office gives 提案号, decides reviews and assigns.  An entry laptop sends the papers it
typed (and the members it had to add); a unit sends its 签收, 退回 and 申请调整, contacts,
协办意见, follow-ups and replies with their letters, for its own assignments only.  A change a
site may not send is refused on arrival and named in the preview."""
from __future__ import annotations

from .enums import AssignmentEnd, SiteKind

# parents before children: the order rows are written in when a package is applied
TABLE_ORDER = (
    "term", "meeting", "sector", "organisation", "unit", "category", "member", "user_account",
    "proposal", "proposer", "submission", "review", "assignment", "contact", "reply",
    "evaluation", "assist_opinion", "follow_up", "supervision", "attachment", "audit_entry",
)
BASE_TABLES = frozenset(TABLE_ORDER[:8])  # what every site holds whole
PROPOSAL_RECORDS = ("proposer", "submission", "review", "supervision")  # by proposal_id
ASSIGNMENT_RECORDS = ("contact", "reply", "evaluation", "follow_up")  # by assignment_id
# what lets someone log in travels only between office PCs; elsewhere a row arrives locked
SECRET_FIELDS = {"user_account": ("password_hash", "failed_logins", "locked_until")}
LOCKED_PASSWORD = "!"  # no password verifies against it
PHONE_FIELDS = {"member": ("phone",)}  # a unit sees them only when the office says so

ROW = "*"  # a new row, every field in one change
GONE = "-"  # a tombstone

# an entry laptop creates these; it may later change only rows it created itself
# (and its own accounts, which arrive locked: they are named on the records its clerks wrote)
_ENTRY_CREATES = frozenset({"proposal", "proposer", "submission", "attachment", "member",
                            "user_account", "audit_entry"})
_OFFICE_FIELDS = frozenset({"number", "number_seq"})  # 提案号 only at the office
# a unit creates these records for its own assignments
_UNIT_CREATES = frozenset({"contact", "reply", "assist_opinion", "follow_up", "attachment"})
_UNIT_ANYWHERE = frozenset({"user_account", "audit_entry"})
# the fields of its assignment a unit writes: 签收, 退回, 申请调整
UNIT_ASSIGNMENT_FIELDS = frozenset({
    "accepted_on", "accepted_by", "ended", "ended_on", "end_reason",
    "adjustment_requested_on", "adjustment_reason", "adjustment_decision",
})


# what only the office decides (SYNC.md: "only the office gives 提案号, decides reviews and
# assigns"): refused at an entry laptop or a unit's installation as it would be on arrival
OFFICE_ACTIONS = frozenset({
    "forward", "file", "reject", "refer", "return", "merge", "split", "withdraw", "undo_review",
    "number", "assign", "decide_adjustment", "extend", "evaluate", "rehandle", "mark_key",
    "supervise",
})


def office_decides(kind: str, action: str) -> bool:
    """Whether ``action`` is the office's alone and this site (of ``kind``) is not an office."""
    return kind != SiteKind.OFFICE and action in OFFICE_ACTIONS


def refusal(kind: str, table: str, field: str, *, created_by_sender: bool,
            own_assignment: bool, value: object = None) -> str | None:
    """Why a change from a site of ``kind`` is refused (a message code), or None: taken."""
    if kind == SiteKind.OFFICE:
        return None
    if table not in TABLE_ORDER:
        return "sync_refused_table"
    if kind == SiteKind.ENTRY:
        if field in _OFFICE_FIELDS:
            return "sync_refused_number"
        if field == ROW:
            return None if table in _ENTRY_CREATES else "sync_refused_entry"
        return None if created_by_sender else "sync_refused_entry"
    if kind == SiteKind.UNIT:
        if table == "assignment" and field != ROW:
            if not own_assignment:
                return "sync_refused_other_unit"
            if field not in UNIT_ASSIGNMENT_FIELDS:
                return "sync_refused_unit"
            if field == "ended" and value not in (None, AssignmentEnd.RETURNED.value):
                return "sync_refused_unit"
            if field == "adjustment_decision" and value is not None:
                return "sync_refused_unit"
            return None
        if field == ROW:
            if table in _UNIT_ANYWHERE:
                return None
            if table not in _UNIT_CREATES:
                return "sync_refused_unit"
            return None if own_assignment else "sync_refused_other_unit"
        return None if created_by_sender else "sync_refused_unit"
    return "sync_refused_table"


def sends_secrets(kind: str) -> bool:
    """Passwords travel only between office PCs (a second office PC logs the same people in)."""
    return kind == SiteKind.OFFICE
