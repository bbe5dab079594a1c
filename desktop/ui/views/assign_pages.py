"""Two pages of 交办: the units' requests waiting for the office, and a unit's 交办清单."""
from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout,
    QWidget,
)

from desktop.domain.enums import AssignmentRole
from desktop.services import assignment, assignment_lists, unit_choice
from desktop.services.assignment_lists import ListLine, Request
from desktop.wording.dates import chinese_date
from desktop.wording.labels import label

from ..dialogs.adjustment import AdjustmentDialog
from ..errors import explain
from ..widgets.row_view import row_table
from ..models.row_table import RowColumn, RowTableModel
from ..widgets.form import ErrorLabel
from ..dialogs.export_dialog import ExportDialog
from ..workspace import Workspace

REQUEST_COLUMNS = (
    RowColumn("类型", lambda r: r.kind, 70), RowColumn("提案号", lambda r: r.proposal, 90),
    RowColumn("案由", lambda r: r.title, 300), RowColumn("单位", lambda r: r.unit, 130),
    RowColumn("承办方式", lambda r: r.role, 60), RowColumn("日期", lambda r: chinese_date(r.on), 110),
    RowColumn("理由", lambda r: r.reason, 260),
)
LIST_COLUMNS = (
    RowColumn("提案号", lambda r: r.number, 80), RowColumn("案由", lambda r: r.title, 360),
    RowColumn("提案人", lambda r: r.proposers, 110), RowColumn("承办方式", lambda r: r.role, 60),
    RowColumn("交办日期", lambda r: chinese_date(r.assigned_on), 110),
    RowColumn("办理期限", lambda r: chinese_date(r.due_on), 110),
    RowColumn("签收", lambda r: chinese_date(r.accepted_on) or "未签收", 110),
)


class RequestsPage(QWidget):
    """退回 wait to be assigned again; 申请调整 wait for the office's yes or no."""

    reassign = Signal(str)  # a returned proposal's id: show it in 待交办

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws = workspace
        self.model = RowTableModel(REQUEST_COLUMNS, self)
        self.table = row_table(self.model)
        self.approve = QPushButton("同意调整…")
        self.refuse = QPushButton("不同意…")
        self.again = QPushButton("重新交办")
        self.approve.clicked.connect(lambda: self._decide(True))
        self.refuse.clicked.connect(lambda: self._decide(False))
        self.again.clicked.connect(self._reassign)
        self.error = ErrorLabel()
        self.message = QLabel()
        row = QHBoxLayout()
        for button in (self.approve, self.refuse, self.again):
            row.addWidget(button)
        row.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("承办单位在交办后规定天数内提出的退回和调整申请，由提案委决定。"))
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.refresh()

    def refresh(self) -> None:
        self.model.set_rows(self._ws.read_as(assignment_lists.pending_requests, self._ws.meeting_id)
                            if self._ws.meeting_id else [])
        self._selected()

    def count(self) -> int:
        return self.model.rowCount()

    def current(self) -> Request | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _selected(self, *_args: object) -> None:
        request = self.current()
        adjusting = request is not None and request.kind == "申请调整"
        self.approve.setEnabled(adjusting)
        self.refuse.setEnabled(adjusting)
        self.again.setEnabled(request is not None and request.kind == "退回")

    def _decide(self, approve: bool) -> None:
        request = self.current()
        if request is None:
            return
        units = [(u.unit_id, u.name) for u in self._ws.read_as(unit_choice.unit_loads)]
        dialog = AdjustmentDialog(request, approve, units, self)
        if dialog.exec() != AdjustmentDialog.DialogCode.Accepted:
            return
        self.error.say(None)
        try:
            self._ws.act(assignment.decide_adjustment, request.assignment_id, approve,
                         dialog.note.text().strip(), dialog.new_unit_id())
        except Exception as exc:  # noqa: BLE001 - the rule's sentence, nothing changed
            self.error.say(explain(self, exc))
            return
        self.message.setText(f"已{'同意' if approve else '不同意'}{request.unit}对"
                             f"{request.proposal}的调整申请。")

    def _reassign(self) -> None:
        request = self.current()
        if request is not None:
            self.reassign.emit(request.proposal_id)


class ListPage(QWidget):
    """A unit's 交办清单 of the meeting, in the order and with the columns it is printed."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws = workspace
        self.unit = QComboBox()
        self.unit.setMinimumWidth(220)
        self.unit.currentIndexChanged.connect(lambda _i: self._show())
        self.heading = QLabel()
        self.summary = QLabel()
        self.model = RowTableModel(LIST_COLUMNS, self)
        self.table = row_table(self.model)
        self.notice = QPushButton("生成交办通知(&W)…")
        self.notice.setToolTip("交办通知及所附交办清单（Word），本单位或全部单位")
        self.notice.clicked.connect(lambda: ExportDialog(
            self._ws, "notices", "交办", self.unit.currentData(), self).exec())
        row = QHBoxLayout()
        row.addWidget(QLabel("承办单位："))
        row.addWidget(self.unit)
        row.addStretch()
        row.addWidget(self.notice)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)

    def refresh(self) -> None:
        """Read when its tab is shown (desktop.ui.views.assign_view), not with the screen."""
        chosen = self.unit.currentData()
        self.unit.blockSignals(True)
        self.unit.clear()
        for load in self._ws.read_as(unit_choice.unit_loads):
            self.unit.addItem(f"{load.name}（在办 {load.in_hand}）", load.unit_id)
        self.unit.setCurrentIndex(max(self.unit.findData(chosen), 0))
        self.unit.blockSignals(False)
        self._show()

    def show_unit(self, unit_id: str) -> None:
        self.unit.setCurrentIndex(self.unit.findData(unit_id))

    def _show(self) -> None:
        unit_id = self.unit.currentData()
        lines: list[ListLine] = (self._ws.read_as(assignment_lists.assignment_list,
                                                  self._ws.meeting_id, unit_id)
                                 if unit_id and self._ws.meeting_id else [])
        self.model.set_rows(lines)
        name = self.unit.currentText().split("（")[0]
        self.heading.setText(f"<b>{name} 交办清单</b>")
        roles = Counter(line.role for line in lines)
        self.summary.setText(f"共 {len(lines)} 件" + (
            "：" + "，".join(f"{role} {roles[role]} 件" for role in map(label, AssignmentRole)
                           if roles[role]) if lines else "。"))
