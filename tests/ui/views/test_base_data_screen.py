"""基础数据 as the office keeps it: the roster from Excel, units merged, users, settings."""
from __future__ import annotations


import pytest
from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget

from desktop.domain.enums import Kind, UserRole
from desktop.services import base_data, users
from desktop.store.models import Member, Unit
from desktop.ui.views.base_data_view import BaseDataView
from desktop.ui.workspace import Workspace

from .clerk import show, type_text

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def view(workspace, qtbot) -> BaseDataView:
    return show(qtbot, BaseDataView(workspace), workspace)


def _buttons(page: QWidget) -> list[QPushButton]:
    return page.findChildren(QPushButton)


def click(qtbot, page: QWidget, text: str) -> None:
    [button] = [b for b in _buttons(page) if b.text().startswith(text)]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def listed(page) -> list:
    return [page.model.row_at(i) for i in range(page.model.rowCount())]


def choose_row(page, text: str) -> None:
    model = page.model
    row = next(i for i in range(model.rowCount()) if model.index(i, 0).data() == text)
    page.table.selectRow(row)


def test_the_roster_is_previewed_then_imported_from_the_offices_excel(view, desk, qtbot, answer_dialogs,
                                                                      tmp_path):
    book = Workbook()
    book.active.append(["政协××县委员会委员名册"])
    book.active.append(["序号", "姓 名", "界别", "工作单位及职务"])
    book.active.append([1, "欧阳  明", "经济", "县供销社主任"])
    book.active.append([2, "王强", "无此界", "某单位"])
    path = tmp_path / "名册.xlsx"
    book.save(path)
    seen = {}

    def preview_then_import(dialog) -> None:
        dialog.load(path)
        seen["summary"] = dialog.summary.text()
        seen["lines"] = [(dialog.model.index(r, 1).data(), dialog.model.index(r, 5).data())
                         for r in range(dialog.model.rowCount())]
        seen["written before import"] = desk.session.query(Member).filter_by(name="欧阳明").count()
        dialog.accept()
    answer_dialogs.append(preview_then_import)
    click(qtbot, view.members, "从Excel导入名册")
    assert seen["summary"] == "工作表“Sheet”共 2 行：新增 1 人，不能导入 1 人。"
    assert seen["lines"] == [("欧阳明", "新增"), ("王强", "不能导入")]
    assert seen["written before import"] == 0
    from desktop.services import backups
    [kept] = backups.automatic_backups(backups.automatic_folder(desk.db))
    assert kept.name.endswith("_导入名册前.db")  # the file as it was before the import
    view.members.find.setText("oym")
    assert [view.members.model.index(r, 0).data() for r in range(view.members.model.rowCount())] \
        == ["欧阳明"]


def test_a_damaged_roster_file_says_so_and_imports_nothing(view, desk, qtbot, answer_dialogs, tmp_path):
    path = tmp_path / "名册.xlsx"
    path.write_bytes(b"PK\x03\x04 broken")
    seen = {}

    def damaged(dialog) -> None:
        dialog.load(path)
        seen["error"], seen["ok"] = dialog.error.text(), dialog.ok.isEnabled()
        dialog.reject()
    answer_dialogs.append(damaged)
    before = desk.session.query(Member).count()
    click(qtbot, view.members, "从Excel导入名册")
    assert seen == {"error": "名册.xlsx 不是Excel 工作簿或已损坏，未导入任何内容。", "ok": False}
    assert desk.session.query(Member).count() == before


def test_a_member_added_meanwhile_stops_the_import_and_the_preview_is_shown_again(
        view, desk, qtbot, answer_dialogs, tmp_path):
    book = Workbook()
    book.active.append(["姓名", "界别"])
    book.active.append(["钱学明", "经济界"])
    path = tmp_path / "名册.xlsx"
    book.save(path)
    seen = {}

    def meanwhile(dialog) -> None:
        dialog.load(path)
        base_data.add_member(desk.session, desk.admin, "钱学明", desk.sector("经济界").id, None,
                             None)
        dialog.accept()
        seen["error"], seen["open"] = dialog.error.text(), dialog.isVisible()
        seen["lines"] = [dialog.model.index(r, 5).data() for r in range(dialog.model.rowCount())]
        dialog.reject()
    answer_dialogs.append(meanwhile)
    click(qtbot, view.members, "从Excel导入名册")
    assert seen == {"error": "预览之后委员名单已有变动（可能有人同时在维护名册），未导入任何内容；"
                             "请重新预览后再导入。", "open": True, "lines": ["无变化"]}
    assert desk.session.query(Member).filter_by(name="钱学明").count() == 1


