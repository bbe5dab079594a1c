"""提案汇编 from the records: a meeting's filed and numbered proposals by category, read in four
column queries (a meeting has a thousand proposals; no proposal is loaded one by one)."""
from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from desktop.domain.enums import FILED_STATES, AssignmentRole, Kind, Origin
from desktop.domain.errors import InvalidInput
from desktop.exporters.compilation import CategoryGroup, Compilation, CompiledProposal
from desktop.store.models import Assignment, Category, Meeting, Proposal, Proposer, Sector, Unit
from desktop.store.office import load_settings
from desktop.wording.labels import label

from .base_data import chinese_number
from .common import get
from .letters import meeting_title

UNCATEGORISED = "未分类"
_ROLE_ORDER = case({AssignmentRole.LEAD.value: 0, AssignmentRole.SEPARATE.value: 1},
                   value=Assignment.role, else_=2)
_KIND_ORDER = case({Kind.SESSION.value: 0}, value=Proposal.kind, else_=1)
# the book lists 主办 and 分办 before 协办
_ROLES_PRINTED = (AssignmentRole.LEAD, AssignmentRole.SEPARATE, AssignmentRole.ASSIST)


def printed_number(number: str) -> str:
    """第12号 as stored, or 第20230012号 for an office whose pattern has no 第…号."""
    return number if number.startswith("第") else f"第{number}号"


def proposers_line(people: list[tuple[str, bool]], origin: Origin) -> str:
    """张三 / 张三（领衔）、李四、王五 / the organisation for a collective proposal."""
    if not people:
        return ""
    lead, is_organisation = people[0]
    if origin is Origin.COLLECTIVE or is_organisation or len(people) == 1:
        return lead
    return "、".join([f"{lead}（领衔）"] + [name for name, _ in people[1:]])


def units_line(units: dict[AssignmentRole, list[str]]) -> str:
    """县教育局（主办）；县财政局、县住建局（协办）: the live assignments, 主办 and 分办 first."""
    return "；".join(f"{'、'.join(names)}（{label(role)}）"
                    for role, names in units.items() if names)


def compilation(session: Session, meeting_id: str, on: date | None = None) -> Compilation:
    """The book as of ``on`` (today): refused when the meeting has nothing filed and numbered."""
    meeting = get(session, Meeting, meeting_id, "meeting")
    settings = load_settings(session)
    office = settings.office_name
    p = Proposal
    in_book = (p.meeting_id == meeting_id, p.status.in_([s.value for s in FILED_STATES]))
    rows = session.execute(
        select(p.id, p.number, p.title, p.body, p.origin, Category.name, Sector.name)
        .outerjoin(Category, Category.id == p.category_id)
        .outerjoin(Sector, Sector.id == p.sector_id)
        .where(*in_book, p.number.is_not(None))
        # the categories in their codes' order, the uncategorised last; then by 提案号, 大会
        # before 平时 when each kind has its own numbers
        .order_by(Category.code.is_(None), Category.code,
                  *([_KIND_ORDER] if settings.number_per_kind else []), p.number_seq)).all()
    if not rows:  # a book of no proposals is not printed
        raise InvalidInput("compilation_empty", meeting=meeting.name)
    people: dict[str, list[tuple[str, bool]]] = defaultdict(list)
    for pid, name, organisation in session.execute(
            select(Proposer.proposal_id, Proposer.name, Proposer.organisation_id)
            .join(p, p.id == Proposer.proposal_id).where(*in_book, p.number.is_not(None))
            .order_by(Proposer.proposal_id, Proposer.position)):
        people[pid].append((name, organisation is not None))
    units: dict[str, dict[AssignmentRole, list[str]]] = defaultdict(
        lambda: {role: [] for role in _ROLES_PRINTED})
    for pid, role, name in session.execute(
            select(Assignment.proposal_id, Assignment.role, Unit.name)
            .join(Unit, Unit.id == Assignment.unit_id)
            .where(Assignment.meeting_id == meeting_id, Assignment.ended.is_(None))
            .order_by(Assignment.proposal_id, _ROLE_ORDER, Unit.position)):
        units[pid][role].append(name)
    unnumbered = session.scalar(select(func.count()).select_from(p).where(
        *in_book, p.number.is_(None)))
    groups: dict[str, list[CompiledProposal]] = {}
    for pid, number, title, body, origin, category, sector in rows:
        groups.setdefault(category or UNCATEGORISED, []).append(CompiledProposal(
            number=printed_number(number), title=title,
            proposers=proposers_line(people[pid], Origin(origin)), sector=sector or "",
            body=[line.strip() for line in (body or "").splitlines() if line.strip()],
            units=units_line(units[pid]) if pid in units else ""))
    name = meeting_title(office, meeting.term.number, meeting.number)
    return Compilation(
        meeting=name,
        office=office if office.endswith("提案委员会") else f"{office}提案委员会",
        compiled_on=on or date.today(),
        groups=[CategoryGroup(f"{chinese_number(i)}、{category}（{len(items)}件）", items)
                for i, (category, items) in enumerate(groups.items(), start=1)],
        unnumbered=unnumbered)
