"""A sortable table of figures that copies as tab-separated text, which Excel and Word paste
as a table (Ctrl+C for the selection, or the whole table with its header)."""
from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QApplication, QHeaderView, QTableView, QWidget

from ..models.figure_table import SORT_ROLE, FigureTableModel


def tab_separated(cells: list[list[str]]) -> str:
    return "\n".join("\t".join(row) for row in cells) + "\n"


class FigureView(QTableView):
    def __init__(self, model: FigureTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.figures = model
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(model)
        self.proxy.setSortRole(SORT_ROLE)
        self.setModel(self.proxy)
        self.setSortingEnabled(True)
        self.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the service's order until clicked
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().setDefaultSectionSize(24)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        # widths from the titles (measuring every cell costs more than the figures themselves)
        metrics = self.horizontalHeader().fontMetrics()
        for i, column in enumerate(model.table.columns):
            width = metrics.horizontalAdvance(column.title) + 26
            self.setColumnWidth(i, 180 if i == 0 else max(width, 56 if "率" not in column.title
                                                          else 76))

    def cells(self, selected_only: bool = False) -> list[list[str]]:
        """What is shown, in the order shown; a selection copies its block of rows and columns."""
        rows = range(self.proxy.rowCount())
        columns = range(self.proxy.columnCount())
        if selected_only:
            chosen = self.selectionModel().selectedIndexes()
            rows = sorted({i.row() for i in chosen})
            columns = sorted({i.column() for i in chosen})
        header = [self.proxy.headerData(c, Qt.Orientation.Horizontal) for c in columns]
        body = [[self.proxy.index(r, c).data() for c in columns] for r in rows]
        return body if selected_only else [header, *body]

    def copy_all(self) -> None:
        QApplication.clipboard().setText(tab_separated(self.cells()))

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.matches(QKeySequence.StandardKey.Copy) and self.selectionModel().hasSelection():
            QApplication.clipboard().setText(tab_separated(self.cells(selected_only=True)))
            return
        super().keyPressEvent(event)
