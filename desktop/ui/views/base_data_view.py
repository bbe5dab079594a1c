"""基础数据: members (with the roster import), sectors, units, categories, users, settings, and
the settings of the printed papers."""
from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from desktop.domain.permissions import Action, allowed

from ..workspace import Workspace
from .screen import Screen
from .base_pages import MembersPage, NamesPage, UnitsPage, UsersPage
from .backup_page import BackupPage
from .documents_page import DocumentsPage
from .settings_page import SettingsPage


class BaseDataView(Screen):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.members = MembersPage(workspace)
        self.sectors = NamesPage(workspace, "界别")
        self.units = UnitsPage(workspace)
        self.categories = NamesPage(workspace, "类别")
        self.pages: list[tuple[str, QWidget]] = [
            ("委员", self.members), ("界别", self.sectors), ("承办单位", self.units),
            ("提案类别", self.categories)]
        if allowed(Action.MANAGE_USERS, None, workspace.actor.role):
            self.users = UsersPage(workspace)
            self.pages.append(("用户和角色", self.users))
        self.settings = SettingsPage(workspace)
        self.pages.append(("本会设置", self.settings))
        self.documents = DocumentsPage(workspace)
        self.pages.append(("文书设置", self.documents))
        if allowed(Action.MANAGE_USERS, None, workspace.actor.role) and workspace.database.path:
            self.backups = BackupPage(workspace)
            self.pages.append(("备份与恢复", self.backups))
        self.tabs = QTabWidget()
        for title, page in self.pages:
            self.tabs.addTab(page, title)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

    def show_tab(self, title: str) -> None:
        self.tabs.setCurrentIndex([t for t, _ in self.pages].index(title))

    def reload(self) -> None:
        for _, page in self.pages:
            page.refresh()
