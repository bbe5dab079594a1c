"""The right side of 交办: the units suggested, every unit with its load, the part each is given."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QFormLayout, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QListWidget,
    QListWidgetItem, QPushButton, QTableView, QVBoxLayout, QWidget,
)

from desktop.domain.enums import AssignmentRole
from desktop.services import assignment, assignment_lists, unit_choice
from desktop.wording.dates import chinese_date
from desktop.wording.labels import label

from ..errors import explain
from ..models.unit_choice import UnitChoiceModel
from ..widgets.form import ErrorLabel, date_edit, from_qdate
from ..workspace import Workspace

LEAD, ASSIST, SEPARATE = AssignmentRole.LEAD, AssignmentRole.ASSIST, AssignmentRole.SEPARATE


class AssignPanel(QWidget):
    """``assigned`` carries the sentence saying what was done."""

    assigned = Signal(str)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws = workspace
        self._ids: list[str] = []
        self.heading = QLabel("请在左侧选择要交办的提案（可多选，批量交办）。")
        self.heading.setWordWrap(True)
        self.current = QLabel()
        self.current.setWordWrap(True)
        self.suggestions = QListWidget()
        self.suggestions.setMaximumHeight(110)
        self.suggestions.itemActivated.connect(self._take_suggestion)
        self.units = UnitChoiceModel(self)
        self.filter = QLineEdit(placeholderText="筛选单位：输入单位名称中的字")
        self.filter.setClearButtonEnabled(True)
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(self.units)
        proxy.setFilterKeyColumn(0)
        self.filter.textChanged.connect(proxy.setFilterFixedString)
        self.proxy = proxy
        self.table = QTableView()
        self.table.setModel(proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(22)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 72), (2, 44), (3, 44), (4, 44)):
            self.table.setColumnWidth(column, width)
        self.table.doubleClicked.connect(lambda _i: self._give(None))
        buttons = QHBoxLayout()
        for text, role, keys in (("设为主办", LEAD, "Alt+1"), ("加为协办", ASSIST, "Alt+2"),
                                 ("分办", SEPARATE, "Alt+3"), ("移出", None, "Delete")):
            button = QPushButton(f"{text}（{keys}）" if keys != "Delete" else text)
            button.clicked.connect(lambda _c=False, r=role: self._give(r, explicit=True))
            shortcut = QShortcut(QKeySequence(keys), self.table if keys == "Delete" else self,
                                 lambda r=role: self._give(r, explicit=True))
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            buttons.addWidget(button)
        self.chosen = QLabel()
        self.chosen.setWordWrap(True)
        self.assigned_on = date_edit()
        self.assigned_on.dateChanged.connect(lambda _d: self._show_deadline())
        self.deadline = QLabel()
        self.go = QPushButton("交办（Ctrl+Enter）")
        self.go.clicked.connect(self.assign)
        go = QShortcut(QKeySequence("Ctrl+Return"), self, self.assign)
        go.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.error = ErrorLabel()
        when = QFormLayout()
        when.addRow("交办日期：", self.assigned_on)
        when.addRow("办理期限：", self.deadline)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.current)
        layout.addWidget(QLabel("<b>建议承办单位</b>（按历年相似提案和类别；回车或双击选用）"))
        layout.addWidget(self.suggestions)
        layout.addWidget(self.filter)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.chosen)
        layout.addLayout(when)
        layout.addWidget(self.error)
        layout.addWidget(self.go)
        self.refresh()

    # -- what is shown -----------------------------------------------------------------------
    def refresh(self) -> None:
        self.units.set_units(self._ws.read_as(unit_choice.unit_loads))
        self.show_selection(self._ids)

    def show_selection(self, ids: list[str]) -> None:
        self._ids = list(ids)
        self.error.say(None)
        self.suggestions.clear()
        self.current.clear()
        self.current.setVisible(len(ids) == 1)
        if not ids:
            self.heading.setText("请在左侧选择要交办的提案（可多选，批量交办）。")
        elif len(ids) == 1:
            self.heading.setText("交办所选提案 1 件。")
            units = self._ws.read_as(assignment_lists.units_of, ids[0])
            self.current.setText("现有承办单位：" + "、".join(
                f"{u.unit}（{u.role}，期限{chinese_date(u.due_on)}）" for u in units)
                if units else "尚未交办。")
        else:
            self.heading.setText(f"批量交办所选提案 {len(ids)} 件：每件交给下面选定的同一组单位。")
        if ids:
            for s in self._ws.read_as(unit_choice.suggest_units, ids[0]):
                load = self.units.unit_at(self.units.row_of(s.unit_id)).in_hand
                item = QListWidgetItem(f"{s.name}（在办 {load}）— {s.why}")
                item.setData(Qt.ItemDataRole.UserRole, s.unit_id)
                item.setToolTip(s.why)
                self.suggestions.addItem(item)
            if len(ids) > 1 and self.suggestions.count():
                self.suggestions.insertItem(0, "（按所选第一件推荐）")
        self.go.setEnabled(bool(ids))
        self._show_chosen()
        self._show_deadline()

    def _show_chosen(self) -> None:
        parts = [(name, self.units.chosen(role)) for name, role in
                 ((label(r), r) for r in (LEAD, ASSIST, SEPARATE))]
        text = "；".join(f"{name}：" + "、".join(self.units.name_of(u) for u in ids)
                        for name, ids in parts if ids)
        self.chosen.setText(f"<b>本次交办</b> {text}" if text else "本次交办：尚未选择单位。")

    def _show_deadline(self) -> None:
        if not self._ids:
            self.deadline.setText("")
            return
        days = self._ws.read(assignment.due_dates, self._ids, self.on())
        self.deadline.setText("、".join(chinese_date(d) for d in days) + "（按提案类型自动计算）")

    def on(self) -> date:
        return from_qdate(self.assigned_on.date())

    # -- choosing ----------------------------------------------------------------------------
    def _take_suggestion(self, item: QListWidgetItem) -> None:
        unit_id = item.data(Qt.ItemDataRole.UserRole)
        if unit_id:
            has_lead = bool(self.units.chosen(LEAD) or self.units.chosen(SEPARATE))
            self._set(unit_id, ASSIST if has_lead and not self.units.chosen(SEPARATE)
                      else SEPARATE if self.units.chosen(SEPARATE) else LEAD)

    def _give(self, role: AssignmentRole | None, explicit: bool = False) -> None:
        """The selected units get ``role``; a double-click gives 主办 first, then 协办."""
        rows = sorted({self.proxy.mapToSource(i).row()
                       for i in self.table.selectionModel().selectedRows()})
        for row in rows:
            unit_id = self.units.unit_at(row).unit_id
            if not explicit:
                role = ASSIST if self.units.chosen(LEAD) else LEAD
            self._set(unit_id, role)

    def _set(self, unit_id: str, role: AssignmentRole | None) -> None:
        """主办 with 协办, or 分办: choosing one way clears the other, and 主办 is one unit."""
        if role is LEAD:
            for other in self.units.chosen(LEAD):
                self.units.set_role(other, None)
        if role in (LEAD, ASSIST):
            self.units.clear_roles(keep={LEAD, ASSIST})
        elif role is SEPARATE:
            self.units.clear_roles(keep={SEPARATE})
        self.units.set_role(unit_id, role)
        self._show_chosen()

    # -- doing -------------------------------------------------------------------------------
    def assign(self) -> None:
        if not self._ids:
            return
        self.error.say(None)
        ids = list(self._ids)  # the lists refresh during the act and drop the selection
        lead = self.units.chosen(LEAD)
        try:
            done = self._ws.act(assignment.assign_all, ids, lead=lead[0] if lead else None,
                                assist=self.units.chosen(ASSIST),
                                separate=self.units.chosen(SEPARATE), assigned_on=self.on())
        except Exception as exc:  # noqa: BLE001 - the rule's sentence, nothing assigned
            self.error.say(explain(self, exc))
            return
        units = len({a.unit_id for a in done})
        self.units.clear_roles()
        self.assigned.emit(f"已交办 {len(ids)} 件（{units} 个单位）。")
