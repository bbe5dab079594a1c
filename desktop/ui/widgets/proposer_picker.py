"""Choosing a proposer by typing: 张三 or its pinyin initials zs, Enter takes the first match."""
from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from desktop.services import search
from desktop.services.search import ProposerChoice

from ..workspace import Workspace


class ProposerPicker(QLineEdit):
    """``picked`` carries the chosen member or organisation; ``unknown`` a name not in the roster."""

    picked = Signal(object)
    unknown = Signal(str)

    def __init__(self, workspace: Workspace, placeholder: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws = workspace
        self._choices: list[ProposerChoice] = []
        self.setPlaceholderText(placeholder)
        self._list = QStringListModel(self)
        self._completer = QCompleter(self._list, self)
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setWidget(self)
        self._completer.activated[str].connect(self._activated)
        self.textEdited.connect(self._lookup)
        self.returnPressed.connect(self._enter)

    @property
    def choices(self) -> list[ProposerChoice]:
        return list(self._choices)

    def _lookup(self, typed: str) -> None:
        self._choices = (self._ws.read_as(search.proposer_choices, typed, 12)
                         if typed.strip() else [])
        self._list.setStringList([self._line(c) for c in self._choices])
        if self._choices:
            self._completer.complete()
            popup = self._completer.popup()
            popup.setCurrentIndex(self._list.index(0, 0))
        else:
            self._completer.popup().hide()

    @staticmethod
    def _line(choice: ProposerChoice) -> str:
        return f"{choice.name}    {choice.detail}".rstrip()

    def _activated(self, text: str) -> None:
        for choice in self._choices:
            if self._line(choice) == text:
                self._take(choice)
                return

    def _enter(self) -> None:
        """Enter with the popup closed: the only or exact match, else an unknown name."""
        typed = self.text().strip()
        if not typed:
            return
        if not self._choices:
            self._lookup(typed)
            self._completer.popup().hide()
        exact = [c for c in self._choices if c.name == typed]
        if len(exact) == 1 or (not exact and len(self._choices) == 1):
            self._take((exact or self._choices)[0])
        elif self._choices:
            self._take(self._choices[0])
        else:
            self.unknown.emit(typed)

    def _take(self, choice: ProposerChoice) -> None:
        self._completer.popup().hide()
        self._choices = []
        self.picked.emit(choice)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape and self._completer.popup().isVisible():
            self._completer.popup().hide()
            return
        super().keyPressEvent(event)
