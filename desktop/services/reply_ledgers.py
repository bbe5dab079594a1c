"""答复台账 for a unit without the program (issue 18): its live assignments of a meeting that it
answers (主办, 分办), what the office already knows of each, sealed with this office's key, for
the unit to fill in with Excel or WPS and send back."""
from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.actor import Actor
from desktop.domain.clock import new_id
from desktop.domain.enums import DUE_ROLES, ContactForm, ReplyCategory
from desktop.domain.seal import seal, version
from desktop.exporters.reply_ledger import ReplyLedgerRow, write_reply_ledger
from desktop.store.changes import write
from desktop.store.models import Assignment, Contact, Meeting, Proposal, Proposer, Reply, Unit
from desktop.store.office import load_settings, seal_key
from desktop.wording.labels import label
from desktop.wording.ledgers import FORMAT

from .batch import Planned, file_name
from .common import get, office_only


def reply_ledger_rows(session: Session, unit_id: str, meeting_id: str,
                      key: str) -> list[ReplyLedgerRow]:
    """The unit's assignments in 提案号 order, each with its seal."""
    rows = session.execute(
        select(Assignment, Proposal.number, Proposal.serial, Proposal.title)
        .join(Proposal, Proposal.id == Assignment.proposal_id)
        .where(Assignment.unit_id == unit_id, Assignment.meeting_id == meeting_id,
               Assignment.ended.is_(None), Assignment.role.in_([r.value for r in DUE_ROLES]))
        .order_by(Proposal.number_seq, Proposal.serial_seq)).all()
    ids = [a.id for a, *_ in rows]
    leads = dict(session.execute(select(Proposer.proposal_id, Proposer.name).where(
        Proposer.proposal_id.in_([a.proposal_id for a, *_ in rows]),
        Proposer.position == 0)).all())
    replies = {r.assignment_id: r for r in session.scalars(
        select(Reply).where(Reply.assignment_id.in_(ids)).order_by(Reply.stamp))}
    forms: dict[str, ContactForm] = defaultdict(lambda: None)
    for assignment_id, form in session.execute(select(Contact.assignment_id, Contact.form).where(
            Contact.assignment_id.in_(ids)).order_by(Contact.stamp)):
        forms[assignment_id] = form
    made = []
    for a, number, serial, title in rows:
        reply = replies.get(a.id)
        locked = (number or serial, title, leads.get(a.proposal_id, ""), label(a.role),
                  a.assigned_on, a.due_on)
        filled = (reply.replied_on if reply else None, reply.category.value if reply else "",
                  "是" if a.face_to_face else "", label(forms[a.id]) if forms[a.id] else "",
                  (reply.contact_person or "") if reply else "",
                  (reply.contact_phone or "") if reply else "")
        known = version((a.round, a.replied_round, a.category, a.face_to_face, a.due_on,
                         a.accepted_on))
        made.append(ReplyLedgerRow(locked, filled, a.id, known,
                                   seal(key, (a.id, known, *locked))))
    return made


def _sealing_key(session: Session, actor: Actor) -> str:
    with write(session, actor, "ledger.seal_key"):  # made once, the first time it is needed
        return seal_key(session)


def _writer(session: Session, unit: Unit, meeting: Meeting, key: str):
    """How to write the unit's sealed 答复台账, its rows read now."""
    rows = reply_ledger_rows(session, unit.id, meeting.id, key)
    office = load_settings(session).office_name
    meta = {"格式": FORMAT, "导出编号": new_id(), "政协": office, "会议": meeting.name,
            "会议编号": meeting.id, "单位": unit.name, "单位编号": unit.id,
            "导出时间": datetime.now().isoformat(timespec="seconds")}

    def write_to(path: Path) -> Path:
        return write_reply_ledger(path, f"{office}{meeting.name}提案答复台账（{unit.name}）", meta,
                                  rows, [c.value for c in ReplyCategory],
                                  [label(f) for f in ContactForm])
    return write_to


def file_name_for(meeting: Meeting, unit: Unit) -> str:
    return file_name("答复台账", meeting.name, unit.name, suffix=".xlsx")


def export_for_reply(session: Session, actor: Actor, unit_id: str, meeting_id: str,
                     out: Path) -> Path:
    """The unit's sealed 答复台账, written whole to ``out`` (a file, or a folder to put it in)."""
    office_only(actor)
    unit = get(session, Unit, unit_id, "unit")
    meeting = get(session, Meeting, meeting_id, "meeting")
    key = _sealing_key(session, actor)
    out = Path(out)
    if out.suffix.lower() != ".xlsx":
        out.mkdir(parents=True, exist_ok=True)
        out = out / file_name_for(meeting, unit)
    return _writer(session, unit, meeting, key)(out)


def _units_answering(session: Session, meeting_id: str, unit_id: str | None = None) -> list[Unit]:
    """The units that owe replies at this meeting (主办, 分办), in the office's order."""
    where = [Assignment.meeting_id == meeting_id, Assignment.ended.is_(None),
             Assignment.role.in_([r.value for r in DUE_ROLES])]
    if unit_id:
        where.append(Assignment.unit_id == unit_id)
    owing = select(Assignment.unit_id).where(*where).distinct()
    return list(session.scalars(select(Unit).where(Unit.id.in_(owing)).order_by(Unit.position)))


def plans_for_reply(session: Session, meeting_id: str, unit_id: str | None) -> list[Planned]:
    """One sealed 答复台账 per unit that owes replies: the batch the office sends out."""
    meeting = get(session, Meeting, meeting_id, "meeting")
    key = _sealing_key(session, Actor.system("答复台账封签"))
    return [Planned(file_name_for(meeting, unit), _writer(session, unit, meeting, key))
            for unit in _units_answering(session, meeting_id, unit_id)]
