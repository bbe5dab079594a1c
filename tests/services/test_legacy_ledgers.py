"""An office's own ledgers of a past year brought in: the header found under title rows, merged
two-level headers, one row per proposal or per assignment, dates and categories written every
way — and afterwards the meeting's statistics are the figures the ledger implies."""
from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from desktop.domain.enums import AssignmentRole, Decision, UnitSystem
from desktop.domain.errors import InvalidInput
from desktop.services import legacy_ledgers, statistics
from desktop.store.models import Assignment, Member, Proposal, Unit

from ..sync.ledgers import Entry, figures, per_assignment, per_proposal
from .flows import refused, snapshot

UNITS = ["县教育局", "县财政局", "县水利局", "县交通运输局", "县住房和城乡建设局", "县民政局"]
SECTORS = ["中国共产党", "中国民主同盟", "经济界", "教育界", ""]


def year(count: int, seed: int, separate: bool = False) -> list[Entry]:
    """A year of proposals with every kind of ending, known to the test alone."""
    rng = random.Random(seed)
    entries = []
    for n in range(1, count + 1):
        decision = rng.choices(["立案", "不予立案", "转为意见建议"], (85, 8, 7))[0]
        entry = Entry(f"{n:03d}", f"关于改进第{n}项民生工作的建议", rng.choice(
            ["张伟", "王芳", "李娜", "刘洋", "陈静", "欧阳明"]), decision=decision,
            sector=rng.choice(SECTORS))
        if decision == "立案":
            units = rng.sample(UNITS, 3)
            shape = rng.random()
            if separate and shape < 0.2:
                entry.units = [(units[0], "分办"), (units[1], "分办")]
            elif shape < 0.5:
                entry.units = [(units[0], "主办"), (units[1], "协办")]
            else:
                entry.units = [(units[0], "主办")]
            if rng.random() < 0.9:
                entry.category = rng.choices("ABCD", (60, 25, 10, 5))[0]
                entry.replied = date(2023, 3, 1) + timedelta(days=rng.randrange(120))
                entry.face = rng.random() < 0.8
                if rng.random() < 0.85:
                    entry.rating = rng.choices(["满意", "基本满意", "不满意"], (80, 17, 3))[0]
        entries.append(entry)
    return entries


def shown(office, meeting_id) -> dict:
    f = statistics.statistics(office.session, meeting_id)
    return {"received": f["received"], "filed": f["filed"], "rejected": f["rejected"],
            "referred": f["referred"], "replies_due": f["replies_due"], "replied": f["replied"],
            **{k: f["categories"][k]["count"] for k in "ABCD"},
            "face_to_face": f["face_to_face"], "evaluated": f["evaluated"],
            "satisfied": f["satisfied"], "unsatisfied": f["unsatisfied"]}


def test_a_ledger_of_one_row_per_proposal_gives_the_years_figures(sqlite_office, tmp_path):
    office = sqlite_office
    entries = year(60, seed=3)
    path = per_proposal(tmp_path / "2023年提案办理台账.xlsx", entries)
    plan = legacy_ledgers.preview_legacy(office.session, office.admin, path, office.meeting.id)

    filed = plan.sheets[0]
    assert filed.header.rows == (3, 4)
    assert {k: filed.header.names[v] for k, v in filed.mapping.items()} == {
        "number": "提案编号", "title": "案由", "lead": "第一提案人", "sector": "界别",
        "kind": "提案类型", "lead_unit": "办理情况/承办单位（主办）",
        "assist_units": "办理情况/协办单位", "replied_on": "办理情况/答复时间",
        "answer": "办理情况/办理结果", "face": "办理情况/是否面商", "result": "评价/满意度",
        "note": "备注"}
    assert [s.why[:8] for s in filed.skipped] == ["空行"] * 7 + ["合计行", "说明文字：注:办"]
    assert len(plan.sheets[1].proposals) == sum(
        e.decision != "立案" for e in entries)
    assert plan.sheets[2].why  # 说明: no header, named and left
    assert plan.unreadable == [] and not plan.new_units
    assert shown(office, office.meeting.id)["received"] == 0  # the preview wrote nothing
    assert {k: plan.figures[k] for k in ("received", "filed")} == {
        k: figures(entries)[k] for k in ("received", "filed")}

    assert legacy_ledgers.apply_legacy(office.session, office.admin, plan) == len(entries)
    assert shown(office, office.meeting.id) == figures(entries)
    lead = office.session.scalars(select(Member).where(Member.name == "欧阳明")).first()
    assert lead is not None

    before = snapshot(office.session)
    again = legacy_ledgers.preview_legacy(office.session, office.admin, path, office.meeting.id)
    assert again.imported == 0 and len(again.already) == len(entries)
    legacy_ledgers.apply_legacy(office.session, office.admin, again)
    assert snapshot(office.session) == before


