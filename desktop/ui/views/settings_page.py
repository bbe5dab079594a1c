"""本会设置: the office's name, numbering patterns, review levels, deadlines and the lockout."""
from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QCheckBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSpinBox,
    QVBoxLayout, QWidget,
)

from desktop.domain.enums import Kind
from desktop.domain.office import OFFICE_NAME_CHARS, OfficeSettings
from desktop.services import base_data

from ..errors import explain
from ..widgets.form import ErrorLabel
from ..workspace import Workspace


def _spin(low: int, high: int, suffix: str) -> QSpinBox:
    box = QSpinBox()
    box.setRange(low, high)
    box.setSuffix(suffix)
    box.setMaximumWidth(140)
    return box


class SettingsPage(QWidget):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = workspace
        self.office_name = QLineEdit()
        self.office_name.setMaxLength(OFFICE_NAME_CHARS)
        self.serial_pattern = QLineEdit()
        self.number_pattern = QLineEdit()
        self.per_kind = QCheckBox("大会提案、平时提案分别编号")
        self.office_name.setMaximumWidth(420)
        for edit in (self.serial_pattern, self.number_pattern):
            edit.setMaximumWidth(260)
        self.review_levels = _spin(1, 3, " 级")
        self.session_months = _spin(1, 12, " 个月")
        self.interim_months = _spin(1, 12, " 个月")
        self.rehandle_months = _spin(1, 12, " 个月")
        self.accept_days = _spin(0, 60, " 天")
        self.adjust_days = _spin(0, 60, " 天")
        self.extension_months = _spin(0, 12, " 个月")
        self.lockout_attempts = _spin(1, 20, " 次")
        self.lockout_minutes = _spin(1, 1440, " 分钟")
        office = QFormLayout()
        office.addRow("政协名称(&N)：", self.office_name)
        office.addRow("收文号格式(&S)：", self.serial_pattern)
        office.addRow("提案号格式(&U)：", self.number_pattern)
        office.addRow("", self.per_kind)
        office.addRow("", QLabel("格式中 {n} 为序号，{n:04} 补足四位，{year} 为年份，"
                                 "如：第{n}号、{year}{n:03}"))
        office.addRow("审查级数(&R)：", self.review_levels)
        deadlines = QFormLayout()
        deadlines.addRow("大会提案办理时限(&D)：", self.session_months)
        deadlines.addRow("平时提案办理时限(&I)：", self.interim_months)
        deadlines.addRow("二次办理时限(&H)：", self.rehandle_months)
        deadlines.addRow("交办后签收期限(&A)：", self.accept_days)
        deadlines.addRow("退回、申请调整期限(&J)：", self.adjust_days)
        deadlines.addRow("延期最多(&E)：", self.extension_months)
        login = QFormLayout()
        login.addRow("密码连续输错(&L)：", self.lockout_attempts)
        login.addRow("锁定时长(&M)：", self.lockout_minutes)
        self.error = ErrorLabel()
        self.saved = QLabel()
        save = QPushButton("保存设置(&V)")
        save.clicked.connect(self.save)
        row = QHBoxLayout()
        row.addWidget(self.saved)
        row.addStretch(1)
        row.addWidget(save)
        layout = QVBoxLayout(self)
        for title, form in (("本会与编号", office), ("办理时限", deadlines), ("登录", login)):
            box = QGroupBox(title)
            box.setLayout(form)
            layout.addWidget(box)
        layout.addWidget(self.error)
        layout.addLayout(row)
        layout.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        s = self.ws.read(base_data.office_settings)
        self.office_name.setText(s.office_name)
        self.serial_pattern.setText(s.serial_pattern)
        self.number_pattern.setText(s.number_pattern)
        self.per_kind.setChecked(s.number_per_kind)
        self.review_levels.setValue(s.review_levels)
        rules = s.deadlines
        self.session_months.setValue(rules.months_by_kind.get(Kind.SESSION.value, 3))
        self.interim_months.setValue(rules.months_by_kind.get(Kind.INTERIM.value, 3))
        self.rehandle_months.setValue(rules.rehandle_months)
        self.accept_days.setValue(rules.accept_within_days)
        self.adjust_days.setValue(rules.adjust_within_days)
        self.extension_months.setValue(rules.max_extension_months)
        self.lockout_attempts.setValue(s.lockout_attempts)
        self.lockout_minutes.setValue(s.lockout_minutes)

    def values(self, current: OfficeSettings) -> dict:
        rules = replace(current.deadlines, months_by_kind={
            Kind.SESSION.value: self.session_months.value(),
            Kind.INTERIM.value: self.interim_months.value()},
            rehandle_months=self.rehandle_months.value(),
            accept_within_days=self.accept_days.value(),
            adjust_within_days=self.adjust_days.value(),
            max_extension_months=self.extension_months.value())
        return dict(office_name=self.office_name.text().strip(),
                    serial_pattern=self.serial_pattern.text().strip(),
                    number_pattern=self.number_pattern.text().strip(),
                    number_per_kind=self.per_kind.isChecked(),
                    review_levels=self.review_levels.value(), deadlines=rules,
                    lockout_attempts=self.lockout_attempts.value(),
                    lockout_minutes=self.lockout_minutes.value())

    def save(self) -> None:
        self.saved.clear()
        try:
            current = self.ws.read(base_data.office_settings)
            self.ws.act(base_data.update_settings, **self.values(current))
        except Exception as exc:  # noqa: BLE001 - the sentence goes under the form
            self.error.say(explain(self, exc))
            return
        self.error.say(None)
        self.saved.setText("设置已保存；新的办理时限用于此后的交办。")
