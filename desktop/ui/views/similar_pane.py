"""相似提案: while the 案由 is typed, proposals of this and earlier meetings that look the same."""
from __future__ import annotations

from html import escape

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from desktop.wording.labels import label, proposal_label
from desktop.services import proposal_list
from desktop.services.proposal_list import Similar

from ..workspace import Workspace

DELAY_MS = 300  # after the last keystroke, so typing never waits for the search


class SimilarPane(QWidget):
    """``duplicate`` carries the likely duplicate (or None) each time the list is renewed."""

    duplicate = Signal(object)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws = workspace
        self._title = ""
        self.found: list[Similar] = []
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #b91c1c; font-weight: bold;")
        self.warning.hide()
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self._timer = QTimer(self, singleShot=True, interval=DELAY_MS)
        self._timer.timeout.connect(self.look_now)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel("<b>相似提案</b>（本次及以往会议）")
        layout.addWidget(heading)
        layout.addWidget(self.warning)
        layout.addWidget(self.list, 1)

    def look_for(self, title: str) -> None:
        self._title = title
        self._timer.start()

    def look_now(self) -> None:
        self._timer.stop()
        self.found = (self._ws.read_as(proposal_list.similar, self._title)
                      if self._title.strip() else [])
        self.list.clear()
        for similar in self.found:
            row = similar.row
            answer = f"，答复 {row.answers}" if row.answers else ""
            text = (f"{proposal_label(row.number, row.serial)}  {row.title}\n"
                    f"    {row.meeting} · {row.lead} · {label(row.status)}{answer}"
                    f" · 相似度 {similar.likeness:.0%}")
            item = QListWidgetItem(text)
            if similar.likely_duplicate:
                item.setForeground(QColor("#b91c1c"))
            self.list.addItem(item)
        if not self.found and self._title.strip():
            self.list.addItem("（没有相似的提案）")
        likely = self.likely_duplicate()
        if likely:
            row = likely.row
            self.warning.setText(f"可能重复：与{escape(row.meeting)}"
                                 f"{escape(proposal_label(row.number, row.serial))}"
                                 f"“{escape(row.title)}”高度相似，请核对后再保存。")
        self.warning.setVisible(likely is not None)
        self.duplicate.emit(likely)

    def likely_duplicate(self) -> Similar | None:
        return next((s for s in self.found if s.likely_duplicate), None)

    def clear(self) -> None:
        self._title = ""
        self.look_now()
