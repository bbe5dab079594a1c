"""办理时限: 3 months from assignment, extensions within a maximum, the adjustment window."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.domain.deadlines import DeadlineRules, add_months, days_left, is_overdue
from desktop.domain.enums import Kind
from desktop.domain.errors import InvalidInput, NotAllowed

RULES = DeadlineRules()


def test_deadline_three_months_clamped_to_month_end():
    assert RULES.due_on(date(2023, 1, 31), Kind.SESSION) == date(2023, 4, 30)
    assert RULES.due_on(date(2023, 11, 30), Kind.SESSION) == date(2024, 2, 29)
    assert RULES.due_on(date(2022, 11, 30), Kind.INTERIM) == date(2023, 2, 28)
    assert RULES.due_on(date(2023, 3, 1), Kind.SESSION) == date(2023, 6, 1)


def test_months_cross_the_year_both_ways():
    assert add_months(date(2023, 12, 15), 1) == date(2024, 1, 15)
    assert add_months(date(2024, 1, 15), -1) == date(2023, 12, 15)
    assert add_months(date(2024, 3, 31), -1) == date(2024, 2, 29)
    assert add_months(date(2023, 5, 17), 0) == date(2023, 5, 17)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)), st.integers(0, 60))
def test_add_months_keeps_the_day_or_the_month_end(day, months):
    later = add_months(day, months)
    assert later >= day
    assert (later.year * 12 + later.month) - (day.year * 12 + day.month) == months
    assert later.day == day.day or (later.day < day.day and (later + timedelta(1)).day == 1)


def test_office_sets_a_shorter_time_for_interim_proposals():
    rules = DeadlineRules(months_by_kind={"interim": 2})
    assert rules.due_on(date(2023, 5, 10), Kind.INTERIM) == date(2023, 7, 10)
    assert rules.due_on(date(2023, 5, 10), Kind.SESSION) == date(2023, 8, 10), "3 months when unset"


def test_second_handling_gets_one_month():
    assert RULES.rehandle_due_on(date(2023, 7, 31)) == date(2023, 8, 31)


def test_unit_signs_within_three_days():
    assert RULES.accept_by(date(2023, 3, 30)) == date(2023, 4, 2)


def test_extension_within_maximum_allowed():
    first = date(2023, 6, 1)
    RULES.check_extension(first, first, date(2023, 6, 15))
    RULES.check_extension(first, date(2023, 6, 15), date(2023, 7, 1))  # up to the maximum


def test_extension_beyond_maximum_refused():
    first = date(2023, 6, 1)
    with pytest.raises(NotAllowed) as refused:
        RULES.check_extension(first, date(2023, 6, 15), date(2023, 7, 2))
    assert refused.value.code == "extension_beyond_maximum"
    assert refused.value.params == {"latest": "2023-07-01"}


def test_extension_must_move_the_date_later():
    first = date(2023, 6, 1)
    for new in (first, first - timedelta(1)):
        with pytest.raises(InvalidInput) as refused:
            RULES.check_extension(first, first, new)
        assert refused.value.code == "extension_not_later"
        assert refused.value.params == {"due_on": "2023-06-01"}


def test_adjustment_window():
    assigned = date(2023, 3, 1)
    RULES.check_adjustment_window(assigned, assigned)
    RULES.check_adjustment_window(assigned, date(2023, 3, 6))  # the fifth day still counts
    with pytest.raises(NotAllowed) as refused:
        RULES.check_adjustment_window(assigned, date(2023, 3, 7))
    assert refused.value.code == "adjustment_window_closed"
    assert refused.value.params == {"days": 5, "last": "2023-03-06"}


def test_wider_adjustment_window_set_by_the_office():
    rules = DeadlineRules(adjust_within_days=10)
    rules.check_adjustment_window(date(2023, 3, 1), date(2023, 3, 11))


def test_overdue_only_after_the_due_day_and_only_unanswered():
    due = date(2023, 6, 1)
    assert not is_overdue(due, answered=False, today=due)
    assert is_overdue(due, answered=False, today=due + timedelta(1))
    assert not is_overdue(due, answered=True, today=due + timedelta(100))
    assert days_left(due, date(2023, 5, 29)) == 3
    assert days_left(due, date(2023, 6, 3)) == -2
