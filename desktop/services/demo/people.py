"""The people who answer for each demo unit: the same head, deputy and clerks all year, as in a
county, so that a unit's letters are signed and given a contact the way a real unit's are."""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from desktop.store.models import Unit


@dataclass(frozen=True)
class Staff:
    unit: str  # 县教育局
    me: str  # how the unit speaks of itself in its letters: 我局, 我院, 团县委
    head_title: str
    head: str
    deputy_title: str
    deputy: str
    clerks: tuple[str, str]  # the usual contact first, the one who stands in for them second
    phones: tuple[str, str]  # each clerk's number: the unit's office line, or their mobile
    away: int  # the month the usual contact is away and the other one answers

    def clerk(self, on: date) -> tuple[str, str]:
        """Who answers for the unit that day, and at which number."""
        which = 1 if on.month == self.away else 0
        return self.clerks[which], self.phones[which]


def person_name(rng: random.Random, text: dict) -> str:
    surnames = text["surnames"].replace("欧阳", "")
    surname = "欧阳" if rng.random() < 0.01 else rng.choice(surnames)
    return surname + "".join(rng.choice(text["given"]) for _ in range(rng.choice((1, 2, 2))))


def staff_of(units: list[Unit], text: dict, seed: int) -> dict[str, Staff]:
    """Each unit's people from a stream of its own (seed and short name), so that adding a unit
    leaves the others' people as they were; the county's area code and exchange are shared."""
    county = random.Random(f"{seed}-county")
    area = county.choice(text["staff"]["area_codes"])
    exchange = county.randrange(22, 89)
    return {u.id: _staff(u, text, random.Random(f"{seed}-staff-{u.short_name}"), area, exchange)
            for u in units}


def _staff(unit: Unit, text: dict, rng: random.Random, area: str, exchange: int) -> Staff:
    _, head_title, deputy_title, me = next(
        (row for row in text["staff"]["heads"] if unit.name.endswith(row[0])),
        ["", *text["staff"]["other"]])
    office_line = f"{area}-{exchange}{rng.randrange(10**4, 10**5)}"
    clerks = (person_name(rng, text), person_name(rng, text))
    by_mobile = rng.random() < 0.4  # some units give the clerk's mobile, not the office line
    phones = tuple(f"1{rng.choice('3589')}{rng.randrange(10**8, 10**9)}" if by_mobile
                   else office_line for _ in clerks)
    return Staff(unit=unit.name, me=me, head_title=head_title, head=person_name(rng, text),
                 deputy_title=deputy_title, deputy=person_name(rng, text), clerks=clerks,
                 phones=phones, away=rng.randint(1, 12))
