"""A proposer not yet in the roster: add the member on the spot, with the 界别."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget,
)

from desktop.services import base_data

from ..errors import explain
from ..widgets.form import ErrorLabel
from ..workspace import Workspace


class AddMemberDialog(QDialog):
    def __init__(self, workspace: Workspace, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws = workspace
        self.member_id: str | None = None
        self.sector_name: str | None = None
        self.setWindowTitle("添加委员")
        self.name = QLineEdit(name)
        self.sector = QComboBox()
        self.sector.addItem("（未填界别）", None)
        for sector_id, sector_name in workspace.read(base_data.sectors):
            self.sector.addItem(sector_name, sector_id)
        self.workplace = QLineEdit()
        self.error = ErrorLabel()
        form = QFormLayout()
        form.addRow("姓名(&N)：", self.name)
        form.addRow("界别(&S)：", self.sector)
        form.addRow("工作单位及职务(&W)：", self.workplace)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("添加")
        buttons.accepted.connect(self._add)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        note = QLabel(f"委员名册中没有“{name}”。确认是本届委员后，可在此添加到名册：")
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.sector.setFocus()

    def _add(self) -> None:
        try:
            member = self._ws.act(base_data.add_member, self.name.text(),
                                  self.sector.currentData(), None,
                                  self.workplace.text().strip() or None)
        except Exception as exc:  # noqa: BLE001 - the refusal is shown in the dialog
            self.error.say(explain(self, exc))
            return
        self.member_id = member.id
        self.sector_name = self.sector.currentData() and self.sector.currentText()
        self.accept()
