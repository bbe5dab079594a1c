"""The units to choose from at 交办, with their load and the part each is given this time."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from desktop.domain.enums import AssignmentRole
from desktop.wording.labels import label
from desktop.services.unit_choice import UnitLoad

HEADERS = ("承办单位", "系统", "在办", "逾期", "本次")


class UnitChoiceModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._units: list[UnitLoad] = []
        self.roles: dict[str, AssignmentRole] = {}

    def set_units(self, units: list[UnitLoad]) -> None:
        self.beginResetModel()
        self._units = list(units)
        known = {u.unit_id for u in units}
        self.roles = {k: v for k, v in self.roles.items() if k in known}
        self.endResetModel()

    def unit_at(self, row: int) -> UnitLoad:
        return self._units[row]

    def row_of(self, unit_id: str) -> int:
        return next((i for i, u in enumerate(self._units) if u.unit_id == unit_id), -1)

    def name_of(self, unit_id: str) -> str:
        row = self.row_of(unit_id)
        return self._units[row].name if row >= 0 else ""

    def set_role(self, unit_id: str, role: AssignmentRole | None) -> None:
        if role is None:
            self.roles.pop(unit_id, None)
        else:
            self.roles[unit_id] = role
        row = self.row_of(unit_id)
        if row >= 0:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))

    def clear_roles(self, keep: set[AssignmentRole] = frozenset()) -> None:
        for unit_id, role in list(self.roles.items()):
            if role not in keep:
                self.set_role(unit_id, None)

    def chosen(self, role: AssignmentRole) -> list[str]:
        """Units given ``role``, in the office's order of units."""
        return [u.unit_id for u in self._units if self.roles.get(u.unit_id) is role]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._units)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        unit = self._units[index.row()]
        given = self.roles.get(unit.unit_id)
        if role == Qt.ItemDataRole.DisplayRole:
            return (unit.name, label(unit.system), str(unit.in_hand), str(unit.overdue or ""),
                    label(given) if given else "")[index.column()]
        if role == Qt.ItemDataRole.FontRole and given is not None:
            bold = QFont()
            bold.setBold(True)
            return bold
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (2, 3):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return HEADERS[section] if orientation == Qt.Orientation.Horizontal else str(section + 1)
