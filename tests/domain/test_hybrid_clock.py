"""The hybrid logical clock that orders writes across laptops whose clocks disagree (docs/sync.md)."""
from __future__ import annotations

import uuid

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.domain import clock as clock_module
from desktop.domain.clock import Clock, Stamp, new_id


def test_clock_orders_stamps_even_when_wall_clock_goes_back():
    clock = Clock("office")
    stamps = [clock.tick(now) for now in (1000, 1000, 999, 500, 1000, 1001)]
    assert [(s.wall_ms, s.counter) for s in stamps] == [
        (1000, 0), (1000, 1), (1000, 2), (1000, 3), (1000, 4), (1001, 0),
    ]
    encoded = [s.encode() for s in stamps]
    assert encoded == sorted(encoded)
    assert len(set(encoded)) == len(encoded)


def test_observed_future_stamp_advances_clock():
    clock = Clock("office")
    clock.tick(1000)
    seen = Stamp(5000, 3, "laptop")
    after = clock.observe(seen, now_ms=1001)
    assert (after.wall_ms, after.counter, after.site) == (5000, 4, "office")
    assert after > seen and after.encode() > seen.encode()
    later = clock.tick(1002)  # the wall clock is still behind the laptop's
    assert (later.wall_ms, later.counter) == (5000, 5)


def test_observed_past_stamp_keeps_local_time():
    clock = Clock("office")
    clock.tick(9000)
    after = clock.observe(Stamp(100, 50, "laptop"), now_ms=9000)
    assert (after.wall_ms, after.counter) == (9000, 1)


def test_observing_when_all_agree_takes_the_larger_counter():
    clock = Clock("office", wall_ms=7000, counter=2)
    after = clock.observe(Stamp(7000, 9, "laptop"), now_ms=7000)
    assert (after.wall_ms, after.counter) == (7000, 10)


def test_observing_when_wall_clock_is_ahead_resets_the_counter():
    clock = Clock("office", wall_ms=7000, counter=2)
    after = clock.observe(Stamp(7000, 9, "laptop"), now_ms=8000)
    assert (after.wall_ms, after.counter) == (8000, 0)


def test_stamp_text_round_trips_even_with_dots_in_the_site():
    stamp = Stamp(1_700_000_000_123, 42, "site.a")
    text = stamp.encode()
    assert text.startswith("1700000000123.") and text.endswith(".site.a")
    assert Stamp.decode(text) == stamp


walls = st.integers(0, 10**13 - 1)
events = st.lists(
    st.one_of(
        st.tuples(st.just("tick"), walls),
        st.tuples(st.just("observe"), st.builds(Stamp, walls, st.integers(0, 1000),
                                                 st.sampled_from(["a", "b", "z"])), walls),
    ),
    max_size=60,
)


@given(events)
def test_every_stamp_is_later_than_all_the_clock_has_made_or_seen(steps):
    clock = Clock("m")
    latest: Stamp | None = None
    for step in steps:
        if step[0] == "tick":
            made = clock.tick(step[1])
        else:
            made = clock.observe(step[1], now_ms=step[2])
            assert made > step[1]
        if latest is not None:
            assert made > latest
            assert made.encode() > latest.encode()
        latest = made
        assert Stamp.decode(made.encode()) == made


counters = st.integers(0, 10**9 - 1)


@given(st.builds(Stamp, walls, counters, st.sampled_from(["a", "b", "ab"])),
       st.builds(Stamp, walls, counters, st.sampled_from(["a", "b", "ab"])))
def test_stamp_text_sorts_like_the_stamp(one, other):
    assert (one < other) == (one.encode() < other.encode())


def test_stamp_text_sorts_like_the_stamp_past_a_million_writes_in_one_millisecond():
    """A site that saw a stamp from a clock set far ahead keeps counting until it catches up."""
    before, after = Stamp(5000, 999_999, "a"), Stamp(5000, 1_000_000, "a")
    assert before.encode() < after.encode()
    assert Stamp.decode(after.encode()) == after


def test_stamp_counter_beyond_the_text_width_is_refused_not_misordered():
    with pytest.raises(OverflowError):
        Stamp(5000, 10**9, "a").encode()
    assert Stamp(5000, 10**9 - 1, "a").encode() < Stamp(5001, 0, "a").encode()


def test_new_ids_unique_and_time_ordered_across_ms(monkeypatch):
    now = iter(range(1_700_000_000_000, 1_700_000_000_000 + 2000))
    current = {"ms": 0}

    def fake_now() -> int:
        return current["ms"]

    monkeypatch.setattr(clock_module, "wall_now_ms", fake_now)
    ids = []
    for _ in range(2000):
        current["ms"] = next(now)
        ids.append(new_id())
    assert ids == sorted(ids), "ids of later milliseconds sort later"
    assert len(set(ids)) == len(ids)
    for index, value in enumerate(ids[:50]):
        assert int(value[:12], 16) == 1_700_000_000_000 + index


def test_new_ids_of_the_same_millisecond_differ(monkeypatch):
    monkeypatch.setattr(clock_module, "wall_now_ms", lambda: 1_700_000_000_000)
    ids = {new_id() for _ in range(10_000)}
    assert len(ids) == 10_000


def test_new_id_is_a_uuid7_in_32_hex_digits():
    value = new_id()
    assert len(value) == 32 and value == value.lower()
    parsed = uuid.UUID(hex=value)
    assert parsed.version == 7
    assert parsed.variant == uuid.RFC_4122
    assert parsed.hex == value
