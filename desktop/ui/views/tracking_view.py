"""办理跟踪: every assignment with its status and deadline, filtered; the chosen one handled beside.

In unit mode (承办单位经办人) the unit filter is gone: the service shows that unit's rows only.
"""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget,
)

from desktop.domain.enums import HandlingStatus, UnitSystem, UserRole
from desktop.labels import label
from desktop.services import base_data
from desktop.services.tracking import TrackingFilter

from ..models.tracking_table import TrackingTableModel
from ..widgets.record_table import RecordTable
from ..workspace import Workspace
from .handling_pane import HandlingPane

_LIVE = "（在办和已办）"


def _combo(first: str, items: list[tuple[object, str]]) -> QComboBox:
    box = QComboBox()
    box.addItem(first, None)
    for value, text in items:
        box.addItem(text, value)
    return box


class TrackingView(QWidget):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None,
                 today: date | None = None) -> None:
        super().__init__(parent)
        self._ws = workspace
        self._pinned_today = today  # tests pin the day; the office works in today's
        self._stale = False
        unit_mode = workspace.actor.role is UserRole.UNIT
        self.unit = _combo("全部单位", workspace.read(base_data.units))
        self.unit.setVisible(not unit_mode)
        self.system = _combo("全部系统", [(s, label(s)) for s in UnitSystem])
        self.system.setVisible(not unit_mode)
        self.status = _combo("全部状态" + _LIVE, [(s, label(s)) for s in HandlingStatus])
        self.category = _combo("全部类别", workspace.read(base_data.categories))
        self.key = QCheckBox("重点提案")
        self.overdue = QCheckBox("已逾期")
        self.unanswered = QCheckBox("未答复")
        self.unsatisfied = QCheckBox("曾不满意")
        self.all_meetings = QCheckBox("所有会议")
        self.all_meetings.setToolTip("包括往届会议的提案（如未办结的往年提案）")
        self.total = QLabel()
        bar = QHBoxLayout()
        for widget in (self.unit, self.system, self.status, self.category):
            widget.setMinimumWidth(110)
            widget.currentIndexChanged.connect(self._filter_changed)
            bar.addWidget(widget)
        for box in (self.key, self.overdue, self.unanswered, self.unsatisfied, self.all_meetings):
            box.toggled.connect(self._filter_changed)
            bar.addWidget(box)
        bar.addStretch(1)
        bar.addWidget(self.total)

        self.model = TrackingTableModel(workspace, self.where(), parent=self)
        # a unit's own clerk has no use for the unit column: their table is remembered apart
        self.table = RecordTable(
            self.model, "tracking_unit" if unit_mode else "tracking", self,
            hidden=self.model.default_hidden | {"unit"} if unit_mode else None,
            sort=("due_on", Qt.SortOrder.AscendingOrder))
        self.pane = HandlingPane(workspace, self.today, self)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(self.pane)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([760, 500])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        self.table.selection_changed.connect(self._selected)
        workspace.meeting_changed.connect(lambda _m: self.refresh())
        self._count()

    def today(self) -> date:
        return self._pinned_today or date.today()

    def where(self) -> TrackingFilter:
        return TrackingFilter(
            today=self.today(),
            meeting_id=None if self.all_meetings.isChecked() else self._ws.meeting_id,
            unit_id=self.unit.currentData(), system=self.system.currentData(),
            status=self.status.currentData(), category_id=self.category.currentData(),
            key_only=self.key.isChecked(), overdue=self.overdue.isChecked(),
            unanswered=self.unanswered.isChecked(), unsatisfied=self.unsatisfied.isChecked())

    def _filter_changed(self, *_args: object) -> None:
        self.model.set_filter(self.where())
        self._count()

    def _count(self) -> None:
        self.total.setText(f"共 {self.model.rowCount()} 件")

    def _selected(self, ids: list[str]) -> None:
        self.pane.show_assignment(ids[0] if len(ids) == 1 else None)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        if self._stale:
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        """Only while on screen (an act elsewhere should not wait for this list); the chosen
        assignment stays chosen when it is still in the list."""
        self._stale = not self.isVisible()
        if self._stale:
            return
        chosen = self.pane.view.assignment_id if self.pane.view else None
        selected = self.table.selectionModel().selectedRows()
        old_row = selected[0].row() if len(selected) == 1 else None
        self.model.set_filter(self.where())
        self._count()
        if chosen is None:
            return
        if old_row is not None and self.model.row_id(old_row) == chosen:
            self.table.selectRow(old_row)
        else:  # it left the list (签收 under 待签收): still shown, so the clerk sees the result
            self.pane.keep(chosen)
