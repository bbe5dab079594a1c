"""Stub until written."""
from PySide6.QtWidgets import QWidget


class EntryView(QWidget):
    def __init__(self, workspace, parent=None):
        super().__init__(parent)

    def refresh(self):
        pass

    def can_close(self):
        return True
