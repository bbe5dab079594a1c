"""The rows of an office's own 台账 read through a mapping into proposals and their units.

A ledger has one row per proposal or one per assignment: the same 提案号 again with another
unit is a 分办 (or a 协办, when the 办理方式 column says so).  Several units in one cell are the
主办 and its 协办 (or, by 办理方式, 分办 units each answering).  Blank rows, a 合计 row and notes
under the table are skipped and listed; a row that cannot be read is listed with why."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from datetime import date

from desktop.domain.enums import (
    AssignmentRole, ContactForm, Decision, Kind, Rating, ReplyCategory,
)
from desktop.gate.text import TextProblem, clean, person_name
from desktop.gate.workbook import Sheet, column_name

from .ledger_headers import FIELD_NAMES, Header
from .ledger_values import (
    category_of, contact_form_of, date_of, kind_of, names_in, rating_of, yes_no,
)

_TOTAL = re.compile(r"^(合\s*计|总\s*计|小\s*计|共计)")
_NOTE = re.compile(r"^(注|说明|备注|填表|制表|审核|负责人|联系人|统计|数据来源)")
_DECISIONS = (  # 立案情况 in words; the longest first
    ("不予立案", Decision.REJECTED), ("不立案", Decision.REJECTED), ("未立案", Decision.REJECTED),
    ("转为意见建议", Decision.REFERRED), ("转意见", Decision.REFERRED), ("意见建议", Decision.REFERRED),
    ("转社情民意", Decision.REFERRED), ("并案", Decision.MERGED), ("合并", Decision.MERGED),
    ("撤回", Decision.WITHDRAWN), ("撤案", Decision.WITHDRAWN), ("立案", Decision.FILED),
    ("是", Decision.FILED), ("否", Decision.REJECTED),
)
_MODES = (("分办", AssignmentRole.SEPARATE), ("协办", AssignmentRole.ASSIST),
          ("会办", AssignmentRole.ASSIST), ("主办", AssignmentRole.LEAD),
          ("单独", AssignmentRole.LEAD), ("独办", AssignmentRole.LEAD))


def decision_of(text: object) -> Decision | None:
    words = clean(text)
    for word, decision in _DECISIONS:
        if word in words:
            return decision
    return None


def sheet_decision(sheet: Sheet, header: Header) -> Decision | None:
    """A sheet of proposals not filed says so in its name or its title rows."""
    above = " ".join(clean(v) for number, values in sheet.rows if number < header.rows[0]
                     for v in values if v is not None)
    found = decision_of(f"{sheet.title} {above}")
    return found if found not in (None, Decision.FILED) else None


@dataclass(kw_only=True)
class Handled:
    """What a ledger says of one unit's handling of a proposal."""
    assigned_on: date | None = None
    due_on: date | None = None
    accepted_on: date | None = None
    replied_on: date | None = None
    answer: ReplyCategory | None = None
    face: bool | None = None
    form: ContactForm | None = None
    attitude: Rating | None = None
    result: Rating | None = None


@dataclass(kw_only=True)
class LedgerRow(Handled):
    row: int
    number: str = ""
    title: str = ""
    lead: str = ""
    cosigners: list[str] = field(default_factory=list)
    sector: str = ""
    kind: Kind | None = None
    category: str = ""
    decision: Decision | None = None
    mode: AssignmentRole | None = None
    lead_units: list[str] = field(default_factory=list)
    assist_units: list[str] = field(default_factory=list)
    received_on: date | None = None
    note: str = ""
    problems: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Skipped:
    row: int
    why: str


_READERS = {
    "number": lambda v: clean(v).removeprefix("第").removesuffix("号"),
    "title": clean, "lead": lambda v: person_name(names_in(v)[0]) if names_in(v) else "",
    "cosigners": lambda v: [person_name(n) for n in names_in(v)], "sector": clean,
    "kind": kind_of, "category": clean, "decision": decision_of,
    "lead_units": names_in, "assist_units": names_in,
    "assigned_on": date_of, "due_on": date_of, "accepted_on": date_of, "replied_on": date_of,
    "answer": category_of, "face": yes_no, "form": contact_form_of, "attitude": rating_of,
    "result": rating_of, "received_on": date_of, "note": clean,
}
_FIELD_ATTRIBUTE = {"filing": "decision", "lead_unit": "lead_units"}


def _mode_of(value: object) -> AssignmentRole | None:
    text = clean(value)
    for word, role in _MODES:
        if word in text:
            return role
    return None


