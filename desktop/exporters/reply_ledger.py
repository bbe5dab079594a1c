"""The 台账 a unit without the program fills in (Excel or WPS) and sends back: the office's
columns locked and grey, the unit's white with dropdowns (答复类别, 面商, 沟通方式), date cells
for dates and text cells for phone numbers; hidden columns name each row (its assignment, what
the office knew of it, the seal over the locked cells) and a very hidden sheet names the export.

The sheet is protected without a password the unit must know: protection keeps honest edits in
the white cells; the seal, not the protection, is what the import trusts.

Printed, it is one A4 landscape page wide (the body at about 8 pt).  Every text wraps and each
row is as high as its longest text, what the office knows and what the unit filled in before:
LibreOffice keeps a row of an .xlsx one line high otherwise (xlsx_fit).  A row left one line
high grows in Excel or WPS as the unit types into it."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from desktop.local.files import write_atomically
from desktop.wording.ledgers import (
    FILLED, HEADERS, HIDDEN, LOCKED, LOCKED_DATES, META_SHEET, ROW_KEY, SHEET,
)

from .ledger_xlsx import DATE_FORMAT, DATE_WIDTH, FORMULA_STARTS
from .xlsx_fit import (
    BODY, BOX, CELL_PADDING, lines, print_one_page_wide, row_height, text_width,
)

FIRST_ROW = 4  # title, instruction, header, then the rows
TITLE_SIZE = 14  # points
DATES = (*LOCKED_DATES, "答复日期")
TWO = round(text_width("主办") + CELL_PADDING, 1)  # 主办, 面商, 座谈; their headers in two lines
# the printed columns; a unit's column as wide as what it is likely to type (a mobile or a
# landline number, a name), a date column as the widest date, so none shows ###
WIDTHS = {"提案号": 11, "案由": 40, "领衔提案人": 11, "办理方式": TWO,
          **dict.fromkeys(DATES, round(DATE_WIDTH + CELL_PADDING, 1)), "答复类别": TWO,
          "是否面商": TWO, "沟通方式": TWO, "联系人": 12, "联系电话": 15}
GREY = PatternFill("solid", fgColor="E7E6E6")
CENTRED = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(vertical="center", wrap_text=True)
PRINTED = HEADERS[:len(LOCKED) + len(FILLED)]  # the hidden columns come last
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
    widths = [WIDTHS[name] for name in PRINTED]
    across = sum(widths)
    for r, text, size, font in ((1, title, TITLE_SIZE, Font(bold=True, size=TITLE_SIZE)),
                                (2, INSTRUCTION, BODY, Font(color="9C0006"))):
        cell = sheet.cell(r, 1, text)
        cell.font = font
        cell.alignment = LEFT
        sheet.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(PRINTED))
        sheet.row_dimensions[r].height = row_height(lines(text, across, size), size)
    for column, name in enumerate(HEADERS, start=1):
        cell = sheet.cell(FIRST_ROW - 1, column, name)
        cell.font = Font(bold=True)
        cell.border = BOX
        cell.alignment = CENTRED
        letter = get_column_letter(column)
        if name in HIDDEN:
            sheet.column_dimensions[letter].hidden = True
        else:
            sheet.column_dimensions[letter].width = WIDTHS[name]
    sheet.row_dimensions[FIRST_ROW - 1].height = row_height(
        max(map(lines, PRINTED, widths)))
    last = FIRST_ROW + max(len(rows), 1) - 1
    for offset, row in enumerate(rows):
        r = FIRST_ROW + offset
        values = (*row.locked, *row.filled, row.assignment_id, row.version, row.seal)
        for column, (name, value) in enumerate(zip(HEADERS, values), start=1):
            cell = sheet.cell(r, column, value)
            if isinstance(value, str) and value.startswith(FORMULA_STARTS):
                cell.data_type = "s"  # a 案由 beginning with "=" is text, never a formula
            cell.border = BOX
            cell.alignment = LEFT if name == "案由" else CENTRED
            if name in DATES:
                cell.number_format = DATE_FORMAT
            elif name == "联系电话" or isinstance(value, str):
                cell.number_format = "@"
            if name in FILLED:
                cell.protection = Protection(locked=False)
            elif name in LOCKED:
                cell.fill = GREY
        count = max((lines(value, width) for value, width in zip(values, widths)
                     if isinstance(value, str)), default=1)
        if count > 1:  # LibreOffice keeps a row the height the file says
            sheet.row_dimensions[r].height = row_height(count)
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
    # rows carry heights measured for what was written (LibreOffice grows none), which Excel
    # then keeps: a unit that writes more makes its row taller (double-click the row's edge)
    sheet.protection.formatRows = False
    print_one_page_wide(sheet, Worksheet.PAPERSIZE_A4, header_row=FIRST_ROW - 1)
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
