"""A 答复台账 come back from a unit, read from the sheets the gate let through.

The very hidden sheet names the export and the rows sent; each row of the ledger sheet is found
by its hidden 编号 and read by header name, so a column a program moved is still found.  The
unit's cells are read into values (a cell that cannot be read is named with its reason); the
locked cells are kept as the seal saw them, for the service to check against the office's key."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from desktop.domain.enums import ContactForm, ReplyCategory
from desktop.domain.errors import InvalidInput
from desktop.gate.text import TextProblem, clean, phone_text
from desktop.gate.workbook import Sheet
from desktop.wording.ledgers import FORMAT, HEADERS, LOCKED, LOCKED_DATES, META_SHEET, ROW_KEY

from .ledger_values import category_of, contact_form_of, date_of, yes_no

HEADER_ROWS = 10  # the header stands at row 3; a unit may have added a line above it


@dataclass
class ReturnedRow:
    row: int  # as Excel shows it
    assignment_id: str
    version: str
    seal: str
    locked: dict[str, object]  # as the seal saw them: text, dates as date
    replied_on: date | None = None
    category: ReplyCategory | None = None
    face: bool | None = None
    form: ContactForm | None = None
    person: str = ""
    phone: str = ""
    problems: dict[str, str] = field(default_factory=dict)  # column → why it cannot be read

    @property
    def filled(self) -> bool:
        return any((self.replied_on, self.category, self.face, self.form))


@dataclass(frozen=True)
class ReturnedLedger:
    meta: dict[str, str]
    sent: tuple[str, ...]  # the assignments the export held, in order
    rows: list[ReturnedRow]
    strangers: list[int]  # rows without a 编号: added by the unit, not the office's


def meta_of(sheets: list[Sheet]) -> dict[str, str] | None:
    """What the very hidden sheet says of the export, if this is a 答复台账 of ours."""
    for sheet in sheets:
        if sheet.title == META_SHEET:
            meta = {clean(values[0]): clean(values[1]) for _, values in sheet.rows
                    if len(values) > 1 and values[0] not in (None, ROW_KEY)}
            return meta if meta.get("格式") == FORMAT else None
    return None


def sealed_text(value: object) -> object:
    """A locked cell as the seal was made over it: text as written, dates as dates; a number a
    program made of 提案号 text becomes its digits again."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return "" if value is None else value


def read_returned(sheets: list[Sheet], ledger_sheet: str) -> ReturnedLedger:
    meta_sheet = next(s for s in sheets if s.title == META_SHEET)
    sent = tuple(clean(values[1]) for _, values in meta_sheet.rows
                 if len(values) > 1 and values[0] == ROW_KEY)
    sheet = next((s for s in sheets if s.title == ledger_sheet), None) or next(
        s for s in sheets if s.title != META_SHEET)
    columns = _columns(sheet)
    rows, strangers = [], []
    for number, values in sheet.rows:
        if number <= columns["_header_row"]:
            continue
        cell = {name: (values[i] if i < len(values) else None)
                for name, i in columns.items() if name != "_header_row"}
        assignment_id = clean(cell["编号"])
        if not assignment_id:
            strangers.append(number)
            continue
        rows.append(_row(number, assignment_id, cell))
    return ReturnedLedger(meta_of(sheets) or {}, sent, rows, strangers)


def _columns(sheet: Sheet) -> dict[str, int]:
    for number, values in sheet.rows[:HEADER_ROWS]:
        names = [clean(v) for v in values]
        if all(name in names for name in HEADERS):
            found = {name: names.index(name) for name in HEADERS}
            found["_header_row"] = number
            return found
    raise InvalidInput("returned_ledger_header", sheet=sheet.title)


def _row(number: int, assignment_id: str, cell: dict[str, object]) -> ReturnedRow:
    locked = {}
    for name in LOCKED:
        value = sealed_text(cell[name])
        if name in LOCKED_DATES and isinstance(value, str) and value:
            try:  # a program that saved the date as text
                value = date_of(value) or value
            except TextProblem:
                pass
        locked[name] = value
    row = ReturnedRow(number, assignment_id, clean(cell["版本"]), clean(cell["封签"]), locked)
    readers = (("答复日期", "replied_on", date_of), ("答复类别", "category", category_of),
               ("是否面商", "face", yes_no), ("沟通方式", "form", contact_form_of),
               ("联系人", "person", clean), ("联系电话", "phone", phone_text))
    for column, attribute, read in readers:
        try:
            setattr(row, attribute, read(cell[column]))
        except TextProblem as problem:
            row.problems[column] = str(problem)
    return row
