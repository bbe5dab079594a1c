"""评价 (办理态度 and 办理结果 rated apart, how the rating came in) and 二次办理 opened by the office."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from desktop.domain.enums import EvaluationMethod, Rating
from desktop.services import handling
from desktop.services.tracking import HandlingView

from ..widgets.form import date_edit, from_qdate
from ..workspace import Workspace
from .action import ActionDialog, Choice


class EvaluationDialog(ActionDialog):
    def __init__(self, workspace: Workspace, view: HandlingView,
                 parent: QWidget | None = None) -> None:
        title = "二次办理评价" if view.snapshot.round > 1 else "录入评价"
        super().__init__(workspace, view, title, "保存评价", parent)
        self.attitude = Choice(Rating)
        self.result = Choice(Rating)
        self.method = Choice(EvaluationMethod, chosen=EvaluationMethod.PAPER)
        self.on = date_edit()
        self.note = QLineEdit()
        self.note.setPlaceholderText("提案人的具体意见（可不填）")
        hint = QLabel("办理结果“不满意”时，将转入二次办理，并按规定重新计算办理时限。")
        hint.setStyleSheet("color: #666;")
        self.form.addRow("办理态度：", self.attitude)
        self.form.addRow("办理结果：", self.result)
        self.form.addRow("评价方式：", self.method)
        self.form.addRow("评价日期(&D)：", self.on)
        self.form.addRow("意见(&N)：", self.note)
        self.form.addRow("", hint)

    def perform(self) -> None:
        self.ws.act(handling.evaluate, self.view.assignment_id, self.attitude.value(),
                    self.result.value(), self.method.value(), from_qdate(self.on.date()),
                    note=self.note.text().strip() or None)


class RehandleDialog(ActionDialog):
    """The office reopens handling itself (a rating of 不满意 reopens it on its own)."""

    def __init__(self, workspace: Workspace, view: HandlingView, due_on,
                 parent: QWidget | None = None) -> None:
        super().__init__(workspace, view, "二次办理", "启动二次办理", parent)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("如：提案人对答复不满意，经协商重新办理")
        self.due = date_edit(due_on)
        self.form.addRow("理由(&R)：", self.reason)
        self.form.addRow("办理时限(&D)：", self.due)

    def perform(self) -> None:
        self.ws.act(handling.rehandle, self.view.assignment_id, self.reason.text(),
                    due_on=from_qdate(self.due.date()))
