"""文书设置: the locality's details of the printed papers, the office's own templates, and which
of the documents' fonts this PC has."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox, QFileDialog, QFormLayout, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
    QPlainTextEdit, QPushButton, QScrollArea, QVBoxLayout, QWidget,
)

from desktop.services import base_data, document_setup

from ..dialogs.export_dialog import templates_folder
from ..errors import explain
from ..widgets.form import ErrorLabel
from ..workspace import Workspace


def _lines(height: int) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setFixedHeight(height)
    return edit


class DocumentsPage(QScrollArea):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = workspace
        self.reply_title = QLineEdit()
        self.rehandled_reply_title = QLineEdit()
        self.doc_number = QLineEdit()
        self.unit_numbers = _lines(72)
        self.unit_numbers.setPlaceholderText("一行一个单位，如：县教育局＝县教函〔{year}〕{n}号")
        self.category_mark = QLineEdit()
        self.category_names = _lines(52)
        self.category_names.setPlaceholderText("不填则为 A 已解决或基本解决 … D 留作参考；只用三类的地方"
                                               "可写 C＝留作参考")
        self.copies_to = _lines(52)
        self.copies_to.setPlaceholderText("一行一个；不填则为县政协提案委员会、县人民政府督查室")
        self.print_disclosure = QCheckBox("成文日期下印附注“（此件公开发布）”")
        self.notice_number = QLineEdit()
        self.office_contact = QLineEdit()
        self.office_phone = QLineEdit()
        letters = QFormLayout()
        letters.addRow("答复函标题(&T)：", self.reply_title)
        letters.addRow("", QLabel("{meeting} 为会议全称，{number} 为提案号，如 第123号"))
        letters.addRow("二次办理答复函标题(&R)：", self.rehandled_reply_title)
        letters.addRow("发文字号(&N)：", self.doc_number)
        letters.addRow("", QLabel("{short} 为单位简称，{year} 为年份，{n} 为该单位当年的答复顺序号"))
        letters.addRow("各单位发文字号(&U)：", self.unit_numbers)
        letters.addRow("答复类别标识(&C)：", self.category_mark)
        letters.addRow("", QLabel("{category} 为 A、B、C、D，如 {category} 或 类别：{category}"))
        letters.addRow("答复类别名称(&M)：", self.category_names)
        letters.addRow("抄送(&O)：", self.copies_to)
        checks = QHBoxLayout()
        checks.addWidget(self.print_disclosure)
        checks.addStretch(1)
        letters.addRow("", checks)
        notices = QFormLayout()
        notices.addRow("交办通知发文字号(&J)：", self.notice_number)
        notices.addRow("", QLabel("{county} 为县名，{year} 为年份，{n} 为当年第几个交办日"
                                  "（同一天交办的通知同号）"))
        notices.addRow("提案委联系人(&P)：", self.office_contact)
        notices.addRow("联系电话(&H)：", self.office_phone)
        self.error = ErrorLabel()
        self.saved = QLabel()
        save = QPushButton("保存文书设置(&V)")
        save.clicked.connect(self.save)
        row = QHBoxLayout()
        row.addWidget(self.saved)
        row.addStretch(1)
        row.addWidget(save)
        self.templates = QGridLayout()
        self.fonts = QLabel()
        self.fonts.setWordWrap(True)
        body = QWidget()
        layout = QVBoxLayout(body)
        for title, inner in (("答复函", letters), ("通知", notices)):
            box = QGroupBox(title)
            box.setLayout(inner)
            layout.addWidget(box)
        layout.addWidget(self.error)
        layout.addLayout(row)
        box = QGroupBox("模板（本单位的 Word 模板须含程序模板中的全部样式）")
        box.setLayout(self.templates)
        layout.addWidget(box)
        box = QGroupBox("公文字体（本机）")
        inner = QVBoxLayout(box)
        inner.addWidget(self.fonts)
        layout.addWidget(box)
        layout.addStretch(1)
        self.setWidget(body)
        self.setWidgetResizable(True)
        self.refresh()

    def refresh(self) -> None:
        d = self.ws.read(base_data.office_settings).documents
        self.reply_title.setText(d.reply_title)
        self.doc_number.setText(d.doc_number)
        self.unit_numbers.setPlainText(document_setup.unit_numbers_text(d))
        self.category_mark.setText(d.category_mark)
        self.category_names.setPlainText("\n".join(f"{k}＝{v}" for k, v in
                                                   d.category_names.items()))
        self.copies_to.setPlainText("\n".join(d.copies_to))
        self.rehandled_reply_title.setText(d.rehandled_reply_title)
        self.notice_number.setText(d.notice_number)
        self.print_disclosure.setChecked(d.print_disclosure)
        self.office_contact.setText(d.office_contact)
        self.office_phone.setText(d.office_phone)
        self._show_templates()
        self.fonts.setText("<br>".join(c.sentence() for c in document_setup.font_checks(
            QFontDatabase.families())))

    def _show_templates(self) -> None:
        while self.templates.count():
            self.templates.takeAt(0).widget().deleteLater()
        for row, state in enumerate(document_setup.template_states(templates_folder(self.ws))):
            self.templates.addWidget(QLabel(state.kind), row, 0)
            self.templates.addWidget(QLabel("本单位模板" if state.own else "程序自带模板"), row, 1)
            choose = QPushButton("选择模板…")
            choose.clicked.connect(lambda _=False, k=state.kind: self.choose_template(k))
            self.templates.addWidget(choose, row, 2)
            reset = QPushButton("恢复自带")
            reset.setEnabled(state.own)
            reset.clicked.connect(lambda _=False, k=state.kind: self.reset_template(k))
            self.templates.addWidget(reset, row, 3)

    def choose_template(self, kind: str) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, f"选择{kind}模板", str(Path.home()),
                                                "Word 文档 (*.docx)")
        if not chosen:
            return
        try:
            document_setup.install_template(self.ws.actor, templates_folder(self.ws), kind,
                                            Path(chosen))
        except Exception as exc:  # noqa: BLE001 - the sentence names the missing style
            self.error.say(explain(self, exc))
            return
        self.error.say(None)
        self.saved.setText(f"{kind}已改用本单位模板。")
        self._show_templates()

    def reset_template(self, kind: str) -> None:
        document_setup.remove_template(self.ws.actor, templates_folder(self.ws), kind)
        self.saved.setText(f"{kind}已恢复为程序自带模板。")
        self._show_templates()

    def save(self) -> None:
        self.saved.clear()
        try:
            current = self.ws.read(base_data.office_settings).documents
            documents = replace(
                current, reply_title=self.reply_title.text().strip(),
                doc_number=self.doc_number.text().strip(),
                doc_numbers_by_unit=self.ws.read(document_setup.unit_numbers,
                                                 self.unit_numbers.toPlainText()),
                category_mark=self.category_mark.text().strip() or "{category}",
                category_names=document_setup.category_names(
                    self.category_names.toPlainText()),
                copies_to=tuple(line.strip() for line in self.copies_to.toPlainText()
                                .splitlines() if line.strip()),
                rehandled_reply_title=self.rehandled_reply_title.text().strip(),
                notice_number=self.notice_number.text().strip(),
                print_disclosure=self.print_disclosure.isChecked(),
                office_contact=self.office_contact.text().strip(),
                office_phone=self.office_phone.text().strip())
            self.ws.act(document_setup.update_documents, documents)
        except Exception as exc:  # noqa: BLE001 - the sentence goes under the form, typing kept
            self.error.say(explain(self, exc))
            return
        self.error.say(None)
        self.saved.setText("文书设置已保存，此后导出的文书按新设置生成。")
