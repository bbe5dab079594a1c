"""办理跟踪: every assignment with its status and deadline, filtered; the chosen one handled beside.

In unit mode (承办单位经办人) the unit filter is gone: the service shows that unit's rows only.
"""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget,
)

from desktop.domain.enums import HandlingStatus, UnitSystem
from desktop.domain.permissions import sees_all_proposals
from desktop.wording.labels import label
from desktop.services import base_data
from desktop.services.dashboard import WEEK, due_within
from desktop.services.exports import document_kind
from desktop.services.tracking import TrackingFilter

from ..models.tracking_table import TrackingTableModel
from ..widgets.form import chosen_enum
from ..widgets.record_table import RecordTable
from ..dialogs.export_dialog import ExportDialog
from ..dialogs.ledger_import import import_ledger
from ..workspace import Workspace
from .handling_pane import HandlingPane
from .screen import Screen

_LIVE = "（在办和已办）"


def _combo(first: str, items: list[tuple[object, str]]) -> QComboBox:
    box = QComboBox()
    box.addItem(first, None)
    for value, text in items:
        box.addItem(text, value)
    return box


class TrackingView(Screen):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None,
                 today: date | None = None) -> None:
        super().__init__(parent)
        self._ws = workspace
        self._pinned_today = today  # tests pin the day; the office works in today's
        unit_mode = not sees_all_proposals(workspace.actor.role)
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
        self.due_soon = QCheckBox(f"{WEEK}天内到期")
        self.all_meetings = QCheckBox("所有会议")
        self.all_meetings.setToolTip("包括往届会议的提案（如未办结的往年提案）")
        self.total = QLabel()
        bar = QHBoxLayout()
        for widget in (self.unit, self.system, self.status, self.category):
            widget.setMinimumWidth(110)
            widget.currentIndexChanged.connect(self._filter_changed)
            bar.addWidget(widget)
        self.checks = (self.key, self.overdue, self.due_soon, self.unanswered, self.unsatisfied)
        for box in (*self.checks, self.all_meetings):
            box.toggled.connect(self._filter_changed)
            bar.addWidget(box)
        bar.addStretch(1)
        bar.addWidget(self.total)
        papers = QHBoxLayout()
        papers.addStretch(1)
        if not unit_mode:
            returned = QPushButton("导入台账…")
            returned.setToolTip("导入承办单位交回的答复台账，或本委以往的提案台账")
            returned.clicked.connect(lambda: import_ledger(self._ws, self))
            papers.addWidget(returned)
        for text, kind, notice in (("导出台账…", "ledger", None),
                                   ("答复台账（交单位填写）…", "reply_ledgers", None),
                                   ("批量导出答复函…", "letters", None),
                                   ("催办通知…", "notices", "催办")):
            if unit_mode and not document_kind(kind).for_units:
                continue
            button = QPushButton(text)
            button.clicked.connect(lambda _=False, k=kind, n=notice: self.export(k, n))
            papers.addWidget(button)

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
        layout.addLayout(papers)
        self.table.selection_changed.connect(self._selected)
        workspace.meeting_changed.connect(lambda _m: self.refresh())
        self._count()

    def export(self, kind: str, notice: str | None = None) -> None:
        """For the unit the list is filtered to, when it is."""
        ExportDialog(self._ws, kind, notice, self.unit.currentData(), self).exec()

    def today(self) -> date:
        return self._pinned_today or date.today()

    def where(self) -> TrackingFilter:
        return TrackingFilter(
            today=self.today(),
            meeting_id=None if self.all_meetings.isChecked() else self._ws.meeting_id,
            unit_id=self.unit.currentData(), system=chosen_enum(self.system, UnitSystem),
            status=chosen_enum(self.status, HandlingStatus),
            category_id=self.category.currentData(),
            key_only=self.key.isChecked(), overdue=self.overdue.isChecked(),
            unanswered=self.unanswered.isChecked(), unsatisfied=self.unsatisfied.isChecked(),
            due_by=due_within(self.today()) if self.due_soon.isChecked() else None)

    def show_only(self, status: HandlingStatus | None = None, check: QCheckBox | None = None,
                  ) -> None:
        """One to-do of the start page: every meeting, that status or that box, nothing else."""
        widgets = (self.unit, self.system, self.status, self.category, *self.checks,
                   self.all_meetings)
        for widget in widgets:
            widget.blockSignals(True)
        for box in (self.unit, self.system, self.category):
            box.setCurrentIndex(0)
        self.status.setCurrentIndex(max(self.status.findData(status), 0))
        for box in self.checks:
            box.setChecked(box is check)
        self.all_meetings.setChecked(True)
        for widget in widgets:
            widget.blockSignals(False)
        self._filter_changed()

    def _filter_changed(self, *_args: object) -> None:
        self.model.set_filter(self.where())
        self._count()

    def _count(self) -> None:
        self.total.setText(f"共 {self.model.rowCount()} 件")

    def _selected(self, ids: list[str]) -> None:
        self.pane.show_assignment(ids[0] if len(ids) == 1 else None)

    def reload(self) -> None:
        """The chosen assignment stays chosen when it is still in the list."""
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
