"""A sealed 答复台账 back from a unit: previewed row by row, then recorded through the same
services as the screens (签收, 沟通, 答复), so statistics, the timeline and the audit follow.

The preview is the import itself, rolled back: each row runs in its own savepoint, so a row the
services refuse is named with their sentence while the others go on, and applying gives exactly
what was shown.  What is already on record is never recorded twice: the same file twice changes
nothing."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.actor import Actor
from desktop.domain.enums import ContactForm
from desktop.domain.errors import DomainError, InvalidInput
from desktop.domain.seal import sealed
from desktop.gate import read_sheets
from desktop.gate.workbook import Progress, Sheet
from desktop.store.changes import attempt, write
from desktop.store.travel import chunks
from desktop.store.models import Assignment, Contact, Meeting, Proposal, Reply, Unit
from desktop.store.office import seal_key
from desktop.sync.returned_ledger import ReturnedRow, read_returned, sealed_text
from desktop.wording.dates import chinese_date
from desktop.wording.labels import label, proposal_label
from desktop.wording.ledgers import LOCKED, SHEET
from desktop.wording.messages import describe

from . import assignment as assigning
from . import handling
from .common import office_only
from .ledger_files import LEDGER_LIMITS
from .reply_ledgers import reply_ledger_rows


class ReturnAction(StrEnum):
    FILL = "fill"  # 将记录
    SAME = "same"  # 无新内容
    CONFLICT = "conflict"  # 与已记录的不同
    REFUSED = "refused"  # 不能导入
    DELETED = "deleted"  # 单位删去的行


ACTION_NAMES = {ReturnAction.FILL: "将记录", ReturnAction.SAME: "无新内容",
                ReturnAction.CONFLICT: "冲突", ReturnAction.REFUSED: "不能导入",
                ReturnAction.DELETED: "被删去的行"}


@dataclass
class ReturnLine:
    row: int | None  # as Excel shows it; None for a row the unit deleted
    proposal: str  # 提案号 and 案由, as the clerk finds it
    action: ReturnAction
    note: str = ""
    office: str = ""  # a conflict's two sides, in words
    ledger: str = ""
    locked_changed: tuple[str, ...] = ()  # grey columns edited: refused, the row still taken
    assignment_id: str | None = None
    accept_on: date | None = None
    contacts: tuple[tuple[ContactForm, date], ...] = ()
    reply: handling.ReplyInput | None = None


@dataclass
class ReturnPreview:
    path: Path
    unit: str
    meeting: str
    exported: str  # 2023年5月20日
    lines: list[ReturnLine] = field(default_factory=list)

    def count(self, action: ReturnAction) -> int:
        return sum(1 for line in self.lines if line.action is action)

    @property
    def locked_changed(self) -> list[ReturnLine]:
        return [line for line in self.lines if line.locked_changed]

    def counts(self) -> str:
        """将记录 3 行，无新内容 18 行 …: the preview in one phrase, for the screen and the
        command line alike."""
        return "，".join(f"{ACTION_NAMES[a]} {self.count(a)} 行" for a in ReturnAction
                        if self.count(a)) or "没有内容"


@dataclass(frozen=True)
class Recorded:
    replies: int
    contacts: int
    accepted: int
    refused: int  # rows the services refused at the last moment (changed since the preview)


def preview_return(session: Session, actor: Actor, path: Path, sheets: list[Sheet] | None = None,
                   progress: Progress | None = None, rehearse: bool = True) -> ReturnPreview:
    """What importing this ledger would record, row by row; nothing is written.

    ``rehearse`` runs the recording and rolls it back, so that a row the services would refuse
    is shown refused; an import that follows at once (the command line) skips it and reports
    such rows afterwards."""
    office_only(actor)
    path = Path(path)
    sheets = sheets if sheets is not None else read_sheets(path, LEDGER_LIMITS, progress)
    ledger = read_returned(sheets, SHEET)
    unit = session.get(Unit, ledger.meta.get("单位编号", ""))
    meeting = session.get(Meeting, ledger.meta.get("会议编号", ""))
    if unit is None or meeting is None:
        raise InvalidInput("returned_ledger_unknown", path=path.name,
                           unit=ledger.meta.get("单位", ""), meeting=ledger.meta.get("会议", ""))
    exported = _exported_on(ledger.meta.get("导出时间", ""))
    plan = ReturnPreview(path, unit.name, meeting.name, chinese_date(exported))
    key = seal_key(session)
    now = {row.assignment_id: row for row in reply_ledger_rows(session, unit.id, meeting.id, key)}
    if ledger.rows and not any(_seal_holds(key, row, now) for row in ledger.rows):
        raise InvalidInput("returned_ledger_foreign", path=path.name)
    seen: dict[str, int] = {}
    sent = set(ledger.sent)
    held = _OnRecord.read(session, [r.assignment_id for r in ledger.rows
                                    if r.assignment_id in now])
    for row in ledger.rows:
        if row.assignment_id in seen or row.assignment_id not in sent:
            why = (f"与第{seen[row.assignment_id]}行是同一件" if row.assignment_id in seen
                   else "不是这份台账导出的行")
            plan.lines.append(ReturnLine(row.row, _shown(row.locked), ReturnAction.REFUSED,
                                         f"{why}，未导入"))
            continue
        seen[row.assignment_id] = row.row
        plan.lines.append(_line(held, key, row, now.get(row.assignment_id), exported))
    for number in ledger.strangers:
        plan.lines.append(ReturnLine(number, "", ReturnAction.REFUSED,
                                     "这一行不是提案委导出的（没有编号），未导入"))
    for assignment_id in ledger.sent:
        if assignment_id not in seen:
            plan.lines.append(ReturnLine(None, _label(session, assignment_id),
                                         ReturnAction.DELETED, "台账中这一行被删去了，未作处理",
                                         assignment_id=assignment_id))
    plan.lines.sort(key=lambda line: (line.row is None, line.row or 0))
    session.expunge_all()  # the rows read to compare need not be watched while recording
    if rehearse:
        _record(session, actor, plan, keep=False)
    return plan


def apply_return(session: Session, actor: Actor, plan: ReturnPreview) -> Recorded:
    """Record what the preview showed, in one transaction (the caller backs up first)."""
    office_only(actor)
    return _record(session, actor, plan, keep=True)


class _Undo(Exception):
    """Raised to roll the preview back once every row has been tried."""


def _record(session: Session, actor: Actor, plan: ReturnPreview, keep: bool) -> Recorded:
    counts = {"replies": 0, "contacts": 0, "accepted": 0, "refused": 0}
    try:
        with write(session, actor, "ledger.return"):
            for line in plan.lines:
                if line.action is not ReturnAction.FILL:
                    continue
                try:
                    with attempt(session):
                        _record_line(session, actor, line, counts)
                except DomainError as refused:
                    line.action, line.note = ReturnAction.REFUSED, describe(refused)
                    counts["refused"] += 1
            if not keep:
                raise _Undo
    except _Undo:
        pass
    return Recorded(**counts)


def _record_line(session: Session, actor: Actor, line: ReturnLine, counts: dict) -> None:
    if line.accept_on is not None:
        assigning.accept(session, actor, line.assignment_id, on=line.accept_on, by="答复台账")
        counts["accepted"] += 1
    for form, on in line.contacts:
        handling.record_contact(session, actor, line.assignment_id, form, on,
                                note="据承办单位交回的答复台账")
        counts["contacts"] += 1
    if line.reply is not None:
        handling.reply(session, actor, line.assignment_id, line.reply)
        counts["replies"] += 1


def _exported_on(text: str) -> date:
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        return date.today()


def _seal_holds(key: str, row: ReturnedRow, now: dict) -> bool:
    current = now.get(row.assignment_id)
    return sealed(key, (row.assignment_id, row.version, *row.locked.values()), row.seal) or (
        current is not None and sealed(key, (row.assignment_id, row.version, *current.locked),
                                       row.seal))


def _shown(locked: dict) -> str:
    return " ".join(str(locked.get(name) or "") for name in ("提案号", "案由")).strip()


def _label(session: Session, assignment_id: str) -> str:
    found = session.execute(select(Proposal.number, Proposal.serial, Proposal.title).join(
        Assignment, Assignment.proposal_id == Proposal.id).where(
        Assignment.id == assignment_id)).first()
    return f"{proposal_label(found[0], found[1])} {found[2]}" if found else ""


def _line(held: _OnRecord, key: str, row: ReturnedRow, current, exported: date) -> ReturnLine:
    line = ReturnLine(row.row, _shown(row.locked), ReturnAction.SAME,
                      assignment_id=row.assignment_id)
    if current is None:
        line.action = ReturnAction.REFUSED
        line.note = "提案委导出后，此件已不由本单位答复（退回或调整了承办单位），未导入"
        return line
    if not sealed(key, (row.assignment_id, row.version, *row.locked.values()), row.seal):
        changed = tuple(name for name, now in zip(LOCKED, current.locked)
                        if _same_text(row.locked[name]) != _same_text(sealed_text(now)))
        if not sealed(key, (row.assignment_id, row.version, *current.locked), row.seal):
            line.action = ReturnAction.REFUSED
            line.note = ("灰色列或隐藏的编号列被改动，无法确认是哪一件提案，未导入"
                         + (f"（改动的列：{'、'.join(changed)}）" if changed else ""))
            return line
        line.locked_changed = changed
    if row.problems:
        line.action = ReturnAction.REFUSED
        line.note = "；".join(f"{column}{why}" for column, why in row.problems.items())
        return line
    _compare(held, row, line, exported)
    if line.locked_changed and line.action is not ReturnAction.REFUSED:
        kept = "灰色列的改动未采用：" + "、".join(line.locked_changed)
        line.note = f"{line.note}；{kept}" if line.note else kept
    return line


def _same_text(value: object) -> str:
    return "" if value in (None, "") else str(value)


def _reply_words(on: date | None, category) -> str:
    return " ".join(part for part in (chinese_date(on) if on else "", label(category)) if part)


@dataclass
class _OnRecord:
    """What the office holds of the ledger's assignments, read in a few queries for all rows."""
    assignments: dict[str, tuple[int, date | None, date]] = field(default_factory=dict)
    replies: dict[str, list[tuple[int, date, object]]] = field(default_factory=dict)
    forms: dict[str, set[ContactForm]] = field(default_factory=dict)

    @classmethod
    def read(cls, session: Session, ids: list[str]) -> _OnRecord:
        found = cls()
        for chunk in chunks(ids):
            for aid, round_, accepted, assigned in session.execute(select(
                    Assignment.id, Assignment.round, Assignment.accepted_on,
                    Assignment.assigned_on).where(Assignment.id.in_(chunk))):
                found.assignments[aid] = (round_, accepted, assigned)
            for aid, round_, on, category in session.execute(select(
                    Reply.assignment_id, Reply.round, Reply.replied_on, Reply.category).where(
                    Reply.assignment_id.in_(chunk))):
                found.replies.setdefault(aid, []).append((round_, on, category))
            for aid, form in session.execute(select(Contact.assignment_id, Contact.form).where(
                    Contact.assignment_id.in_(chunk))):
                found.forms.setdefault(aid, set()).add(form)
        return found


