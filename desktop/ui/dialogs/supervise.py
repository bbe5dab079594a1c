"""领衔督办: which proposal (found by 提案号 or 案由), which leader, from when."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QWidget

from desktop.domain.errors import InvalidInput
from desktop.services import supervision
from desktop.wording.labels import proposal_label

from ..widgets.form import date_edit, from_qdate
from ..workspace import Workspace
from .action import WorkDialog


class SuperviseDialog(WorkDialog):
    """With ``proposal`` given, a further leader for it; without, the clerk finds the proposal."""

    def __init__(self, workspace: Workspace, proposal: tuple[str, str] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(workspace, "领衔督办", "确定督办", "", parent)
        self.setMinimumWidth(560)
        self.find = QLineEdit()
        self.find.setPlaceholderText("输入提案号（如 12）或案由中的字词")
        self.found = QListWidget()
        self.found.setMaximumHeight(150)
        self.leader = QLineEdit()
        self.leader.setPlaceholderText("如：刘明")
        self.title = QLineEdit()
        self.title.setPlaceholderText("如：县政协副主席、副县长")
        self.started = date_edit()
        self.note = QLineEdit()
        self.note.setPlaceholderText("督办方式、要求（可不填）")
        form = self.form
        if proposal is None:
            form.addRow("查找提案(&F)：", self.find)
            form.addRow("", self.found)
            self.find.textChanged.connect(self._look)
        else:
            item = QListWidgetItem(proposal[1])
            item.setData(Qt.ItemDataRole.UserRole, proposal[0])
            self.found.addItem(item)
            self.found.setCurrentRow(0)
            form.addRow("提案：", QLabel(proposal[1]))
        form.addRow("督办领导(&L)：", self.leader)
        form.addRow("职务(&T)：", self.title)
        form.addRow("开始日期(&D)：", self.started)
        form.addRow("说明(&N)：", self.note)
        (self.find if proposal is None else self.leader).setFocus()

    def _look(self, text: str) -> None:
        self.found.clear()
        for row in self.ws.read_as(supervision.candidates, self.ws.meeting_id, text):
            item = QListWidgetItem(f"{proposal_label(row.number, row.serial)}  {row.title}")
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            self.found.addItem(item)
        if self.found.count():
            self.found.setCurrentRow(0)

    def proposal_id(self) -> str | None:
        item = self.found.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def perform(self) -> None:
        proposal_id = self.proposal_id()
        if proposal_id is None:
            raise InvalidInput("field_required", field="proposal_to_supervise")
        self.ws.act(supervision.supervise, proposal_id, self.leader.text(),
                    self.title.text().strip() or None, from_qdate(self.started.date()),
                    self.note.text().strip() or None)
