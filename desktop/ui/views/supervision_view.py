"""重点督办: the key proposals with their supervising leaders and how far the units are."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout, QLabel, QMessageBox, QPushButton, QSplitter, QTextBrowser, QVBoxLayout, QWidget,
)

from desktop.domain.permissions import Action, allowed
from desktop.wording.labels import label
from desktop.services import supervision, timeline
from desktop.services.supervision import KeyProposal

from ..dialogs.supervise import SuperviseDialog
from ..errors import explain
from ..models.paged import iso_date
from ..models.row_table import RowColumn, RowTableModel
from ..widgets.row_view import row_table
from ..workspace import Workspace
from .screen import Screen
from .handling_pane import timeline_html

COLUMNS = (
    RowColumn("提案号", lambda k: k.label, 70),
    RowColumn("案由", lambda k: k.title, 240),
    RowColumn("提案人", lambda k: k.lead, 80),
    RowColumn("督办领导", lambda k: k.leaders, 130),
    RowColumn("承办单位", lambda k: k.units, 160),
    RowColumn("状态", lambda k: label(k.status), 70),
    RowColumn("答复", lambda k: f"{k.replied}/{k.replies_due}" if k.replies_due else "", 50),
    RowColumn("逾期", lambda k: str(k.overdue) if k.overdue else "", 40),
    RowColumn("最近时限", lambda k: iso_date(k.next_due_on), 86),
    RowColumn("答复类别", lambda k: k.categories, 60),
    RowColumn("办理结果", lambda k: k.results, 70),
)


class SupervisionView(Screen):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws = workspace
        self.total = QLabel()
        self.add = QPushButton("领衔督办(&A)…")
        self.more = QPushButton("增加督办领导(&L)…")
        self.drop = QPushButton("取消重点提案(&X)")
        may = allowed(Action.SUPERVISE, None, workspace.actor.role)
        for button in (self.add, self.more, self.drop):
            button.setVisible(may)
        self.add.clicked.connect(lambda: self._supervise(None))
        self.more.clicked.connect(lambda: self._supervise(self.selected()))
        self.drop.clicked.connect(self._drop)
        bar = QHBoxLayout()
        bar.addWidget(self.total)
        bar.addStretch(1)
        for button in (self.add, self.more, self.drop):
            bar.addWidget(button)
        self.model = RowTableModel(COLUMNS, self)
        self.table = row_table(self.model)
        self.detail = QTextBrowser()
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setSizes([280, 400])  # dozens of rows; the timeline is what is read
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show_selected())
        workspace.meeting_changed.connect(lambda _m: self.refresh())
        self.reload()

    def selected(self) -> KeyProposal | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def reload(self) -> None:
        chosen = self.selected()
        rows = self._ws.read_as(supervision.key_proposals, self._ws.meeting_id, date.today())
        self.model.set_rows(rows)
        overdue = sum(1 for r in rows if r.overdue)
        self.total.setText(f"重点提案 {len(rows)} 件" + (f"，其中有逾期未答复的 {overdue} 件"
                                                          if overdue else ""))
        again = next((i for i, r in enumerate(rows) if chosen and r.id == chosen.id), None)
        if again is not None:
            self.table.selectRow(again)
        self._show_selected()

    def _show_selected(self) -> None:
        chosen = self.selected()
        self.more.setEnabled(chosen is not None)
        self.drop.setEnabled(chosen is not None)
        if chosen is None:
            self.detail.setHtml("<p style='color:#777'>选择一件重点提案，在此查看办理过程。</p>")
            return
        entries = self._ws.read_as(timeline.timeline, chosen.id)
        self.detail.setHtml(f"<h4>{chosen.label} {chosen.title}</h4>" + timeline_html(entries))

    def _supervise(self, chosen: KeyProposal | None) -> None:
        proposal = (chosen.id, f"{chosen.label} {chosen.title}") if chosen else None
        SuperviseDialog(self._ws, proposal, self).exec()

    def _drop(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        asked = QMessageBox.question(self, "取消重点提案",
                                     f"确定取消{chosen.label}的重点提案标记？督办记录仍保留。")
        if asked != QMessageBox.StandardButton.Yes:
            return
        try:
            self._ws.act(supervision.mark_key, chosen.id, False)
        except Exception as exc:  # noqa: BLE001 - every failure becomes a sentence
            sentence = explain(self, exc)
            if sentence:
                QMessageBox.warning(self, "取消重点提案", sentence)

