"""``tian export report``: the year's report drafted from the data, read back and held against
``tian stats --json`` number by number — a figure the draft states that the statistics do not
is a failure, as is one it states differently."""
from __future__ import annotations

import json
import re

import docx
import pytest
from docx.enum.text import WD_COLOR_INDEX
from sqlalchemy import select

from desktop.domain.actor import Actor
from desktop.services import supervision
from desktop.services.year_report import RANK_FROM, ranked_units
from desktop.store.database import open_database
from desktop.store.models import Proposal
from desktop.wording.figures_text import pct

from .tian import copy_database, tian_in

TODAY = "2026-11-23"
MEETING = "十届一次会议"  # the demo's answered meeting


@pytest.fixture(scope="module")
def office(demo_db, tmp_path_factory):
    """The demo office with two proposals marked 优秀提案候选 and one 重点提案 under a leader."""
    folder = tmp_path_factory.mktemp("report")
    db = copy_database(demo_db, folder / "office.db")
    database = open_database(db)
    with database.session() as session:
        meeting = session.scalar(select(Proposal.meeting_id).where(Proposal.number.is_not(None))
                                 .order_by(Proposal.registered_at).limit(1))
        chosen = list(session.scalars(select(Proposal.id).where(
            Proposal.meeting_id == meeting, Proposal.number.is_not(None))
            .order_by(Proposal.number_seq).limit(2)))
        supervision.mark_excellent(session, Actor.system("评优"), chosen)
        supervision.supervise(session, Actor.system("督办"), chosen[0], "刘明", "副县长")
        titles = [session.get(Proposal, pid).title for pid in chosen]
    database.close()
    return folder, db, titles


def drafted(office, *options: str):
    folder, db, _ = office
    out = folder / ("out" + "".join(options))
    run = tian_in(folder / "home", "--db", str(db), "export", "report", "--meeting", MEETING,
                  "--today", TODAY, "--out", str(out), *options)
    assert run.returncode == 0, run
    [path] = out.glob("*.docx")
    stats = tian_in(folder / "home", "--db", str(db), "stats", "--meeting", MEETING, "--today",
                    TODAY, "--json", *options)
    assert stats.returncode == 0, stats
    return path, docx.Document(str(path)), json.loads(stats.stdout)


def said(text: str, pattern: str) -> tuple[str, ...]:
    found = re.search(pattern, text)
    assert found, f"the draft does not say {pattern}"
    return found.groups()


def tables(document) -> list[list[list[str]]]:
    return [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]


