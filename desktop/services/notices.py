"""What the committee's notices say, read from the records: 交办通知 per unit, the notice of
不予立案 / 转为意见建议 per proposal, 催办通知 per unit with overdue items."""
from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.enums import DUE_ROLES, AssignmentRole, Decision, State
from desktop.domain.errors import NotAllowed
from desktop.domain.office import county_of
from desktop.exporters.notices import (
    AssignmentNotice, ListedProposal, OverdueItem, Reminder, ReviewNotice,
)
from desktop.store import tracking as queries
from desktop.store.models import Assignment, Meeting, Proposal, Proposer, Review, Unit
from desktop.store.office import load_settings
from desktop.store.tracking import TrackingFilter
from desktop.wording.labels import label, proposal_label
from desktop.wording.dates import chinese_date

from .common import get, label_of
from .letters import meeting_title, salutation

A = Assignment
_OUTCOMES = {State.REJECTED: Decision.REJECTED, State.REFERRED: Decision.REFERRED}


def _meeting(session: Session, meeting_id: str) -> tuple[str, str]:
    """The issuer (the office, as its settings name it) and the meeting as a notice names it."""
    office = load_settings(session).office_name
    meeting = get(session, Meeting, meeting_id, "meeting")
    return office, meeting_title(office, meeting.term.number, meeting.number)


def _contact(person: str, phone: str) -> dict[str, str]:
    return {"contact_person": person.strip(), "contact_phone": phone.strip()}


# -- 交办通知 and 交办清单 --------------------------------------------------------------------------

def _partners(session: Session, meeting_id: str, proposals) -> dict[str, list[tuple]]:
    """Every live unit of these proposals, as (role, unit id, name), in the units' order."""
    found = defaultdict(list)
    for pid, role, unit_id, name in session.execute(
            select(A.proposal_id, A.role, A.unit_id, Unit.name).join(Unit, Unit.id == A.unit_id)
            .where(A.meeting_id == meeting_id, A.ended.is_(None), A.proposal_id.in_(proposals))
            .order_by(Unit.position, Unit.name)):
        found[pid].append((AssignmentRole(role), unit_id, name))
    return found


def _partner_text(role: AssignmentRole, units: list[tuple]) -> str:
    """The list's 协办或主办单位: a 主办's 协办 units, a 协办's 主办; a 分办 has neither."""
    wanted = {AssignmentRole.LEAD: AssignmentRole.ASSIST,
              AssignmentRole.ASSIST: AssignmentRole.LEAD}.get(role)
    return "、".join(name for r, _, name in units if r is wanted)


def _day_numbers(session: Session, days: set[date]) -> dict[date, int]:
    """Each 交办 day's place among the office's 交办 days of its year: the n of its 发文字号,
    the same on every export."""
    numbers = {}
    for year in {day.year for day in days}:
        held = sorted(session.scalars(select(A.assigned_on).distinct().where(
            A.assigned_on >= date(year, 1, 1), A.assigned_on <= date(year, 12, 31))))
        numbers.update({day: held.index(day) + 1 for day in days if day.year == year})
    return numbers


def _by(dates: list[date]) -> str:
    """One deadline stated as it is; several as the list's, naming the earliest."""
    if len(set(dates)) == 1:
        return f"于{chinese_date(dates[0])}前"
    return f"按附件所列办理时限（最早为{chinese_date(min(dates))}）"


