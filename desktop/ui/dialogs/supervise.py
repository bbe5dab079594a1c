"""领衔督办: which proposal (found by 提案号 or 案由), which leader, from when."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem,
    QVBoxLayout, QWidget,
)

from desktop.services import supervision

from ..errors import explain
from ..widgets.form import ErrorLabel, date_edit, from_qdate
from ..workspace import Workspace


class SuperviseDialog(QDialog):
    """With ``proposal`` given, a further leader for it; without, the clerk finds the proposal."""

    def __init__(self, workspace: Workspace, proposal: tuple[str, str] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = workspace
        self.setWindowTitle("领衔督办")
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
        self.error = ErrorLabel()
        form = QFormLayout()
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
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
        box.button(QDialogButtonBox.StandardButton.Ok).setText("确定督办")
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(box)
        (self.find if proposal is None else self.leader).setFocus()

    def _look(self, text: str) -> None:
        self.found.clear()
        for row in self.ws.read(supervision.candidates, self.ws.meeting_id, text):
            item = QListWidgetItem(f"{row.number or '收文' + row.serial + '号'}  {row.title}")
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            self.found.addItem(item)
        if self.found.count():
            self.found.setCurrentRow(0)

    def proposal_id(self) -> str | None:
        item = self.found.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def accept(self) -> None:
        proposal_id = self.proposal_id()
        if proposal_id is None:
            self.error.say("请先找到并选中要督办的提案。")
            return
        try:
            self.ws.act(supervision.supervise, proposal_id, self.leader.text(),
                        self.title.text().strip() or None, from_qdate(self.started.date()),
                        self.note.text().strip() or None)
        except Exception as exc:  # noqa: BLE001 - every failure becomes a sentence here
            sentence = explain(self, exc)
            if sentence:
                self.error.say(sentence)
            return
        super().accept()
