"""Small pieces every form uses: the red sentence under a field, dates, enum choices."""
from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import TypeVar

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QLabel, QWidget

E = TypeVar("E", bound=StrEnum)


class ErrorLabel(QLabel):
    """The one sentence that says what is wrong, shown where the clerk is looking."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet("color: #b91c1c;")
        self.hide()

    def say(self, sentence: str | None) -> None:
        self.setText(sentence or "")
        self.setVisible(bool(sentence))


def date_edit(value: date | None = None, parent: QWidget | None = None) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy年M月d日")
    edit.setDate(to_qdate(value or date.today()))
    return edit


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def chosen_enum(box: QComboBox, enum: type[E]) -> E | None:
    """A combo box keeps an enum member as its plain string: the member again."""
    value = box.currentData()
    return None if value is None else enum(value)