def _assignment_body(meeting: str, issuer: str, items: list[ListedProposal],
                     adjust_days: int) -> list[str]:
    counts = Counter(item.role for item in items)
    kinds = "、".join(f"{name}{counts[name]}件" for name in map(label, AssignmentRole)
                      if counts[name])
    answering = [label(r) for r in AssignmentRole if r in DUE_ROLES and counts[label(r)]]
    asks = []
    if answering:
        dates = [item.due_on for item in items if item.role in answering]
        asks.append(f"{'、'.join(answering)}的提案请{_by(dates)}办理完毕并书面答复提案人")
    if counts[label(AssignmentRole.ASSIST)]:
        dates = [item.due_on for item in items if item.role == label(AssignmentRole.ASSIST)]
        asks.append(f"协办的提案请主动配合主办单位，{_by(dates)}将协办意见送主办单位")
    return [
        f"现将{meeting}提案{len(items)}件交你单位办理（其中{kinds}），具体见附件。",
        "请你单位认真研究办理，及时与提案人沟通协商。" + "；".join(asks) + "。",
        f"答复函请抄送{issuer}。如认为提案不属于你单位职责范围，"
        f"请于交办之日起{adjust_days}日内向{issuer}申请调整。",
    ]


def assignment_notices(session: Session, meeting_id: str, unit_id: str | None = None,
                       assigned_on: date | None = None, contact_person: str = "",
                       contact_phone: str = "") -> list[AssignmentNotice]:
    """One 交办通知 per 交办 day and unit, of the live assignments of the meeting (only those
    made on ``assigned_on`` when given), dated that day and numbered as that day's notices;
    the days in order, then the units in the office's order."""
    issuer, meeting = _meeting(session, meeting_id)
    settings = load_settings(session)
    lead = select(Proposer.proposal_id, Proposer.name).where(Proposer.position == 0).subquery()
    mine = [A.meeting_id == meeting_id, A.ended.is_(None)]
    if unit_id:
        mine.append(A.unit_id == unit_id)
    if assigned_on:
        mine.append(A.assigned_on == assigned_on)
    rows = session.execute(
        select(A.proposal_id, A.unit_id, A.role, A.assigned_on, A.due_on,
               Unit.name.label("unit_name"), Proposal.number, Proposal.serial, Proposal.title,
               lead.c.name.label("lead_name"))
        .join(Unit, Unit.id == A.unit_id).join(Proposal, Proposal.id == A.proposal_id)
        .outerjoin(lead, lead.c.proposal_id == A.proposal_id).where(*mine)
        .order_by(A.assigned_on, Unit.position, Unit.name, Proposal.number_seq,
                  Proposal.serial_seq)).all()
    partners = _partners(session, meeting_id, select(A.proposal_id).where(*mine))
    batches: dict[tuple[date, str], list] = defaultdict(list)
    for row in rows:
        batches[row.assigned_on, row.unit_id].append(row)
    numbers = _day_numbers(session, {day for day, _ in batches})
    county = county_of(issuer)
    notices = []
    for (day, _), lines in batches.items():
        items = [ListedProposal(
            proposal_label(number, serial), title, lead_name or "", label(AssignmentRole(role)),
            _partner_text(AssignmentRole(role), partners[pid]), due_on)
            for pid, _, role, _, due_on, _, number, serial, title, lead_name in lines]
        unit = lines[0].unit_name
        notices.append(AssignmentNotice(
            issuer=issuer, unit=unit, title=f"关于交办{meeting}提案的通知",
            doc_number=settings.documents.notice_number.format(
                county=county, year=day.year, n=numbers[day]),
            salutation=f"{unit}：",
            body=_assignment_body(meeting, issuer, items, settings.deadlines.adjust_within_days),
            signed_on=day, list_title=f"{meeting}提案交办清单", items=items,
            printer=f"{issuer}办公室", **_contact(contact_person, contact_phone)))
    return notices


def assignment_notice(session: Session, meeting_id: str, unit_id: str,
                      assigned_on: date | None = None, contact_person: str = "",
                      contact_phone: str = "") -> AssignmentNotice:
    """One unit's 交办通知 (its first 交办 day's, or ``assigned_on``'s); refused when the unit
    has nothing of the meeting (or of that day)."""
    found = assignment_notices(session, meeting_id, unit_id, assigned_on, contact_person,
                               contact_phone)
    if not found:
        unit = get(session, Unit, unit_id, "unit")
        raise NotAllowed("nothing_assigned", unit=unit.name,
                         meeting=get(session, Meeting, meeting_id, "meeting").name)
    return found[0]


