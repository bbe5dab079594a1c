"""A table over a lazy model whose columns the clerk chooses and orders; the choice is remembered."""
from __future__ import annotations

from PySide6.QtCore import QPoint, QSettings, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView, QWidget

from ..models.paged import PagedTableModel


class RecordTable(QTableView):
    """``selection_changed`` carries the ids of the selected rows (proposals, assignments)."""

    selection_changed = Signal(list)

    def __init__(self, model: PagedTableModel, name: str, parent: QWidget | None = None,
                 hidden: set[str] | None = None,
                 sort: tuple[str, Qt.SortOrder] = ("number", Qt.SortOrder.AscendingOrder)) -> None:
        super().__init__(parent)
        self._name = name
        self._columns = model.columns
        self._hidden = model.default_hidden if hidden is None else hidden
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setSortingEnabled(False)  # sorting is asked of the model by a header click only
        self.verticalHeader().setDefaultSectionSize(24)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.horizontalHeader()
        header.setSectionsMovable(True)
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        first = next(i for i, c in enumerate(self._columns) if c.sort == sort[0])
        self._sorted = (first, sort[1])
        header.setSortIndicator(*self._sorted)
        header.setHighlightSections(False)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._column_menu)
        header.sectionClicked.connect(self._sort_by)
        for i, column in enumerate(self._columns):
            self.setColumnWidth(i, column.width)
            self.setColumnHidden(i, column.key in self._hidden)
        self._restore()
        # Only now: saving on the defaults above would overwrite the clerk's remembered choice.
        header.sectionMoved.connect(self._save)
        header.sectionResized.connect(self._save)
        self.selectionModel().selectionChanged.connect(self._emit_selection)
        model.modelReset.connect(lambda: self.selection_changed.emit([]))

    @property
    def table_model(self) -> PagedTableModel:
        return self.model()  # type: ignore[return-value]

    def selected_ids(self) -> list[str]:
        rows = sorted({i.row() for i in self.selectionModel().selectedRows()})
        return [pid for r in rows if (pid := self.table_model.row_id(r))]

    def _emit_selection(self) -> None:
        self.selection_changed.emit(self.selected_ids())

    def _sort_by(self, section: int) -> None:
        """Qt has already flipped the indicator; a column that cannot be sorted puts it back."""
        header = self.horizontalHeader()
        if self._columns[section].sort is None:
            header.setSortIndicator(*self._sorted)
            return
        self._sorted = (section, header.sortIndicatorOrder())
        self.table_model.sort(*self._sorted)
        self._save()

    def _column_menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # a new menu on every right-click
        menu.addSection("显示的列")
        for i, column in enumerate(self._columns):
            action = QAction(column.title, menu, checkable=True)
            action.setChecked(not self.isColumnHidden(i))
            action.setEnabled(column.key != "title")
            action.toggled.connect(lambda on, i=i: self._show_column(i, on))
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction("恢复默认列", self._reset_columns)
        menu.popup(self.horizontalHeader().mapToGlobal(pos))

    def _show_column(self, index: int, shown: bool) -> None:
        self.setColumnHidden(index, not shown)
        self._save()

    def _reset_columns(self) -> None:
        header = self.horizontalHeader()
        for i, column in enumerate(self._columns):
            header.moveSection(header.visualIndex(i), i)
            self.setColumnHidden(i, column.key in self._hidden)
            self.setColumnWidth(i, column.width)
        self._save()

    def _settings_key(self) -> str:
        return f"tables/{self._name}/header"

    def _save(self, *_args: object) -> None:
        QSettings().setValue(self._settings_key(), self.horizontalHeader().saveState())

    def _restore(self) -> None:
        state = QSettings().value(self._settings_key())
        if state is not None:
            self.horizontalHeader().restoreState(state)
            section = self.horizontalHeader().sortIndicatorSection()
            if 0 <= section < len(self._columns) and self._columns[section].sort:
                self._sorted = (section, self.horizontalHeader().sortIndicatorOrder())
                self.table_model.sort(*self._sorted)
            else:
                self.horizontalHeader().setSortIndicator(*self._sorted)
