"""答复: category, date, 签发人, 公开属性 with its reason, the text and the signed letter."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog, QHBoxLayout, QLineEdit, QPlainTextEdit, QPushButton, QWidget,
)

from desktop.domain.enums import Disclosure, ReplyCategory
from desktop.wording.labels import CATEGORY_MEANINGS
from desktop.services import handling
from desktop.services.tracking import HandlingView

from ..widgets.form import date_edit, from_qdate
from ..workspace import Workspace
from .action import ActionDialog, Choice

LETTER_FILES = "答复函 (*.pdf *.doc *.docx *.ofd *.jpg *.jpeg *.png *.tif *.tiff);;所有文件 (*)"


class ReplyDialog(ActionDialog):
    def __init__(self, workspace: Workspace, view: HandlingView,
                 parent: QWidget | None = None) -> None:
        title = "二次办理答复" if view.snapshot.round > 1 else "答复"
        super().__init__(workspace, view, title, "保存答复", parent)
        self.setMinimumWidth(620)
        self.category = Choice(ReplyCategory, {c: f"{c}类 {m}" for c, m in
                                               CATEGORY_MEANINGS.items()})
        self.category.layout().setSpacing(10)
        self.on = date_edit()
        self.signer = QLineEdit()
        self.signer.setPlaceholderText("单位主要负责人或分管负责人")
        self.disclosure = Choice(Disclosure, chosen=Disclosure.PUBLIC)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("不公开时必填，如：涉及国家秘密、个人隐私")
        self.person = QLineEdit()
        self.phone = QLineEdit()
        contact = QHBoxLayout()
        contact.addWidget(self.person, 1)
        contact.addWidget(self.phone, 1)
        self.person.setPlaceholderText("联系人")
        self.phone.setPlaceholderText("联系电话")
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText("答复正文（可粘贴答复函全文）")
        self.text.setTabChangesFocus(True)
        self.text.setMinimumHeight(140)
        self.letter = QLineEdit()
        self.letter.setReadOnly(True)
        self.letter.setPlaceholderText("盖章的答复函扫描件或电子件")
        choose = QPushButton("选择文件(&F)…")
        choose.clicked.connect(self._choose_letter)
        letter = QHBoxLayout()
        letter.addWidget(self.letter, 1)
        letter.addWidget(choose)
        self.form.addRow("答复类别：", self.category)
        self.form.addRow("答复日期(&D)：", self.on)
        self.form.addRow("签发人(&S)：", self.signer)
        self.form.addRow("公开属性：", self.disclosure)
        self.form.addRow("不公开理由(&R)：", self.reason)
        self.form.addRow("联系人：", contact)
        self.form.addRow("答复内容(&T)：", self.text)
        self.form.addRow("答复函：", letter)
        self.disclosure.group.idToggled.connect(lambda *_: self._disclosure_changed())
        self._disclosure_changed()

    def _disclosure_changed(self) -> None:
        self.reason.setEnabled(self.disclosure.value() is Disclosure.NOT_PUBLIC)

    def _choose_letter(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "选择答复函", "", LETTER_FILES)
        if path:
            self.letter.setText(path)

    def values(self) -> handling.ReplyInput:
        def text(edit: QLineEdit) -> str | None:
            return edit.text().strip() or None

        return handling.ReplyInput(
            self.category.value(), from_qdate(self.on.date()), signer=text(self.signer),
            disclosure=self.disclosure.value(), disclosure_reason=text(self.reason)
            if self.reason.isEnabled() else None, text=self.text.toPlainText().strip() or None,
            contact_person=text(self.person), contact_phone=text(self.phone),
            letter=Path(self.letter.text()) if self.letter.text() else None)

    def perform(self) -> None:
        self.ws.act(handling.reply, self.view.assignment_id, self.values(),
                    store_dir=self.ws.database.attachments_dir)
