"""Deadlines of handling: 3 months from assignment by default, extensions within a maximum."""
from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta

from .enums import Kind
from .errors import InvalidInput, NotAllowed


def add_months(day: date, months: int) -> date:
    """Same day of the month ``months`` later, clamped to the month's end (1月31日 → 4月30日)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class DeadlineRules:
    months_by_kind: dict[str, int] = field(
        default_factory=lambda: {Kind.SESSION.value: 3, Kind.INTERIM.value: 3}
    )
    rehandle_months: int = 1  # 二次办理
    accept_within_days: int = 3  # 签收
    adjust_within_days: int = 5  # 退回 / 申请调整
    max_extension_months: int = 1  # beyond the first due date, all extensions together

    def check(self) -> None:
        """Numbers a clerk could mistype into the settings: months 1-12, days 0-60."""
        months = [*self.months_by_kind.values(), self.rehandle_months]
        if any(not isinstance(m, int) or not 1 <= m <= 12 for m in months):
            raise InvalidInput("deadline_months_invalid")
        if not 0 <= self.max_extension_months <= 12:
            raise InvalidInput("deadline_months_invalid")
        if any(not 0 <= d <= 60 for d in (self.accept_within_days, self.adjust_within_days)):
            raise InvalidInput("deadline_days_invalid")

    def due_on(self, assigned_on: date, kind: Kind) -> date:
        return add_months(assigned_on, self.months_by_kind.get(kind.value, 3))

    def rehandle_due_on(self, reopened_on: date) -> date:
        return add_months(reopened_on, self.rehandle_months)

    def latest_extension(self, first_due_on: date) -> date:
        return add_months(first_due_on, self.max_extension_months)

    def check_extension(self, first_due_on: date, current_due_on: date, new_due_on: date) -> None:
        if new_due_on <= current_due_on:
            raise InvalidInput("extension_not_later", due_on=current_due_on.isoformat())
        latest = self.latest_extension(first_due_on)
        if new_due_on > latest:
            raise NotAllowed("extension_beyond_maximum", latest=latest.isoformat())

    def adjustment_open(self, assigned_on: date, today: date) -> bool:
        return today <= assigned_on + timedelta(days=self.adjust_within_days)

    def check_adjustment_window(self, assigned_on: date, today: date) -> None:
        last = assigned_on + timedelta(days=self.adjust_within_days)
        if today > last:
            raise NotAllowed(
                "adjustment_window_closed", days=self.adjust_within_days, last=last.isoformat()
            )

    def accept_by(self, assigned_on: date) -> date:
        return assigned_on + timedelta(days=self.accept_within_days)


def days_left(due_on: date, today: date) -> int:
    return (due_on - today).days


def is_overdue(due_on: date, answered: bool, today: date) -> bool:
    return not answered and today > due_on
