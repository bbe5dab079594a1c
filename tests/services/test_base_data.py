"""基础数据: the roster imported from the office's Excel file, lists edited, users managed."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import Workbook

from desktop.domain.enums import UnitSystem, UserRole
from desktop.domain.errors import InvalidInput, NotAllowed
from desktop.services import base_data, roster, users
from desktop.services.roster import LineAction
from desktop.store.models import Member

from .flows import leaves_no_trace, person, refused, unique


def roster_file(folder: Path, rows: list[list[object]], title: bool = True) -> Path:
    """A roster as offices keep them: a title line and a date line above the header."""
    book = Workbook()
    sheet = book.active
    sheet.title = "委员名册"
    if title:
        sheet.append(["政协××县第十届委员会委员名册"])
        sheet.append(["（2023年1月）"])
    for row in rows:
        sheet.append(row)
    path = folder / "名册.xlsx"
    book.save(path)
    return path


def test_a_roster_is_previewed_line_by_line_and_imported_whole(desk, tmp_path):
    base_data.add_member(desk.session, desk.admin, "周建国", desk.sector("经济界").id,
                         "13800000000", "县农业银行")
    path = roster_file(tmp_path, [
        ["序号", "姓  名", "界别", "工作单位及职务", "联系电话"],
        [1, "欧阳  明", "经济", "县供销社主任", 13912345678],
        [2, "周建国", "经济界", "县农业银行行长", 13800000000],
        [3, "周建国", "经 济 界", "县农业银行行长", 13800000000],
        [4, "李 娜", "教育界", "县一中教师", ""],
        [5, "", "医卫界", "县医院", ""],
        [6, "王强", "无此界", "某单位", ""],
        [None, None, None, None, None],
    ])
    with leaves_no_trace(desk):
        plan = roster.preview(desk.session, path)
    assert [(line.row, line.name, line.sector, line.action) for line in plan.lines] == [
        (4, "欧阳明", "经济界", LineAction.NEW),
        (5, "周建国", "经济界", LineAction.UPDATE),
        (6, "周建国", "经济界", LineAction.SKIP),
        (7, "李娜", "教育界", LineAction.NEW),
        (8, "", "医卫界", LineAction.ERROR),
        (9, "王强", "无此界", LineAction.ERROR),
    ]
    assert plan.lines[0].phone == "13912345678", "a phone typed as a number keeps its digits"
    assert plan.lines[2].note == "与第5行重复，只导入一次"
    assert "不在界别列表中" in plan.lines[5].note
    assert (plan.count(LineAction.NEW), plan.count(LineAction.ERROR)) == (2, 2)

    roster.import_roster(desk.session, desk.admin, plan)
    added = desk.session.query(Member).filter(Member.name.in_(["欧阳明", "李娜"])).all()
    assert sorted((m.name, m.initials, m.workplace) for m in added) == [
        ("李娜", "ln", "县一中教师"), ("欧阳明", "oym", "县供销社主任")]
    [zhou] = desk.session.query(Member).filter_by(name="周建国").all()
    assert zhou.workplace == "县农业银行行长"
    again = roster.preview(desk.session, path)
    assert again.count(LineAction.NEW) == 0 and again.count(LineAction.SAME) == 3


@pytest.mark.parametrize(("name", "content", "code"), [
    ("名册.xlsx", b"this is not a workbook", "file_not_archive"),
    ("名册.xls", b"\xd0\xcf\x11\xe0 old excel", "workbook_old_excel"),
    ("名册.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 old excel renamed", "file_old_or_locked"),
])
def test_a_file_that_is_not_a_roster_is_refused_and_nothing_changes(desk, tmp_path, name,
                                                                     content, code):
    path = tmp_path / name
    path.write_bytes(content)
    with refused(InvalidInput, code), leaves_no_trace(desk):
        roster.preview(desk.session, path)


def test_a_workbook_without_a_name_column_says_so(desk, tmp_path):
    path = roster_file(tmp_path, [["单位", "电话"], ["县医院", "123"]], title=False)
    with refused(InvalidInput, "roster_no_header", path="名册.xlsx"), leaves_no_trace(desk):
        roster.preview(desk.session, path)


def test_renaming_a_member_keeps_the_printed_name_on_old_proposals(desk):
    proposal = desk.register("关于发展县域特色产业的建议", "张三")
    member_id = proposal.proposers[0].member_id
    base_data.update_member(desk.session, desk.admin, member_id, "张叁", None, None, None)
    desk.session.refresh(proposal)
    assert proposal.proposers[0].name == "张三"
    [row] = [r for r in base_data.members(desk.session, "zs") if r.id == member_id]
    assert (row.name, row.initials, row.proposals) == ("张叁", "zs", 1)


def test_a_merged_unit_keeps_its_history_and_takes_no_new_work(desk):
    old = base_data.add_unit(desk.session, desk.admin, unique("县旅游局"), UnitSystem.GOVERNMENT)
    new = base_data.add_unit(desk.session, desk.admin, unique("县文旅局"), UnitSystem.GOVERNMENT)
    base_data.merge_unit(desk.session, desk.admin, old.id, new.id)
    rows = {r.id: r for r in base_data.unit_rows(desk.session)}
    assert (rows[old.id].active, rows[old.id].merged_into) == (False, new.name)
    assert old.id not in dict(base_data.units(desk.session, active_only=True))


def test_names_stay_unique_when_edited(desk):
    sectors = base_data.sector_rows(desk.session)
    with refused(InvalidInput, "name_taken"), leaves_no_trace(desk):
        base_data.rename_sector(desk.session, desk.admin, sectors[0].id, sectors[1].name)


def test_the_last_administrator_cannot_be_retired(desk):
    [admin] = [r for r in users.user_rows(desk.session) if r.role is UserRole.ADMIN and r.active]
    with refused(NotAllowed, "last_admin"), leaves_no_trace(desk):
        users.update_user(desk.session, desk.admin, admin.id, "管理员", UserRole.STAFF, None, True)
    clerk = person(desk, UserRole.STAFF)
    users.update_user(desk.session, desk.admin, clerk.user_id, "小李", UserRole.UNIT,
                      desk.unit("教育局").id, True)
    [row] = [r for r in users.user_rows(desk.session) if r.id == clerk.user_id]
    assert (row.display_name, row.role, row.unit) == ("小李", UserRole.UNIT,
                                                       desk.unit("教育局").name)


def test_settings_refuse_deadlines_a_clerk_mistyped(desk):
    rules = base_data.office_settings(desk.session).deadlines
    with refused(InvalidInput, "deadline_months_invalid"), leaves_no_trace(desk):
        base_data.update_settings(desk.session, desk.admin,
                                  deadlines=replace(rules, rehandle_months=0))
