"""A 台账 workbook from outside, read once through the gate: a sealed 答复台账 come back from a
unit, or one of the office's own ledgers, told apart by the very hidden sheet."""
from __future__ import annotations

import csv
import io
from pathlib import Path

from desktop.domain.enums import UnitSystem
from desktop.domain.errors import InvalidInput
from desktop.gate import ArchiveLimits, SheetLimits, read_first_sheet, read_sheets
from desktop.gate.text import clean
from desktop.gate.archive import MB
from desktop.gate.workbook import Progress, Sheet
from desktop.sync.returned_ledger import meta_of
from desktop.wording.labels import label, parse

# a county's ledgers of fifteen years (some 1,500 assignments a year) fit in 30,000 rows; a
# sheet of a million is refused within the seconds below, never read whole, and a refusal stays
# under 10 s even on a busy PC
LEDGER_LIMITS = SheetLimits(
    archive=ArchiveLimits(file_bytes=30 * MB, entries=2_000, unpacked_bytes=160 * MB,
                          entry_bytes=64 * MB, ratio=100),
    rows=30_000, columns=60, cell_chars=5_000, seconds=5.0)


def read_ledger(path: Path, progress: Progress | None = None) -> tuple[list[Sheet], bool]:
    """The workbook's sheets, and whether it is a sealed 答复台账 of this program."""
    sheets = read_sheets(Path(path), LEDGER_LIMITS, progress)
    return sheets, meta_of(sheets) is not None


UNIT_LIST_LIMITS = SheetLimits(
    archive=ArchiveLimits(file_bytes=5 * MB, entries=500, unpacked_bytes=40 * MB,
                          entry_bytes=16 * MB, ratio=100),
    rows=5_000, columns=10, cell_chars=200, seconds=5.0)


def read_unit_list(path: Path) -> dict[str, UnitSystem]:
    """A list of units with their system (name, then system: 政府系统 …), from .csv or .xlsx;
    a line whose system is not one of the office's is refused by its line number."""
    path = Path(path)
    if path.suffix.lower() == ".csv":
        data = _small_text(path)
        rows = list(enumerate(csv.reader(io.StringIO(data)), start=1))
    else:
        rows = read_first_sheet(path, UNIT_LIST_LIMITS).rows
    systems: dict[str, UnitSystem] = {}
    for number, values in rows:
        name = clean(values[0]) if values else ""
        system = clean(values[1]) if len(values) > 1 else ""
        if not name or name in ("单位", "单位名称", "名称", "承办单位"):
            continue
        try:
            systems[name] = parse(UnitSystem, system)
        except ValueError:
            raise InvalidInput("unit_list_system", path=path.name, row=number, system=system,
                               systems="、".join(label(s) for s in UnitSystem)) from None
    return systems


def _small_text(path: Path) -> str:
    limit = UNIT_LIST_LIMITS.archive.file_bytes
    try:
        if path.stat().st_size > limit:
            raise InvalidInput("file_too_big", path=path.name, what="单位名单", limit="5 MB")
        data = path.read_bytes()
    except FileNotFoundError:
        raise InvalidInput("file_missing", path=str(path)) from None
    except OSError:
        raise InvalidInput("file_unreadable", path=path.name) from None
    for encoding in ("utf-8-sig", "gb18030"):  # Excel in China saves CSV as GBK
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InvalidInput("file_unreadable", path=path.name)
