"""提案办理台账 as an Excel workbook the office prints and files (docs/documents.md §3).

Written in openpyxl's write-only mode (a year's ledger is tens of thousands of cells): sheet
views and column widths go before the rows, merged cells and print set-up after.  Dates are
real date cells shown as 2023年3月5日; every text is a text cell, so a 提案号 keeps its zeros and
a 案由 that begins with "=" is never taken for a formula.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import astuple, dataclass, fields
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from desktop.local.files import write_atomically
from desktop.wording.dates import chinese_moment

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
WIDTHS = {"序号": 6, "提案号": 10, "案由": 36, "领衔提案人": 10, "联名提案人": 16, "界别": 10,
          "提案类型": 9, "分类": 10, "立案情况": 9, "办理方式": 8, "主办单位": 18, "协办单位": 18,
          "备注": 20}
DATE_COLUMNS = frozenset(i for i, name in enumerate(HEADERS) if name.endswith("日期")
                         or name == "办理时限")


def write_ledger(path: Path, title: str, scope: str, rows: Iterable[LedgerRow],
                 exported_at: datetime | None = None) -> int:
    """Writes the workbook (whole, then renamed into place); returns the number of rows."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("提案办理台账")
    last = get_column_letter(len(HEADERS))
    sheet.freeze_panes = "C4"  # the header and the 提案号 column stay in view
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)  # before the rows
    for i, name in enumerate(HEADERS, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = WIDTHS.get(name, 12)

    def styled(value: object, **style: object) -> WriteOnlyCell:
        cell = WriteOnlyCell(sheet, value=value)
        for key, setting in style.items():
            setattr(cell, key, setting)
        return cell

    sheet.append([styled(title, font=Font(name="黑体", size=16, bold=True),
                         alignment=Alignment(horizontal="center"))])
    at = exported_at or datetime.now()
    when = chinese_moment(at)
    sheet.append([styled(f"导出时间：{when}　　范围：{scope}")])
    sheet.append([styled(name, font=Font(bold=True),
                         alignment=Alignment(horizontal="center", vertical="center",
                                             wrap_text=True)) for name in HEADERS])
    count = 0
    for row in rows:
        values = []
        for i, value in enumerate(astuple(row)):
            if i in DATE_COLUMNS and value is not None:
                values.append(styled(value, number_format=DATE_FORMAT))
            elif isinstance(value, str) and value.startswith(FORMULA_STARTS):
                cell = WriteOnlyCell(sheet, value=value)
                cell.data_type = "s"  # text, never a formula
                values.append(cell)
            else:
                values.append(value)
        sheet.append(values)
        count += 1
    sheet.merged_cells.add(f"A1:{last}1")
    sheet.merged_cells.add(f"A2:{last}2")
    sheet.auto_filter.ref = f"A3:{last}{3 + count}"
    sheet.print_title_rows = "3:3"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.oddFooter.center.text = "第 &P 页 共 &N 页"
    with write_atomically(Path(path)) as partial:
        book.save(partial)
    return count
