"""A page of the main window: refreshed on the data-changed signal only while it is on screen.

At 100,000 proposals a page's counts and lists take a noticeable moment; an action on another
page should not wait for pages nobody is looking at.  A page hidden when the data changed
reloads when it is shown again.
"""
from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget


class Screen(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._stale = False

    def reload(self) -> None:
        """Read everything the page shows again."""
        raise NotImplementedError

    def refresh(self) -> None:
        self._stale = not self.isVisible()
        if not self._stale:
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        if self._stale:
            self.refresh()
        super().showEvent(event)
