"""How much room a text takes in a worksheet, measured before it is written.

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

# a Chinese character in column-width units (a digit of the default font, Calibri 11 pt: 7 px):
# 宋体 or 等线 at 11 pt in Excel is 15 px, Noto Sans CJK in LibreOffice narrower
WIDE = 2.2
CELL_PADDING = 1.0  # the cell's own margins, in the same units
LINE = 16.0  # points a line of 11 pt text takes: Noto Sans CJK's leading (Excel's Calibri: 15)
ROW_PADDING = 2.0


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


def lines(text: str, column: float) -> int:
    """The lines ``text`` takes in a column ``column`` wide, each of its own lines wrapped."""
    return sum(wrapped(width, column) for width in text_widths(text.split("\n")))


def row_height(count: int) -> float:
    """Points for a row of ``count`` lines."""
    return count * LINE + ROW_PADDING