def test_every_figure_of_the_draft_is_the_one_tian_stats_gives(office):
    path, document, f = drafted(office)
    text = "\n".join(p.text for p in document.paragraphs)
    n = r"(\d+)"
    rate = r"([\d.]+%|—)"
    checks = [
        (f"共收到提案{n}件，其中大会提案{n}件、平时提案{n}件", ("received", "received_session",
                                                 "received_interim")),
        (f"立案{n}件，立案率{rate}；不予立案{n}件，转为意见建议{n}件，并案{n}件，撤回{n}件",
         ("filed", "filing_rate", "rejected", "referred", "merged", "withdrawn")),
        (f"交付政府系统办理{n}件，占立案总数的{rate}", ("government_handled", "government_share")),
        (f"{n}个承办单位办理提案{n}件，应答复{n}件，已答复{n}件，答复率{rate}",
         ("units", "proposals_handled", "replies_due", "replied", "reply_rate")),
        (f"面商的提案{n}件，面商率{rate}", ("face_to_face", "face_to_face_rate")),
        (f"反馈评价{n}件，其中满意{n}件、基本满意{n}件，满意率{rate}；不满意{n}件，二次办理{n}件",
         ("evaluated", "satisfied", "basically_satisfied", "satisfaction_rate", "unsatisfied",
          "rehandled")),
        (f"逾期未答复{n}件", ("overdue",)),
    ]
    accounted = text
    for pattern, keys in checks:
        values = said(text, pattern)
        expected = tuple(pct(f[k]) if k.endswith(("rate", "share")) else str(f[k]) for k in keys)
        assert values == expected, pattern
        accounted = re.sub(pattern, "", accounted, count=1)
    for letter, figure in f["categories"].items():
        pattern = f"（{letter}类）{n}件，占{rate}"
        assert said(text, pattern) == (str(figure["count"]), pct(figure["percent"]))
        accounted = re.sub(pattern, "", accounted, count=1)
    accounted = re.sub(r"\d{4}年\d{1,2}月\d{1,2}日", "", accounted)  # the day of the figures
    accounted = re.sub(r"第[一二三四五六七八九十]+届|第[一二三四五六七八九十]+次|第\d+号", "", accounted)
    accounted = accounted.replace(f"应答复{RANK_FROM}件以上", "")
    accounted = re.sub(r"重点提案\d+件|优秀提案候选\d+件", "", accounted)  # counted below
    assert not re.findall(r"\d+", accounted), "a number in the draft that tian stats does not give"

    sectors, categories, systems, ranked = tables(document)
    assert sectors[1:] == [[r["name"], str(r["received"]), str(r["filed"])] for r in f["by_sector"]]
    assert categories[1:] == [[r["name"], str(r["received"]), str(r["filed"])]
                              for r in f["by_category"]]
    assert systems[1:] == [[r["name"], str(r["units"]), str(r["replies_due"]), str(r["replied"]),
                            pct(r["reply_rate"]), pct(r["face_to_face_rate"]),
                            pct(r["satisfaction_rate"])] for r in f["by_system"]]
    assert ranked[1:] == [[str(i), u["name"], str(u["replies_due"]), str(u["replied"]),
                           str(u["overdue"]), pct(u["face_to_face_rate"]),
                           pct(u["satisfaction_rate"])]
                          for i, u in enumerate(ranked_units(f), start=1)]
    assert all(int(row[4]) <= int(next_row[4]) for row, next_row in zip(ranked[1:], ranked[2:])), \
        "units with no reply past its deadline first"


def test_the_draft_names_the_offices_candidates_and_leaves_the_narrative_marked(office):
    _, document, _ = drafted(office)
    _, _, titles = office
    lines = [p.text for p in document.paragraphs]
    assert "".join(lines[0:1]).replace("\n", "") == \
        "关于政协示范县第十届委员会第一次会议以来提案工作情况的报告"
    assert "推荐优秀提案候选2件：" in "".join(lines)
    assert all(any(f"《{t}》" in line for line in lines) for t in titles)
    assert "确定重点提案1件，由县领导领衔督办：" in lines
    [key] = [line for line in lines if line.startswith("第") and "领衔督办：副县长刘明" in line]
    assert f"《{titles[0]}》" in key
    places = [p for p in document.paragraphs if p.text.startswith("【撰稿人填写：")]
    assert len(places) >= 5, "a place for the writer in every section"
    assert all(run.font.highlight_color == WD_COLOR_INDEX.YELLOW for p in places for run in p.runs)
    headings = [p.text for p in document.paragraphs if p.style.name == "一级标题"]
    assert headings == ["一、提案提交和审查立案情况", "二、提案办理情况", "三、重点提案督办情况",
                        "四、先进承办单位推荐", "五、优秀提案推荐", "六、存在的问题和下一步工作"]


def test_one_systems_draft_is_a_notice_of_its_handling_with_its_figures(office):
    _, document, f = drafted(office, "--system", "政府系统")
    text = "\n".join(p.text for p in document.paragraphs)
    assert document.paragraphs[0].text.replace("\n", "") == \
        "关于政协示范县第十届委员会第一次会议以来政府系统提案办理情况的通报"
    assert said(text, r"政府系统的(\d+)个承办单位办理提案(\d+)件，应答复(\d+)件") == (
        str(f["units"]), str(f["proposals_handled"]), str(f["replies_due"]))
    ranked = tables(document)[-1]
    assert {row[1] for row in ranked[1:]} <= {u["name"] for u in f["by_unit"]}


def test_a_system_the_office_does_not_have_is_named_and_nothing_written(office, tmp_path):
    folder, db, _ = office
    run = tian_in(folder / "home", "--db", str(db), "export", "report", "--system", "火星",
                  "--out", str(tmp_path / "out"))
    assert run.returncode == 2 and "没有“火星”这个系统" in run.sentence()
    assert not (tmp_path / "out").exists()
