"""What every screen is handed: the open database, who is working, which meeting, one signal."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

from desktop.domain.actor import Actor
from desktop.domain.permissions import unit_scope
from desktop.store.database import Database
from desktop.store.glance import file_state

T = TypeVar("T")


@dataclass(frozen=True)
class ReadAhead:
    """A read made behind the login dialog for a user who sees the whole office (ui/start.py),
    handed to the first read that asks the same: once, and only if no commit came since."""

    query: Callable[..., Any]
    args: tuple  # after the actor
    result: Any
    files: tuple  # glance.file_state when it was read

    def answers(self, database: Database, query: Callable[..., Any], args: tuple) -> bool:
        actor, *rest = args or (None,)
        return (query is self.query and isinstance(actor, Actor) and unit_scope(actor) is None
                and tuple(rest) == self.args and file_state(database.path) == self.files)


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
        self.ahead: ReadAhead | None = None

    def read(self, query: Callable[..., T], *args, **kwargs) -> T:
        """Run a read-only service query in its own short session (never a stale snapshot)."""
        ahead = self.ahead
        if ahead is not None and not kwargs and ahead.answers(self.database, query, args):
            self.ahead = None
            return ahead.result
        with self.database.session() as session:
            return query(session, *args, **kwargs)

    def read_as(self, query: Callable[..., T], *args, **kwargs) -> T:
        """A read service as the logged-in user: what it returns is what this user may see."""
        return self.read(query, self.actor, *args, **kwargs)

    def act(self, action: Callable[..., T], *args, **kwargs) -> T:
        """Run one user action (one service call, one transaction) as the logged-in user."""
        self.ahead = None
        with self.database.session() as session:
            result = action(session, self.actor, *args, **kwargs)
        self.changed.emit()
        return result

    def set_meeting(self, meeting_id: str) -> None:
        if meeting_id != self.meeting_id:
            self.meeting_id = meeting_id
            self.meeting_changed.emit(meeting_id)
