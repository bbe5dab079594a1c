"""The two screens as a clerk meets them: shown, active, refreshed after each save or decision.

The main window refreshes every view when ``Workspace.changed`` fires
(MainWindow._refresh_views); a view built on its own is wired the same way here.
"""
from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox

from desktop.domain.enums import UserRole
from desktop.services import users
from desktop.ui.dialogs.action import WorkDialog
from desktop.ui.views.entry_view import EntryView
from desktop.ui.views.review_view import ReviewView
from desktop.ui.workspace import Workspace

from .clerk import show


@pytest.fixture(autouse=True)
def no_waiting_dialogs(monkeypatch):
    """A modal dialog a test did not answer would wait forever offscreen: fail instead.

    (Tests answer the ones they expect by patching that dialog class's exec.)"""
    def waits(dialog):
        raise AssertionError(f"unexpected dialog “{dialog.windowTitle()}”: "
                             f"{getattr(dialog, 'text', lambda: '')()}")

    def asks(_parent, title, text, *_args, **_kwargs):
        raise AssertionError(f"unexpected message box “{title}”: {text}")

    monkeypatch.setattr(QDialog, "exec", waits)
    monkeypatch.setattr(QMessageBox, "exec", waits)
    for static in ("question", "warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, static, asks)


@pytest.fixture
def answer_dialogs(monkeypatch) -> list[Callable[[WorkDialog], None]]:
    """Each form dialog the screen opens is filled by the next step of the script (which
    presses OK or Cancel itself); the dialog stays open on a refusal, as on screen."""
    script: list[Callable[[WorkDialog], None]] = []

    def exec_(dialog: WorkDialog) -> int:
        assert script, f"unexpected dialog “{dialog.windowTitle()}”"
        dialog.show()
        script.pop(0)(dialog)
        shown = dialog.isVisible()
        dialog.hide()
        return 0 if shown else 1

    monkeypatch.setattr(WorkDialog, "exec", exec_)
    return script


@pytest.fixture
def entry_view(workspace, qtbot) -> EntryView:
    view = show(qtbot, EntryView(workspace), workspace)
    view.form.title.setFocus()
    return view


@pytest.fixture
def review_view(workspace, qtbot) -> ReviewView:
    return show(qtbot, ReviewView(workspace), workspace)


@pytest.fixture
def staff_workspace(desk, qapp) -> Workspace:
    """小王, a 提案委工作人员 (staff): types and numbers, but does not make review decisions."""
    user = users.create_user(desk.session, desk.admin, "xiaowang", "小王", UserRole.STAFF,
                             "secret-123")
    ws = Workspace(desk.db, users.actor_of(user), desk.meeting.id)
    yield ws
    ws.deleteLater()
