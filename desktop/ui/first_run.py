"""首次使用: the office's name, the current term and meeting, the administrator's password, demo data."""
from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox, QFormLayout, QLabel, QLineEdit, QSpinBox, QVBoxLayout, QWidget, QWizard,
    QWizardPage,
)

from desktop.domain.actor import Actor
from desktop.domain.office import OFFICE_NAME_CHARS
from desktop.local.paths import base_data_dir
from desktop.services import demo, setup
from desktop.store.database import Database

from .errors import explain
from .widgets.form import ErrorLabel, date_edit, from_qdate
from .worker import run_with_progress

DEMO_PROPOSALS = 2000


class _Page(QWizardPage):
    def __init__(self, title: str, intro: str) -> None:
        super().__init__()
        self.setTitle(title)
        self.form = QFormLayout()
        self.error = ErrorLabel()
        layout = QVBoxLayout(self)
        text = QLabel(intro)
        text.setWordWrap(True)
        layout.addWidget(text)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addStretch()


class FirstRunWizard(QWizard):
    """Sets up an empty database; ``actor`` is the administrator afterwards."""

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.actor: Actor | None = None
        self.setWindowTitle("提案通 · 首次使用设置")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setButtonText(QWizard.WizardButton.NextButton, "下一步")
        self.setButtonText(QWizard.WizardButton.BackButton, "上一步")
        self.setButtonText(QWizard.WizardButton.FinishButton, "完成")
        self.setButtonText(QWizard.WizardButton.CancelButton, "取消")

        office = _Page("本单位", "请填写政协名称，它将出现在公文和台账的抬头。")
        self.office_name = QLineEdit()
        self.office_name.setMaxLength(OFFICE_NAME_CHARS)
        self.office_name.setPlaceholderText("政协××县委员会")
        office.form.addRow("政协名称(&N)：", self.office_name)
        office.validatePage = self._check_office  # type: ignore[method-assign]
        self.office_page = office

        meeting = _Page("当前会议", "提案按届次和会议登记，例如十届二次会议。以后可在“基础数据”中添加会议。")
        self.term = QSpinBox(minimum=1, maximum=30, value=10)
        self.meeting = QSpinBox(minimum=1, maximum=10, value=1)
        self.opens_on = date_edit(date.today())
        meeting.form.addRow("届次(&T)：第", self.term)
        meeting.form.addRow("次会议(&M)：第", self.meeting)
        meeting.form.addRow("开幕日期(&D)：", self.opens_on)

        admin = _Page("管理员", "管理员用户名为 admin。请设置密码（不少于 6 位），并牢记。")
        self.password = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.demo = QCheckBox(f"载入演示数据（约 {DEMO_PROPOSALS} 件示例提案，供熟悉操作；"
                              "正式使用请不要勾选）")
        admin.form.addRow("密码(&P)：", self.password)
        admin.form.addRow("再次输入(&R)：", self.repeat)
        admin.form.addRow("", self.demo)
        admin.validatePage = self._finish  # type: ignore[method-assign]
        self.admin_page = admin

        for page in (office, meeting, admin):
            self.addPage(page)

    def _check_office(self) -> bool:
        if not self.office_name.text().strip():
            self.office_page.error.say("请填写政协名称。")
            self.office_name.setFocus()
            return False
        self.office_page.error.say(None)
        return True

    def _finish(self) -> bool:
        page = self.admin_page
        if self.password.text() != self.repeat.text():
            page.error.say("两次输入的密码不一致，请重新输入。")
            self.repeat.clear()
            self.repeat.setFocus()
            return False
        try:
            with self.database.session() as session:
                self.actor = setup.initialize(
                    session, self.office_name.text(), self.password.text(),
                    base_dir=base_data_dir(), term=self.term.value(),
                    meeting=self.meeting.value(), meeting_opens_on=from_qdate(self.opens_on.date()))
        except Exception as exc:  # noqa: BLE001 - every failure becomes a sentence
            page.error.say(explain(self, exc))
            return False
        if self.demo.isChecked():
            load_demo(self, self.database, DEMO_PROPOSALS)
        return True


def load_demo(parent: QWidget | None, database: Database, proposals: int) -> None:
    def work(progress) -> dict:
        with database.session() as session:
            return demo.generate(session, Actor.system("演示数据"), proposals, progress=progress)

    run_with_progress(parent, "正在生成演示数据……", work, cancellable=False)
