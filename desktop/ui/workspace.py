"""What every screen is handed: the open database, who is working, which meeting, one signal."""
from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject, Signal

from desktop.domain.actor import Actor
from desktop.store.database import Database

T = TypeVar("T")


class Workspace(QObject):
    """Passed to each view's constructor (no global application object).

    ``changed`` is the one "data changed" signal: every write through :meth:`act` emits it and
    every view that shows data refreshes from it.
    """

    changed = Signal()
    meeting_changed = Signal(str)

    def __init__(self, database: Database, actor: Actor, meeting_id: str | None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.actor = actor
        self.meeting_id = meeting_id

    def read(self, query: Callable[..., T], *args, **kwargs) -> T:
        """Run a read-only service query in its own short session (never a stale snapshot)."""
        with self.database.session() as session:
            return query(session, *args, **kwargs)

    def act(self, action: Callable[..., T], *args, **kwargs) -> T:
        """Run one user action (one service call, one transaction) as the logged-in user."""
        with self.database.session() as session:
            result = action(session, self.actor, *args, **kwargs)
        self.changed.emit()
        return result

    def set_meeting(self, meeting_id: str) -> None:
        if meeting_id != self.meeting_id:
            self.meeting_id = meeting_id
            self.meeting_changed.emit(meeting_id)
