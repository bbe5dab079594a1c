"""提案办理台账: one row per assignment (a 分办 proposal once per unit) or one per proposal,
read in a few bulk queries (a year's ledger is thousands of rows)."""
from __future__ import annotations

from collections import defaultdict

from sqlalchemy import case, select
from sqlalchemy.orm import Session

from desktop.domain.enums import FILED_STATES, AssignmentRole, Kind, State
from desktop.domain.tracking import AssignmentSnapshot
from desktop.exporters.ledger_xlsx import LedgerRow
from desktop.wording.labels import label, proposal_label
from desktop.store.models import (
    Assignment, Category, Evaluation, Meeting, Proposal, Proposer, Reply, Sector, Unit,
)

from .common import get
from .letters import meeting_title


# 主办 first, then 分办, then 协办 (the codes sort otherwise)
_ROLE_ORDER = case({AssignmentRole.LEAD.value: 0, AssignmentRole.SEPARATE.value: 1},
                   value=Assignment.role, else_=2)


def _latest(session: Session, meeting_id: str, *columns) -> dict:
    """Each live assignment's latest reply or rating (by clock stamp) in one pass: columns only,
    for a meeting has tens of thousands."""
    model = columns[0].class_
    stmt = (select(model.assignment_id, *columns).join(Assignment,
                                                        Assignment.id == model.assignment_id)
            .where(Assignment.meeting_id == meeting_id, Assignment.ended.is_(None))
            .order_by(model.stamp))
    return {aid: values for aid, *values in session.execute(stmt)}


def ledger_rows(session: Session, meeting_id: str, unit_id: str | None = None,
                per_proposal: bool = False) -> list[LedgerRow]:
    a, p = Assignment, Proposal
    stmt = (select(a.id, a.proposal_id, a.role, a.accepted_on, a.ended, a.round, a.due_on,
                   a.replied_round, a.evaluated_round, a.category, a.assigned_on,
                   a.face_to_face, a.round_reason, p.number, p.serial, p.title, p.kind,
                   p.status, Category.name, Sector.name, Unit.name)
            .join(p, p.id == a.proposal_id).join(Unit, Unit.id == a.unit_id)
            .outerjoin(Category, Category.id == p.category_id)
            .outerjoin(Sector, Sector.id == p.sector_id)
            .where(a.meeting_id == meeting_id, a.ended.is_(None))
            .order_by(p.number_seq, p.serial_seq, _ROLE_ORDER, Unit.position))
    if unit_id:
        stmt = stmt.where(a.unit_id == unit_id)
    names: dict[str, list[str]] = defaultdict(list)
    for pid, name in session.execute(
            select(Proposer.proposal_id, Proposer.name).join(p, p.id == Proposer.proposal_id)
            .where(p.meeting_id == meeting_id).order_by(Proposer.proposal_id,
                                                        Proposer.position)):
        names[pid].append(name)
    units_of: dict[str, dict[AssignmentRole, list[str]]] = defaultdict(lambda: defaultdict(list))
    for pid, role, name in session.execute(
            select(a.proposal_id, a.role, Unit.name).join(Unit, Unit.id == a.unit_id)
            .where(a.meeting_id == meeting_id, a.ended.is_(None)).order_by(Unit.position)):
        units_of[pid][role].append(name)
    replies = _latest(session, meeting_id, Reply.replied_on, Reply.category, Reply.disclosure)
    ratings = _latest(session, meeting_id, Evaluation.attitude, Evaluation.result)
    out: list[LedgerRow] = []
    seen: set[str] = set()
    for (aid, pid, role, accepted_on, ended, round_, due_on, replied_round, evaluated_round,
         category, assigned_on, face, reason, number, serial, title, kind, status,
         category_name, sector, unit) in session.execute(stmt):
        if per_proposal and (pid in seen or role is AssignmentRole.ASSIST):
            continue
        seen.add(pid)
        people, units = names[pid], units_of[pid]
        answering = units[AssignmentRole.LEAD] + units[AssignmentRole.SEPARATE]
        reply, rating = replies.get(aid), ratings.get(aid)
        snapshot = AssignmentSnapshot(role, accepted_on is not None, ended, round_, due_on,
                                      replied_round, evaluated_round, category)
        state = State(status)
        out.append(LedgerRow(
            序号=len(out) + 1, 提案号=proposal_label(number, serial), 案由=title,
            领衔提案人=people[0] if people else "", 联名提案人="、".join(people[1:]),
            界别=sector or "", 提案类型=label(Kind(kind)).removesuffix("提案"),
            分类=category_name or "",
            立案情况="已立案" if state in FILED_STATES else label(state),  # not its handling
            办理方式="分办" if per_proposal and units[AssignmentRole.SEPARATE] else label(role),
            主办单位="、".join(answering) if per_proposal or role is AssignmentRole.ASSIST
            else unit,
            协办单位="、".join(units[AssignmentRole.ASSIST]),
            交办日期=assigned_on, 办理时限=due_on, 签收日期=accepted_on,
            是否面商="是" if face else "否",
            答复日期=reply[0] if reply else None, 答复类别=reply[1].value if reply else "",
            公开属性=label(reply[2]) if reply else "",
            办理态度评价=label(rating[0]) if rating else "",
            办理结果评价=label(rating[1]) if rating else "",
            办理状态=label(snapshot.status), 备注=reason or ""))
    return out


def ledger_title(session: Session, meeting_id: str, office_name: str) -> str:
    meeting = get(session, Meeting, meeting_id, "meeting")
    return f"{meeting_title(office_name, meeting.term.number, meeting.number)}提案办理台账"
