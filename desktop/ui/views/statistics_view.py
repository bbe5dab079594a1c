"""统计: every figure of ``tian stats`` for a chosen meeting and scope, with tables to sort and copy.

A 承办单位经办人 sees their own unit's figures (the service holds them to it).
"""
from __future__ import annotations

from html import escape

from PySide6.QtWidgets import (
    QApplication, QComboBox, QHBoxLayout, QLabel, QMessageBox, QPushButton, QTabWidget,
    QVBoxLayout, QWidget,
)

from desktop.wording import figures_text
from desktop.domain.enums import UnitSystem
from desktop.domain.permissions import sees_all_proposals
from desktop.wording.labels import label
from desktop.services import base_data
from desktop.services.statistics import statistics_for

from ..dialogs.excellent import ExcellentDialog
from ..dialogs.export_dialog import ExportDialog
from ..models.figure_table import FigureTableModel
from ..widgets.figure_view import FigureView, tab_separated
from ..widgets.form import chosen_enum, date_edit, from_qdate
from ..workspace import Workspace
from .screen import Screen

ALL_MEETINGS = "全部会议"


class StatisticsView(Screen):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws = workspace
        self.figures: dict | None = None
        unit_mode = not sees_all_proposals(workspace.actor.role)
        self.meeting = QComboBox()
        self.meeting.addItem(ALL_MEETINGS, None)
        for meeting_id, name in workspace.read(base_data.meetings):
            self.meeting.addItem(name, meeting_id)
        self.meeting.setCurrentIndex(max(self.meeting.findData(workspace.meeting_id), 0))
        self.system = QComboBox()
        self.system.addItem("全部承办单位", None)
        for system in UnitSystem:
            self.system.addItem(label(system), system)
        self.unit = QComboBox()
        self.unit.addItem("（全部单位）", None)
        for unit_id, name in workspace.read(base_data.units):
            self.unit.addItem(name, unit_id)
        self.today = date_edit()
        self.copy = QPushButton("复制全部(&C)")
        self.copy.setToolTip("统计文字和各表格一并复制，可粘贴到 Word 或 Excel")
        self.copy.clicked.connect(self.copy_everything)
        bar = QHBoxLayout()
        for caption, widget in (("会议：", self.meeting), ("范围：", self.system),
                                ("", self.unit), ("截至：", self.today)):
            if caption:
                bar.addWidget(QLabel(caption))
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.copy)
        self.export = QPushButton("导出统计表(&X)…")
        self.export.clicked.connect(lambda: ExportDialog(
            self._ws, "stats", None, self.unit.currentData(), self,
            meeting_id=self.meeting.currentData() or "", today=from_qdate(self.today.date()))
            .exec())
        bar.addWidget(self.export)
        self.excellent = QPushButton("优秀提案候选(&Y)…")
        self.excellent.setToolTip("勾选本次会议的优秀提案候选，列入工作报告草稿")
        self.excellent.clicked.connect(self.choose_excellent)
        self.report = QPushButton("工作报告草稿(&R)…")
        self.report.setToolTip("按所选会议和范围的统计数字生成工作报告（Word 草稿），叙述部分留空待填写")
        self.report.clicked.connect(self.draft_report)
        bar.addWidget(self.excellent)
        bar.addWidget(self.report)
        for widget in (self.system, self.unit, self.excellent, self.report):
            widget.setVisible(not unit_mode)
        self.heading = QLabel()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("font-size: 14px; line-height: 150%;")
        self.tables: dict[str, FigureView] = {}
        self.tabs = QTabWidget()
        for table in figures_text.TABLES:
            view = FigureView(FigureTableModel(table, self))
            self.tables[table.key] = view
            self.tabs.addTab(view, table.caption)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        self.meeting.currentIndexChanged.connect(lambda _i: self.reload())
        self.system.currentIndexChanged.connect(self._system_chosen)
        self.unit.currentIndexChanged.connect(self._unit_chosen)
        self.today.dateChanged.connect(lambda _d: self.reload())
        workspace.meeting_changed.connect(self._follow_meeting)
        self.reload()

    def _system_chosen(self, _index: int) -> None:
        if self.system.currentData() is not None:
            self.unit.blockSignals(True)
            self.unit.setCurrentIndex(0)  # a system or one unit, not both
            self.unit.blockSignals(False)
        self.reload()

    def _unit_chosen(self, _index: int) -> None:
        if self.unit.currentData() is not None:
            self.system.blockSignals(True)
            self.system.setCurrentIndex(0)
            self.system.blockSignals(False)
        self.reload()

    def _chosen_meeting(self) -> str | None:
        """The report and its candidates are a meeting's: 全部会议 asks for one first."""
        meeting_id = self.meeting.currentData()
        if meeting_id is None:
            QMessageBox.information(self, "工作报告", "请先在“会议”中选择一次会议。")
        return meeting_id

    def draft_report(self) -> None:
        if (meeting_id := self._chosen_meeting()) is not None:
            ExportDialog(self._ws, "report", None, None, self, meeting_id=meeting_id,
                         today=from_qdate(self.today.date()),
                         system=chosen_enum(self.system, UnitSystem)).exec()

    def choose_excellent(self) -> None:
        if (meeting_id := self._chosen_meeting()) is not None:
            ExcellentDialog(self._ws, meeting_id, self).exec()

    def _follow_meeting(self, meeting_id: str) -> None:
        self.meeting.setCurrentIndex(max(self.meeting.findData(meeting_id), 0))

    def reload(self) -> None:
        self.figures = f = self._ws.read(
            statistics_for, self._ws.actor, self.meeting.currentData(),
            chosen_enum(self.system, UnitSystem), self.unit.currentData(),
            from_qdate(self.today.date()))
        self.heading.setText(f"<h3>{escape(figures_text.title(f))}</h3>")
        self.summary.setText("<br>".join(escape(line) for line in figures_text.summary_lines(f)))
        for key, view in self.tables.items():
            view.figures.set_rows(f[key])
        for i, table in enumerate(figures_text.TABLES):
            self.tabs.setTabText(i, f"{table.caption}（{len(f[table.key])}）")

    def text(self) -> str:
        """The summary and every table, as the clipboard gets them."""
        f = self.figures or {}
        parts = [figures_text.title(f), *figures_text.summary_lines(f), ""]
        for table in figures_text.TABLES:
            parts += [table.caption, tab_separated(self.tables[table.key].cells())]
        return "\n".join(parts)

    def copy_everything(self) -> None:
        QApplication.clipboard().setText(self.text())

