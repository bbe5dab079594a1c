"""数据交换: the sites and their packages, and the conflicts waiting for a person (their count
is on the tab, and on the screen's entry in the navigation)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from desktop.services import conflicts

from ..workspace import Workspace
from .conflicts_page import ConflictsPage
from .screen import Screen
from .sites_page import SitesPage


class ExchangeView(Screen):
    counted = Signal(int)  # open conflicts, for the navigation

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = workspace
        self.sites = SitesPage(workspace)
        self.conflicts = ConflictsPage(workspace)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.sites, "站点")
        self.tabs.addTab(self.conflicts, "冲突")
        self.sites.received.connect(self.reload)
        self.conflicts.settled.connect(self._count)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self._count()

    def receive(self, path: Path) -> None:
        """A .tian file double-clicked, or handed over by a second start of the program."""
        self.tabs.setCurrentWidget(self.sites)
        self.sites.receive(path)

    def reload(self) -> None:
        self.sites.refresh()
        self.conflicts.refresh()
        self._count()

    def _count(self) -> None:
        waiting = self.ws.read(conflicts.open_count)
        self.tabs.setTabText(1, f"冲突（{waiting}）" if waiting else "冲突")
        self.counted.emit(waiting)
