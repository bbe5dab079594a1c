"""优秀提案候选: the office ticks its candidates among the meeting's proposals; the year's report
draft lists them."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel, QTableView, QVBoxLayout,
    QWidget,
)

from desktop.services import supervision
from desktop.services.supervision import ExcellentChoice

from ..errors import explain
from ..widgets.form import ErrorLabel
from ..workspace import Workspace

_COLUMNS = (("候选", 48), ("提案号", 70), ("案由", 330), ("领衔提案人", 90), ("办理结果评价", 120))


class ExcellentModel(QAbstractTableModel):
    """The meeting's proposals, the first column a box the clerk ticks."""

    def __init__(self, rows: list[ExcellentChoice], parent=None) -> None:
        super().__init__(parent)
        self.rows = rows
        self.ticked = {row.id for row in rows if row.excellent}

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(_COLUMNS)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if index.column() == 0:
            if role == Qt.ItemDataRole.CheckStateRole:
                return (Qt.CheckState.Checked if row.id in self.ticked
                        else Qt.CheckState.Unchecked)
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (row.label, row.title, row.lead, row.results)[index.column() - 1]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsUserCheckable if index.column() == 0 else base

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any,  # noqa: N802
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if index.column() != 0 or role != Qt.ItemDataRole.CheckStateRole:
            return False
        row = self.rows[index.row()]
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self.ticked.add(row.id)
        else:
            self.ticked.discard(row.id)
        self.dataChanged.emit(index, index, [role])
        return True

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _COLUMNS[section][0]
        return None


class ExcellentDialog(QDialog):
    def __init__(self, workspace: Workspace, meeting_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = workspace
        self.meeting_id = meeting_id
        self.setWindowTitle("优秀提案候选")
        rows = workspace.read(supervision.excellent_choices, workspace.actor, meeting_id)
        self.model = ExcellentModel(rows, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        for column, (_, width) in enumerate(_COLUMNS):
            self.table.setColumnWidth(column, width)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        note = QLabel("勾选本次会议的优秀提案候选（可参考办理结果评价），保存后生成的工作报告草稿"
                      "将列出它们。")
        note.setWordWrap(True)
        self.error = ErrorLabel()
        buttons = QDialogButtonBox()
        buttons.addButton("保存(&S)", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(760, 520)

    def accept(self) -> None:
        try:
            self.ws.act(supervision.choose_excellent, self.meeting_id, set(self.model.ticked))
        except Exception as exc:  # noqa: BLE001 - one sentence under the list, the ticks kept
            self.error.say(explain(self, exc))
            return
        super().accept()
