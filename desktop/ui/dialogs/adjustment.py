"""The office's answer to a unit's 申请调整: agree (and name the new unit) or refuse, with a note."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget,
)

from desktop.services.assignment_lists import Request
from desktop.wording.dates import chinese_date

from ..widgets.form import ErrorLabel


class AdjustmentDialog(QDialog):
    def __init__(self, request: Request, approve: bool, units: list[tuple[str, str]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.approve = approve
        self.setWindowTitle("同意调整" if approve else "不同意调整")
        self.setMinimumWidth(480)
        about = QLabel(f"{request.unit}（{request.role}）于{chinese_date(request.on)}申请调整"
                       f"{request.proposal}《{request.title}》。<br>理由：{request.reason}")
        about.setWordWrap(True)
        self.unit = QComboBox()
        self.unit.addItem("（暂不指定，退回待交办）", None)
        for unit_id, name in units:
            if name != request.unit:
                self.unit.addItem(name, unit_id)
        self.note = QLineEdit()
        self.note.setPlaceholderText("审批意见，将告知承办单位")
        self.error = ErrorLabel()
        form = QFormLayout()
        if approve:
            form.addRow("改由(&U)：", self.unit)
        form.addRow("意见(&N)：", self.note)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
        box.button(QDialogButtonBox.StandardButton.Ok).setText(self.windowTitle())
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(box)
        (self.unit if approve else self.note).setFocus()

    def new_unit_id(self) -> str | None:
        return self.unit.currentData() if self.approve else None

    def accept(self) -> None:
        if not self.note.text().strip():
            self.error.say("请填写审批意见。")
            return
        super().accept()
