"""Serial (收文号) and proposal number (提案号) patterns; counters only ever go up."""
from __future__ import annotations

import re
import string
from dataclasses import dataclass

from .errors import InvalidInput

FIELDS = frozenset({"n", "year", "term", "meeting"})
# what may follow {n: … }: a zero-padded width at most ("04", "4", "04d") — nothing that truncates
_COUNTER_SPEC = re.compile(r"0?\d{0,2}d?")


@dataclass(frozen=True)
class NumberContext:
    year: int
    term: int
    meeting: int


def check_pattern(pattern: str) -> None:
    """Refuse a pattern that could repeat a number or that names an unknown field."""
    try:
        parsed = list(string.Formatter().parse(pattern))
    except ValueError:
        raise InvalidInput("number_pattern_invalid", pattern=pattern) from None
    names = {name for _, name, _, _ in parsed if name is not None}
    for _, name, spec, conversion in parsed:
        if name == "n" and (conversion or not _COUNTER_SPEC.fullmatch(spec or "")):
            raise InvalidInput("number_pattern_invalid", pattern=pattern)
    if "n" not in names:
        raise InvalidInput("number_pattern_without_n", pattern=pattern)
    unknown = names - FIELDS
    if unknown:
        raise InvalidInput("number_pattern_unknown_field", pattern=pattern, field=sorted(unknown)[0])
    try:
        format_number(pattern, 1, NumberContext(2023, 10, 1))
    except (ValueError, KeyError, IndexError):
        raise InvalidInput("number_pattern_invalid", pattern=pattern) from None


def format_number(pattern: str, n: int, context: NumberContext) -> str:
    """``第{n}号`` → 第12号; ``{year}{n:04}`` → 20230012."""
    return pattern.format(n=n, year=context.year, term=context.term, meeting=context.meeting)


def preview(pattern: str, last: int, count: int, context: NumberContext) -> list[str]:
    """The numbers the next ``count`` proposals would get, without taking them."""
    return [format_number(pattern, last + i, context) for i in range(1, count + 1)]