def _compare(held: _OnRecord, row: ReturnedRow, line: ReturnLine, exported: date) -> None:
    """What this row adds to what is on record: nothing, new 沟通 and 答复, or a conflict."""
    round_now, accepted_on, assigned_on = held.assignments[row.assignment_id]
    if not row.filled:
        line.note = "未填写"
        return
    if (row.replied_on is None) != (row.category is None):
        line.action = ReturnAction.REFUSED
        line.note = "答复日期和答复类别要一起填写，未导入"
        return
    if row.face is False and row.form is ContactForm.FACE:
        line.action = ReturnAction.REFUSED
        line.note = "“是否面商”填了“否”，沟通方式却是面商，请核对后再导入"
        return
    replies = held.replies.get(row.assignment_id, [])
    reply = None
    if row.replied_on is not None and not any(
            (on, category) == (row.replied_on, row.category) for _, on, category in replies):
        current = [(on, category) for round_, on, category in replies if round_ == round_now]
        if current:
            line.action = ReturnAction.CONFLICT
            line.office = _reply_words(*current[0])
            line.ledger = _reply_words(row.replied_on, row.category)
            line.note = "已记录的答复与台账不同，未导入；如台账正确，请在办理跟踪中核对后更正"
            return
        reply = handling.ReplyInput(category=row.category, replied_on=row.replied_on,
                                    contact_person=row.person or None,
                                    contact_phone=row.phone or None)
    forms = held.forms.get(row.assignment_id, set())
    wanted = ([ContactForm.FACE] if row.face else []) + (
        [row.form] if row.form and row.form is not ContactForm.FACE else [])
    contact_on = row.replied_on or date.today()
    contacts = tuple((form, contact_on) for form in wanted if form not in forms)
    if reply is None and not contacts:
        line.note = "与已记录的相同"
        return
    first = min([contact_on] + ([reply.replied_on] if reply else []))
    if accepted_on is None:
        line.accept_on = max(assigned_on, min(exported, first))
    line.action, line.reply, line.contacts = ReturnAction.FILL, reply, contacts
    line.note = "；".join(part for part in (
        f"答复 {_reply_words(reply.replied_on, reply.category)}" if reply else "",
        "沟通 " + "、".join(label(form) for form, _ in contacts) if contacts else "",
        f"签收 {chinese_date(line.accept_on)}" if line.accept_on else "") if part)