def test_a_ledger_of_one_row_per_assignment_reads_separate_and_assisting_units(
        sqlite_office, tmp_path):
    office = sqlite_office
    entries = year(40, seed=8, separate=True)
    assert any(role == "分办" for e in entries for _, role in e.units)
    path = per_assignment(tmp_path / "台账.xlsx", entries)
    plan = legacy_ledgers.preview_legacy(office.session, office.admin, path, office.meeting.id)
    legacy_ledgers.apply_legacy(office.session, office.admin, plan)
    assert shown(office, office.meeting.id) == figures(entries)
    split = next(e for e in entries if any(role == "分办" for _, role in e.units))
    roles = office.session.execute(
        select(Unit.name, Assignment.role).join(Unit, Unit.id == Assignment.unit_id)
        .join(Proposal, Proposal.id == Assignment.proposal_id)
        .where(Proposal.title == split.title)).all()
    assert sorted(roles) == sorted((u, AssignmentRole.SEPARATE) for u, _ in split.units)
    number = office.session.scalar(select(Proposal.number).where(Proposal.title == split.title))
    assert number == split.number  # 第012号 read as 012


def test_unknown_units_are_named_with_their_guessed_system_and_created_only_when_asked(
        sqlite_office, tmp_path):
    office = sqlite_office
    entries = [Entry("1", "关于加强青少年普法教育的建议", "张伟",
                     [("市中级人民法院", "主办"), ("团市委", "协办")], "A", date(2023, 4, 1)),
               Entry("2", "关于支持民营企业发展的建议", "王芳",
                     [("县营商环境优化中心", "主办")], "B", date(2023, 4, 2)),
               Entry("3", "关于加强城区学校周边交通安全的建议", "李娜", [("县教育局", "主办")])]
    path = per_proposal(tmp_path / "台账.xlsx", entries)
    plan = legacy_ledgers.preview_legacy(office.session, office.admin, path, office.meeting.id)
    assert plan.new_units == {"市中级人民法院": UnitSystem.LEGAL, "团市委": UnitSystem.MASS,
                              "县营商环境优化中心": UnitSystem.GOVERNMENT}
    with refused(InvalidInput, "ledger_units_unknown"):
        legacy_ledgers.apply_legacy(office.session, office.admin, plan)
    assert office.session.scalar(select(func.count()).select_from(Proposal)) == 0

    plan = legacy_ledgers.preview_legacy(office.session, office.admin, path, office.meeting.id,
                                         unit_systems={"县营商环境优化中心": UnitSystem.PARTY},
                                         create_units=True)
    assert plan.new_units["县营商环境优化中心"] is UnitSystem.PARTY
    legacy_ledgers.apply_legacy(office.session, office.admin, plan)
    court = office.session.scalars(select(Unit).where(Unit.name == "市中级人民法院")).one()
    assert court.system is UnitSystem.LEGAL


