"""How much room a text takes in a worksheet, measured before it is written, and how the
sheet prints: landscape, one page wide, every cell boxed.

openpyxl's write-only mode needs the column widths before the first row, and LibreOffice keeps a
row of an .xlsx at the height the file gives it (Excel grows a row to its wrapped text;
LibreOffice leaves it one line high, the rest of the text cut off or run over the rows below),
so the writer works both out itself.  The measures err on the roomy side: a column a little
wide or a row a little tall prints well, a date column too narrow prints ### and a row too
short loses text.  A ledger has a quarter of a million cells, so a column is measured at once,
with Python's C loops where it can.
"""
from __future__ import annotations

import math
from collections.abc import Sequence

from openpyxl.styles import Border, Side
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties

# a Chinese character in column-width units (a digit of the default font, Calibri 11 pt: 7 px):
# 宋体 or 等线 at 11 pt in Excel is 15 px, Noto Sans CJK in LibreOffice narrower
WIDE = 2.2
CELL_PADDING = 1.0  # the cell's own margins, in the same units
BODY = 11.0  # points: the size of the default font, which the measures are in
LINE = 16.0  # points a line of 11 pt text takes: Noto Sans CJK's leading (Excel's Calibri: 15)
ROW_PADDING = 2.0
BOX = Border(*(Side(style="thin"),) * 4)


def text_widths(texts: Sequence[str]) -> list[float]:
    """The width each text takes unwrapped (its widest line, if it has several): a digit or
    letter is 1, a Chinese character or full-width mark WIDE.  Those are 3 bytes in UTF-8
    against 1, so the lengths tell them apart without a loop over the characters."""
    if "\n" in "".join(texts):
        return [max(text_widths(text.split("\n"))) for text in texts]
    spare = (WIDE - 1) / 2
    return [chars + spare * (size - chars)
            for chars, size in zip(map(len, texts), map(len, map(str.encode, texts)))]


def text_width(text: str) -> float:
    """The width one text takes unwrapped."""
    return text_widths([text])[0]


def wrapped(width: float, column: float) -> int:
    """The lines a one-line text ``width`` wide wraps to in a column ``column`` wide.  A line
    holds as many whole Chinese characters as fit, and the room left over is counted lost (a
    digit or a word does fit in it, but a mark that may not begin a line takes one with it)."""
    room = column - CELL_PADDING
    if width <= room:
        return 1
    whole = max(math.floor(room / WIDE + 1e-9), 1)  # 6.6 / 2.2 is 2.999…
    return math.ceil(width / (whole * WIDE))


def lines(text: str, column: float, size: float = BODY) -> int:
    """The lines ``text`` in ``size`` points takes in a column ``column`` wide, each of its own
    lines wrapped."""
    column = CELL_PADDING + (column - CELL_PADDING) * BODY / size  # in the text's own units
    return sum(wrapped(width, column) for width in text_widths(text.split("\n")))


def row_height(count: int, size: float = BODY) -> float:
    """Points for a row of ``count`` lines of ``size`` points."""
    return count * LINE * size / BODY + ROW_PADDING


def column_width(header: str, taken: Sequence[float], most: float) -> float:
    """A column as wide as its widest text (``taken``), at least its header's in two lines and
    at most ``most`` (its texts wrap past it; a date or a number must not: give it no limit)."""
    least = text_width(header[:max(2, math.ceil(len(header) / 2))])
    return round(max(least, min(max(taken, default=0.0), most)) + CELL_PADDING, 1)


def print_one_page_wide(sheet, paper: int, header_row: int) -> None:
    """Landscape on ``paper``, one page wide and as many high as the rows take, the header row
    on every page and the page's number at its foot.  Set before the rows: a write-only sheet
    writes the fit-to-page flag with its first row."""
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = paper
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.page_margins = PageMargins(left=0.4, right=0.4, top=0.6, bottom=0.6, header=0.3,
                                     footer=0.3)
    sheet.print_options.horizontalCentered = True
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.oddFooter.center.text = "第 &P 页 共 &N 页"
