"""收文号 and 提案号 patterns the office configures (第N号, 2023NNNN)."""
from __future__ import annotations

import pytest

from desktop.domain.errors import InvalidInput
from desktop.domain.numbering import NumberContext, check_pattern, format_number, preview

CONTEXT = NumberContext(year=2023, term=10, meeting=2)


def test_number_pattern_year_and_counter():
    assert format_number("{year}{n:04}", 12, CONTEXT) == "20230012"
    assert format_number("第{n}号", 12, CONTEXT) == "第12号"


def test_number_pattern_names_term_and_meeting():
    assert format_number("{term}届{meeting}次第{n:03}号", 7, CONTEXT) == "10届2次第007号"


def test_wide_counter_grows_past_its_padding():
    assert format_number("{year}{n:04}", 12345, CONTEXT) == "202312345"


@pytest.mark.parametrize("pattern", ["第{n}号", "{year}{n:04}", "{n:04}", "{term}-{meeting}-{n}"])
def test_usual_patterns_are_accepted(pattern):
    check_pattern(pattern)


@pytest.mark.parametrize("pattern", ["第号", "{year}", "{{n}}", "{}"])
def test_pattern_without_counter_is_refused(pattern):
    with pytest.raises(InvalidInput) as refused:
        check_pattern(pattern)
    assert refused.value.code == "number_pattern_without_n"
    assert refused.value.params == {"pattern": pattern}


def test_pattern_naming_an_unknown_field_is_refused():
    with pytest.raises(InvalidInput) as refused:
        check_pattern("{session}{n}")
    assert refused.value.code == "number_pattern_unknown_field"
    assert refused.value.params["field"] == "session"


@pytest.mark.parametrize("pattern", ["第{n号", "{n:q}", "{n}}"])
def test_malformed_pattern_is_refused(pattern):
    with pytest.raises(InvalidInput) as refused:
        check_pattern(pattern)
    assert refused.value.code == "number_pattern_invalid"


def test_preview_shows_the_next_numbers_without_taking_them():
    assert preview("第{n}号", 12, 3, CONTEXT) == ["第13号", "第14号", "第15号"]
    assert preview("第{n}号", 12, 0, CONTEXT) == []


@pytest.mark.parametrize("pattern", ["第{n!s:.1}号", "{n:.0e}", "{n:.2}", "{n!r}", "{n:x}"])
def test_pattern_that_could_repeat_or_disguise_numbers_is_refused(pattern):
    """'{n!s:.1}' would print 第1号 for 1, 12 and 13; '{n:.0e}' 1e+01 for 12 and 13."""
    with pytest.raises(InvalidInput) as refused:
        check_pattern(pattern)
    assert refused.value.code == "number_pattern_invalid"


@pytest.mark.parametrize("pattern", ["{n:04}", "{n:4}", "{n:04d}", "{n:d}", "第{n}号"])
def test_padded_counters_are_accepted(pattern):
    check_pattern(pattern)
