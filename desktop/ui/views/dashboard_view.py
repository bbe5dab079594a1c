"""首页: what needs doing today (each a button to the list that holds it) and three charts."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGridLayout, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget,
)

from desktop.domain.permissions import sees_all_proposals
from desktop.wording.labels import CATEGORY_MEANINGS
from desktop.services.dashboard import Dashboard, dashboard
from desktop.wording.dates import chinese_date

from ..widgets.charts import Bar, BarChart
from ..workspace import Workspace
from .screen import Screen

CATEGORY_COLOURS = {"A": "#15803d", "B": "#2563eb", "C": "#d97706", "D": "#6b7280"}
_BUTTON = ("QPushButton {{ text-align: left; padding: 10px 14px; font-size: 14px; "
           "border: 1px solid #d4d4d8; border-radius: 6px; background: {background}; }}"
           "QPushButton:hover {{ border-color: #2563eb; }}")


class DashboardView(Screen):
    """``open_todo`` carries the key of the clicked to-do (desktop.services.dashboard.Todo)."""

    open_todo = Signal(str)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None,
                 today: date | None = None) -> None:
        super().__init__(parent)
        self._ws = workspace
        self._pinned_today = today
        self.data: Dashboard | None = None
        self.heading = QLabel()
        self.todo_row = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        unit_mode = not sees_all_proposals(workspace.actor.role)
        self.categories = BarChart("本次会议答复类别", [("件数", "#2563eb")], label_width=210)
        self.progress = BarChart("本单位办理进度" if unit_mode else
                                 "各承办单位办理进度（应答复最多的单位）",
                                 [("已答复", "#15803d"), ("办理中", "#93c5fd"),
                                  ("逾期未答复", "#dc2626")], label_width=150)
        self.overdue = BarChart("各系统逾期未答复", [("件数", "#dc2626")])
        self.overdue.empty_text = "没有逾期未答复的提案"
        self.overdue.setVisible(not unit_mode)
        charts = QGridLayout()
        charts.addWidget(self.categories, 0, 0)
        charts.addWidget(self.overdue, 1, 0)
        charts.addWidget(self.progress, 0, 1, 2, 1)
        charts.setColumnStretch(0, 1)
        charts.setColumnStretch(1, 1)
        page = QWidget()
        inner = QVBoxLayout(page)
        inner.addWidget(self.heading)
        inner.addLayout(self.todo_row)
        inner.addLayout(charts, 1)
        scroll = QScrollArea()  # a small window scrolls rather than squeezing the charts
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        workspace.meeting_changed.connect(lambda _m: self.refresh())
        self.reload()

    def today(self) -> date:
        return self._pinned_today or date.today()

    def reload(self) -> None:
        today = self.today()
        self.data = d = self._ws.read_as(dashboard, self._ws.meeting_id, today)
        self.heading.setText(f"<h3>今天要办（{chinese_date(today)}）</h3>")
        for todo in d.todos:
            button = self.buttons.get(todo.key)
            if button is None:
                button = self.buttons[todo.key] = QPushButton()
                button.clicked.connect(lambda _=False, k=todo.key: self.open_todo.emit(k))
                self.todo_row.addWidget(button)
            button.setText(f"{todo.title}\n{todo.count} 件")
            alarm = todo.urgent and todo.count
            button.setStyleSheet(_BUTTON.format(background="#fee2e2" if alarm else "#f8fafc"))
        self.categories.set_bars([Bar(f"{k}类 {CATEGORY_MEANINGS[k]}", (n,),
                                      colour=CATEGORY_COLOURS[k])
                                  for k, n in d.categories.items()])
        self.progress.set_bars([Bar(u.name, (u.replied, u.owed - u.overdue, u.overdue),
                                    f"{u.replied}/{u.replied + u.owed}") for u in d.units])
        self.overdue.set_bars([Bar(name, (n,)) for name, n in d.overdue_by_system if n])

