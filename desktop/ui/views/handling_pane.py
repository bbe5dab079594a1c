"""Beside the tracking list: the chosen assignment, the actions open on it, the timeline."""
from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog, QGridLayout, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget,
)

from desktop.domain.errors import NotFound
from desktop.domain.permissions import Action
from desktop.wording.labels import label
from desktop.services import timeline, tracking
from desktop.services.timeline import TimelineEntry
from desktop.services.tracking import HandlingView
from desktop.wording.dates import chinese_date

from ..dialogs.evaluation import EvaluationDialog, RehandleDialog
from ..dialogs.handling import (
    AcceptDialog, ContactDialog, ExtendDialog, FollowUpDialog, OpinionDialog, UnitRequestDialog,
)
from ..dialogs.reply import ReplyDialog
from ..dialogs.save_document import save_reply_document
from ..workspace import Workspace

DialogMaker = Callable[[Workspace, HandlingView, QWidget], QDialog]
# the buttons, in the order of a year's work
BUTTONS: tuple[tuple[Action, str, DialogMaker], ...] = (
    (Action.ACCEPT, "签收", AcceptDialog),
    (Action.RECORD_CONTACT, "沟通面商", ContactDialog),
    (Action.ASSIST_OPINION, "协办意见", OpinionDialog),
    (Action.REPLY, "答复", ReplyDialog),
    (Action.EVALUATE, "评价", EvaluationDialog),
    (Action.FOLLOW_UP, "跟踪落实", FollowUpDialog),
    (Action.EXTEND, "延期", ExtendDialog),
    (Action.REHANDLE, "二次办理",
     lambda ws, view, parent: RehandleDialog(ws, view, view.rehandle_due_on, parent)),
    (Action.RETURN_ASSIGNMENT, "退回",
     lambda ws, view, parent: UnitRequestDialog(ws, view, False, parent)),
    (Action.REQUEST_ADJUSTMENT, "申请调整",
     lambda ws, view, parent: UnitRequestDialog(ws, view, True, parent)),
)


def summary_html(view: HandlingView, today) -> str:
    s = view.snapshot
    left = s.days_left(today)
    if left is None:
        deadline = chinese_date(s.due_on)
    elif left < 0:
        deadline = f"{chinese_date(s.due_on)} <span style='color:#b91c1c'>已逾期{-left}天</span>"
    else:
        deadline = f"{chinese_date(s.due_on)}（剩{left}天）"
    lines = [f"<b>{escape(view.proposal_label)}</b> {escape(view.title)}",
             f"{escape(view.unit)} · {label(s.role)} · <b>{label(s.status)}</b>"
             + (f" · 第{s.round}轮" if s.round > 1 else ""),
             f"交办 {chinese_date(view.assigned_on)} · 时限 {deadline}"]
    if s.round > 1 and view.round_reason:
        lines.append(f"二次办理：{escape(view.round_reason)}")
    if view.key:
        leaders = "、".join(view.leaders)
        lines.append("<span style='color:#b45309'>重点提案</span>"
                     + (f" · 督办领导：{escape(leaders)}" if leaders else ""))
    return "<br>".join(lines)


def timeline_html(entries: list[TimelineEntry]) -> str:
    rows = []
    for e in entries:
        what = f"<s>{escape(e.what)}</s>" if e.crossed else f"<b>{escape(e.what)}</b>"
        unit = f"　{escape(e.unit)}" if e.unit else ""
        detail = f"<br>{escape(e.detail)}" if e.detail else ""
        by = f"<span style='color:#777'>（{escape(e.by)}）</span>" if e.by else ""
        rows.append(f"<tr><td style='color:#555' width='96'>{chinese_date(e.on)}</td>"
                    f"<td>{what}{unit}{detail}{by}</td></tr>")
    return ("<table cellspacing='0' cellpadding='3' width='100%'>" + "".join(rows)
            + "</table>") if rows else "<p style='color:#777'>尚无记录。</p>"


class HandlingPane(QWidget):
    """Empty until an assignment is chosen; every action refreshes it through the workspace."""

    def __init__(self, workspace: Workspace, today: Callable[[], object],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws = workspace
        self._today = today
        self.view: HandlingView | None = None
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.buttons: dict[Action, QPushButton] = {}
        grid = QGridLayout()
        grid.setSpacing(4)
        for i, (action, text, make) in enumerate(BUTTONS):
            button = QPushButton(text)
            button.clicked.connect(lambda _=False, m=make: self.open(m))
            self.buttons[action] = button
            grid.addWidget(button, i // 5, i % 5)
        self.papers = []
        for column, (kind, text) in enumerate((("letters", "答复函(&L)"), ("forms", "征询意见表"))):
            button = QPushButton(text)
            button.setToolTip("生成本件最近一次答复的文书，保存后用 Word 或 WPS 打开")
            button.clicked.connect(lambda _=False, k=kind: self.save_paper(k))
            self.papers.append(button)
            grid.addWidget(button, (len(BUTTONS) + 4) // 5, column)
        self.timeline = QTextBrowser()
        self.timeline.setOpenLinks(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addLayout(grid)
        heading = QLabel("<b>办理过程</b>")
        layout.addWidget(heading)
        layout.addWidget(self.timeline, 1)
        self.show_assignment(None)

    def show_assignment(self, assignment_id: str | None) -> None:
        self.view = (self._ws.read_as(tracking.handling_of, assignment_id)
                     if assignment_id else None)
        for action, button in self.buttons.items():
            button.setEnabled(self.view is not None and action in self.view.actions)
        for button in self.papers:
            button.setEnabled(self.view is not None and self.view.latest_reply_id is not None)
        if self.view is None:
            self.summary.setText("<span style='color:#777'>选择一个承办件，在此办理并查看办理过程。"
                                 "</span>")
            self.timeline.clear()
            return
        self.summary.setText(summary_html(self.view, self._today()))
        entries = self._ws.read_as(timeline.timeline, self.view.proposal_id)
        self.timeline.setHtml(timeline_html(entries))

    def save_paper(self, kind: str) -> None:
        if self.view is not None and self.view.latest_reply_id:
            save_reply_document(self, self._ws, self.view.latest_reply_id, kind)

    def open(self, make: DialogMaker) -> None:
        if self.view is not None:
            make(self._ws, self.view, self).exec()

    def keep(self, assignment_id: str | None) -> None:
        try:
            self.show_assignment(assignment_id)
        except NotFound:  # the assignment went away (a package from elsewhere removed it)
            self.show_assignment(None)

    def refresh(self) -> None:
        self.keep(self.view.assignment_id if self.view else None)
