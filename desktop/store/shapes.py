"""Values of the wrong shape: what SQLite's integrity check cannot see.

A flipped byte inside a record leaves the file's structure whole: SQLite calls it sound, and the
first read of the value fails instead (bytes that are not UTF-8 end the program's reading with
"Could not decode to UTF-8"; a state that is no state, a date that is no date, an id of the wrong
length).  Every column of every table is checked here against the shape its type promises, in one
SQL pass per table, so ``tian check`` reports the damage instead of tripping over it.  A changed
character that is still valid text cannot be told from an edit, and is not claimed."""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Boolean, Date, DateTime, Enum, Integer, String, Text

from .models import Base

EXAMPLES = 3  # row numbers named per damaged column
ID_LENGTH = 32


@dataclass(frozen=True)
class Misshapen:
    table: str
    column: str
    what: str  # 不是有效的文字 / 不是有效的日期 …
    rows: int
    examples: tuple[int, ...]  # rowids


def _utf8(value: bytes | None) -> int:
    if value is None:
        return 1
    try:
        value.decode("utf-8")
    except UnicodeDecodeError:
        return 0
    return 1


def _condition(column) -> tuple[str, str] | None:
    """(SQL true for a misshapen value, what it is not) for the column's type."""
    name, kind = f'"{column.name}"', column.type
    if isinstance(kind, Enum):
        values = ", ".join("'" + v.replace("'", "''") + "'" for v in kind.enums)
        return f"{name} NOT IN ({values})", "不是程序认得的取值"
    if isinstance(kind, DateTime):
        return f"(typeof({name}) != 'text' OR datetime({name}) IS NULL)", "不是有效的时间"
    if isinstance(kind, Date):
        return f"(typeof({name}) != 'text' OR date({name}) IS NOT {name})", "不是有效的日期"
    if isinstance(kind, Boolean):
        return f"{name} NOT IN (0, 1)", "不是“是/否”"
    if isinstance(kind, Integer):
        return f"typeof({name}) != 'integer'", "不是整数"
    if isinstance(kind, (String, Text)):
        checks = [f"utf8ok(CAST({name} AS BLOB)) = 0"]
        if kind.length == ID_LENGTH:  # the records' ids (new_id): 32 hexadecimal digits
            checks.append(f"(length({name}) != 32 OR {name} GLOB '*[^0-9a-f]*')")
        return f"({' OR '.join(checks)})", "不是有效的文字或编号"
    return None


def misshapen(connection: sqlite3.Connection) -> list[Misshapen]:
    """Every column whose stored values do not have their type's shape (empty: none)."""
    connection.create_function("utf8ok", 1, _utf8, deterministic=True)
    present = {name for name, in connection.execute("SELECT name FROM sqlite_master")}
    found = []
    for table in Base.metadata.sorted_tables:
        if table.name not in present:
            continue
        for column in table.columns:
            condition = _condition(column)
            if condition is None:
                continue
            test, what = condition
            rows = [rowid for rowid, in connection.execute(
                f'SELECT rowid FROM "{table.name}" WHERE "{column.name}" IS NOT NULL AND {test}')]
            if rows:
                found.append(Misshapen(table.name, column.name, what, len(rows),
                                       tuple(rows[:EXAMPLES])))
    return found


def misshapen_in(path: Path) -> list[Misshapen]:
    """The same, of a database file opened read-only."""
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return misshapen(connection)
    finally:
        connection.close()
