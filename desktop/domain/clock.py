"""Hybrid logical clock (docs/sync.md): orders writes without trusting wall clocks alone."""
from __future__ import annotations

import os
import time
from dataclasses import dataclass

_WALL_DIGITS = 13
_COUNTER_DIGITS = 9  # a billion writes within one millisecond of clock time


@dataclass(frozen=True, order=True)
class Stamp:
    wall_ms: int
    counter: int
    site: str

    def encode(self) -> str:
        """A string whose sort order is the clock's order (wall, counter, site)."""
        if self.counter >= 10**_COUNTER_DIGITS:
            raise OverflowError("clock counter")
        return f"{self.wall_ms:0{_WALL_DIGITS}d}.{self.counter:0{_COUNTER_DIGITS}d}.{self.site}"

    @classmethod
    def decode(cls, text: str) -> Stamp:
        wall, counter, site = text.split(".", 2)
        return cls(int(wall), int(counter), site)


class Clock:
    """One site's clock; ``tick`` for a local write, ``observe`` for a stamp read from a package."""

    def __init__(self, site: str, wall_ms: int = 0, counter: int = 0) -> None:
        self.site = site
        self.wall_ms = wall_ms
        self.counter = counter

    def tick(self, now_ms: int | None = None) -> Stamp:
        now = wall_now_ms() if now_ms is None else now_ms
        if now > self.wall_ms:
            self.wall_ms, self.counter = now, 0
        else:
            self.counter += 1
        return Stamp(self.wall_ms, self.counter, self.site)

    def observe(self, seen: Stamp, now_ms: int | None = None) -> Stamp:
        now = wall_now_ms() if now_ms is None else now_ms
        wall = max(self.wall_ms, seen.wall_ms, now)
        if wall == self.wall_ms == seen.wall_ms:
            counter = max(self.counter, seen.counter) + 1
        elif wall == self.wall_ms:
            counter = self.counter + 1
        elif wall == seen.wall_ms:
            counter = seen.counter + 1
        else:
            counter = 0
        self.wall_ms, self.counter = wall, counter
        return Stamp(wall, counter, self.site)


def wall_now_ms() -> int:
    return time.time_ns() // 1_000_000


def new_id() -> str:
    """A UUID version 7 as 32 hex digits: unique across sites, and time-ordered for the indexes."""
    ms = wall_now_ms() & ((1 << 48) - 1)
    rand = int.from_bytes(os.urandom(10), "big")
    value = (ms << 80) | (0x7 << 76) | ((rand >> 68) & 0xFFF) << 64
    value |= (0b10 << 62) | (rand & ((1 << 62) - 1))
    return f"{value:032x}"
