"""Dates as the office writes them, on screens and in documents: 2023年5月20日, Arabic numerals
without leading zeros (the layout rules in docs/documents.md)."""
from __future__ import annotations

from datetime import date, datetime


def chinese_date(day: date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def chinese_moment(at: datetime) -> str:
    """导出时间 and the like: the date, then the time to the minute."""
    return f"{chinese_date(at)} {at:%H:%M}"
