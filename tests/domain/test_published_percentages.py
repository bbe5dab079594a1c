"""The rates and shares offices print in their annual reports (docs/design.md §1)."""
from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from desktop.domain.statistics import (
    CATEGORIES, HandlingCounts, IntakeCounts, figures, handling_figures, intake_figures, percent,
    share_rounding_bound,
)


def total(shares) -> Decimal:
    """Sum as printed: the decimals on the page, not binary floats."""
    return sum((Decimal(str(s)) for s in shares), Decimal(0))


def test_published_shares_shenzhen():
    assert percent(461, 616) == 74.84
    assert percent(119, 616) == 19.32
    assert percent(32, 616) == 5.19
    assert percent(4, 616) == 0.65
    assert percent(567, 579) == 97.93  # 交付政府系统办理 567 of 579 filed


def test_published_shares_chuxiong():
    assert percent(177, 248) == 71.37
    assert percent(61, 248) == 24.60
    assert percent(10, 248) == 4.03
    assert total([71.37, 24.60, 4.03]) == 100


def test_percent_rounds_half_up():
    assert percent(1, 8) == 12.5  # exact
    assert percent(1, 32) == 3.13  # 3.125 → 3.13, not banker's 3.12
    assert percent(3, 32) == 9.38  # 9.375 → 9.38
    assert percent(1, 3) == 33.33
    assert percent(2, 3) == 66.67
    assert percent(1, 200_000) == 0.0  # 0.0005 → 0.00
    assert percent(1, 160_000) == 0.0  # 0.000625 → 0.00
    assert percent(1, 100_000) == 0.0  # 0.001 → 0.00
    assert percent(1, 400) == 0.25


def test_nothing_to_divide_gives_no_rate():
    assert percent(0, 0) is None
    assert percent(3, 0) is None
    assert percent(0, 5) == 0.0
    assert percent(5, 5) == 100.0


def test_shenzhen_government_report_figures():
    handling = HandlingCounts(
        proposals_handled=567, units=31, replies_due=616, replied=616,
        categories={"A": 461, "B": 119, "C": 32, "D": 4}, face_to_face=567,
    )
    intake = IntakeCounts(
        received=739, received_session=714, received_interim=25, filed=579,
        government_handled=567,
    )
    result = figures(intake, handling)
    assert result["received"] == 739
    assert result["government_share"] == 97.93
    assert result["reply_rate"] == 100.0
    assert result["face_to_face_rate"] == 100.0
    assert {k: v["percent"] for k, v in result["categories"].items()} == {
        "A": 74.84, "B": 19.32, "C": 5.19, "D": 0.65,
    }
    assert {k: v["count"] for k, v in result["categories"].items()} == {
        "A": 461, "B": 119, "C": 32, "D": 4,
    }
    assert total(v["percent"] for v in result["categories"].values()) == 100


def test_empty_scope_prints_no_rates():
    result = handling_figures(HandlingCounts())
    assert result["reply_rate"] is None
    assert result["satisfaction_rate"] is None
    assert result["face_to_face_rate"] is None
    assert all(v == {"count": 0, "percent": None} for v in result["categories"].values())
    assert intake_figures(IntakeCounts())["filing_rate"] is None


def test_satisfaction_counts_basic_as_satisfied():
    result = handling_figures(HandlingCounts(evaluated=8, satisfied=5, basically_satisfied=2,
                                             unsatisfied=1))
    assert result["satisfaction_rate"] == 87.5


def test_figures_do_not_change_the_counts_they_read():
    counts = HandlingCounts(replied=3, categories={"A": 3, "B": 0, "C": 0, "D": 0})
    handling_figures(counts)
    assert counts.categories == {"A": 3, "B": 0, "C": 0, "D": 0}


category_counts = st.tuples(*[st.integers(0, 3000)] * len(CATEGORIES)).filter(any)


@given(category_counts)
def test_category_shares_sum_to_100_within_rounding_bound(counts):
    whole = sum(counts)
    shares = [percent(c, whole) for c in counts]
    nonzero = sum(1 for c in counts if c)
    error = abs(total(shares) - 100)
    assert error <= Decimal(str(share_rounding_bound(nonzero)))
    assert error % Decimal("0.01") == 0


@given(st.tuples(*[st.integers(0, 31)] * len(CATEGORIES)).filter(lambda c: 0 < sum(c) < 32))
def test_small_denominators_miss_100_by_at_most_one_hundredth(counts):
    whole = sum(counts)
    assert abs(total(percent(c, whole) for c in counts) - 100) <= Decimal("0.01")


def test_four_shares_can_miss_100_by_two_hundredths():
    """Why the bound grows with the number of shares: 3 × 3.125 and 90.625 all round up."""
    shares = [percent(c, 32) for c in (1, 1, 1, 29)]
    assert shares == [3.13, 3.13, 3.13, 90.63]
    assert total(shares) == Decimal("100.02")
    assert Decimal("0.02") <= Decimal(str(share_rounding_bound(4)))


def test_single_category_is_exactly_100():
    assert percent(616, 616) == 100.0
    assert share_rounding_bound(1) == 0.005
