"""交办: filed proposals to units (主办 + 协办, or 分办), units' requests, each unit's 交办清单."""
from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QLabel, QSplitter, QStackedWidget, QTabBar, QVBoxLayout, QWidget

from desktop.domain.enums import ASSIGNED_STATES, State
from desktop.services import proposal_list
from desktop.services.proposal_list import ProposalFilter

from ..models.proposal_table import ProposalTableModel
from ..widgets.record_table import RecordTable
from ..workspace import Workspace
from .assign_pages import ListPage, RequestsPage
from .assign_panel import AssignPanel
from .screen import Screen

TO_ASSIGN = (State.FILED,)
ASSIGNED = tuple(ASSIGNED_STATES)
TABS = ("待交办", "已交办", "退回与调整", "交办清单")


class AssignView(Screen):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws = workspace
        self.tabs = QTabBar()
        for name in TABS:
            self.tabs.addTab(name)
        self.model = ProposalTableModel(workspace, self._where(0), parent=self)
        self.table = RecordTable(self.model, "assign", self)
        self.panel = AssignPanel(workspace, self)
        self.message = QLabel()
        self.message.hide()
        self.requests = RequestsPage(workspace, self)
        self.lists = ListPage(workspace, self)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(self.panel)
        split.setSizes([700, 560])  # the units' table needs its four narrow columns
        self.pages = QStackedWidget()
        self.pages.addWidget(split)
        self.pages.addWidget(self.requests)
        self.pages.addWidget(self.lists)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.message)
        layout.addWidget(self.pages, 1)
        self._stale_pages = {self.lists}  # the panel read its loads when it was built
        self.tabs.currentChanged.connect(self._show_tab)
        self.table.selection_changed.connect(self.panel.show_selection)
        self.panel.assigned.connect(self._say)
        self.requests.reassign.connect(self._reassign)
        workspace.meeting_changed.connect(lambda _m: self.refresh())
        self._count()

    def _where(self, tab: int) -> ProposalFilter:
        return ProposalFilter(self._ws.meeting_id, ASSIGNED if tab == 1 else TO_ASSIGN)

    def show_tab(self, name: str) -> None:
        self.tabs.setCurrentIndex(TABS.index(name))

    def _show_tab(self, index: int) -> None:
        self.message.hide()
        if index <= 1:
            self.model.set_filter(self._where(index))
            self.pages.setCurrentIndex(0)
        else:
            self.pages.setCurrentIndex(index - 1)
        self._refresh_page(index)

    def _refresh_page(self, index: int) -> None:
        """The panel and the lists read every unit's load: only the tab on screen reads."""
        page = self.panel if index <= 1 else self.lists if index == 3 else None
        if page is not None and page in self._stale_pages:
            self._stale_pages.discard(page)
            page.refresh()

    def _count(self) -> None:
        shown = self.tabs.currentIndex()
        for i in (0, 1):  # the list on screen has just counted its rows
            n = self.model.rowCount() if i == shown else self._ws.read_as(proposal_list.count, self._where(i))
            self.tabs.setTabText(i, f"{TABS[i]}（{n}）")
        self.tabs.setTabText(2, f"{TABS[2]}（{self.requests.count()}）")

    def _say(self, sentence: str) -> None:
        self.message.setText(sentence)
        self.message.show()

    def _reassign(self, proposal_id: str) -> None:
        """A returned proposal: 待交办, with it selected for the next unit."""
        self.show_tab("待交办")
        row = next((r for r in range(self.model.rowCount())
                    if self.model.proposal_id(r) == proposal_id), None)
        if row is not None:
            self.table.selectionModel().select(
                self.model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
            self.table.scrollTo(self.model.index(row, 0))

    def reload(self) -> None:
        index = self.tabs.currentIndex()
        if index <= 1:
            self.model.set_filter(self._where(index))
        self._stale_pages = {self.panel, self.lists}
        self._refresh_page(index)
        self.requests.refresh()  # a few rows, and its count is a tab's
        self._count()
