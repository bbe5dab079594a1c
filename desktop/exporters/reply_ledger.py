"""The 台账 a unit without the program fills in (Excel or WPS) and sends back: the office's
columns locked and grey, the unit's white with dropdowns (答复类别, 面商, 沟通方式), date cells
for dates and text cells for phone numbers; hidden columns name each row (its assignment, what
the office knew of it, the seal over the locked cells) and a very hidden sheet names the export.

The sheet is protected without a password the unit must know: protection keeps honest edits in
the white cells; the seal, not the protection, is what the import trusts."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from desktop.local.files import write_atomically
from desktop.wording.ledgers import FILLED, HEADERS, HIDDEN, LOCKED, META_SHEET, ROW_KEY, SHEET

from .ledger_xlsx import DATE_FORMAT, FORMULA_STARTS

FIRST_ROW = 4  # title, instruction, header, then the rows
WIDTHS = {"提案号": 10, "案由": 40, "领衔提案人": 10, "办理方式": 8, "交办日期": 14,
          "办理时限": 14, "答复日期": 14, "答复类别": 9, "是否面商": 9, "沟通方式": 10,
          "联系人": 10, "联系电话": 15}
GREY = PatternFill("solid", fgColor="E7E6E6")
THIN = Side(style="thin", color="999999")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
INSTRUCTION = ("填写说明：请只填写白底的列（答复日期、答复类别、是否面商、沟通方式、联系人、联系电话），"
               "答复类别和沟通方式请从下拉列表中选择；灰底的列由提案委填写，已锁定，请勿修改；"
               "请不要增删行、列或改动表头。填好后保存，交回提案委。")


@dataclass(frozen=True)
class ReplyLedgerRow:
    """One assignment the unit answers; ``filled`` holds what is already known, in FILLED order."""
    locked: tuple  # in LOCKED order: dates as date, the rest as text
    filled: tuple
    assignment_id: str
    version: str
    seal: str


def write_reply_ledger(path: Path, title: str, meta: dict[str, str],
                       rows: Sequence[ReplyLedgerRow], categories: Sequence[str],
                       forms: Sequence[str]) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    width = len(LOCKED) + len(FILLED)
    sheet.cell(1, 1, title).font = Font(bold=True, size=14)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    note = sheet.cell(2, 1, INSTRUCTION)
    note.alignment = Alignment(wrap_text=True, vertical="top")
    note.font = Font(color="9C0006")
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    sheet.row_dimensions[2].height = 48
    for column, name in enumerate(HEADERS, start=1):
        cell = sheet.cell(FIRST_ROW - 1, column, name)
        cell.font = Font(bold=True)
        cell.border = BOX
        cell.alignment = Alignment(horizontal="center")
        letter = get_column_letter(column)
        sheet.column_dimensions[letter].width = WIDTHS.get(name, 12)
        if name in HIDDEN:
            sheet.column_dimensions[letter].hidden = True
    last = FIRST_ROW + max(len(rows), 1) - 1
    for offset, row in enumerate(rows):
        r = FIRST_ROW + offset
        values = (*row.locked, *row.filled, row.assignment_id, row.version, row.seal)
        for column, (name, value) in enumerate(zip(HEADERS, values), start=1):
            cell = sheet.cell(r, column, value)
            if isinstance(value, str) and value.startswith(FORMULA_STARTS):
                cell.data_type = "s"  # a 案由 beginning with "=" is text, never a formula
            cell.border = BOX
            if isinstance(value, date) or name == "答复日期":
                cell.number_format = DATE_FORMAT
            elif name == "联系电话" or isinstance(value, str):
                cell.number_format = "@"
            if name in FILLED:
                cell.protection = Protection(locked=False)
            elif name in LOCKED:
                cell.fill = GREY
            if name == "案由":
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    _choices(sheet, "答复类别", categories, last)
    _choices(sheet, "是否面商", ("是", "否"), last)
    _choices(sheet, "沟通方式", forms, last)
    dates = DataValidation(type="date", operator="greaterThan", formula1="36526",
                           allow_blank=True, showErrorMessage=True, errorTitle="答复日期",
                           error="请填写日期，如 2023-5-20。")
    dates.add(f"{_column('答复日期')}{FIRST_ROW}:{_column('答复日期')}{last}")
    sheet.add_data_validation(dates)
    sheet.freeze_panes = f"A{FIRST_ROW}"
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False  # widths may be changed; no password to know
    sheet.print_title_rows = f"{FIRST_ROW - 1}:{FIRST_ROW - 1}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    info = book.create_sheet(META_SHEET)
    for key, value in meta.items():
        info.append([key, value])
    for row in rows:  # the rows sent: one the unit deleted is told from one never sent
        info.append([ROW_KEY, row.assignment_id])
    info.sheet_state = "veryHidden"
    with write_atomically(Path(path)) as partial:
        book.save(partial)
    return Path(path)


def _column(name: str) -> str:
    return get_column_letter(HEADERS.index(name) + 1)


def _choices(sheet, name: str, choices: Sequence[str], last: int) -> None:
    rule = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True,
                          showErrorMessage=True, errorTitle=name, error="请从下拉列表中选择。")
    rule.add(f"{_column(name)}{FIRST_ROW}:{_column(name)}{last}")
    sheet.add_data_validation(rule)
