"""邀请新站点: its name and kind (and unit), then the invitation file on a stick, with this
office's fingerprint for the phone call that follows."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QLineEdit,
    QMessageBox, QWidget,
)

from desktop.domain.enums import SiteKind
from desktop.services import base_data, enrolment
from desktop.services.enrolment import SITE_NAME_CHARS
from desktop.wording.labels import label

from ..errors import explain
from ..widgets.form import ErrorLabel
from ..worker import run_with_progress
from ..workspace import Workspace

KIND_HELP = {SiteKind.UNIT: "承办单位（只收到本单位的交办件）",
             SiteKind.ENTRY: "录入机（大会期间录入，收文号带前缀）",
             SiteKind.OFFICE: "提案委的另一台电脑（全部数据）"}


class InviteDialog(QDialog):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = workspace
        self.setWindowTitle("邀请新站点")
        self.name = QLineEdit()
        self.name.setMaxLength(SITE_NAME_CHARS)
        self.name.setPlaceholderText("如 县教育局、录入机A、主任笔记本")
        self.kind = QComboBox()
        for kind in (SiteKind.UNIT, SiteKind.ENTRY, SiteKind.OFFICE):
            self.kind.addItem(KIND_HELP[kind], kind.value)
        self.unit = QComboBox()
        for _unit_id, name in workspace.read(base_data.units, True):
            self.unit.addItem(name)
        self.unit.currentTextChanged.connect(self._name_from_unit)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.phones = QCheckBox("允许该单位看到委员的联系电话")
        self.error = ErrorLabel()
        buttons = QDialogButtonBox()
        buttons.addButton("生成邀请文件…", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.make)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("站点类型", self.kind)
        form.addRow("承办单位", self.unit)
        form.addRow("站点名称", self.name)
        form.addRow("", self.phones)
        form.addRow(self.error)
        form.addRow(buttons)
        self._kind_changed()

    def _kind_changed(self) -> None:
        unit = self.kind.currentData() == SiteKind.UNIT.value
        self.unit.setEnabled(unit)
        self.phones.setEnabled(unit)
        if unit:
            self._name_from_unit(self.unit.currentText())

    def _name_from_unit(self, name: str) -> None:
        if self.kind.currentData() == SiteKind.UNIT.value:
            self.name.setText(name)

    def make(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "选择存放邀请文件的文件夹（如U盘）")
        if not folder:
            return
        kind = self.kind.currentData()
        try:
            made = run_with_progress(self, "正在生成邀请文件……", lambda _p: self.ws.act(
                enrolment.invite, self.name.text(), kind, Path(folder),
                self.ws.database.attachments_dir,
                unit=self.unit.currentText() if kind == SiteKind.UNIT.value else None,
                phones=self.phones.isChecked()), cancellable=False)
        except Exception as exc:  # noqa: BLE001
            self.error.say(explain(self, exc))
            return
        more = "".join(f"\n后续数据文件：{p}" for p in made.more)
        QMessageBox.information(
            self, "邀请新站点",
            f"已生成邀请文件：{made.path}{more}\n\n本机（{label(SiteKind.OFFICE)}）的密钥指纹：\n"
            f"{made.fingerprint}\n\n请把文件带到新站点，在提案通首次启动时选择“加入本县提案系统”；"
            "对方生成回执后带回本机，用“接受回执”接受，接受前双方电话核对指纹。")
        self.accept()
