"""A screen whose issue has not landed yet says so plainly instead of pretending."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class PlaceholderView(QWidget):
    def __init__(self, title: str, what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        label = QLabel(f"<h2>{title}</h2><p>待开发：{what}</p>"
                       "<p>在此之前，可使用命令行 <code>tian stats</code> 查看统计。</p>")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        QVBoxLayout(self).addWidget(label)

    def refresh(self) -> None:
        """Nothing to show yet."""
