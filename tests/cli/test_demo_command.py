"""``tian demo``: the same seed gives the same office, and the office it gives is sound."""
from __future__ import annotations

import json
import re
import sqlite3

import pytest

from .tian import tian_side_by_side


def _proposals(path) -> list[tuple]:
    con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return con.execute(
            "SELECT m.name, p.serial, p.number, p.title, p.status, p.kind, p.origin "
            "FROM proposal p JOIN meeting m ON m.id = p.meeting_id "
            "ORDER BY m.opens_on, p.serial_seq, p.serial").fetchall()
    finally:
        con.close()


def test_same_seed_gives_the_same_proposals(demo_pair):
    if not demo_pair["same_day"]:
        pytest.skip("the two runs straddled midnight, so their 'today' differs")
    first, second = (_proposals(p) for p in demo_pair["paths"])
    assert len(first) >= 300
    assert first == second
    for run in demo_pair["runs"]:
        assert "已生成演示提案" in run.stdout


@pytest.fixture(scope="module")
def answers(demo_db, tmp_path_factory):
    """Four clerks asking the demo office at once (reads side by side are fine in WAL)."""
    db = str(demo_db)
    return tian_side_by_side(tmp_path_factory.mktemp("asking") / "home", {
        "check": ["--db", db, "check"],
        "government": ["--db", db, "stats", "--system", "政府系统", "--json"],
        "mars": ["--db", db, "stats", "--system", "火星系统"],
        "parking": ["--db", db, "search", "停车", "--limit", "500"],
        "pasted": ["--db", db, "search", "关于解决城区停车难问题的提案。" * 2000],
        "huge_limit": ["--db", db, "search", "停车", "--limit", "1" + "0" * 23],
    })


def test_check_finds_the_demo_office_sound(answers):
    run = answers["check"]
    assert run.returncode == 0, run
    assert "检查完毕" in run.stdout
    assert run.stderr == ""


def test_stats_for_the_government_system(answers):
    run = answers["government"]
    assert run.returncode == 0, run
    figures = json.loads(run.stdout)
    assert figures["scope"]["system"] == "政府系统"
    assert [s["name"] for s in figures["by_system"]] == ["政府系统"]
    assert figures["replies_due"] > 0
    assert {u["system"] for u in figures["by_unit"]} == {"政府系统"}


def test_stats_for_a_system_that_does_not_exist_is_refused(answers):
    run = answers["mars"]
    assert run.returncode != 0
    sentence = run.sentence()
    assert "火星系统" in sentence and "政府系统" in sentence
    assert run.stdout == ""


def test_search_lists_the_proposals_about_parking(demo_db, answers):
    con = sqlite3.connect(f"{demo_db.as_uri()}?mode=ro", uri=True)
    try:
        expected = [title for title, body, names in con.execute(
            "SELECT p.title, p.body, group_concat(r.name, '、') FROM proposal p "
            "JOIN proposer r ON r.proposal_id = p.id GROUP BY p.id")
            if "停车" in title + body + names]
    finally:
        con.close()
    assert expected, "the demo should have proposals about parking"
    run = answers["parking"]
    assert run.returncode == 0, run
    header = re.search(r"提案（(\d+)）", run.stdout)
    assert header, run.stdout
    lines = [line for line in run.stdout.splitlines() if line.startswith("  ")]
    assert int(header.group(1)) == len(lines) == len(expected)
    assert sorted(line.split("  ")[2] for line in lines) == sorted(expected)


@pytest.mark.parametrize("name, said", [
    ("pasted", "要查找的文字太长（最多 100 个字）"),  # a whole document pasted as the search
    ("huge_limit", "太大，最多为 1000000"),
])
def test_a_search_beyond_sense_is_one_sentence_and_exit_2(answers, name, said):
    run = answers[name]
    assert run.returncode == 2, run
    assert said in run.sentence()
    assert run.stdout == ""
