"""The statistics reproduce, to the hundredth of a percent, figures offices really published."""
from datetime import date

import pytest

from desktop.domain.enums import UnitSystem
from desktop.services.statistics import statistics
from desktop.store.database import open_database

from tests.office import make_office

from .published import build_chuxiong, build_shenzhen

TODAY = date(2023, 12, 31)


@pytest.fixture(scope="module")
def shenzhen(tmp_path_factory):
    """Built once: 739 proposals and 628 replies through the services take a while."""
    db = open_database(tmp_path_factory.mktemp("shenzhen") / "office.db", create=True)
    office = make_office(db)
    build_shenzhen(office)
    yield office
    office.session.close()
    db.close()


def test_shenzhen_office_wide_intake(shenzhen):
    figures = statistics(shenzhen.session, shenzhen.meeting.id, today=TODAY)
    assert (figures["received"], figures["received_session"], figures["received_interim"]) == (
        739, 714, 25)
    assert figures["filed"] == 579
    assert figures["filing_rate"] == 78.35
    assert figures["government_handled"] == 567
    assert figures["government_share"] == 97.93
    assert (figures["referred"], figures["rejected"], figures["merged"], figures["withdrawn"]) == (
        100, 30, 25, 5)


def test_shenzhen_government_report(shenzhen):
    figures = statistics(shenzhen.session, shenzhen.meeting.id, system=UnitSystem.GOVERNMENT,
                         today=TODAY)
    assert figures["proposals_handled"] == 567
    assert figures["replies_due"] == 616
    assert figures["replied"] == 616
    assert figures["reply_rate"] == 100.0
    assert figures["categories"] == {
        "A": {"count": 461, "percent": 74.84},
        "B": {"count": 119, "percent": 19.32},
        "C": {"count": 32, "percent": 5.19},
        "D": {"count": 4, "percent": 0.65},
    }
    # the office-wide figures stay the office's in the government's report
    assert (figures["received"], figures["filed"]) == (739, 579)
    assert [s["name"] for s in figures["by_system"]] == ["政府系统"]


def test_shenzhen_whole_office_counts_other_systems_too(shenzhen):
    figures = statistics(shenzhen.session, shenzhen.meeting.id, today=TODAY)
    assert figures["replies_due"] == 616 + 12
    assert figures["categories"]["A"]["count"] == 461 + 12
    assert sum(s["replies_due"] for s in figures["by_system"]) == 628


def test_chuxiong_unit_report(sqlite_office):
    build_chuxiong(sqlite_office)
    figures = statistics(sqlite_office.session, sqlite_office.meeting.id, today=TODAY)
    assert figures["units"] == 31
    assert figures["replies_due"] == figures["replied"] == 248
    assert figures["categories"]["A"] == {"count": 177, "percent": 71.37}
    assert figures["categories"]["B"] == {"count": 61, "percent": 24.60}
    assert figures["categories"]["C"] == {"count": 10, "percent": 4.03}
    assert figures["categories"]["D"] == {"count": 0, "percent": 0.0}
    assert figures["face_to_face_rate"] == 100.0
    assert len(figures["by_unit"]) == 31
    assert sum(u["replies_due"] for u in figures["by_unit"]) == 248
