"""The proposal list as a lazy model: a count, then pages of rows fetched when they are shown.

Sorting and filtering happen in SQL (desktop.services.listing); the model keeps at most a
few pages in memory, so 100,000 proposals cost what the visible rows cost.
"""
from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop.labels import REVIEW_LEVELS, label
from desktop.services import listing
from desktop.services.listing import ProposalFilter, ProposalRow

from ..workspace import Workspace

PAGE = 100
KEPT_PAGES = 30
AHEAD = PAGE // 2  # rows a tall table shows below the first one asked for


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    text: Callable[[ProposalRow], str]
    sort: str | None = None  # the listing's order key, None when the column cannot be sorted
    width: int = 90


def _date(value) -> str:  # noqa: ANN001
    return f"{value.year}-{value.month:02}-{value.day:02}" if value else ""


COLUMNS: list[Column] = [
    Column("number", "提案号", lambda r: r.number or "", "number", 80),
    Column("serial", "收文号", lambda r: r.serial, "serial", 70),
    Column("title", "案由", lambda r: r.title, "title", 360),
    Column("lead", "提案人", lambda r: r.lead, None, 110),
    Column("sector", "界别", lambda r: r.sector or "", None, 90),
    Column("category", "类别", lambda r: r.category or "", None, 80),
    Column("kind", "类型", lambda r: label(r.kind), "kind", 70),
    Column("origin", "提案形式", lambda r: label(r.origin), None, 70),
    Column("status", "状态", lambda r: label(r.status), "status", 80),
    Column("level", "审查", lambda r: REVIEW_LEVELS.get(r.review_level, "")
           if r.status.value == "in_review" else "", None, 50),
    Column("received_on", "收文日期", lambda r: _date(r.received_on), "received_on", 90),
    Column("clerk", "录入人", lambda r: r.clerk or "", None, 80),
    Column("registered_at", "录入时间", lambda r: r.registered_at.strftime("%m-%d %H:%M")
           if r.registered_at else "", "registered_at", 90),
    Column("units", "承办单位", lambda r: r.units, None, 160),
    Column("answers", "答复类别", lambda r: r.answers, None, 60),
    Column("meeting", "会议", lambda r: r.meeting, None, 110),
]
DEFAULT_HIDDEN = {"origin", "clerk", "registered_at", "answers", "meeting", "level"}
_KEY_BRUSH = QBrush(QColor("#b45309"))


class ProposalTableModel(QAbstractTableModel):
    def __init__(self, workspace: Workspace, where: ProposalFilter | None = None,
                 order: str = "number", parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._ws = workspace
        self._where = where  # None: an empty list until a filter is set (the search page)
        self._order = order
        self._descending = False
        self._pages: OrderedDict[int, list[ProposalRow]] = OrderedDict()
        self._count = self._counted()

    def _counted(self) -> int:
        return 0 if self._where is None else self._ws.read(listing.count, self._where)

    # -- what the view asks -------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return COLUMNS[section].title
        if orientation == Qt.Orientation.Vertical and 0 <= section < self._count:
            return str(section + 1)
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole,
                                               Qt.ItemDataRole.ToolTipRole,
                                               Qt.ItemDataRole.ForegroundRole):
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole:
            return _KEY_BRUSH if row.key and column.key == "title" else None
        text = column.text(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return text if column.key in ("title", "units") and text else None
        return text

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column].sort if 0 <= column < len(COLUMNS) else None
        if key is None:
            return
        self._order, self._descending = key, order == Qt.SortOrder.DescendingOrder
        self.refresh()

    # -- what the screens use -----------------------------------------------------------
    @property
    def where(self) -> ProposalFilter | None:
        return self._where

    def set_filter(self, where: ProposalFilter) -> None:
        self._where = where
        self.refresh()

    def refresh(self) -> None:
        """Count again and forget the cached pages (after the data-changed signal)."""
        self.beginResetModel()
        self._pages.clear()
        self._count = self._counted()
        self.endResetModel()

    def row_at(self, row: int) -> ProposalRow | None:
        if not 0 <= row < self._count:
            return None
        number, offset = divmod(row, PAGE)
        rows = self._pages.get(number)
        if rows is None:
            rows = self._fetch(number, offset)
        else:
            self._pages.move_to_end(number)
        return rows[offset] if offset < len(rows) else None

    def _fetch(self, number: int, offset: int) -> list[ProposalRow]:
        """Page ``number``; with the next page too when the rows shown below will need it.

        A table paints from the top, so a row in the lower half of its page means the next
        page is about to be asked for: one query for both sorts (or scans) once, not twice.
        """
        pages = 1
        if (offset >= PAGE - AHEAD and (number + 1) * PAGE < self._count
                and number + 1 not in self._pages):
            pages = 2
        rows = self._ws.read(listing.page, self._where, self._order, self._descending,
                             number * PAGE, pages * PAGE)
        if pages == 2:
            self._pages[number + 1] = rows[PAGE:]
        self._pages[number] = rows = rows[:PAGE]
        while len(self._pages) > KEPT_PAGES:
            self._pages.popitem(last=False)
        return rows

    def proposal_id(self, row: int) -> str | None:
        found = self.row_at(row)
        return found.id if found else None

    def row_of(self, proposal_id: str) -> int | None:
        """Where a proposal is among the rows already fetched (for keeping a selection)."""
        for number, rows in self._pages.items():
            for offset, r in enumerate(rows):
                if r.id == proposal_id:
                    return number * PAGE + offset
        return None
