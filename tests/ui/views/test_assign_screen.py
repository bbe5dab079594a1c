"""交办 as the clerk does it: pick the filed proposals, the units and their part, press Ctrl+Enter."""
from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from desktop.services import assignment
from desktop.store.models import Assignment
from desktop.ui.dialogs.adjustment import AdjustmentDialog
from desktop.ui.views.assign_view import AssignView

from .clerk import (
    AFTER_SCHOOL, click_rows, click_tab, file_another, pick_unit, press, show, titles,
)

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

@pytest.fixture
def view(workspace, qtbot) -> AssignView:
    return show(qtbot, AssignView(workspace), workspace)


def test_a_filed_proposal_goes_to_a_lead_and_an_assisting_unit_by_keyboard(view, qtbot, desk):
    assert view.tabs.tabText(0) == "待交办（1）"
    assert titles(view.model) == [AFTER_SCHOOL]
    click_rows(qtbot, view.table, AFTER_SCHOOL)
    assert view.panel.current.text() == "尚未交办。"
    pick_unit(qtbot, view, "教育")
    press(qtbot, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    pick_unit(qtbot, view, "财政")
    press(qtbot, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert view.panel.chosen.text() == "<b>本次交办</b> 主办：县教育局；协办：县财政局"
    view.panel.assigned_on.setDate(date(2023, 3, 1))
    assert view.panel.deadline.text() == "2023年6月1日（按提案类型自动计算）"
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    assert view.message.text() == "已交办 1 件（2 个单位）。"
    assert [view.tabs.tabText(i) for i in range(3)] == ["待交办（0）", "已交办（1）", "退回与调整（0）"]
    rows = desk.session.query(Assignment).filter_by(proposal_id=desk.proposals[AFTER_SCHOOL])
    assert sorted((a.unit.name, a.role.value, a.due_on) for a in rows) == [
        ("县教育局", "lead", date(2023, 6, 1)), ("县财政局", "assist", date(2023, 6, 1))]

    click_tab(qtbot, view.tabs, "交办清单")
    view.lists.show_unit(desk.unit("教育局").id)
    line = view.lists.model.row_at(0)
    assert (line.title, line.role, line.due_on) == (AFTER_SCHOOL, "主办", date(2023, 6, 1))
    assert view.lists.summary.text() == "共 1 件：主办 1 件"


def test_assigning_with_no_unit_chosen_says_so_and_assigns_nothing(view, qtbot, desk):
    click_rows(qtbot, view.table, AFTER_SCHOOL)
    qtbot.mouseClick(view.panel.go, Qt.MouseButton.LeftButton)
    assert view.panel.error.text() == "请至少选择一个承办单位。"
    assert desk.session.query(Assignment).count() == 0
    assert titles(view.model) == [AFTER_SCHOOL]


def test_separate_units_replace_a_lead_chosen_before(view, qtbot):
    click_rows(qtbot, view.table, AFTER_SCHOOL)
    pick_unit(qtbot, view, "教育")
    press(qtbot, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    pick_unit(qtbot, view, "人力")
    press(qtbot, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    pick_unit(qtbot, view, "财政")
    press(qtbot, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert view.panel.chosen.text() == "<b>本次交办</b> 分办：县财政局、县人力资源和社会保障局"


def test_two_proposals_are_assigned_at_once_and_the_history_suggests_the_unit(view, qtbot,
                                                                              desk):
    similar = file_another(desk, "关于提升农村中小学课后服务水平的建议")
    view.refresh()
    click_rows(qtbot, view.table, AFTER_SCHOOL, "关于提升农村中小学课后服务水平的建议")
    assert view.panel.heading.text().startswith("批量交办所选提案 2 件")
    pick_unit(qtbot, view, "教育")
    press(qtbot, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert view.message.text() == "已交办 2 件（1 个单位）。"

    third = file_another(desk, "关于做好中小学课后服务的建议")
    view.refresh()
    click_rows(qtbot, view.table, "关于做好中小学课后服务的建议")
    first = view.panel.suggestions.item(0)
    assert first.text().startswith("县教育局（在办 2）— 办理过相似提案 2 件")
    view.panel.suggestions.setCurrentItem(first)
    view.panel.suggestions.itemActivated.emit(first)
    assert view.panel.chosen.text() == "<b>本次交办</b> 主办：县教育局"
    assert similar and third


def to_civil_affairs(desk, then, reason: str) -> None:
    """The desk's filed proposal goes to 县民政局, which two days later returns it or asks."""
    [lead] = assignment.assign(desk.session, desk.admin, desk.proposals[AFTER_SCHOOL],
                               lead=desk.unit("民政局").id, assigned_on=date(2023, 3, 1))
    then(desk.session, desk.admin, lead.id, reason, on=date(2023, 3, 3))


def test_a_returned_proposal_is_assigned_again_from_the_requests(view, qtbot, desk):
    pid = desk.proposals[AFTER_SCHOOL]
    to_civil_affairs(desk, assignment.return_assignment, "不属于本单位职责")
    view.refresh()
    assert view.tabs.tabText(2) == "退回与调整（1）"
    click_tab(qtbot, view.tabs, "退回与调整")
    view.requests.table.selectRow(0)
    assert not view.requests.approve.isEnabled()
    qtbot.mouseClick(view.requests.again, Qt.MouseButton.LeftButton)
    assert view.tabs.currentIndex() == 0
    assert view.table.selected_ids() == [pid]
    offered = [view.panel.suggestions.item(i).text() for i in range(view.panel.suggestions.count())]
    assert not any(text.startswith("县民政局") for text in offered), "it gave the proposal back"


def test_the_office_agrees_to_move_a_proposal_to_the_unit_it_names(view, qtbot, desk,
                                                                  monkeypatch):
    pid = desk.proposals[AFTER_SCHOOL]
    to_civil_affairs(desk, assignment.request_adjustment, "应由教育局主办")
    view.refresh()
    click_tab(qtbot, view.tabs, "退回与调整")
    view.requests.table.selectRow(0)

    def exec_(dialog: AdjustmentDialog) -> int:
        dialog.accept()
        assert dialog.error.text() == "请填写审批意见。"
        dialog.unit.setCurrentIndex(dialog.unit.findText("县教育局"))
        dialog.note.setText("同意，改由县教育局主办")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(AdjustmentDialog, "exec", exec_)
    qtbot.mouseClick(view.requests.approve, Qt.MouseButton.LeftButton)
    assert view.requests.message.text() == f"已同意县民政局对收文{desk_serial(desk, pid)}号的调整申请。"
    assert view.requests.count() == 0
    [now] = desk.session.query(Assignment).filter_by(proposal_id=pid, ended=None)
    assert (now.unit.name, now.role.value) == ("县教育局", "lead")


def desk_serial(desk, pid: str) -> str:
    from desktop.store.models import Proposal

    return desk.session.get(Proposal, pid).serial
