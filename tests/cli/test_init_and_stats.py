"""A clerk sets up the office's database and asks for the figures, from the command line."""
from __future__ import annotations

import json

import pytest

from .tian import init_args, tian_in, tian_side_by_side

STATS_KEYS = {
    "received", "received_session", "received_interim", "filed", "filing_rate", "rejected",
    "referred", "merged", "withdrawn", "units", "replies_due", "replied", "reply_rate",
    "categories", "face_to_face_rate", "satisfaction_rate", "unsatisfied", "rehandled",
    "overdue", "government_share", "by_unit", "by_system", "by_category", "by_sector",
}


@pytest.fixture(scope="module")
def new_office(tmp_path_factory):
    """``tian init --db X …`` of a new office (十届二次会议 opening 2023-01-10), then the figures.

    --db is written after the command name, as the manual does (found failing at first:
    'unrecognized arguments'); the other commands here put it first, which works as well.
    """
    folder = tmp_path_factory.mktemp("office")
    home = folder / "home"
    db = folder / "office.db"
    init = tian_in(home, *init_args(db))
    assert init.returncode == 0, init
    runs = tian_side_by_side(home, {
        "json": ["stats", "--db", str(db), "--json"],
        "unknown_meeting": ["--db", str(db), "stats", "--meeting", "不存在的会议"],
    })
    return db, init, runs


def test_init_creates_the_database_and_names_the_administrator(new_office):
    db, init, _ = new_office
    assert db.is_file()
    assert str(db) in init.stdout
    assert "admin" in init.stdout


def test_stats_json_has_every_published_figure(new_office):
    run = new_office[2]["json"]
    assert run.returncode == 0, run
    figures = json.loads(run.stdout)
    assert STATS_KEYS <= set(figures), STATS_KEYS - set(figures)
    assert set(figures["categories"]) == set("ABCD")
    for values in figures["categories"].values():
        assert set(values) >= {"count", "percent"}
        assert values["count"] == 0
    assert figures["received"] == 0
    assert figures["scope"]["meeting"] == "十届二次会议"


def test_stats_for_an_unknown_meeting_is_refused_in_one_sentence(new_office):
    run = new_office[2]["unknown_meeting"]
    assert run.returncode != 0
    assert "不存在的会议" in run.sentence()
    assert run.stdout == ""


@pytest.fixture(scope="module")
def mistakes(tmp_path_factory):
    """Three slips a clerk makes, each in a folder of its own."""
    folder = tmp_path_factory.mktemp("mistakes")
    missing = folder / "nowhere" / "office.db"
    demo = folder / "demo.db"
    empty = folder / "新建文本文档.db"
    empty.write_bytes(b"")
    runs = tian_side_by_side(folder / "home", {
        "missing": ["--db", str(missing), "stats"],
        "not_a_number": ["--db", str(demo), "demo", "--proposals", "abc"],
        "empty": ["--db", str(empty), "stats"],
    })
    return {"missing": missing, "demo": demo, "empty": empty}, runs


def test_stats_of_a_missing_database_says_to_run_tian_init(mistakes):
    paths, runs = mistakes
    assert runs["missing"].returncode != 0
    assert "tian init" in runs["missing"].sentence()
    assert not paths["missing"].exists()


def test_demo_with_a_count_that_is_not_a_number_is_refused(mistakes):
    paths, runs = mistakes
    assert runs["not_a_number"].returncode == 2
    assert "abc" in runs["not_a_number"].sentence()
    assert not paths["demo"].exists()


def test_stats_leaves_an_empty_file_alone(mistakes):
    """(Found failing: an empty file was silently made into an uninitialised database.)"""
    paths, runs = mistakes
    assert runs["empty"].returncode != 0
    runs["empty"].sentence()
    assert paths["empty"].read_bytes() == b""
