"""查找: the search box's answer — members by name or pinyin initials, proposals by their words."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop.services import search
from desktop.services.proposal_list import ProposalFilter

from ..models.proposal_table import ProposalTableModel
from ..widgets.detail_pane import DetailPane, beside
from ..widgets.record_table import RecordTable
from ..workspace import Workspace


class SearchView(QWidget):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws = workspace
        self._text = ""
        self.heading = QLabel()
        self.members = QLabel()
        self.members.setWordWrap(True)
        self.model = ProposalTableModel(workspace, None, parent=self)
        self.table = RecordTable(self.model, "search", self)
        self.detail = DetailPane(workspace, self)
        self.table.selection_changed.connect(
            lambda ids: self.detail.show_proposal(ids[0] if len(ids) == 1 else None))
        split = beside(self.table, self.detail)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.members)
        layout.addWidget(split, 1)

    def search(self, text: str) -> None:
        self._text = text.strip()
        members = self._ws.read_as(search.proposer_choices, self._text, 30, organisations=False)
        member_ids = tuple(m.member_id for m in members) if search.looks_like_initials(
            self._text) else ()
        self.model.set_filter(ProposalFilter(words=self._text, member_ids=member_ids))
        self._count()
        self.members.setText("委员：" + "、".join(
            f"{m.name}（{m.sector or '未填界别'}）" for m in members) if members else "")
        self.members.setVisible(bool(members))

    def _count(self) -> None:
        self.heading.setText(f"<b>查找“{self._text}”</b>：提案 {self.model.rowCount()} 件"
                             "（全部会议，按案由、内容和提案人）")

    def refresh(self) -> None:
        if self._text:
            self.model.refresh()
            self._count()