def test_rows_that_cannot_be_read_are_listed_with_why_and_left_out(sqlite_office, tmp_path):
    from openpyxl import load_workbook
    office = sqlite_office
    entries = year(12, seed=5)
    path = per_proposal(tmp_path / "台账.xlsx", entries)
    book = load_workbook(path)
    sheet = book["立案提案"]
    sheet["I5"] = "三月初"  # a 答复时间 nobody can read
    sheet["J6"] = "很好"  # not a 办理结果
    book.save(path)
    plan = legacy_ledgers.preview_legacy(office.session, office.admin, path, office.meeting.id)
    why = {row.row: row.why for _, row in plan.unreadable}
    assert set(why) == {5, 6}
    assert "I列" in why[5] and "三月初" in why[5] and "J列" in why[6]
    assert plan.imported == len(entries) - 2


def test_a_sheet_of_proposals_not_filed_takes_its_decision_from_its_name(sqlite_office, tmp_path):
    from openpyxl import Workbook
    office = sqlite_office
    book = Workbook()
    book.active.title = "不予立案"
    book.active.append(["序号", "提案号", "提案名称", "提案人"])
    book.active.append([1, "201", "关于为某企业减免税费的建议", "张伟"])
    path = tmp_path / "不予立案.xlsx"
    book.save(path)
    plan = legacy_ledgers.preview_legacy(office.session, office.admin, path, office.meeting.id)
    assert plan.sheets[0].decision is Decision.REJECTED
    legacy_ledgers.apply_legacy(office.session, office.admin, plan)
    assert shown(office, office.meeting.id)["rejected"] == 1


@pytest.mark.parametrize("written", ["提案编号", "案号", "编号"])
def test_the_number_column_is_found_by_any_of_its_names(sqlite_office, tmp_path, written):
    from openpyxl import Workbook
    office = sqlite_office
    book = Workbook()
    book.active.append([written, "标题", "提案人", "主办单位", "答复日期", "答复类别"])
    book.active.append(["7", "关于某事的建议", "张伟", "县教育局", "2023-05-06", "A类"])
    path = tmp_path / "台账.xlsx"
    book.save(path)
    plan = legacy_ledgers.preview_legacy(office.session, office.admin, path, office.meeting.id)
    assert plan.sheets[0].mapping["number"] == 0 and plan.figures["categories"]["A"]["count"] == 1


def test_the_clerks_mapping_is_remembered_for_the_same_header(sqlite_office, tmp_path):
    office = sqlite_office
    first = per_proposal(tmp_path / "2022.xlsx", year(6, seed=1))
    plan = legacy_ledgers.preview_legacy(office.session, office.admin, first, office.meeting.id)
    mapping = dict(plan.sheets[0].mapping)
    del mapping["sector"]  # the clerk: this office's 界别 column is not to be trusted
    plan = legacy_ledgers.preview_legacy(office.session, office.admin, first, office.meeting.id,
                                         mappings={"立案提案": mapping})
    legacy_ledgers.apply_legacy(office.session, office.admin, plan)
    following = per_proposal(tmp_path / "2023.xlsx", year(6, seed=2))
    later = legacy_ledgers.preview_legacy(office.session, office.admin, following,
                                          office.meeting.id)
    assert later.sheets[0].mapping == mapping


def test_a_unit_list_gives_each_unit_its_system_and_names_a_line_it_cannot_read(tmp_path):
    from desktop.services.ledger_files import read_unit_list
    units = tmp_path / "单位名单.csv"
    units.write_bytes("单位名称,系统\n县油茶产业发展中心,企事业单位\n民盟县委,民主党派\n".encode("gb18030"))
    assert read_unit_list(units) == {"县油茶产业发展中心": UnitSystem.ENTERPRISE,
                                     "民盟县委": UnitSystem.PARTIES}
    wrong = tmp_path / "错的名单.csv"
    wrong.write_text("县油茶产业发展中心,事业系统\n", encoding="utf-8")
    with refused(InvalidInput, "unit_list_system", row=1, system="事业系统"):
        read_unit_list(wrong)
