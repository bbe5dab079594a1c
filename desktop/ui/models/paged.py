"""A lazy table model: a count, then pages of rows fetched when they are shown.

Sorting and filtering happen in SQL (the services); the model keeps at most a few pages in
memory, so 100,000 rows cost what the visible rows cost.  Subclasses say how to count, how to
fetch a page and how a row looks.
"""
from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

PAGE = 100
KEPT_PAGES = 30
AHEAD = PAGE // 2  # rows a tall table shows below the first one asked for
_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
          Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole)


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    text: Callable[[Any], str]
    sort: str | None = None  # the service's order key, None when the column cannot be sorted
    width: int = 90


def iso_date(value) -> str:
    return f"{value.year}-{value.month:02}-{value.day:02}" if value else ""


class PagedTableModel(QAbstractTableModel):
    """Rows with an ``id``; ``columns`` and ``default_hidden`` describe the table."""

    columns: Sequence[Column] = ()
    default_hidden: frozenset[str] = frozenset()
    tooltip_columns: frozenset[str] = frozenset()

    def __init__(self, order: str, parent=None) -> None:
        super().__init__(parent)
        self._order = order
        self._descending = False
        self._pages: OrderedDict[int, list[Any]] = OrderedDict()
        self._count = 0

    # -- what subclasses say ------------------------------------------------------------
    def _counted(self) -> int:
        raise NotImplementedError

    def _page(self, offset: int, limit: int) -> list[Any]:
        raise NotImplementedError

    def foreground(self, row: Any, column: Column) -> Any:
        return None

    def background(self, row: Any) -> Any:
        return None

    # -- what the view asks -------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            return self.columns[section].title
        if orientation == Qt.Orientation.Vertical and 0 <= section < self._count:
            return str(section + 1)
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in _ROLES:
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.foreground(row, column)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self.background(row)
        text = column.text(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return text if column.key in self.tooltip_columns and text else None
        return text

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self.columns[column].sort if 0 <= column < len(self.columns) else None
        if key is None:
            return
        self._order, self._descending = key, order == Qt.SortOrder.DescendingOrder
        self.refresh()

    # -- what the screens use -----------------------------------------------------------
    def refresh(self) -> None:
        """Count again and forget the cached pages (after the data-changed signal)."""
        self.beginResetModel()
        self._pages.clear()
        self._count = self._counted()
        self.endResetModel()

    def row_at(self, row: int) -> Any | None:
        if not 0 <= row < self._count:
            return None
        number, offset = divmod(row, PAGE)
        rows = self._pages.get(number)
        if rows is None:
            rows = self._fetch(number, offset)
        else:
            self._pages.move_to_end(number)
        return rows[offset] if offset < len(rows) else None

    def _fetch(self, number: int, offset: int) -> list[Any]:
        """Page ``number``; with the next page too when the rows shown below will need it.

        A table paints from the top, so a row in the lower half of its page means the next
        page is about to be asked for: one query for both sorts (or scans) once, not twice.
        """
        pages = 1
        if (offset >= PAGE - AHEAD and (number + 1) * PAGE < self._count
                and number + 1 not in self._pages):
            pages = 2
        rows = self._page(number * PAGE, pages * PAGE)
        if pages == 2:
            self._pages[number + 1] = rows[PAGE:]
        self._pages[number] = rows = rows[:PAGE]
        while len(self._pages) > KEPT_PAGES:
            self._pages.popitem(last=False)
        return rows

    def row_id(self, row: int) -> str | None:
        found = self.row_at(row)
        return found.id if found else None

    def row_of(self, record_id: str) -> int | None:
        """Where a record is among the rows already fetched (for keeping a selection)."""
        for number, rows in self._pages.items():
            for offset, r in enumerate(rows):
                if r.id == record_id:
                    return number * PAGE + offset
        return None
