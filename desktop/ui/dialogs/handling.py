"""The small handling dialogs: 签收, 沟通面商, 协办意见, 延期, 跟踪落实, 退回, 申请调整."""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

from desktop.domain.enums import ContactForm, FollowUpKind, ReplyCategory
from desktop.wording.labels import label
from desktop.services import assignment, handling
from desktop.services.tracking import HandlingView
from desktop.wording.dates import chinese_date

from ..widgets.form import date_edit, from_qdate
from ..workspace import Workspace
from .action import ActionDialog, Choice


def _text_box(placeholder: str, height: int = 90) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)
    box.setFixedHeight(height)
    return box


class AcceptDialog(ActionDialog):
    def __init__(self, workspace: Workspace, view: HandlingView,
                 parent: QWidget | None = None) -> None:
        super().__init__(workspace, view, "签收", "签收", parent)
        self.on = date_edit()
        self.by = QLineEdit(workspace.actor.username)
        self.form.addRow("签收日期(&D)：", self.on)
        self.form.addRow("签收人(&B)：", self.by)

    def perform(self) -> None:
        self.ws.act(assignment.accept, self.view.assignment_id, on=from_qdate(self.on.date()),
                    by=self.by.text().strip() or None)


class ContactDialog(ActionDialog):
    def __init__(self, workspace: Workspace, view: HandlingView,
                 parent: QWidget | None = None) -> None:
        super().__init__(workspace, view, "记录沟通面商", "保存", parent)
        self.kind = Choice(ContactForm, chosen=ContactForm.FACE)
        self.on = date_edit()
        self.members = QLineEdit()
        self.members.setPlaceholderText("参加的提案人")
        self.people = QLineEdit()
        self.people.setPlaceholderText("承办单位参加人员及职务")
        self.note = _text_box("沟通的主要内容和提案人的意见")
        self.form.addRow("方式：", self.kind)
        self.form.addRow("日期(&D)：", self.on)
        self.form.addRow("提案人(&M)：", self.members)
        self.form.addRow("单位人员(&P)：", self.people)
        self.form.addRow("情况(&N)：", self.note)

    def perform(self) -> None:
        self.ws.act(handling.record_contact, self.view.assignment_id, self.kind.value(),
                    from_qdate(self.on.date()), members=self.members.text().strip() or None,
                    unit_people=self.people.text().strip() or None,
                    note=self.note.toPlainText().strip() or None)


class OpinionDialog(ActionDialog):
    def __init__(self, workspace: Workspace, view: HandlingView,
                 parent: QWidget | None = None) -> None:
        super().__init__(workspace, view, "协办意见", "送主办单位", parent)
        self.on = date_edit()
        self.text = _text_box("协办意见全文，由主办单位汇总答复", 160)
        self.form.addRow("送达日期(&D)：", self.on)
        self.form.addRow("意见(&T)：", self.text)

    def perform(self) -> None:
        self.ws.act(handling.send_opinion, self.view.assignment_id, from_qdate(self.on.date()),
                    self.text.toPlainText())


class ExtendDialog(ActionDialog):
    def __init__(self, workspace: Workspace, view: HandlingView,
                 parent: QWidget | None = None) -> None:
        super().__init__(workspace, view, "延期", "延期", parent)
        self.due = date_edit(view.latest_due_on)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("延期理由")
        self.form.addRow("当前时限：", _plain(chinese_date(view.snapshot.due_on)))
        self.form.addRow("最迟可延至：", _plain(chinese_date(view.latest_due_on)))
        self.form.addRow("延至(&D)：", self.due)
        self.form.addRow("理由(&R)：", self.reason)

    def perform(self) -> None:
        self.ws.act(assignment.extend, self.view.assignment_id, from_qdate(self.due.date()),
                    self.reason.text())


class FollowUpDialog(ActionDialog):
    def __init__(self, workspace: Workspace, view: HandlingView,
                 parent: QWidget | None = None) -> None:
        super().__init__(workspace, view, "跟踪落实", "保存", parent)
        self.kind = Choice(FollowUpKind, chosen=FollowUpKind.CONTINUED)
        self.on = date_edit()
        self.text = _text_box("落实进展或续办续复的内容", 140)
        self.reached = QComboBox()
        self.reached.addItem("（不变）", None)
        for category in ReplyCategory:
            self.reached.addItem(label(category), category)
        self.form.addRow("方式：", self.kind)
        self.form.addRow("日期(&D)：", self.on)
        self.form.addRow("情况(&T)：", self.text)
        self.form.addRow("现已达到(&C)：", self.reached)

    def perform(self) -> None:
        self.ws.act(handling.follow_up, self.view.assignment_id, self.kind.value(),
                    from_qdate(self.on.date()), self.text.toPlainText(),
                    category=self.reached.currentData())


class UnitRequestDialog(ActionDialog):
    """退回 (the proposal is not ours) or 申请调整 (another unit should answer it)."""

    def __init__(self, workspace: Workspace, view: HandlingView, adjust: bool,
                 parent: QWidget | None = None) -> None:
        title = "申请调整承办单位" if adjust else "退回交办"
        super().__init__(workspace, view, title, "提交", parent)
        self.adjust = adjust
        self.on = date_edit()
        self.reason = _text_box("理由（提案委据此审批）" if adjust else "退回理由")
        self.form.addRow("日期(&D)：", self.on)
        self.form.addRow("理由(&R)：", self.reason)

    def perform(self) -> None:
        action = assignment.request_adjustment if self.adjust else assignment.return_assignment
        self.ws.act(action, self.view.assignment_id, self.reason.toPlainText(),
                    on=from_qdate(self.on.date()))


def _plain(text: str) -> QLineEdit:
    shown = QLineEdit(text)
    shown.setReadOnly(True)
    shown.setFrame(False)
    return shown
