"""How one field's changes from several sites become one value, or a conflict a person settles.

Every change names the change(s) it was made on top of (``bases``: the value the writing site
showed when its clerk changed it).  A field's changes form a small graph; its *heads* are the
changes nothing was made on top of.  One head: that is the value.  Several heads with the same
value: no conflict.  Several with different values: a conflict (both kept), and until a person
settles it every site shows the same provisional winner, the head with the highest clock stamp
(the stamp orders by clock, then counter, then site id, so no two are equal).  The outcome
depends only on the set of changes a site has, never on the order they arrived in: that is why
every site that has received the same packages shows the same data and the same conflicts.

A person's choice is a change made on top of every head it settles, so it travels like any
edit.  A deletion is a change whose value is ``DELETED``: an edit made concurrently with it is a
conflict, never a silent resurrection or loss.  Stamps too far ahead of this PC's clock are not
taken (``too_far_ahead``): a laptop whose clock runs a year fast cannot win every conflict.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field

from .clock import Stamp

DELETED = {"deleted": True}  # the value of a deletion (a JSON object no field holds)
AHEAD_LIMIT_MS = 24 * 3600 * 1000  # a day: clocks of office PCs drift minutes, not days


@dataclass(frozen=True)
class FieldChange:
    stamp: str  # Stamp.encode(): unique to this change, so it alone says which change it is
    value: object = field(compare=False)
    bases: tuple[str, ...] = ()  # the stamps of the changes it replaced; () for a first value


@dataclass(frozen=True)
class FieldState:
    value: object
    stamp: str  # the change whose value is shown
    conflict: tuple[FieldChange, ...] = ()  # the heads, highest stamp first, when they differ

    @property
    def in_conflict(self) -> bool:
        return bool(self.conflict)


def heads(changes: Iterable[FieldChange]) -> list[FieldChange]:
    """The changes nothing known was made on top of, highest stamp first."""
    known = {c.stamp: c for c in changes}
    replaced = {base for c in known.values() for base in c.bases}
    return sorted((c for s, c in known.items() if s not in replaced),
                  key=lambda c: Stamp.decode(c.stamp), reverse=True)


def state(changes: Iterable[FieldChange]) -> FieldState | None:
    """The field as every site with these changes shows it (None: no change known)."""
    changes = list(changes)
    if len(changes) == 1:  # most fields of most rows: written once
        return FieldState(changes[0].value, changes[0].stamp)
    tops = heads(changes)
    if not tops:
        return None
    winner = tops[0]
    values = {_key(c.value) for c in tops}
    return FieldState(winner.value, winner.stamp, tuple(tops) if len(values) > 1 else ())


def settle(current: FieldState, chosen: object, stamp: str) -> FieldChange:
    """A person's choice (本机, 对方, or a value typed): made on top of every head it settles."""
    bases = tuple(c.stamp for c in current.conflict) or (current.stamp,)
    return FieldChange(stamp, chosen, bases)


def too_far_ahead(stamp: str, now_ms: int, limit_ms: int = AHEAD_LIMIT_MS) -> bool:
    """A change stamped beyond this PC's clock plus ``limit_ms``: held for review, not applied."""
    return Stamp.decode(stamp).wall_ms > now_ms + limit_ms


def _key(value: object) -> object:
    """Values compared as they travel (JSON): a list and a tuple are one value."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False)
