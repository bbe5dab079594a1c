"""Which automatic backups stay: 7 daily, 4 weekly."""
from __future__ import annotations

from datetime import datetime, timedelta

from desktop.domain.retention import to_keep


def test_a_month_of_starts_keeps_the_last_seven_days_and_four_weeks():
    starts = [datetime(2026, 11, 30, 8, 0) - timedelta(days=d, hours=h)
              for d in range(40) for h in (0, 5)]  # two starts a day
    kept = to_keep(starts)
    days = sorted({s.date() for s in kept}, reverse=True)
    older = [s for s in kept if max(starts) - s >= timedelta(days=1)]
    assert all(sum(1 for t in older if t.date() == s.date()) == 1 for s in older)  # one a day
    newest_days = {(datetime(2026, 11, 30) - timedelta(days=d)).date() for d in range(7)}
    assert newest_days <= set(days)
    by_week: dict = {}
    for s in starts:
        by_week.setdefault(s.isocalendar()[:2], []).append(s)
    last_weeks = sorted(by_week)[-4:]
    assert {max(by_week[w]) for w in last_weeks} <= kept  # the newest of each of four weeks
    assert {s.isocalendar()[:2] for s in kept} == set(last_weeks)  # and nothing older
    assert len(kept) <= 2 + 7 + 4


def test_a_clerk_away_for_weeks_still_has_four_weeks_of_backups():
    starts = [datetime(2026, 9, 1) + timedelta(weeks=w) for w in range(10)]  # one start a week
    kept = to_keep(starts)
    assert kept == set(starts[-7:])  # seven days with a backup, the last four weeks among them


def test_nothing_to_keep_from_nothing():
    assert to_keep([]) == set()


def test_every_copy_of_the_last_day_stays_so_each_import_can_be_undone():
    day = [datetime(2026, 11, 30, h) for h in (8, 10, 14, 16)]  # a start and three imports
    assert to_keep(day + [datetime(2026, 11, 20, 8)]) == set(day) | {datetime(2026, 11, 20, 8)}