def read_rows(sheet: Sheet, header: Header, mapping: dict[str, int],
              ) -> tuple[list[LedgerRow], list[Skipped]]:
    """Every row under the header read through ``mapping`` (field → column index)."""
    rows, skipped = [], []
    kind_column = mapping.get("kind")
    previous = header.last_row
    for number, values in sheet.rows:
        if number <= header.last_row:
            continue
        skipped += [Skipped(blank, "空行") for blank in range(previous + 1, number)]
        previous = number
        texts = [clean(v) for v in values]
        filled = [t for t in texts if t]
        first = filled[0] if filled else ""
        if _TOTAL.match(first) or any(_TOTAL.match(t) for t in texts[:3]):
            skipped.append(Skipped(number, "合计行"))
            continue
        title_at, number_at = mapping.get("title"), mapping.get("number")
        has_key = any(i is not None and i < len(texts) and texts[i] for i in (title_at, number_at))
        if _NOTE.match(first) and (len(filled) == 1 or not has_key):
            skipped.append(Skipped(number, f"说明文字：{first[:20]}"))
            continue
        if not has_key:
            skipped.append(Skipped(number, "没有案由和提案号"))
            continue
        rows.append(_row(number, values, mapping, kind_column))
    return rows, skipped


def _row(number: int, values: tuple, mapping: dict[str, int], kind_column: int | None) -> LedgerRow:
    row = LedgerRow(row=number)
    for field_name, index in mapping.items():
        value = values[index] if index < len(values) else None
        if field_name == "mode":
            row.mode = _mode_of(value)
            continue
        attribute = _FIELD_ATTRIBUTE.get(field_name, field_name)
        try:
            setattr(row, attribute, _READERS[attribute](value))
        except TextProblem as problem:
            row.problems.append(f"{column_name(index)}列（{FIELD_NAMES[field_name]}）{problem}")
    if row.kind is None and kind_column is None:  # 大会提案 / 平时提案 written in another column
        row.kind = next((k for k in (kind_of(v) for v in values if len(clean(v)) <= 6)
                         if k is not None), None)
    return row


@dataclass(kw_only=True)
class LegacyAssignment(Handled):
    unit: str
    role: AssignmentRole
    row: int


@dataclass
class LegacyProposal:
    first: LedgerRow  # the proposal's own fields come from its first row
    decision: Decision
    assignments: list[LegacyAssignment] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.first.number or self.first.title


def _answered(row: LedgerRow, unit: str, role: AssignmentRole) -> LegacyAssignment:
    return LegacyAssignment(unit=unit, role=role, row=row.row, **{
        f.name: getattr(row, f.name) for f in fields(Handled)})


def _assisting(row: LedgerRow, unit: str) -> LegacyAssignment:
    return LegacyAssignment(unit=unit, role=AssignmentRole.ASSIST, row=row.row)


def group(rows: list[LedgerRow], default: Decision | None,
          ) -> tuple[list[LegacyProposal], list[Skipped]]:
    """Rows of one proposal together: the first names it, each adds its units."""
    proposals: dict[str, LegacyProposal] = {}
    notes: list[Skipped] = []
    for row in rows:
        key = row.number or row.title
        found = proposals.get(key)
        if found is None:
            found = proposals[key] = LegacyProposal(
                row, row.decision or default or Decision.FILED)
        elif row.title and found.first.title and row.title != found.first.title:
            notes.append(Skipped(row.row, f"提案号与第{found.first.row}行相同而案由不同，按同一件提案导入"))
        found.rows.append(row.row)
        if found.decision is Decision.FILED:
            _add_units(found, row, notes)
    for proposal in proposals.values():
        roles = {a.role for a in proposal.assignments}
        if AssignmentRole.SEPARATE in roles and AssignmentRole.LEAD in roles:
            for a in proposal.assignments:  # one 主办 or several 分办, never both
                if a.role is AssignmentRole.LEAD:
                    a.role = AssignmentRole.SEPARATE
    return list(proposals.values()), notes


def _add_units(proposal: LegacyProposal, row: LedgerRow, notes: list[Skipped]) -> None:
    have = {a.unit for a in proposal.assignments}
    leads = [a for a in proposal.assignments if a.role is not AssignmentRole.ASSIST]
    units = [u for u in row.lead_units]
    made: list[LegacyAssignment] = []
    if row.mode is AssignmentRole.ASSIST:
        made = [_assisting(row, u) for u in units]
    elif row.mode is AssignmentRole.SEPARATE:
        made = [_answered(row, u, AssignmentRole.SEPARATE) for u in units]
    elif units:
        role = AssignmentRole.SEPARATE if leads else AssignmentRole.LEAD
        if leads:  # the same 提案号 again with another unit answering: 分办
            for a in leads:
                a.role = AssignmentRole.SEPARATE
        made = [_answered(row, units[0], role)] + [_assisting(row, u) for u in units[1:]]
    made += [_assisting(row, u) for u in row.assist_units]
    for assignment in made:
        if assignment.unit in have:
            notes.append(Skipped(row.row, f"{assignment.unit}已在本提案中出现，未重复导入"))
            continue
        have.add(assignment.unit)
        proposal.assignments.append(assignment)
