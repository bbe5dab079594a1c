"""检查 (tian check): SQLite's integrity check, then the domain's invariants on the records."""
from __future__ import annotations

import logging

from sqlalchemy import String, func, select, type_coerce
from sqlalchemy.orm import Session

from desktop.domain.enums import FILED_STATES, DUE_ROLES
from desktop.domain.lifecycle import derive
from desktop.wording.labels import label, serial_label
from desktop.store import shapes, sqlite, statistics
from desktop.store.database import Database
from desktop.store.facts import facts_for
from desktop.store.models import Assignment, Counter, Evaluation, Meeting, Proposal, Reply

CHUNK = 2000
log = logging.getLogger(__name__)


def check(database: Database) -> list[str]:
    """Problems found by SQLite's integrity check and by the domain's invariants (empty: sound)."""
    problems: list[str] = []
    if database.path is not None:
        problems += [f"数据库完整性：{p}" for p in sqlite.integrity_problems(database.path)]
        if problems:
            return problems
        problems += [f"数据内容损坏：{m.table} 表的 {m.column} 列有 {m.rows} 行{m.what}"
                     f"（行号 {'、'.join(map(str, m.examples))}{'等' if m.rows > len(m.examples) else ''}）"
                     for m in shapes.misshapen_in(database.path)]
        if problems:  # the checks below would read the damaged values
            return problems
    try:
        with database.session() as session:
            problems += _status_problems(session)
            problems += _answer_problems(session)
            problems += _record_problems(session)
    except Exception as exc:  # damage no check above foresaw is still damage, said not raised
        log.exception("tian check could not read the records")
        problems.append(f"数据内容损坏：读取记录时出错（{type(exc).__name__}），业务检查未能完成")
    return problems


def _answer_problems(session: Session) -> list[str]:
    """Each assignment's cached answer equals what its replies, ratings and contacts say."""
    reference = statistics.assignment_rows(session, live_filed_only=False)
    a = Assignment.__table__.c
    wrong = 0
    for aid, replied_round, category, result, result_round, unsatisfied, face in \
            session.connection().execute(
                select(a.id, a.replied_round, type_coerce(a.category, String),
                       type_coerce(a.result, String), a.evaluated_round, a.unsatisfied,
                       a.face_to_face)):
        row, _ = reference[aid]
        if (replied_round, category, result, result_round, bool(unsatisfied), bool(face)) != (
                row.last_reply_round, row.last_category, row.last_result, row.last_result_round,
                row.unsatisfied_ever, row.face_to_face):
            wrong += 1
    return [f"有 {wrong} 个承办件记录的答复、评价或面商情况与原始记录不符"] if wrong else []


def _status_problems(session: Session) -> list[str]:
    problems = []
    ids = list(session.execute(select(Proposal.id, Proposal.status, Proposal.serial, Meeting.name)
                               .join(Meeting, Meeting.id == Proposal.meeting_id)))
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        facts = facts_for(session, [pid for pid, _, _, _ in chunk])
        for pid, status, serial, meeting in chunk:
            derived = derive(facts[pid]).state
            if derived != status:
                problems.append(f"{meeting}{serial_label(serial)}：记录的状态为“{label(status)}”，"
                                f"按办理记录应为“{label(derived)}”")
    return problems


def _record_problems(session: Session) -> list[str]:
    problems = []
    duplicate_numbers = session.execute(
        select(Proposal.meeting_id, Proposal.number, func.count())
        .where(Proposal.number.is_not(None)).group_by(Proposal.meeting_id, Proposal.number)
        .having(func.count() > 1)).all()
    problems += [f"提案号重复：{number}（{n} 件）" for _, number, n in duplicate_numbers]
    unfiled_numbered = session.scalar(select(func.count()).select_from(Proposal).where(
        Proposal.number.is_not(None), Proposal.status.not_in([s.value for s in FILED_STATES])))
    if unfiled_numbered:
        problems.append(f"有 {unfiled_numbered} 件未立案的提案带有提案号")
    counters = dict(session.execute(select(Counter.key, Counter.value)).all())
    for meeting_id, top in session.execute(
            select(Proposal.meeting_id, func.max(Proposal.serial_seq)).group_by(Proposal.meeting_id)):
        if counters.get(f"serial:{meeting_id}", 0) < (top or 0):
            problems.append("收文号计数器落后于已用的收文号，新录入的提案会重号")
    early = session.scalar(select(func.count()).select_from(Assignment).where(
        Assignment.due_on < Assignment.assigned_on))
    if early:
        problems.append(f"有 {early} 个承办件的办理时限早于交办日期")
    ahead = session.scalar(select(func.count()).select_from(Reply).join(
        Assignment, Assignment.id == Reply.assignment_id).where(Reply.round > Assignment.round))
    if ahead:
        problems.append(f"有 {ahead} 条答复的轮次超过承办件的当前轮次")
    assist = session.scalar(select(func.count()).select_from(Reply).join(
        Assignment, Assignment.id == Reply.assignment_id).where(
        Assignment.role.not_in([r.value for r in DUE_ROLES])))
    if assist:
        problems.append(f"有 {assist} 条答复出自协办单位")
    unanswered = session.scalar(select(func.count()).select_from(Evaluation).where(
        ~select(Reply.id).where(Reply.assignment_id == Evaluation.assignment_id,
                                Reply.round == Evaluation.round).exists()))
    if unanswered:
        problems.append(f"有 {unanswered} 条评价没有对应的答复")
    return problems
