"""首次使用: either a new office (its name, the current term and meeting, the administrator's
password, demo data) or 加入本县提案系统 from the office's invitation file (an entry laptop, a
unit, a second office PC), ending with the fingerprints both clerks read by phone."""
from __future__ import annotations

from datetime import date

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton,
    QRadioButton, QSpinBox, QVBoxLayout, QWidget, QWizard, QWizardPage,
)

from desktop.domain.actor import Actor
from desktop.domain.office import OFFICE_NAME_CHARS
from desktop.local.paths import base_data_dir
from desktop.services import demo, enrolment, setup
from desktop.store.database import Database

from .errors import explain
from .widgets.form import ErrorLabel, date_edit, from_qdate
from .worker import run_with_progress

DEMO_PROPOSALS = 2000


START, OFFICE, MEETING, ADMIN, JOIN, JOINED = range(6)


class _Page(QWizardPage):
    def __init__(self, title: str, intro: str, after: int = -1) -> None:
        super().__init__()
        self.after = after
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

    def nextId(self) -> int:  # noqa: N802
        return self.after() if callable(self.after) else self.after


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

        start = _Page("开始", "提案通在本机如何使用？", after=lambda: JOIN if self.joining.isChecked()
                      else OFFICE)
        self.new_office = QRadioButton("新建本县提案系统（政协提案委员会的电脑）")
        self.new_office.setChecked(True)
        self.joining = QRadioButton("加入本县提案系统（录入机、承办单位或提案委的另一台电脑，"
                                    "需要提案委发来的邀请文件）")
        start.form.addRow(self.new_office)
        start.form.addRow(self.joining)

        office = _Page("本单位", "请填写政协名称，它将出现在公文和台账的抬头。", after=MEETING)
        self.office_name = QLineEdit()
        self.office_name.setMaxLength(OFFICE_NAME_CHARS)
        self.office_name.setPlaceholderText("政协××县委员会")
        office.form.addRow("政协名称(&N)：", self.office_name)
        office.validatePage = self._check_office  # type: ignore[method-assign]
        self.office_page = office

        meeting = _Page("当前会议", "提案按届次和会议登记，例如十届二次会议。以后可在“基础数据”中添加会议。",
                        after=ADMIN)
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

        join = _Page("加入本县提案系统", "请选择提案委发来的邀请文件（.tian），并为本机的管理员"
                     "设置密码（不少于 6 位）。", after=JOINED)
        self.invitation = QLineEdit()
        self.invitation.setReadOnly(True)
        choose = QPushButton("选择…")
        choose.clicked.connect(self._choose_invitation)
        row = QHBoxLayout()
        row.addWidget(self.invitation, 1)
        row.addWidget(choose)
        self.join_password = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.join_repeat = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        join.form.addRow("邀请文件(&F)：", row)
        join.form.addRow("管理员密码(&P)：", self.join_password)
        join.form.addRow("再次输入(&R)：", self.join_repeat)
        join.validatePage = self._join  # type: ignore[method-assign]
        join.setCommitPage(True)  # joined once: no going back to join again
        join.setButtonText(QWizard.WizardButton.CommitButton, "加入")
        self.join_page = join
        joined = _Page("核对密钥指纹", "已加入。请与提案委通电话，双方逐组念出并核对下面的指纹；"
                       "再把回执文件带回提案委，由提案委“接受回执”。")
        self.joined_text = QLabel()
        self.joined_text.setWordWrap(True)
        self.joined_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        joined.form.addRow(self.joined_text)

        for number, page in ((START, start), (OFFICE, office), (MEETING, meeting),
                             (ADMIN, admin), (JOIN, join), (JOINED, joined)):
            self.setPage(number, page)

    def _check_office(self) -> bool:
        if not self.office_name.text().strip():
            self.office_page.error.say("请填写政协名称。")
            self.office_name.setFocus()
            return False
        self.office_page.error.say(None)
        return True

    def _choose_invitation(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, "选择提案委发来的邀请文件", "",
                                                "提案通交换文件 (*.tian)")
        if chosen:
            self.invitation.setText(chosen)

    def _join(self) -> bool:
        page = self.join_page
        if not self.invitation.text():
            page.error.say("请先选择提案委发来的邀请文件。")
            return False
        if not _same(page, self.join_password, self.join_repeat):
            return False
        try:
            joined = run_with_progress(self, "正在加入……", lambda _p: self._joined(), cancellable=False)
        except Exception as exc:  # noqa: BLE001 - every failure becomes a sentence
            page.error.say(explain(self, exc))
            return False
        self.actor = joined.actor
        self.joined_text.setText(_joined_text(joined))
        return True

    def _joined(self) -> enrolment.Joined:
        with self.database.session() as session:
            return enrolment.join(session, Path(self.invitation.text()), self.join_password.text(),
                                  self.database.attachments_dir)

    def _finish(self) -> bool:
        page = self.admin_page
        if not _same(page, self.password, self.repeat):
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


def _same(page: _Page, password: QLineEdit, repeat: QLineEdit) -> bool:
    """The password typed twice alike; if not, said, and the second box emptied to type again."""
    if password.text() == repeat.text():
        return True
    page.error.say("两次输入的密码不一致，请重新输入。")
    repeat.clear()
    repeat.setFocus()
    return False


def _joined_text(joined: enrolment.Joined) -> str:
    return (f"本站点：{joined.site_name}（加入“{joined.office_name}”）\n"
            f"管理员用户名：{joined.username}\n\n"
            f"提案委的密钥指纹：{joined.office_fingerprint}\n"
            f"本站点的密钥指纹：{joined.fingerprint}\n\n"
            f"回执文件：{joined.answer}")


def load_demo(parent: QWidget | None, database: Database, proposals: int) -> None:
    def work(progress) -> dict:
        with database.session() as session:
            return demo.generate(session, Actor.system("演示数据"), proposals, progress=progress)

    run_with_progress(parent, "正在生成演示数据……", work, cancellable=False)
