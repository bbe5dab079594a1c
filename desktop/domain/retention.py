"""Which automatic backups to keep: every one of the last day (each import's copy from before
it), the newest of each of the last 7 days that have one, and of each of the last 4 weeks that
have one (a week a clerk was away still leaves one behind)."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

DAILY, WEEKLY = 7, 4
RECENT = timedelta(days=1)


def _newest_per(stamps: list[datetime], key, count: int) -> set[datetime]:
    kept: dict[object, datetime] = {}
    for stamp in sorted(stamps, reverse=True):
        period = key(stamp)
        if period not in kept:
            if len(kept) == count:
                break
            kept[period] = stamp
    return set(kept.values())


def to_keep(stamps: Iterable[datetime], daily: int = DAILY, weekly: int = WEEKLY,
            recent: timedelta = RECENT) -> set[datetime]:
    stamps = list(stamps)
    if not stamps:
        return set()
    newest = max(stamps)
    return ({s for s in stamps if newest - s < recent}
            | _newest_per(stamps, lambda s: s.date(), daily)
            | _newest_per(stamps, lambda s: s.isocalendar()[:2], weekly))
