"""委员名册导入: what the preview shows is exactly what is imported, and text from the file is
taken as the clerk meant it."""
from __future__ import annotations

from openpyxl import Workbook

from desktop.domain.errors import InvalidInput
from desktop.services import base_data, roster
from desktop.services.roster import LineAction
from desktop.store.models import Member

from .flows import leaves_no_trace, refused, unique
from .test_base_data import roster_file


def _members(desk) -> set[tuple[str, str | None]]:
    return {(m.name, m.phone) for m in desk.session.query(Member)}


def test_the_import_applies_the_preview_even_if_the_file_changes_after(desk, tmp_path):
    first, second = unique("欧阳明"), unique("李娜")
    path = roster_file(tmp_path, [["姓名", "界别", "联系电话"],
                                  [first, "经济界", "13912345678"], [second, "教育界", ""]])
    plan = roster.preview(desk.session, path)
    roster_file(tmp_path, [["姓名", "界别"], *[[f"新委员{i}", "经济界"] for i in range(13)]])
    before = _members(desk)
    roster.import_roster(desk.session, desk.admin, plan)
    assert _members(desk) - before == {(first, "13912345678"), (second, None)}


def test_a_roster_previewed_before_another_clerk_added_the_same_member_is_not_imported(desk,
                                                                                  tmp_path):
    name = unique("欧阳明")
    path = roster_file(tmp_path, [["姓名", "界别"], [name, "经济界"]])
    plan = roster.preview(desk.session, path)
    assert plan.lines[0].action is LineAction.NEW
    base_data.add_member(desk.session, desk.admin, name, desk.sector("经济界").id, None, None)
    with refused(InvalidInput, "roster_changed"), leaves_no_trace(desk):
        roster.import_roster(desk.session, desk.admin, plan)
    assert roster.preview(desk.session, path).lines[0].action is LineAction.SAME


def test_numbers_excel_mangled_are_refused_by_line_and_the_rest_imported(desk, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["姓名", "界别", "电话"])
    sheet.append(["王芳", "经济界", 5718888666])  # 0571-8888666 in a number cell
    sheet.append([zhao := unique("赵敏"), "经济界", 13812345678])
    sheet.append(["张三、李四", "经济界", ""])
    path = tmp_path / "名册.xlsx"
    book.save(path)
    plan = roster.preview(desk.session, path)
    assert [(line.name, line.phone, line.action) for line in plan.lines] == [
        ("王芳", "5718888666", LineAction.ERROR), (zhao, "13812345678", LineAction.NEW),
        ("张三、李四", "", LineAction.ERROR)]
    assert "开头的 0" in plan.lines[0].note and "一格里" in plan.lines[2].note
    before = _members(desk)
    roster.import_roster(desk.session, desk.admin, plan)
    assert _members(desk) - before == {(zhao, "13812345678")}


def test_a_zero_width_space_does_not_make_a_second_member(desk, tmp_path):
    name = unique("王芳")
    base_data.add_member(desk.session, desk.admin, name, desk.sector("经济界").id, None, None)
    path = roster_file(tmp_path, [["姓名", "界别"], [name[0] + "\u200b" + name[1:], "经济界"],
                                  [name + " ", "经 济界"]])
    plan = roster.preview(desk.session, path)
    assert [(line.name, line.action) for line in plan.lines] == [
        (name, LineAction.SAME), (name, LineAction.SKIP)]
