"""统计表: the figures of ``tian stats`` and the 统计 screen as a workbook the office files
(docs/documents.md §3).

It takes the figures dict of services.statistics and never reads the database, and its tables are
figures_text.TABLES, the columns the screen and the command show, so the three cannot disagree.  Counts
are int cells; percentages are real numbers shown as 0.00% (the published 74.84 is stored as
0.7484); a rate with nothing to divide is "—".  Each 合计 row sums its rows' counts and takes
its rates from the scope's own figures: 答复率 and 满意率 come out the same either way, but 面商率
counts a 分办 proposal once, where the unit rows count it once per unit.

Printed, each sheet is one A4 landscape page wide, its cells boxed; a long name wraps and its
row is written as high as it needs (LibreOffice keeps a row of an .xlsx one line high
otherwise: xlsx_fit).  The widest sheet, 按承办单位, prints at about 10 pt, the rest at 11.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from desktop.local.files import write_atomically
from desktop.wording import figures_text
from desktop.domain.statistics import CATEGORIES, percent
from desktop.wording.dates import chinese_moment
from desktop.wording.labels import CATEGORY_MEANINGS

from .ledger_xlsx import FORMULA_STARTS, TITLE_SIZE
from .xlsx_fit import (
    BOX, CELL_PADDING, column_width, lines, print_one_page_wide, row_height, text_width,
    text_widths,
)

SHEETS = ("总体", "按承办单位", "按系统", "按分类", "按界别", "按答复类别", "逾期")
TABLE_SHEETS = {"by_unit": "按承办单位", "by_system": "按系统", "by_category": "按分类",
                "by_sector": "按界别"}
PERCENT_FORMAT = "0.00%"
NO_FIGURE = "—"  # a rate with nothing to divide, as the screen and the command show it
TOTAL = "合计"
HEADER_ROW = 3
# a long unit's name in one line; a longer name (a category's, a 界别's) or a note wraps
NAME_WIDEST = text_width("县科学技术和工业信息化局")
TEXT = Alignment(vertical="center", wrap_text=True)
FIGURE = Alignment(horizontal="right", vertical="center")

# 总体: (项目, key in the figures, 说明); the intake figures stay the office's in any scope.
OVERVIEW = (
    ("收到提案", "received", ""), ("大会提案", "received_session", ""),
    ("平时提案", "received_interim", ""), ("立案", "filed", ""),
    ("立案率", "filing_rate", "立案 ÷ 收到提案"), ("不予立案", "rejected", ""),
    ("转为意见建议", "referred", ""), ("并案", "merged", ""), ("撤回", "withdrawn", ""),
    ("交付政府系统办理", "government_handled", "立案提案中有政府系统单位主办或分办的"),
    ("交付政府系统办理占立案总数", "government_share", "交付政府系统办理 ÷ 立案"),
    ("承办单位", "units", "单位：家"), ("办理提案", "proposals_handled", ""),
    ("应答复", "replies_due", "主办、分办单位各答复一次，协办不单独答复"),
    ("已答复", "replied", ""), ("答复率", "reply_rate", "已答复 ÷ 应答复"),
    ("面商率", "face_to_face_rate", "面商的提案 ÷ 办理提案"), ("已评价", "evaluated", ""),
    ("满意率", "satisfaction_rate", "满意和基本满意 ÷ 已评价"), ("不满意", "unsatisfied", ""),
    ("二次办理", "rehandled", ""), ("逾期未答复", "overdue", "超过办理时限仍未答复"),
)
INTAKE = frozenset(key for _, key, _ in OVERVIEW[:11])  # 收到提案 … 交付政府系统办理占立案总数
OVERDUE_COLUMNS = ("单位", "系统", "应答复", "已答复", "逾期")  # picked from figures_text.TABLES


def write_statistics(figures: dict, path: Path, exported_at: datetime | None = None) -> None:
    """Writes the seven sheets (whole, then renamed into place)."""
    when = exported_at or datetime.now()
    stamp = f"导出时间：{chinese_moment(when)}　　范围：{scope(figures)}"
    book = Workbook()
    book.remove(book.active)

    def sheet(name: str, caption: str, header: Sequence[str], rows: list[list],
              total: list | None = None) -> None:
        _write_sheet(book.create_sheet(name), f"{figures_text.title(figures)} · {caption}", stamp,
                     header, rows, total)

    sheet("总体", "总体", ("项目", "数值", "说明"), overview_rows(figures))
    for table in figures_text.TABLES:
        rows = figures[table.key]
        sheet(TABLE_SHEETS[table.key], table.caption, [c.title for c in table.columns],
              [[c.value(r) for c in table.columns] for r in rows],
              total_row(table.columns, rows, figures))
    categories = figures["categories"]
    replied = sum(categories[k]["count"] for k in CATEGORIES)
    sheet("按答复类别", "按答复类别", ("答复类别", "含义", "件数", "占比"),
          [[f"{k}类", CATEGORY_MEANINGS[k], categories[k]["count"], categories[k]["percent"]]
           for k in CATEGORIES], [TOTAL, "", replied, percent(replied, replied)])
    by_unit = next(t for t in figures_text.TABLES if t.key == "by_unit")
    columns = [next(c for c in by_unit.columns if c.title == t) for t in OVERDUE_COLUMNS]
    late = sorted((u for u in figures["by_unit"] if u["overdue"]),
                  key=lambda u: (-u["overdue"], u["name"]))
    sheet("逾期", "逾期未答复（按承办单位）", OVERDUE_COLUMNS,
          [[c.value(u) for c in columns] for u in late], total_row(columns, late, figures))
    with write_atomically(Path(path)) as partial:
        book.save(partial)


def scope(figures: dict) -> str:
    """The meeting and the units the figures cover, as the second row says it."""
    s = figures["scope"]
    meeting = "全部会议" if s["meeting"] == "全部" else s["meeting"]
    if not (s["unit"] or s["system"]):
        return f"{meeting}，全部承办单位"
    return f"{meeting}，{s['unit'] or s['system']}（收到、立案等受理数为全委员会数）"


def overview_rows(figures: dict) -> list[list]:
    """项目, 数值, 说明; in a system's or a unit's export the intake lines say they are the office's."""
    scoped = figures["scope"]["system"] or figures["scope"]["unit"]
    return [[label, figures[key], "；".join(t for t in (
        "全委员会数" if scoped and key in INTAKE else "", note) if t)]
        for label, key, note in OVERVIEW]


