"""The tracking list as a lazy model: one row per assignment, overdue rows coloured."""
from __future__ import annotations

from PySide6.QtGui import QBrush, QColor

from desktop.wording.labels import label, proposal_label
from desktop.domain.enums import Rating
from desktop.services import tracking
from desktop.services.tracking import TrackingFilter, TrackingRow

from ..workspace import Workspace
from .paged import Column, PagedTableModel, iso_date

SOON_DAYS = 7  # a deadline this close is shown in amber


def days_text(row: TrackingRow) -> str:
    left = row.days_left
    if left is None:
        return ""
    if left < 0:
        return f"逾期{-left}天"
    return "今天到期" if left == 0 else f"剩{left}天"


def _result(row: TrackingRow) -> str:
    return label(Rating(row.result)) if row.result else ""


COLUMNS: list[Column] = [
    Column("number", "提案号", lambda r: proposal_label(r.number, r.serial), "number", 72),
    Column("title", "案由", lambda r: r.title, None, 250),
    Column("unit", "承办单位", lambda r: r.unit, "unit", 130),
    Column("role", "方式", lambda r: label(r.role), None, 44),
    Column("status", "状态", lambda r: label(r.status), None, 90),
    Column("days", "剩余", days_text, "due_on", 72),
    Column("due_on", "办理时限", lambda r: iso_date(r.snapshot.due_on), "due_on", 86),
    Column("lead", "提案人", lambda r: r.lead, None, 80),
    Column("answer", "答复类别", lambda r: r.snapshot.category.value if r.snapshot.category
           else "", None, 60),
    Column("result", "办理结果", _result, None, 70),
    Column("round", "轮次", lambda r: "二次办理" if r.snapshot.round > 1 else "", None, 70),
    Column("assigned_on", "交办日期", lambda r: iso_date(r.assigned_on), "assigned_on", 86),
    Column("accepted_on", "签收日期", lambda r: iso_date(r.accepted_on), None, 86),
    Column("category", "类别", lambda r: r.category or "", None, 80),
    Column("system", "系统", lambda r: label(r.system), None, 80),
    Column("meeting", "会议", lambda r: r.meeting, None, 110),
]
_OVERDUE = QBrush(QColor("#fde2e1"))
_SOON = QBrush(QColor("#fff3d6"))
_KEY = QBrush(QColor("#b45309"))


class TrackingTableModel(PagedTableModel):
    columns = COLUMNS
    default_hidden = frozenset({"accepted_on", "category", "system", "meeting", "round",
                                "assigned_on"})
    tooltip_columns = frozenset({"title", "unit"})

    def __init__(self, workspace: Workspace, where: TrackingFilter, parent=None) -> None:
        super().__init__("due_on", parent)
        self._ws = workspace
        self._where = where
        self._count = self._counted()

    def _counted(self) -> int:
        return self._ws.read_as(tracking.count, self._where)

    def _page(self, offset: int, limit: int) -> list[TrackingRow]:
        return self._ws.read_as(tracking.page, self._where, self._order,
                             self._descending, offset, limit)

    def foreground(self, row: TrackingRow, column: Column) -> QBrush | None:
        return _KEY if row.key and column.key == "title" else None

    def background(self, row: TrackingRow) -> QBrush | None:
        left = row.days_left
        if left is None:
            return None
        if left < 0:
            return _OVERDUE
        return _SOON if left <= SOON_DAYS else None

    @property
    def where(self) -> TrackingFilter:
        return self._where

    def set_filter(self, where: TrackingFilter) -> None:
        self._where = where
        self.refresh()
