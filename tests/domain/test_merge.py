"""One field changed at several sites: the same set of changes gives the same value and the same
conflict everywhere, whatever order the packages arrived in (SYNC.md promises 1, 3, 4, 8)."""
from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain.clock import Stamp
from desktop.domain.merge import DELETED, FieldChange, settle, state, too_far_ahead

OFFICE, UNIT, LAPTOP = "a" * 32, "b" * 32, "c" * 32


def stamp(wall: int, site: str, counter: int = 0) -> str:
    return Stamp(wall, counter, site).encode()


def test_edits_made_one_on_top_of_another_are_no_conflict():
    first = FieldChange(stamp(1, OFFICE), "县教育局")
    second = FieldChange(stamp(2, UNIT), "县教育和体育局", (first.stamp,))
    assert state([first, second]) == state([second, first])
    assert state([first, second]).value == "县教育和体育局"
    assert not state([first, second]).in_conflict


def test_the_same_field_changed_on_two_sites_keeps_both_and_shows_the_later_stamp():
    first = FieldChange(stamp(1, OFFICE), "A")
    office = FieldChange(stamp(5, OFFICE), "B", (first.stamp,))
    unit = FieldChange(stamp(4, UNIT), "C", (first.stamp,))
    seen = state([first, office, unit])
    assert seen.in_conflict and seen.value == "B"
    assert [c.value for c in seen.conflict] == ["B", "C"]


def test_the_same_value_typed_on_two_sites_is_no_conflict():
    first = FieldChange(stamp(1, OFFICE), "A")
    both = [FieldChange(stamp(3, site), "A类", (first.stamp,)) for site in (OFFICE, UNIT)]
    assert not state([first, *both]).in_conflict


def test_an_edit_against_a_deletion_is_a_conflict_not_a_resurrection():
    made = FieldChange(stamp(1, OFFICE), "关于停车的提案")
    deleted = FieldChange(stamp(3, OFFICE), DELETED, (made.stamp,))
    edited = FieldChange(stamp(2, UNIT), "关于城区停车的提案", (made.stamp,))
    seen = state([made, deleted, edited])
    assert seen.in_conflict and seen.value == DELETED
    assert {c.value for c in seen.conflict if c.value != DELETED} == {"关于城区停车的提案"}


def test_a_persons_choice_settles_the_conflict_everywhere_it_arrives():
    first = FieldChange(stamp(1, OFFICE), "A")
    office = FieldChange(stamp(5, OFFICE), "B", (first.stamp,))
    unit = FieldChange(stamp(4, UNIT), "C", (first.stamp,))
    choice = settle(state([first, office, unit]), "C", stamp(6, OFFICE))
    settled = state([unit, choice, first, office])
    assert settled.value == "C" and not settled.in_conflict


def test_a_stamp_a_year_ahead_is_held_back():
    now = 1_700_000_000_000
    assert too_far_ahead(stamp(now + 365 * 24 * 3600 * 1000, LAPTOP), now)
    assert not too_far_ahead(stamp(now + 60_000, LAPTOP), now)


@st.composite
def histories(draw):
    """Three sites editing one field, each on top of what it shows, exchanging now and then."""
    rng = random.Random(draw(st.integers(0, 10**6)))
    sites = {OFFICE: set(), UNIT: set(), LAPTOP: set()}
    every = []
    for step in range(draw(st.integers(1, 25))):
        site = rng.choice(list(sites))
        if rng.random() < 0.3:  # a package arrives from another site
            other = rng.choice([s for s in sites if s != site])
            sites[site] |= sites[other]
            continue
        shown = state(sites[site])
        if shown is None:
            bases = ()
        elif shown.in_conflict and rng.random() < 0.5:
            # a stamp no other change has (the counter is the step), as a site's clock gives
            change = settle(shown, rng.choice(["甲", "乙"]), stamp(rng.randrange(50), site, step))
            sites[site].add(change)
            every.append(change)
            continue
        else:
            bases = (shown.stamp,)
        value = rng.choice(["甲", "乙", "丙", DELETED])
        change = FieldChange(stamp(rng.randrange(50), site, step), value, bases)
        sites[site].add(change)
        every.append(change)
    return every


@settings(max_examples=100, deadline=None)
@given(histories(), st.randoms())
def test_every_order_of_arrival_gives_the_same_value_and_conflict(changes, rng):
    expected = state(changes)
    for _ in range(5):
        shuffled = list(changes)
        rng.shuffle(shuffled)
        assert state(shuffled) == expected
        assert state(shuffled) is None or state(shuffled).value == expected.value


@settings(max_examples=100, deadline=None)
@given(histories())
def test_no_concurrent_value_is_lost(changes):
    """Every value nothing was made on top of is shown, or kept in the conflict."""
    shown = state(changes)
    if not changes:
        assert shown is None
        return
    replaced = {base for c in changes for base in c.bases}
    open_values = {str(c.value) for c in changes if c.stamp not in replaced}
    kept = {str(c.value) for c in shown.conflict} if shown.in_conflict else {str(shown.value)}
    assert open_values == kept
