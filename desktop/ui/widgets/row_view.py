"""The table every short list uses: whole rows chosen one at a time, widths from the columns."""
from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QTableView

from ..models.row_table import RowTableModel


def row_table(model: RowTableModel) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().setDefaultSectionSize(24)
    for i, column in enumerate(model.columns):
        table.setColumnWidth(i, column.width)
    table.horizontalHeader().setStretchLastSection(True)
    return table
