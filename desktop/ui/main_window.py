"""The main window only assembles: navigation, meeting switcher, search box, views, status bar."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, QSize, QTimer
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QMainWindow,
    QStackedWidget, QToolBar, QWidget,
)

from desktop.ui import drafts
from desktop.domain.enums import HandlingStatus, UserRole
from desktop.domain.permissions import Action, allowed, sees_all_proposals
from desktop.wording.labels import label
from desktop.services import base_data, conflicts, exchange, search

from .dialogs.about import AboutDialog
from .dialogs.export_dialog import ExportDialog
from .views.assign_view import AssignView
from .views.base_data_view import BaseDataView
from .views.dashboard_view import DashboardView
from .views.entry_view import EntryView
from .views.exchange_view import ExchangeView
from .views.review_view import ReviewView
from .views.search_view import SearchView
from .views.statistics_view import StatisticsView
from .views.supervision_view import SupervisionView
from .views.tracking_view import TrackingView
from .office_apps import font_notice
from .workspace import Workspace

NAVIGATION = ("首页", "录入", "审查立案", "交办", "办理跟踪", "重点督办", "统计", "基础数据",
              "数据交换")
EXCHANGE = "数据交换"


def _may(action: Action) -> Callable[[UserRole], bool]:
    return lambda role: allowed(action, None, role)


# who sees a screen: a role that may never take the action a screen is for does not see it
# 导出文书 from a screen starts with that screen's paper: (kind, notice)
EXPORT_FOR_SCREEN = {
    "录入": ("proposals", None), "审查立案": ("notices", "不予立案"), "交办": ("notices", "交办"),
    "办理跟踪": ("letters", None), "重点督办": ("ledger", None), "统计": ("stats", None),
}
GATES: dict[str, Callable[[UserRole], bool]] = {
    "录入": _may(Action.REGISTER), "审查立案": _may(Action.FILE), "交办": _may(Action.ASSIGN),
    "重点督办": sees_all_proposals, "基础数据": _may(Action.MANAGE_BASE_DATA)}
class MainWindow(QMainWindow):
    def __init__(self, workspace: Workspace, office_name: str) -> None:
        super().__init__()
        self.ws = workspace
        self.setWindowTitle(f"提案通 · {office_name}")
        # Each screen is built the first time it is shown: the review screen alone counts six
        # queues over the whole meeting, time a clerk who starts at 录入 should not wait for.
        self._builders: dict[str, Callable[[], QWidget]] = {
            "首页": self._dashboard,
            "录入": lambda: EntryView(workspace),
            "审查立案": lambda: ReviewView(workspace),
            "交办": lambda: AssignView(workspace),
            "办理跟踪": lambda: TrackingView(workspace),
            "重点督办": lambda: SupervisionView(workspace),
            "统计": lambda: StatisticsView(workspace),
            "基础数据": lambda: BaseDataView(workspace),
            "查找": lambda: SearchView(workspace),
            EXCHANGE: self._exchange,
        }
        self.views: dict[str, QWidget] = {}

        self.navigation = QListWidget()
        self.navigation.setFixedWidth(120)
        self.navigation.setIconSize(QSize(0, 0))
        self.navigation.setStyleSheet("QListWidget { font-size: 15px; } "
                                      "QListWidget::item { padding: 10px 8px; }")
        self.stack = QStackedWidget()
        exchanges = workspace.read_as(exchange.exchanges_here)
        self.screens = [name for name in NAVIGATION
                        if (name not in GATES or GATES[name](workspace.actor.role))
                        and (name != EXCHANGE or exchanges)]
        for name in self.screens:
            self.navigation.addItem(QListWidgetItem(name))
        if exchanges:
            self._count_conflicts(workspace.read(conflicts.open_count))
        self.navigation.currentRowChanged.connect(self._show_row)
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.navigation)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.meetings = QComboBox()
        self.meetings.setMinimumWidth(150)
        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText("查找提案、委员（案由、内容、姓名或拼音首字母）  Ctrl+F")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setMaxLength(search.SEARCH_TEXT_LIMIT)
        self.search_box.setMinimumWidth(360)
        self.search_box.returnPressed.connect(self._search)
        toolbar = QToolBar("工具栏")
        toolbar.setObjectName("main_toolbar")
        toolbar.setMovable(False)
        toolbar.addWidget(QLabel(" 会议："))
        toolbar.addWidget(self.meetings)
        toolbar.addSeparator()
        export = toolbar.addAction("导出文书…")
        export.setToolTip("批量导出答复函、通知、征询意见表、提案表、汇编、台账和统计表")
        export.triggered.connect(self.export_documents)
        about = toolbar.addAction("关于")
        about.triggered.connect(lambda: AboutDialog(self.ws.database.path, self).exec())
        if sees_all_proposals(workspace.actor.role):
            toolbar.addSeparator()
            toolbar.addWidget(self.search_box)
        self.addToolBar(toolbar)
        find = QShortcut(QKeySequence.StandardKey.Find, self, self._focus_search)
        if QKeySequence("Ctrl+F") not in find.keys():  # a second Ctrl+F shortcut would be ambiguous
            find.setKeys([*find.keys(), QKeySequence("Ctrl+F")])

        self.who = QLabel()
        self.where = QLabel()
        self.notice = QLabel()  # a passing word (missing fonts, a failed backup), in its own place
        self.notice.setStyleSheet("color: #8a5a00")
        self._notice_timer = QTimer(self)
        self._notice_timer.setSingleShot(True)
        self._notice_timer.timeout.connect(self.notice.clear)
        self.statusBar().addWidget(self.who)
        self.statusBar().addWidget(self.notice, 1)
        self.statusBar().addPermanentWidget(self.where)
        self._fill_meetings()
        self.meetings.currentIndexChanged.connect(self._switch_meeting)
        workspace.changed.connect(self._refresh_views)
        workspace.meeting_changed.connect(lambda _id: self._refresh_views())
        self._update_status()
        missing = font_notice()
        if missing:  # said once a start, where it does not stop anyone's work
            self.say(f"{missing}，详见 基础数据 → 文书设置。")
        self._restore()
        # typing left unsaved when the program last closed is where the clerk starts again
        unsaved = ("录入" in self.screens
                   and drafts.load(workspace.actor.username, drafts.folder()) is not None)
        self.navigation.setCurrentRow(self.screens.index("录入") if unsaved else 0)

    # -- assembling ---------------------------------------------------------------------
    def _fill_meetings(self) -> None:
        self.meetings.blockSignals(True)
        self.meetings.clear()
        for meeting_id, name in self.ws.read(base_data.meetings):
            self.meetings.addItem(name, meeting_id)
        index = self.meetings.findData(self.ws.meeting_id)
        self.meetings.setCurrentIndex(max(index, 0))
        self.meetings.blockSignals(False)

    def _switch_meeting(self, index: int) -> None:
        meeting_id = self.meetings.itemData(index)
        if meeting_id:
            self.ws.set_meeting(meeting_id)
            self._update_status()

    def say(self, text: str, seconds: int = 30) -> None:
        """A sentence in the status bar that goes after a while (the timer is the window's, so
        it goes with the window)."""
        self.notice.setText(text)
        self._notice_timer.start(seconds * 1000)

    def export_documents(self) -> None:
        """The kind of paper the clerk's current screen is about comes first."""
        current = self.screens[self.navigation.currentRow()] if self.screens else ""
        kind, notice = EXPORT_FOR_SCREEN.get(current, ("letters", None))
        ExportDialog(self.ws, kind, notice, parent=self).exec()

    def view(self, name: str) -> QWidget:
        """The screen called ``name`` (a NAVIGATION entry or 查找), built on first use."""
        if name not in self.views:
            self.views[name] = self._builders[name]()
            self.stack.addWidget(self.views[name])
        return self.views[name]

    def _exchange(self) -> ExchangeView:
        view = ExchangeView(self.ws)
        view.counted.connect(self._count_conflicts)
        return view

    def _count_conflicts(self, waiting: int) -> None:
        """The conflicts waiting for a person, on the screen's entry while there are any."""
        item = self.navigation.item(self.screens.index(EXCHANGE))
        item.setText(f"{EXCHANGE}（{waiting}）" if waiting else EXCHANGE)

    def receive_package(self, path: Path) -> None:
        """A .tian file opened with the program (double-clicked, or handed over by a second
        start): its preview, on the 数据交换 screen."""
        if EXCHANGE not in self.screens:
            self.say("当前用户不能接收交换文件，请用提案委工作人员的账号登录。")
            return
        self.bring_forward()
        self.show_view(EXCHANGE)
        self.view(EXCHANGE).receive(path)

    def _dashboard(self) -> DashboardView:
        view = DashboardView(self.ws)
        view.open_todo.connect(self.open_todo)
        return view

    def open_todo(self, key: str) -> None:
        """A to-do of the start page opens the list that holds it."""
        if key in ("to_assign", "requests"):
            self.show_view("交办")
            self.view("交办").show_tab("待交办" if key == "to_assign" else "退回与调整")
        elif key == "in_review":
            self.show_view("审查立案")
        else:
            self.show_view("办理跟踪")
            tracking = self.view("办理跟踪")
            presets = {"to_accept": (HandlingStatus.TO_ACCEPT, None),
                       "to_evaluate": (HandlingStatus.TO_EVALUATE, None),
                       "overdue": (None, tracking.overdue), "due_soon": (None, tracking.due_soon)}
            tracking.show_only(*presets[key])

    @property
    def entry(self) -> EntryView:
        return self.view("录入")

    @property
    def review(self) -> ReviewView:
        return self.view("审查立案")

    @property
    def search_view(self) -> SearchView:
        return self.view("查找")

    def _show_row(self, row: int) -> None:
        if row >= 0:
            self.stack.setCurrentWidget(self.view(self.screens[row]))

    def _refresh_views(self) -> None:
        for view in self.views.values():
            view.refresh()

    def _focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    def _search(self) -> None:
        text = self.search_box.text().strip()
        if not text:
            return
        self.search_view.search(text)
        self.navigation.setCurrentRow(-1)  # not just unselected: a click on the page left returns
        self.stack.setCurrentWidget(self.search_view)

    def show_view(self, name: str) -> None:
        self.navigation.setCurrentRow(self.screens.index(name))

    def _update_status(self) -> None:
        actor = self.ws.actor
        self.who.setText(f"用户：{actor.username}（{label(actor.role)}）    "
                         f"会议：{self.meetings.currentText() or '（尚无会议）'}")
        path = self.ws.database.path
        self.where.setText(f"数据库：{path if path else self.ws.database.engine.url}")

    def bring_forward(self) -> None:
        """A second start of the program lands here instead of opening the database twice."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    # -- remembering --------------------------------------------------------------------
    def _restore(self) -> None:
        settings = QSettings()
        geometry = settings.value("main_window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 720)
        state = settings.value("main_window/state")
        if state is not None:
            self.restoreState(state)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if "录入" in self.views and not self.entry.can_close():
            event.ignore()
            return
        settings = QSettings()
        settings.setValue("main_window/geometry", self.saveGeometry())
        settings.setValue("main_window/state", self.saveState())
        super().closeEvent(event)