def total_row(columns: Sequence[figures_text.FigureColumn], rows: list[dict], figures: dict) -> list:
    """合计: each count the sum of the rows, each rate the scope's own (see the module's note).

    A column the whole scope has no figure for (单位, 系统, 类别, 界别) is a name column.
    """
    out: list = []
    for i, column in enumerate(columns):
        try:
            whole = column.value(figures)
        except KeyError:
            out.append(TOTAL if i == 0 else "")
            continue
        out.append(whole if column.title.endswith("率") else sum(column.value(r) for r in rows))
    return out


def column_widths(header: Sequence[str], rows: list[list], least: float) -> list[float]:
    """Each column fitted to what it shows: a name or a note wraps past NAME_WIDEST, a figure
    never (a number too wide for its column prints ###).  A table narrower than ``least`` has
    the difference shared out among its columns: the stamp in one line, the title in two."""
    widths = []
    for i, name in enumerate(header):
        values = [row[i] for row in rows]
        names = any(isinstance(v, str) for v in values)
        widths.append(column_width(name, text_widths(list(map(_shown, values))),
                                   NAME_WIDEST if names else math.inf))
    spare = max(least - sum(widths), 0) / len(widths)
    return [round(width + spare, 1) for width in widths]


def _write_sheet(sheet: Worksheet, title: str, stamp: str, header: Sequence[str],
                 rows: list[list], total: list | None) -> None:
    body = rows + ([total] if total else [])
    widths = column_widths(header, body, text_width(stamp) + CELL_PADDING)
    across = sum(widths)
    last = get_column_letter(len(header))
    print_one_page_wide(sheet, Worksheet.PAPERSIZE_A4, HEADER_ROW)
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.append([title])
    sheet["A1"].font = Font(name="黑体", size=TITLE_SIZE, bold=True)
    sheet["A1"].alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    sheet.row_dimensions[1].height = row_height(lines(title, across, TITLE_SIZE), TITLE_SIZE)
    sheet.append([stamp])
    sheet["A2"].alignment = TEXT
    sheet.row_dimensions[2].height = row_height(lines(stamp, across))
    sheet.append(list(header))
    for cell in sheet[HEADER_ROW]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = BOX
    sheet.row_dimensions[HEADER_ROW].height = row_height(max(map(lines, header, widths)))
    for r, values in enumerate(body, start=HEADER_ROW + 1):
        for c, value in enumerate(values, start=1):
            cell = sheet.cell(r, c)
            _put(cell, value)
            cell.border = BOX
            if values is total:
                cell.font = Font(bold=True)
        count = max((lines(v, w) for v, w in zip(values, widths) if isinstance(v, str)),
                    default=1)
        if count > 1:  # LibreOffice keeps a row the height the file says
            sheet.row_dimensions[r].height = row_height(count)
    sheet.merge_cells(f"A1:{last}1")
    sheet.merge_cells(f"A2:{last}2")
    sheet.freeze_panes = f"B{HEADER_ROW + 1}"  # the header and the name column stay in view
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + len(rows)}"  # 合计 stays last


def _put(cell: Cell, value: object) -> None:
    """A count as an int, 74.84 (percent) as 0.7484 shown 0.00%, no figure as "—", text as text."""
    cell.alignment = TEXT if isinstance(value, str) else FIGURE
    if value == "":
        return
    if value is None:
        cell.value = NO_FIGURE
    elif isinstance(value, float):
        cell.value = round(value / 100, 6)
        cell.number_format = PERCENT_FORMAT
    else:
        cell.value = value
        if isinstance(value, str) and value.startswith(FORMULA_STARTS):
            cell.data_type = "s"  # a name, never a formula


def _shown(value: object) -> str:
    """A value as its cell shows it."""
    if value is None:
        return NO_FIGURE
    return f"{value:.2f}%" if isinstance(value, float) else str(value)
