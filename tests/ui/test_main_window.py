"""The main window as the clerk meets it: the pages on the left, the meeting and the search box
on top, who and where in the status bar, the same size as last time."""
from __future__ import annotations

import uuid
from datetime import date

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from desktop.domain.enums import UserRole
from desktop.services import base_data, entry, users
from desktop.store.models import Term
from desktop.ui.main_window import MainWindow
from desktop.ui.models.proposal_table import COLUMNS
from desktop.ui.single_instance import InstanceGuard, wake_running
from desktop.ui.workspace import Workspace

OFFICE = "政协测试县委员会"

# The offscreen platform reports what it cannot do (raise a window, propagate size hints).
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def window(workspace, qtbot) -> MainWindow:
    w = MainWindow(workspace, OFFICE)
    qtbot.addWidget(w)
    with qtbot.waitActive(w):
        w.show()
        w.activateWindow()
    return w


def texts(widget: QWidget) -> str:
    return "\n".join(label.text() for label in widget.findChildren(QLabel))


def titles_found(w: MainWindow) -> list[str]:
    model = w.search_view.model
    title = next(i for i, c in enumerate(COLUMNS) if c.key == "title")
    return sorted(model.index(r, title).data() for r in range(model.rowCount()))


def click_page(qtbot, w: MainWindow, name: str) -> None:
    [item] = w.navigation.findItems(name, Qt.MatchFlag.MatchExactly)
    rect = w.navigation.visualItemRect(item)
    qtbot.mouseClick(w.navigation.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def type_in(qtbot, widget: QWidget, text: str) -> None:
    """Latin letters as key presses, Chinese as the input method commits it."""
    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def search(qtbot, w: MainWindow, text: str) -> None:
    qtbot.keyClick(w, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    type_in(qtbot, w.search_box, text)
    qtbot.keyClick(w.search_box, Qt.Key.Key_Return)


def test_the_window_names_the_office_and_lists_the_pages(window):
    assert window.windowTitle() == f"提案通 · {OFFICE}"
    pages = [window.navigation.item(i).text() for i in range(window.navigation.count())]
    assert pages == ["首页", "录入", "审查立案", "交办", "办理跟踪", "重点督办", "统计", "基础数据",
                     "数据交换"]
    assert window.navigation.currentItem().text() == "首页"
    assert window.stack.currentWidget() is window.views["首页"]


@pytest.mark.parametrize(("role", "pages", "searches"), [
    (UserRole.UNIT, ["首页", "办理跟踪", "统计"], False),
    (UserRole.LEADER, ["首页", "办理跟踪", "重点督办", "统计"], True),
    (UserRole.REVIEWER, ["首页", "审查立案", "办理跟踪", "重点督办", "统计"], True),
])
def test_each_role_sees_the_pages_of_its_work(desk, qtbot, role, pages, searches):
    unit_id = desk.unit("教育局").id if role is UserRole.UNIT else None
    user = users.create_user(desk.session, desk.admin, f"u{role.value}", "某人", role,
                             "secret-123", unit_id=unit_id)
    ws = Workspace(desk.db, users.actor_of(user), desk.meeting.id)
    w = MainWindow(ws, OFFICE)
    qtbot.addWidget(w)
    w.show()
    assert [w.navigation.item(i).text() for i in range(w.navigation.count())] == pages
    assert w.stack.currentWidget() is w.views[pages[0]]
    assert w.search_box.isVisible() is searches


def test_every_page_is_a_working_screen(window, qtbot):
    for name in ("审查立案", "交办", "办理跟踪", "重点督办", "统计", "基础数据", "首页"):
        click_page(qtbot, window, name)
        page = window.stack.currentWidget()
        assert page is window.views[name]
        assert "待开发" not in texts(page)

def test_ctrl_f_then_enter_finds_proposals_by_their_words(window, qtbot):
    click_page(qtbot, window, "统计")
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.search_box

    type_in(qtbot, window.search_box, "停车")
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.search_view
    assert titles_found(window) == sorted(["关于缓解县城停车难的建议", "关于规范老旧小区停车管理的建议",
                                           "关于推进垃圾分类的建议"])
    assert "查找“停车”" in window.search_view.heading.text()
    assert "提案 3 件" in window.search_view.heading.text()


def test_a_members_pinyin_initials_find_the_member_and_the_proposals_they_lead(window, qtbot):
    search(qtbot, window, "zs")
    assert window.stack.currentWidget() is window.search_view
    assert titles_found(window) == sorted(["关于缓解县城停车难的建议", "关于发展乡村旅游的建议"])
    assert window.search_view.members.text() == "委员：张三（经济界）"


def test_ctrl_f_selects_the_previous_search_to_type_over_it(window, qtbot):
    search(qtbot, window, "停车")
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search_box.selectedText() == "停车"
    search(qtbot, window, "旅游")
    assert window.search_box.text() == "旅游"
    assert titles_found(window) == ["关于发展乡村旅游的建议"]


def test_enter_on_an_empty_search_box_stays_on_the_page(window, qtbot):
    click_page(qtbot, window, "交办")
    search(qtbot, window, "   ")
    assert window.stack.currentWidget() is window.views["交办"]


def test_after_a_search_the_page_left_is_one_click_away(window, qtbot):
    search(qtbot, window, "停车")
    assert window.stack.currentWidget() is window.search_view
    click_page(qtbot, window, "录入")
    assert window.stack.currentWidget() is window.entry


def test_the_status_bar_says_who_which_meeting_and_which_file(window, desk):
    assert "用户：admin（管理员）" in window.who.text()
    assert "会议：十届二次会议" in window.who.text()
    assert window.where.text() == f"数据库：{desk.db.path}"


def test_switching_the_meeting(desk, workspace, qtbot):
    term = desk.session.query(Term).one()
    earlier = base_data.add_meeting(desk.session, desk.admin, term.id, 1, date(2022, 1, 10))
    w = MainWindow(workspace, OFFICE)
    qtbot.addWidget(w)
    w.show()
    names = [w.meetings.itemText(i) for i in range(w.meetings.count())]
    assert names == ["十届二次会议", "十届一次会议"]
    assert w.meetings.currentText() == "十届二次会议"

    with qtbot.waitSignal(workspace.meeting_changed) as switched:
        w.meetings.setCurrentIndex(1)
    assert switched.args == [earlier.id]
    assert workspace.meeting_id == earlier.id
    assert "会议：十届一次会议" in w.who.text()

    with qtbot.assertNotEmitted(workspace.meeting_changed):
        w.meetings.setCurrentIndex(1)


def test_the_window_opens_at_the_size_it_was_closed_at(workspace, qtbot, qsettings_dir):
    first = MainWindow(workspace, OFFICE)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    first.resize(700, 480)
    qtbot.waitUntil(lambda: first.size() == QSize(700, 480))
    assert first.close()
    assert list(qsettings_dir.rglob("*.ini")), "the size is kept in the settings file"

    second = MainWindow(workspace, OFFICE)
    qtbot.addWidget(second)
    second.show()
    assert second.size() == QSize(700, 480)


def test_a_fresh_settings_folder_gives_the_default_size(workspace, qtbot):
    w = MainWindow(workspace, OFFICE)
    qtbot.addWidget(w)
    assert w.size() == QSize(1280, 720)


def test_a_change_anywhere_refreshes_the_search_page(window, workspace, desk, qtbot):
    search(qtbot, window, "停车")
    assert len(titles_found(window)) == 3
    draft = entry.ProposalDraft(desk.meeting.id, "关于建设公共停车场的建议",
                                [entry.ProposerInput(desk.member("王五").id)],
                                received_on=date(2023, 1, 14))
    with qtbot.waitSignal(workspace.changed):
        workspace.act(entry.register, draft)
    assert "关于建设公共停车场的建议" in titles_found(window)
    assert len(titles_found(window)) == 4


def test_the_search_heading_counts_again_after_a_change(window, workspace, desk, qtbot):
    search(qtbot, window, "停车")
    draft = entry.ProposalDraft(desk.meeting.id, "关于建设公共停车场的建议",
                                [entry.ProposerInput(desk.member("王五").id)],
                                received_on=date(2023, 1, 14))
    workspace.act(entry.register, draft)
    assert "提案 4 件" in window.search_view.heading.text()


def test_a_second_start_brings_the_window_forward(window, qtbot):
    name = f"tiantong-test-{uuid.uuid4().hex[:12]}"
    guard = InstanceGuard(name)
    guard.woken.connect(window.bring_forward)
    try:
        window.showMinimized()
        qtbot.waitUntil(window.isMinimized)
        with qtbot.waitSignal(guard.woken, timeout=3000):
            assert wake_running(name)
        assert not window.isMinimized()
        assert window.isVisible()
    finally:
        guard.close()
        guard.deleteLater()


def test_a_screen_is_built_when_first_opened_and_shows_what_changed_before(window, qtbot, desk):
    assert set(window.views) == {"首页"}, "only the first screen is built at start"
    desk.register("关于新建城区公厕的建议")  # sent to 初审 while the review screen was never open
    click_page(qtbot, window, "审查立案")
    assert set(window.views) == {"首页", "审查立案"}
    model = window.review.table.model()
    title = next(i for i, c in enumerate(COLUMNS) if c.key == "title")
    assert "关于新建城区公厕的建议" in [model.index(r, title).data()
                                   for r in range(model.rowCount())]


def test_a_pc_without_the_office_fonts_is_told_at_start(workspace, qtbot, monkeypatch):
    from desktop.ui import main_window

    from desktop.exporters import fonts
    from desktop.ui import office_apps

    monkeypatch.setattr(office_apps.QFontDatabase, "families", lambda: ["宋体", "仿宋", "黑体"])
    w = MainWindow(workspace, "政协测试县委员会")
    qtbot.addWidget(w)
    assert w.notice.text() == (
        "本机缺少 3 种公文字体（仿宋_GB2312等），打印效果可能与正式公文略有不同，"
        "详见 基础数据 → 文书设置。")
    assert fonts.missing_notice(fonts.check_fonts(["仿宋"])).startswith("本机缺少 5 种")
    monkeypatch.setattr(main_window, "font_notice", lambda: "")
    quiet = MainWindow(workspace, "政协测试县委员会")
    qtbot.addWidget(quiet)
    assert quiet.notice.text() == ""


def test_about_names_the_version_and_where_the_data_and_database_are(window, monkeypatch):
    from PySide6.QtWidgets import QApplication

    from desktop.local.paths import data_dir
    from desktop.ui.dialogs.about import AboutDialog

    about = AboutDialog(window.ws.database.path, window)
    lines = dict(about.lines)
    assert lines["版本"] == __import__("importlib.metadata").metadata.version("tiantong")
    assert lines["数据文件夹"] == str(data_dir())
    assert lines["数据库"] == str(window.ws.database.path)
    about.copy()
    assert f"数据库：{window.ws.database.path}" in QApplication.clipboard().text()
