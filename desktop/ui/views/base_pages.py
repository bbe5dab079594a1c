"""The lists of 基础数据, one page each: a table, a few buttons, the form behind each button."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import (
    QDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget,
)

from desktop.wording.labels import label
from desktop.services import base_data, users

from ..dialogs.base_forms import (
    MemberDialog, MergeUnitDialog, NameDialog, PasswordDialog, UnitDialog, UserDialog,
)
from ..dialogs.roster_import import RosterDialog
from ..models.row_table import RowColumn, RowTableModel
from ..widgets.row_view import row_table
from ..workspace import Workspace


def _state(active: bool, off: str = "停用") -> str:
    return "" if active else off


class TablePage(QWidget):
    """Rows read by ``load``; buttons that need a row are enabled once one is chosen."""

    def __init__(self, workspace: Workspace, columns: Sequence[RowColumn],
                 load: Callable[[], list], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = workspace
        self._load = load
        self.model = RowTableModel(columns, self)
        self.table = row_table(self.model)
        self.total = QLabel()
        self.bar = QHBoxLayout()
        self.bar.addWidget(self.total)
        self.bar.addStretch(1)
        self._needs_row: list[QPushButton] = []
        layout = QVBoxLayout(self)
        layout.addLayout(self.bar)
        layout.addWidget(self.table, 1)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._chosen())
        self.table.doubleClicked.connect(lambda _i: self.edit())

    def button(self, text: str, action: Callable[[], object], needs_row: bool = False
               ) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(lambda _=False: action())
        if needs_row:
            self._needs_row.append(button)
        self.bar.addWidget(button)
        return button

    def selected(self) -> Any | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _chosen(self) -> None:
        for button in self._needs_row:
            button.setEnabled(self.selected() is not None)

    def open(self, dialog: QDialog) -> None:
        dialog.exec()

    def edit(self) -> None:
        """Double-click: the page's change form, where it has one."""

    def refresh(self) -> None:
        chosen = self.selected()
        rows = self._load()
        self.model.set_rows(rows)
        self.total.setText(f"共 {len(rows)} 项")
        again = next((i for i, r in enumerate(rows) if chosen and r.id == chosen.id), None)
        if again is not None:
            self.table.selectRow(again)
        self._chosen()


class MembersPage(TablePage):
    COLUMNS = (
        RowColumn("姓名", lambda m: m.name, 90), RowColumn("拼音首字母", lambda m: m.initials, 80),
        RowColumn("界别", lambda m: m.sector, 110),
        RowColumn("工作单位及职务", lambda m: m.workplace, 260),
        RowColumn("联系电话", lambda m: m.phone, 120),
        RowColumn("提案", lambda m: str(m.proposals), 50),
        RowColumn("状态", lambda m: _state(m.active, "已停用"), 60),
    )

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, self.COLUMNS,
                         lambda: workspace.read(base_data.members, self.find.text()), parent)
        self.find = QLineEdit()
        self.find.setPlaceholderText("按姓名或拼音首字母查找")
        self.find.setClearButtonEnabled(True)
        self.find.textChanged.connect(lambda _t: self.refresh())
        self.bar.insertWidget(1, self.find)
        self.button("从Excel导入名册(&I)…", lambda: self.open(RosterDialog(self.ws, self)))
        self.button("新增委员(&A)…", lambda: self.open(MemberDialog(self.ws, None, self)))
        self.button("修改(&E)…", self.edit, needs_row=True)
        self.refresh()

    def edit(self) -> None:
        if (row := self.selected()) is not None:
            self.open(MemberDialog(self.ws, row, self))


class NamesPage(TablePage):
    """界别 or 类别: a short list of names the entry form offers."""

    def __init__(self, workspace: Workspace, what: str, parent: QWidget | None = None) -> None:
        sector = what == "界别"
        columns = (
            RowColumn("名称", lambda r: r.name, 200),
            RowColumn("类型" if sector else "代码", lambda r: r.extra, 90),
            RowColumn("委员" if sector else "提案", lambda r: str(r.uses), 60),
            RowColumn("状态", lambda r: _state(r.active), 60),
        )
        load = base_data.sector_rows if sector else base_data.category_rows
        super().__init__(workspace, columns, lambda: workspace.read(load), parent)
        self.what = what
        self.button(f"新增{what}(&A)…", lambda: self.open(NameDialog(self.ws, what, None, self)))
        self.button("修改(&E)…", self.edit, needs_row=True)
        self.refresh()

    def edit(self) -> None:
        if (row := self.selected()) is not None:
            self.open(NameDialog(self.ws, self.what, row, self))


class UnitsPage(TablePage):
    COLUMNS = (
        RowColumn("单位名称", lambda u: u.name, 180), RowColumn("简称", lambda u: u.short_name, 90),
        RowColumn("全称（落款）", lambda u: u.full_name, 200),
        RowColumn("系统", lambda u: label(u.system), 90),
        RowColumn("状态", lambda u: "已并入" if u.merged_into else _state(u.active), 60),
        RowColumn("并入", lambda u: u.merged_into, 180),
        RowColumn("历年承办", lambda u: str(u.assignments), 70),
    )

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, self.COLUMNS,
                         lambda: workspace.read(base_data.unit_rows), parent)
        self.button("新增单位(&A)…", lambda: self.open(UnitDialog(self.ws, None, self)))
        self.button("修改(&E)…", self.edit, needs_row=True)
        self.merge = self.button("并入其他单位(&M)…", self._merge, needs_row=True)
        self.refresh()

    def edit(self) -> None:
        if (row := self.selected()) is not None:
            self.open(UnitDialog(self.ws, row, self))

    def _merge(self) -> None:
        if (row := self.selected()) is not None:
            self.open(MergeUnitDialog(self.ws, row, self))


class UsersPage(TablePage):
    COLUMNS = (
        RowColumn("用户名", lambda u: u.username, 100), RowColumn("姓名", lambda u: u.display_name, 90),
        RowColumn("角色", lambda u: label(u.role), 120), RowColumn("所属单位", lambda u: u.unit, 180),
        RowColumn("状态", lambda u: "已锁定" if u.locked else _state(u.active), 60),
    )

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, self.COLUMNS, lambda: workspace.read(users.user_rows), parent)
        self.button("新增用户(&A)…", lambda: self.open(UserDialog(self.ws, None, self)))
        self.button("修改(&E)…", self.edit, needs_row=True)
        self.button("重设密码(&P)…", self._password, needs_row=True)
        self.refresh()

    def edit(self) -> None:
        if (row := self.selected()) is not None:
            self.open(UserDialog(self.ws, row, self))

    def _password(self) -> None:
        if (row := self.selected()) is not None:
            self.open(PasswordDialog(self.ws, row, self))
