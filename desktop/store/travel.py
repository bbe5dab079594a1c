"""A change as it travels between sites, read from a package or from this site's log, and
what taking a package's changes did."""
from __future__ import annotations

import json
from dataclasses import dataclass, field

from desktop.domain import exchange as rules
from desktop.domain.clock import Stamp
from desktop.domain.errors import InvalidInput

from .models import Base, Change

_ID = frozenset("0123456789abcdef")


@dataclass(frozen=True)
class Travelling:
    """One change as a package carries it."""
    op: str
    site: str
    stamp: str
    table: str
    row: str
    field: str
    value: object
    bases: tuple[str, ...]
    seq: int = field(default=0, compare=False)  # its place in the sending site's log

    def as_line(self) -> dict:
        return {"op": self.op, "site": self.site, "stamp": self.stamp, "table": self.table,
                "row": self.row, "field": self.field, "value": self.value,
                "bases": list(self.bases)}


def from_line(line: dict, number: int) -> Travelling:
    """A change read from a package, its shape checked (a signed package can still be wrong)."""
    try:
        change = Travelling(line["op"], line["site"], line["stamp"], line["table"], line["row"],
                            line["field"], line.get("value"), tuple(line.get("bases") or ()))
        Stamp.decode(change.stamp)
        for stamp in change.bases:
            Stamp.decode(stamp)
    except (KeyError, TypeError, ValueError):
        raise InvalidInput("package_bad_change", line=number) from None
    ok = (_is_id(change.op) and _is_id(change.site) and _is_id(change.row)
          and change.table in COLUMNS and isinstance(change.field, str)
          and (change.field in (rules.ROW, rules.GONE) or change.field in COLUMNS[change.table])
          and (change.field != rules.ROW or isinstance(change.value, dict)))
    if not ok:
        raise InvalidInput("package_bad_change", line=number)
    return change


def from_log(row: Change) -> Travelling:
    return Travelling(row.op_id, row.site_id, row.stamp, row.table_name, row.row_id, row.field,
                      None if row.value is None else json.loads(row.value),
                      tuple((row.bases or "").split()), row.seq)


def _is_id(value: object) -> bool:
    return isinstance(value, str) and len(value) == 32 and set(value) <= _ID


def _columns_of(table_name: str) -> dict:
    table = Base.metadata.tables[table_name]
    return {c.name: c for c in table.columns if not c.info.get("derived")}


COLUMNS = {name: _columns_of(name) for name in rules.TABLE_ORDER}


@dataclass(frozen=True)
class SenderSite:
    site_id: str
    kind: str
    unit_id: str | None


@dataclass
class Outcome:
    """What taking a package's changes did (or, rolled back, would do)."""
    known: int = 0  # changes this site already had
    taken: list[Travelling] = field(default_factory=list)
    held: list[Travelling] = field(default_factory=list)
    refused: list[tuple[Travelling, str]] = field(default_factory=list)
    inserted: set[tuple[str, str]] = field(default_factory=set)
    updated: set[tuple[str, str]] = field(default_factory=set)
    deleted: set[tuple[str, str]] = field(default_factory=set)
    conflicts: list[tuple[str, str, str, str]] = field(default_factory=list)  # opened
    rows_before: dict[str, int] = field(default_factory=dict)  # of tables rows were deleted from


def chunks(ids: list, size: int = 500):
    for start in range(0, len(ids), size):
        yield ids[start:start + size]
