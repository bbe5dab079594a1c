"""Horizontal bar charts drawn with QPainter (no web engine, no chart module to ship).

Each bar is a label, stacked segments and the figure printed after it; a legend names the
segments.  Enough for the start page's three charts, readable on a projector and in print.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

ROW = 22
GAP = 6
LABEL_WIDTH = 120


@dataclass(frozen=True)
class Bar:
    label: str
    segments: tuple[int, ...]  # one value per legend entry, stacked left to right
    note: str = ""  # printed after the bar; the total when empty
    colour: str | None = None  # a bar of one segment in its own colour (categories A-D)


class BarChart(QWidget):
    def __init__(self, title: str, legend: list[tuple[str, str]], label_width: int = LABEL_WIDTH,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.label_width = label_width
        self.legend = [(text, QColor(color)) for text, color in legend]
        self.bars: list[Bar] = []
        self.empty_text = "暂无数据"
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(280)

    def set_bars(self, bars: list[Bar]) -> None:
        self.bars = bars
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(360, 2 * ROW + GAP + max(len(self.bars), 1) * (ROW + GAP) + ROW)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(280, self.sizeHint().height())

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("#ffffff"))
        bold = p.font()
        bold.setBold(True)
        p.setFont(bold)
        p.setPen(QColor("#222"))
        p.drawText(QRectF(8, 4, self.width() - 16, ROW), Qt.AlignmentFlag.AlignLeft
                   | Qt.AlignmentFlag.AlignVCenter, self.title)
        bold.setBold(False)
        p.setFont(bold)
        self._legend(p, 4 + ROW)
        top = 4 + 2 * ROW + GAP
        if not self.bars or not any(sum(b.segments) for b in self.bars):
            p.setPen(QColor("#888"))
            p.drawText(QRectF(8, top, self.width() - 16, ROW), Qt.AlignmentFlag.AlignLeft
                       | Qt.AlignmentFlag.AlignVCenter, self.empty_text)
            return
        metrics = QFontMetrics(p.font())
        notes = max(metrics.horizontalAdvance(b.note or str(sum(b.segments))) for b in self.bars)
        area = max(self.width() - self.label_width - notes - 28, 20)
        biggest = max(sum(b.segments) for b in self.bars) or 1
        for i, bar in enumerate(self.bars):
            y = top + i * (ROW + GAP)
            p.setPen(QColor("#333"))
            text = metrics.elidedText(bar.label, Qt.TextElideMode.ElideRight,
                                      self.label_width - 8)
            p.drawText(QRectF(8, y, self.label_width - 8, ROW), Qt.AlignmentFlag.AlignRight
                       | Qt.AlignmentFlag.AlignVCenter, text)
            x = self.label_width + 6.0
            for value, (_, color) in zip(bar.segments, self.legend):
                width = area * value / biggest
                p.fillRect(QRectF(x, y + 3, width, ROW - 6),
                           QColor(bar.colour) if bar.colour else color)
                x += width
            p.setPen(QColor("#333"))
            p.drawText(QRectF(x + 6, y, notes + 8, ROW), Qt.AlignmentFlag.AlignLeft
                       | Qt.AlignmentFlag.AlignVCenter, bar.note or str(sum(bar.segments)))

    def _legend(self, p: QPainter, y: float) -> None:
        if len(self.legend) < 2:
            return
        x = 8.0
        metrics = QFontMetrics(p.font())
        for text, color in self.legend:
            p.fillRect(QRectF(x, y + 6, 12, 12), color)
            p.setPen(QColor("#444"))
            p.drawText(QRectF(x + 16, y, 200, ROW), Qt.AlignmentFlag.AlignLeft
                       | Qt.AlignmentFlag.AlignVCenter, text)
            x += 16 + metrics.horizontalAdvance(text) + 14
