"""提案办理台账 as an Excel workbook the office prints and files (docs/documents.md §3).

Written in openpyxl's write-only mode (a year's ledger is tens of thousands of cells): sheet
views, column widths and row heights go before the rows, so the rows are measured before any is
written (xlsx_fit); merged cells and print set-up go after.  Dates are real date cells shown as
2023年3月5日; every text is a text cell, so a 提案号 keeps its zeros and a 案由 that begins with
"=" is never taken for a formula.

Printed, the sheet is one A3 landscape page wide: its 23 columns fitted to A4 print at about
4 pt, too small to read; on A3 at 7 to 9 pt.  Every cell is boxed and every text wraps.
"""
from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date, datetime
from operator import attrgetter
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.dimensions import RowDimension
from openpyxl.worksheet.worksheet import Worksheet

from desktop.local.files import write_atomically
from desktop.wording.dates import chinese_moment

from .xlsx_fit import (
    BOX, CELL_PADDING, column_width, lines, print_one_page_wide, row_height, text_width,
    text_widths, wrapped,
)

DATE_FORMAT = 'yyyy"年"m"月"d"日"'
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class LedgerRow:
    序号: int
    提案号: str
    案由: str
    领衔提案人: str
    联名提案人: str
    界别: str
    提案类型: str
    分类: str
    立案情况: str
    办理方式: str
    主办单位: str
    协办单位: str
    交办日期: date | None
    办理时限: date | None
    签收日期: date | None
    是否面商: str
    答复日期: date | None
    答复类别: str
    公开属性: str
    办理态度评价: str
    办理结果评价: str
    办理状态: str
    备注: str


HEADERS = tuple(f.name for f in fields(LedgerRow))
DATE_COLUMNS = frozenset(i for i, name in enumerate(HEADERS) if name.endswith("日期")
                         or name == "办理时限")
TEXT_COLUMNS = frozenset(i for i, f in enumerate(fields(LedgerRow)) if f.type in (str, "str"))
# the long texts, left-aligned, and the most width each takes before it wraps; the other
# texts are centred and wrap past SHORT_TEXT_WIDEST
LONG_TEXTS = {"案由": 26, "联名提案人": 13, "主办单位": 13, "协办单位": 13, "备注": 13}
SHORT_TEXT_WIDEST = 9
DATE_WIDTH = text_width("2023年12月25日")  # the widest a date is shown
TITLE_SIZE = 16  # points
TITLE_HEIGHT = row_height(1, TITLE_SIZE)


class _Cell(Cell):
    """A cell whose repr costs nothing: openpyxl's write-only append puts the repr of each
    styled cell it is given into an error message it then drops, a quarter of a million times
    for a large ledger."""
    __slots__ = ()

    def __repr__(self) -> str:
        return "<台账单元格>"


def measured(columns: list[tuple]) -> list[list[float]]:
    """Each column's cells as the width their text takes unwrapped."""
    return [[0.0 if v is None else DATE_WIDTH for v in column] if i in DATE_COLUMNS
            else text_widths(column if i in TEXT_COLUMNS else list(map(str, column)))
            for i, column in enumerate(columns)]


def column_widths(cells: list[list[float]]) -> list[float]:
    """Each column fitted to its texts up to its limit; a date column as wide as the widest
    date, so none shows ###."""
    return [column_width(name, column, math.inf if i in DATE_COLUMNS
                         else LONG_TEXTS.get(name, SHORT_TEXT_WIDEST))
            for i, (name, column) in enumerate(zip(HEADERS, cells))]


def row_lines(columns: list[tuple], cells: list[list[float]], widths: list[float]) -> list[int]:
    """The lines each row wraps to: those of its tallest cell."""
    tallest = [1] * len(cells[0])
    for i, (column, taken, width) in enumerate(zip(columns, cells, widths)):
        if i in TEXT_COLUMNS and "\n" in "".join(column):
            counts = [lines(text, width) for text in column]
        elif max(taken, default=0.0) > width - CELL_PADDING:
            counts = [wrapped(wide, width) for wide in taken]
        else:
            continue
        tallest = list(map(max, tallest, counts))
    return tallest


def write_ledger(path: Path, title: str, scope: str, rows: Iterable[LedgerRow],
                 exported_at: datetime | None = None) -> int:
    """Writes the workbook (whole, then renamed into place); returns the number of rows."""
    table = list(map(attrgetter(*HEADERS), rows))
    columns = list(zip(*table)) if table else [()] * len(HEADERS)
    cells = measured(columns)
    widths = column_widths(cells)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("提案办理台账")
    last = get_column_letter(len(HEADERS))
    sheet.freeze_panes = "C4"  # the header and the 提案号 column stay in view
    print_one_page_wide(sheet, Worksheet.PAPERSIZE_A3, header_row=3)
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.row_dimensions[1].height = TITLE_HEIGHT
    sheet.row_dimensions[3].height = row_height(
        max(lines(name, width) for name, width in zip(HEADERS, widths)))

    def styled(value: object = None, **style: object) -> Cell:
        cell = _Cell(sheet, 1, 1, value)
        for key, setting in style.items():
            setattr(cell, key, setting)
        return cell

    sheet.append([styled(title, font=Font(name="黑体", size=TITLE_SIZE, bold=True),
                         alignment=Alignment(horizontal="center", vertical="center"))])
    when = chinese_moment(exported_at or datetime.now())
    sheet.append([styled(f"导出时间：{when}　　范围：{scope}")])
    centred = Alignment(horizontal="center", vertical="center", wrap_text=True)
    sheet.append([styled(name, font=Font(bold=True), border=BOX, alignment=centred)
                  for name in HEADERS])
    # a styled cell per column, given each row's values in turn: append writes the row before
    # it returns, and a new styled cell for each value makes the export a sixth slower
    row = [styled(border=BOX, alignment=Alignment(vertical="center", wrap_text=True))
           if name in LONG_TEXTS else
           styled(border=BOX, alignment=centred, number_format=DATE_FORMAT)
           if i in DATE_COLUMNS else styled(border=BOX, alignment=centred)
           for i, name in enumerate(HEADERS)]  # an empty cell too: it has its box
    tall: dict[int, RowDimension] = {}  # rows of one height share one: one a row costs
    for r, (values, count) in enumerate(zip(table, row_lines(columns, cells, widths)), start=4):
        if count > 1:  # LibreOffice keeps a row the height the file says
            if count not in tall:
                tall[count] = RowDimension(sheet, ht=row_height(count))
            sheet.row_dimensions[r] = tall[count]
        for cell, value in zip(row, values):
            cell.value = value
            if isinstance(value, str) and value.startswith(FORMULA_STARTS):
                cell.data_type = "s"  # text, never a formula
        sheet.append(row)
    sheet.merged_cells.add(f"A1:{last}1")
    sheet.merged_cells.add(f"A2:{last}2")
    sheet.auto_filter.ref = f"A3:{last}{3 + len(table)}"
    with write_atomically(Path(path)) as partial:
        book.save(partial)
    return len(table)
