"""首页: today's to-dos, each opening the list that holds it, and the charts of the meeting."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt

from desktop.domain.enums import HandlingStatus, ReplyCategory, UserRole
from desktop.services import assignment, handling, users
from desktop.ui.main_window import MainWindow
from desktop.ui.views.dashboard_view import DashboardView
from desktop.ui.workspace import Workspace

from .clerk import AFTER_SCHOOL, file_another, rows, show

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")
TODAY = date.today()  # the views below are pinned to it, so a run across midnight agrees
PARKING = "关于整治城区占道经营的建议"
PARKING_UNIT = "县城市管理综合执法局"


@pytest.fixture
def year(desk):
    """教育局 overdue on the filed proposal; 城管执法局 due within days; 住建局 answered B."""
    late = assignment.assign(desk.session, desk.admin, desk.proposals[AFTER_SCHOOL],
                             lead=desk.unit("教育局").id, assigned_on=TODAY - timedelta(200))[0]
    soon_id = file_another(desk, PARKING)
    soon = assignment.assign(desk.session, desk.admin, soon_id, lead=desk.unit("城管执法局").id,
                             assigned_on=TODAY - timedelta(88))[0]
    assert TODAY <= soon.due_on <= TODAY + timedelta(7)  # three months less 88 days
    done_id = file_another(desk, "关于加快老旧小区改造的建议")
    done = assignment.assign(desk.session, desk.admin, done_id, lead=desk.unit("住建局").id,
                             assigned_on=TODAY - timedelta(30))[0]
    assignment.accept(desk.session, desk.admin, done.id, on=TODAY - timedelta(29))
    handling.reply(desk.session, desk.admin, done.id, handling.ReplyInput(
        ReplyCategory.B, TODAY - timedelta(2), signer="局长"))
    return late, soon, done


def counts(view: DashboardView) -> dict[str, str]:
    return {key: button.text().replace("\n", " ") for key, button in view.buttons.items()}


def test_the_start_page_counts_what_is_to_do_today(workspace, year, qtbot):
    view = show(qtbot, DashboardView(workspace, today=TODAY), workspace)
    assert counts(view) == {
        "to_accept": "待签收 2 件", "overdue": "已逾期 1 件", "due_soon": "7天内到期 1 件",
        "to_evaluate": "待评价 1 件", "to_assign": "待交办 0 件", "requests": "退回与调整 0 件",
        "in_review": "待审查 4 件"}  # the desk: two at 初审, two at 复审
    assert "#fee2e2" in view.buttons["overdue"].styleSheet(), "overdue is shown in red"
    assert [(b.label[:2], b.segments) for b in view.categories.bars] == [
        ("A类", (0,)), ("B类", (1,)), ("C类", (0,)), ("D类", (0,))]
    progress = {b.label: b.segments for b in view.progress.bars}
    assert progress == {"县教育局": (0, 0, 1), PARKING_UNIT: (0, 1, 0), "县住房和城乡建设局": (1, 0, 0)}
    assert [(b.label, b.segments) for b in view.overdue.bars] == [("政府系统", (1,))]


def test_a_to_do_opens_its_list(workspace, year, desk, qtbot):
    window = MainWindow(workspace, "政协测试县委员会")
    qtbot.addWidget(window)
    window.show()
    start = window.views["首页"]
    qtbot.mouseClick(start.buttons["overdue"], Qt.MouseButton.LeftButton)
    tracking = window.views["办理跟踪"]
    assert window.stack.currentWidget() is tracking
    assert [r.title for r in rows(tracking.model)] == [AFTER_SCHOOL]
    assert tracking.overdue.isChecked() and tracking.all_meetings.isChecked()
    window.show_view("首页")
    qtbot.mouseClick(start.buttons["due_soon"], Qt.MouseButton.LeftButton)
    assert [r.title for r in rows(tracking.model)] == [PARKING] and not tracking.overdue.isChecked()
    window.show_view("首页")
    qtbot.mouseClick(start.buttons["to_accept"], Qt.MouseButton.LeftButton)
    assert tracking.status.currentData() == HandlingStatus.TO_ACCEPT.value
    assert sorted(r.title for r in rows(tracking.model)) == sorted([AFTER_SCHOOL, PARKING])
    window.show_view("首页")
    qtbot.mouseClick(start.buttons["in_review"], Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.review


def test_a_unit_clerk_sees_their_own_to_dos_only(desk, year, qtbot, qapp):
    clerk = users.create_user(desk.session, desk.admin, "jyj", "教育局经办人", UserRole.UNIT,
                              "secret-123", unit_id=desk.unit("教育局").id)
    ws = Workspace(desk.db, users.actor_of(clerk), desk.meeting.id)
    view = show(qtbot, DashboardView(ws, today=TODAY), ws)
    assert counts(view) == {"to_accept": "待签收 1 件", "overdue": "已逾期 1 件",
                            "due_soon": "7天内到期 0 件"}
    assert [b.label for b in view.progress.bars] == ["县教育局"]
    ws.deleteLater()


def test_a_unit_request_waits_on_the_start_page_until_the_office_decides(workspace, desk, qtbot):
    proposal_id = file_another(desk, PARKING)
    [row] = assignment.assign(desk.session, desk.admin, proposal_id,
                              lead=desk.unit("城管执法局").id, assigned_on=TODAY)
    assignment.request_adjustment(desk.session, desk.admin, row.id, "应由市场监管局办理",
                                  on=TODAY)
    view = show(qtbot, DashboardView(workspace, today=TODAY), workspace)
    assert counts(view)["requests"] == "退回与调整 1 件"
    assignment.decide_adjustment(desk.session, desk.admin, row.id, False, "职责明确，请继续办理",
                                 on=TODAY)
    workspace.changed.emit()
    assert counts(view)["requests"] == "退回与调整 0 件"
