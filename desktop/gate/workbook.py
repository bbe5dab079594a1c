"""A workbook from outside read row by row, its shape bounded as it is read.

openpyxl pads every row to the sheet's declared dimension and every gap between row numbers with
empty rows; a 5 KB file declaring ``A1:XFD1048576`` took 113 s and 12 GB.  Here the columns read
are capped whatever the file declares, rows with content are counted against a limit, cell text
against another, and the clock against a third; each refusal names its limit."""
from __future__ import annotations

import io
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from desktop.domain.errors import DomainError, InvalidInput

from .archive import ArchiveLimits, admit_archive, require_safe_xml

_MACRO_SUFFIXES = (".xlsm", ".xltm", ".xlsb", ".xlam")
_MACRO_PARTS = ("xl/vbaproject.bin", "macroenabled")
_CHECK_EVERY = 256  # rows between looks at the clock
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class SheetLimits:
    archive: ArchiveLimits
    rows: int  # rows holding anything, the header included
    columns: int
    cell_chars: int
    seconds: float


@dataclass(frozen=True)
class Sheet:
    title: str
    rows: list[tuple[int, tuple]]  # (the row number Excel shows, its values) for rows with content
    state: str = "visible"  # hidden, or veryHidden (only a program can show it)


class _Budget:
    """The limits shared by every sheet of one workbook: a workbook of many sheets is bounded as
    a whole, not sheet by sheet."""

    def __init__(self, path: Path, limits: SheetLimits):
        self.path, self.limits = path, limits
        self.deadline = time.monotonic() + limits.seconds
        self.kept = 0


def column_name(index: int) -> str:
    """0 → A, 26 → AA: the letters a clerk finds in Excel."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


def _plain_workbook_only(path: Path, entries: list) -> None:
    names = [entry.filename.lower() for entry in entries]
    if path.suffix.lower() in _MACRO_SUFFIXES or any(
            part in name for name in names for part in _MACRO_PARTS):
        raise InvalidInput("workbook_macros", path=path.name)
    if "xl/workbook.xml" not in names:
        raise InvalidInput("workbook_not_excel", path=path.name)


def _bounded_rows(sheet, budget: _Budget,
                  progress: Progress | None) -> Iterator[tuple[int, tuple]]:
    path, limits, title = budget.path, budget.limits, sheet.title
    blank = None
    for number, values in enumerate(
            sheet.iter_rows(max_col=limits.columns + 1, values_only=True), start=1):
        if number % _CHECK_EVERY == 0:
            if time.monotonic() > budget.deadline:
                raise InvalidInput("workbook_too_slow", path=path.name,
                                   seconds=int(limits.seconds))
            if progress is not None:
                progress(number, 0)  # how far, not how far to go: the sheet's end is unknown
        if values is blank:  # openpyxl's filler for a gap in the row numbers: the same tuple
            continue
        if not any(value is not None and value != "" for value in values):
            blank = values
            continue
        budget.kept += 1
        if budget.kept > limits.rows:
            raise InvalidInput("workbook_too_many_rows", path=path.name, sheet=title,
                               limit=limits.rows)
        if len(values) > limits.columns and values[limits.columns] not in (None, ""):
            raise InvalidInput("workbook_too_many_columns", path=path.name, sheet=title,
                               limit=limits.columns, column=column_name(limits.columns))
        for index, value in enumerate(values):
            if isinstance(value, str) and len(value) > limits.cell_chars:
                raise InvalidInput("workbook_cell_too_long", path=path.name, sheet=title,
                                   row=number, column=column_name(index), limit=limits.cell_chars)
        yield number, tuple(values[:limits.columns])


def read_first_sheet(path: Path, limits: SheetLimits, progress: Progress | None = None) -> Sheet:
    """The first worksheet's rows with content, or one sentence saying why not.

    ``progress(rows_read, 0)`` is called as it reads (and may raise to stop it)."""
    return read_sheets(path, limits, progress, first_only=True)[0]


def read_sheets(path: Path, limits: SheetLimits, progress: Progress | None = None,
                first_only: bool = False) -> list[Sheet]:
    """Every worksheet's rows with content, hidden ones included (a ledger's very hidden sheet
    names its export), the limits holding for the workbook as a whole."""
    from openpyxl import load_workbook  # loaded when a workbook is opened, not at start-up

    path = Path(path)
    if path.suffix.lower() == ".xls":
        raise InvalidInput("workbook_old_excel", path=path.name)
    require_safe_xml()
    archive = admit_archive(path, limits.archive, "Excel 工作簿")
    _plain_workbook_only(path, archive.entries)
    try:
        book = load_workbook(io.BytesIO(archive.data), read_only=True, data_only=True)
    except DomainError:
        raise
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds for a damaged workbook
        raise InvalidInput("workbook_damaged", path=path.name) from None
    try:
        if not book.worksheets:
            raise InvalidInput("workbook_no_sheet", path=path.name)
        budget = _Budget(path, limits)
        sheets = book.worksheets[:1] if first_only else book.worksheets
        return [Sheet(sheet.title, list(_bounded_rows(sheet, budget, progress)),
                      getattr(sheet, "sheet_state", "visible") or "visible") for sheet in sheets]
    except DomainError:
        raise
    except Exception:  # noqa: BLE001 - damaged XML inside, or XML defusedxml refused
        raise InvalidInput("workbook_damaged", path=path.name) from None
    finally:
        book.close()
