"""The frame of every form dialog: what it is about, its fields, and the service's answer.

The action runs when the clerk presses OK; a refusal (a date before the assignment, a missing
category, another unit's assignment) is shown as one sentence inside the dialog, which stays
open with everything typed still in it.
"""
from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from PySide6.QtWidgets import (
    QButtonGroup, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QRadioButton,
    QVBoxLayout, QWidget,
)

from desktop.wording.labels import label
from desktop.services.tracking import HandlingView

from ..errors import explain
from ..widgets.form import ErrorLabel
from ..workspace import Workspace


class WorkDialog(QDialog):
    """A form whose OK runs one action; subclasses add rows to ``self.form`` and implement
    :meth:`perform`, which calls the service through the workspace."""

    def __init__(self, workspace: Workspace, title: str, ok: str, about: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = workspace
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self.form = QFormLayout()
        self.error = ErrorLabel()
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
        box.button(QDialogButtonBox.StandardButton.Ok).setText(ok)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if about:
            note = QLabel(about)
            note.setWordWrap(True)
            note.setStyleSheet("color: #444;")
            layout.addWidget(note)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(box)

    def perform(self) -> None:
        raise NotImplementedError

    def accept(self) -> None:
        try:
            self.perform()
        except Exception as exc:  # noqa: BLE001 - every failure becomes a sentence here
            sentence = explain(self, exc)
            if sentence:
                self.error.say(sentence)
            return
        super().accept()


class ActionDialog(WorkDialog):
    """A handling action on one assignment, named at the top of the dialog."""

    def __init__(self, workspace: Workspace, view: HandlingView, title: str, ok: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(workspace, title, ok,
                         f"{view.proposal_label}《{view.title}》<br>承办单位：{view.unit}", parent)
        self.view = view


class Choice(QWidget):
    """Radio buttons for an enum, none chosen until the clerk chooses (a rating, a category)."""

    def __init__(self, values: Iterable[StrEnum], texts: dict[str, str] | None = None,
                 chosen: StrEnum | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group = QButtonGroup(self)
        self.values = list(values)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for i, value in enumerate(self.values):
            button = QRadioButton((texts or {}).get(value.value, label(value)))
            button.setChecked(value == chosen)
            self.group.addButton(button, i)
            row.addWidget(button)
        row.addStretch(1)

    def value(self) -> StrEnum | None:
        index = self.group.checkedId()
        return self.values[index] if index >= 0 else None

    def choose(self, value: StrEnum) -> None:
        self.group.button(self.values.index(value)).setChecked(True)
