"""The start's automatic backup: made on a thread once the window shows; a failure is said in
the status bar, not in a dialog in the clerk's way."""
from __future__ import annotations

import pytest

from desktop.domain.errors import DomainError
from desktop.services import backups
from desktop.ui import start
from desktop.ui.main_window import MainWindow


@pytest.fixture
def window(workspace, qtbot) -> MainWindow:
    w = MainWindow(workspace, "政协测试县委员会")
    qtbot.addWidget(w)
    return w


def test_the_start_leaves_a_checked_backup_behind(window, workspace, qtbot):
    start.backup_in_background(workspace.database, window)
    folder = backups.automatic_folder(workspace.database)
    qtbot.waitUntil(lambda: bool(backups.automatic_backups(folder)), timeout=10000)
    [made] = backups.automatic_backups(folder)
    assert made.name.endswith("_启动.db") and made.stat().st_size > 0


def test_a_failed_backup_is_said_in_the_status_bar(window, workspace, qtbot, monkeypatch):
    def full(*_args) -> None:
        raise DomainError("disk_full")
    monkeypatch.setattr(backups, "automatic_backup", full)
    start.backup_in_background(workspace.database, window)
    qtbot.waitUntil(lambda: window.notice.text().startswith("启动时"), timeout=5000)
    assert window.notice.text() == (
        "启动时的自动备份没有完成：磁盘空间不足，操作未完成，数据未改动；请清理空间后重试。")