# -- 不予立案 / 转为意见建议 ----------------------------------------------------------------------

def _reason(text: str | None) -> str:
    return (text or "").strip().rstrip("。；;.，, ")


def review_notice(session: Session, proposal_id: str) -> ReviewNotice:
    """The proposer's notice of the review's outcome, from the decision standing now."""
    proposal = get(session, Proposal, proposal_id, "proposal")
    decision = _OUTCOMES.get(proposal.status)
    review = decision and session.scalar(
        select(Review).where(Review.proposal_id == proposal.id, Review.decision == decision,
                             Review.revoked_at.is_(None))
        .order_by(Review.stamp.desc()).limit(1))
    if not review:
        raise NotAllowed("no_review_notice", proposal=label_of(proposal))
    issuer, meeting = _meeting(session, proposal.meeting_id)
    greeting, who = salutation(list(proposal.proposers), proposal.origin)
    reason = _reason(review.reason)
    said = f"{who}提出的《{proposal.title}》收悉。经审查，" + (f"{reason}，" if reason else "")
    if decision is Decision.REJECTED:
        title, body = "关于提案不予立案的通知", f"{said}按照提案工作的有关规定，不予立案。"
    else:
        units = _reason(review.suggested_units) or "有关单位"
        title = "关于提案转为意见建议的通知"
        body = f"{said}不作为提案立案，现转为意见建议，送{units}研究参考。"
    you = "贵单位" if who == "贵单位" else "您"  # a collective proposal's organisation
    return ReviewNotice(
        issuer=issuer, proposal=label_of(proposal), title=title, salutation=greeting,
        body=[body], closing=f"感谢{you}对政协提案工作的关心和支持，欢迎继续提出意见和建议。",
        signed_on=review.at.date())


def review_notices(session: Session, meeting_id: str) -> list[ReviewNotice]:
    """Every proposal of the meeting not filed (不予立案) or referred, by 收文号."""
    get(session, Meeting, meeting_id, "meeting")
    ids = session.scalars(select(Proposal.id).where(
        Proposal.meeting_id == meeting_id, Proposal.status.in_(list(_OUTCOMES)))
        .order_by(Proposal.serial_seq, Proposal.serial))
    return [review_notice(session, pid) for pid in ids]


# -- 催办通知 ------------------------------------------------------------------------------------

def reminders(session: Session, meeting_id: str, today: date, unit_id: str | None = None,
              contact_person: str = "", contact_phone: str = "") -> list[Reminder]:
    """One 催办通知 per unit with overdue items on ``today`` (the tracking list's 逾期: a reply
    owed past its deadline), the longest overdue first."""
    issuer, meeting = _meeting(session, meeting_id)
    where = TrackingFilter(today, meeting_id=meeting_id, unit_id=unit_id, overdue=True)
    ids = queries.page_ids(session, where, order="unit", limit=None)
    by_unit: dict[str, list[OverdueItem]] = defaultdict(list)
    for row in queries.rows(session, ids, today):
        if not row.snapshot.overdue(today):
            continue  # the query and the domain's rule agree; the domain has the last word
        by_unit[row.unit].append(OverdueItem(
            proposal_label(row.number, row.serial), row.title, label(row.role),
            row.assigned_on, row.snapshot.due_on, -row.days_left))
    return [Reminder(
        issuer=issuer, unit=unit, title=f"关于督促办理{meeting}提案的通知",
        salutation=f"{unit}：",
        body=[f"截至{chinese_date(today)}，你单位承办的{meeting}提案中，有{len(items)}件"
              "已超过办理时限尚未答复（见附件）。",
              f"请你单位高度重视，抓紧办理，尽快书面答复提案人，并将答复函抄送{issuer}；"
              f"确因特殊情况不能按期答复的，请及时向{issuer}说明原因并申请延期。"],
        signed_on=today, list_title=f"{meeting}逾期未答复提案清单", items=items,
        printer=f"{issuer}办公室", **_contact(contact_person, contact_phone))
        for unit, items in by_unit.items()]
