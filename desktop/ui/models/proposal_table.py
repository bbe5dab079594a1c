"""The proposal list as a lazy model over desktop.services.proposal_list (see models.paged)."""
from __future__ import annotations

from PySide6.QtGui import QBrush, QColor

from desktop.wording.labels import REVIEW_LEVELS, label
from desktop.services import proposal_list
from desktop.services.proposal_list import ProposalFilter, ProposalRow

from ..workspace import Workspace
from .paged import PAGE, Column, PagedTableModel, iso_date as _date

__all__ = ["COLUMNS", "DEFAULT_HIDDEN", "PAGE", "Column", "ProposalTableModel"]

COLUMNS: list[Column] = [
    Column("number", "提案号", lambda r: r.number or "", "number", 80),
    Column("serial", "收文号", lambda r: r.serial, "serial", 70),
    Column("title", "案由", lambda r: r.title, "title", 360),
    Column("lead", "提案人", lambda r: r.lead, None, 110),
    Column("sector", "界别", lambda r: r.sector or "", None, 90),
    Column("category", "类别", lambda r: r.category or "", None, 80),
    Column("kind", "类型", lambda r: label(r.kind), "kind", 70),
    Column("origin", "提案形式", lambda r: label(r.origin), None, 70),
    Column("status", "状态", lambda r: label(r.status), "status", 80),
    Column("level", "审查", lambda r: REVIEW_LEVELS.get(r.review_level, "")
           if r.status.value == "in_review" else "", None, 50),
    Column("received_on", "收文日期", lambda r: _date(r.received_on), "received_on", 90),
    Column("clerk", "录入人", lambda r: r.clerk or "", None, 80),
    Column("registered_at", "录入时间", lambda r: r.registered_at.strftime("%m-%d %H:%M")
           if r.registered_at else "", "registered_at", 90),
    Column("units", "承办单位", lambda r: r.units, None, 160),
    Column("answers", "答复类别", lambda r: r.answers, None, 60),
    Column("meeting", "会议", lambda r: r.meeting, None, 110),
]
DEFAULT_HIDDEN = frozenset({"origin", "clerk", "registered_at", "answers", "meeting", "level"})
_KEY_BRUSH = QBrush(QColor("#b45309"))


class ProposalTableModel(PagedTableModel):
    columns = COLUMNS
    default_hidden = DEFAULT_HIDDEN
    tooltip_columns = frozenset({"title", "units"})

    def __init__(self, workspace: Workspace, where: ProposalFilter | None = None,
                 order: str = "number", parent=None) -> None:
        super().__init__(order, parent)
        self._ws = workspace
        self._where = where  # None: an empty list until a filter is set (the search page)
        self._count = self._counted()

    def _counted(self) -> int:
        return 0 if self._where is None else self._ws.read_as(proposal_list.count, self._where)

    def _page(self, offset: int, limit: int) -> list[ProposalRow]:
        return self._ws.read_as(proposal_list.page, self._where, self._order, self._descending,
                             offset, limit)

    def foreground(self, row: ProposalRow, column: Column) -> QBrush | None:
        return _KEY_BRUSH if row.key and column.key == "title" else None

    @property
    def where(self) -> ProposalFilter | None:
        return self._where

    def set_filter(self, where: ProposalFilter) -> None:
        self._where = where
        self.refresh()

    def proposal_id(self, row: int) -> str | None:
        return self.row_id(row)