def test_a_unit_merged_after_a_reform_keeps_its_history(view, desk, qtbot, answer_dialogs):
    old = desk.unit("文旅广体局")
    view.tabs.setCurrentWidget(view.units)
    choose_row(view.units, old.name)

    def into_education(dialog) -> None:
        dialog.accept()
        seen_error = dialog.error.text()
        assert seen_error == "请填写并入的单位。"
        dialog.into.setCurrentIndex(dialog.into.findText(desk.unit("教育局").name))
        dialog.accept()
    answer_dialogs.append(into_education)
    click(qtbot, view.units, "并入其他单位")
    row = next(r for r in listed(view.units) if r.id == old.id)
    assert (row.active, row.merged_into) == (False, desk.unit("教育局").name)
    desk.session.rollback()  # a fresh read of what the screen wrote
    assert desk.session.get(Unit, old.id).merged_into_id == desk.unit("教育局").id


def test_a_units_full_name_for_its_letters_is_written_and_shown(view, desk, qtbot, answer_dialogs):
    unit = desk.unit("财政局")
    view.tabs.setCurrentWidget(view.units)
    choose_row(view.units, unit.name)

    def write_full_name(dialog) -> None:
        assert dialog.full.text() == "" and "测试县财政局" in dialog.full.placeholderText()
        type_text(qtbot, "测试县财政局（县国资局）", dialog.full)
        dialog.accept()
    answer_dialogs.append(write_full_name)
    click(qtbot, view.units, "修改")
    row = next(r for r in listed(view.units) if r.id == unit.id)
    assert (row.full_name, row.full_name_written) == ("测试县财政局（县国资局）", True)
    desk.session.rollback()
    assert desk.session.get(Unit, unit.id).full_name == "测试县财政局（县国资局）"


def test_settings_change_the_deadline_and_refuse_a_broken_pattern(view, desk, qtbot):
    page = view.settings
    view.tabs.setCurrentWidget(page)
    page.session_months.setValue(2)
    qtbot.mouseClick(next(b for b in _buttons(page) if b.text().startswith("保存设置")),
                     Qt.MouseButton.LeftButton)
    assert page.saved.text().startswith("设置已保存")
    desk.session.rollback()  # a fresh read of what the screen wrote
    assert base_data.office_settings(desk.session).deadlines.months_by_kind[Kind.SESSION.value] == 2
    page.number_pattern.clear()
    type_text(qtbot, "第号", page.number_pattern)
    page.save()
    assert "缺少序号" in page.error.text()
    desk.session.rollback()  # a fresh read of what the screen wrote
    assert base_data.office_settings(desk.session).number_pattern != "第号"


def test_a_unit_account_needs_its_unit(view, desk, qtbot, answer_dialogs):
    view.tabs.setCurrentWidget(view.users)
    seen = {}

    def unit_clerk(dialog) -> None:
        type_text(qtbot, "jyj", dialog.username)
        dialog.role.setCurrentIndex(dialog.role.findData(UserRole.UNIT))
        dialog.password.setText("secret-123")
        dialog.accept()
        seen["error"] = dialog.error.text()
        dialog.unit.setCurrentIndex(dialog.unit.findText(desk.unit("教育局").name))
        dialog.accept()
    answer_dialogs.append(unit_clerk)
    click(qtbot, view.users, "新增用户")
    assert seen["error"] == "承办单位经办人必须指定所属单位。"
    [row] = [r for r in listed(view.users) if r.username == "jyj"]
    assert (row.role, row.unit) == (UserRole.UNIT, desk.unit("教育局").name)


def test_staff_do_not_see_the_users_page(desk, qtbot, qapp):
    clerk = users.create_user(desk.session, desk.admin, "xw", "小王", UserRole.STAFF, "secret-123")
    ws = Workspace(desk.db, users.actor_of(clerk), desk.meeting.id)
    view = show(qtbot, BaseDataView(ws), ws)
    assert [view.tabs.tabText(i) for i in range(view.tabs.count())] == [
        "委员", "界别", "承办单位", "提案类别", "本会设置", "文书设置"]
    ws.deleteLater()
