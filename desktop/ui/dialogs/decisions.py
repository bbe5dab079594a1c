"""The small dialogs behind review decisions: a reason, the main proposal, the parts, the numbers."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QListWidget,
    QPlainTextEdit, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from desktop.services.proposal_list import ProposalRow
from desktop.services.review import SplitPart
from desktop.wording.labels import proposal_label

from ..widgets.form import ErrorLabel


def _buttons(dialog: QDialog, ok: str) -> QDialogButtonBox:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                           | QDialogButtonBox.StandardButton.Cancel)
    box.button(QDialogButtonBox.StandardButton.Ok).setText(ok)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


def _label_of(row: ProposalRow) -> str:
    return proposal_label(row.number, row.serial)


class ReasonDialog(QDialog):
    """A decision that needs words: chosen from the common ones or written by the reviewer."""

    def __init__(self, title: str, prompt: str, ok: str, reasons: tuple[str, ...] = (),
                 required: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.required = required
        self.reason = QComboBox()
        self.reason.setEditable(True)
        self.reason.addItems(("",) + reasons)
        self.reason.lineEdit().setPlaceholderText("选择常用理由，或直接输入")
        self.error = ErrorLabel()
        layout = QVBoxLayout(self)
        note = QLabel(prompt)
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addWidget(self.reason)
        layout.addWidget(self.error)
        layout.addWidget(_buttons(self, ok))
        self.reason.setFocus()

    def text(self) -> str:
        return self.reason.currentText().strip()

    def accept(self) -> None:
        if self.required and not self.text():
            self.error.say("请填写理由。")
            return
        super().accept()


class MergeDialog(QDialog):
    """并案: which of the selected proposals is the main one; the others are merged into it."""

    def __init__(self, rows: list[ProposalRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("并案")
        self.setMinimumWidth(520)
        self.rows = rows
        self.main = QListWidget()
        for row in rows:
            self.main.addItem(f"{_label_of(row)}  {row.title}（{row.lead}）")
        self.main.setCurrentRow(0)
        self.reason = QLineEdit("内容相近，并案处理")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("选择主提案，其余提案并入主提案（其提案人列为联名人，原提案仍可查）："))
        layout.addWidget(self.main)
        form = QFormLayout()
        form.addRow("说明：", self.reason)
        layout.addLayout(form)
        layout.addWidget(_buttons(self, "并案"))

    def main_id(self) -> str:
        return self.rows[max(self.main.currentRow(), 0)].id

    def merged_ids(self) -> list[str]:
        return [r.id for r in self.rows if r.id != self.main_id()]


class SplitDialog(QDialog):
    """拆分 (一案一议): one proposal becomes several, each with its own 案由 and content."""

    def __init__(self, title: str, body: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("拆分提案")
        self.resize(640, 520)
        self.titles: list[QLineEdit] = []
        self.bodies: list[QPlainTextEdit] = []
        self.form = QFormLayout()
        self.reason = QLineEdit("一案多事，按一事一案拆分")
        self.error = ErrorLabel()
        more = QPushButton("再加一件(&A)")
        more.clicked.connect(lambda: self.add_part("", ""))
        layout = QVBoxLayout(self)
        original = QLabel(f"原案由：{title}")
        original.setWordWrap(True)
        layout.addWidget(original)
        layout.addLayout(self.form, 1)
        layout.addWidget(more)
        reason = QFormLayout()
        reason.addRow("拆分说明：", self.reason)
        layout.addLayout(reason)
        layout.addWidget(self.error)
        layout.addWidget(_buttons(self, "拆分"))
        self.add_part(title, body)
        self.add_part("", "")

    def add_part(self, title: str, body: str) -> None:
        number = len(self.titles) + 1
        edit = QLineEdit(title)
        text = QPlainTextEdit(body)
        text.setTabChangesFocus(True)
        text.setMaximumHeight(90)
        self.titles.append(edit)
        self.bodies.append(text)
        self.form.addRow(f"第{number}件案由：", edit)
        self.form.addRow("内容：", text)
        edit.setFocus()

    def parts(self) -> list[SplitPart]:
        return [SplitPart(t.text().strip(), b.toPlainText())
                for t, b in zip(self.titles, self.bodies) if t.text().strip()]

    def accept(self) -> None:
        if len(self.parts()) < 2:
            self.error.say("拆分至少需要两件提案，请填写每件的案由。")
            return
        super().accept()


class NumberPreviewDialog(QDialog):
    """编提案号: the numbers each proposal will get, shown before any is given."""

    def __init__(self, preview: list[tuple[ProposalRow, str]], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("编提案号")
        self.resize(620, 420)
        table = QTableWidget(len(preview), 3)
        table.setHorizontalHeaderLabels(["收文号", "案由", "将编为"])
        for i, (row, number) in enumerate(preview):
            for j, text in enumerate((row.serial, row.title, number)):
                table.setItem(i, j, QTableWidgetItem(text))
        table.resizeColumnsToContents()
        table.setColumnWidth(1, 360)
        self.table = table
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"将为 {len(preview)} 件立案提案编号（提案号一经编出不再收回）："))
        layout.addWidget(table, 1)
        layout.addWidget(_buttons(self, "编号"))
