"""The full text of one proposal beside a list: what the reviewer reads before deciding."""
from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QTextBrowser, QWidget

from desktop.wording.labels import LABELS, REVIEW_LEVELS, label
from desktop.domain.enums import Decision, ProposerRole
from desktop.services import proposal_list
from desktop.services.proposal_list import ProposalDetail
from desktop.wording.dates import chinese_date

from ..workspace import Workspace


def detail_html(d: ProposalDetail) -> str:
    names = "、".join(
        f"{escape(name)}{'（领衔）' if role == ProposerRole.LEAD.value and len(d.proposers) > 1 else ''}"
        f"<span style='color:#666'>{'（' + escape(extra) + '）' if extra else ''}</span>"
        for name, role, extra in d.proposers)
    facts = [
        ("提案号", d.number or "（未编号）"), ("收文号", d.serial), ("会议", d.meeting),
        ("类型", f"{label(d.kind)} · {label(d.origin)}"), ("类别", d.category or "（未分类）"),
        ("状态", label(d.status) + (f" · {REVIEW_LEVELS.get(d.review_level, '')}"
                                    if d.status.value == "in_review" else "")),
        ("收文日期", chinese_date(d.received_on)),
    ]
    if d.merged_into:
        facts.append(("并入", d.merged_into))
    if d.merged_here:
        facts.append(("并入本案", "、".join(d.merged_here)))
    if d.split_from:
        facts.append(("拆分自", d.split_from))
    if d.split_into:
        facts.append(("拆分为", "；".join(d.split_into)))
    if d.attachments:
        facts.append(("附件", "、".join(d.attachments)))
    rows = "".join(f"<tr><td style='color:#555;padding-right:8px'>{k}</td><td>{escape(v)}</td></tr>"
                   for k, v in facts)
    body = "".join(f"<p>{escape(line)}</p>" for line in d.body.splitlines() if line.strip())
    trail = ""
    if d.trail:
        items = []
        for t in d.trail:
            what = LABELS[Decision][t.decision.value]
            text = (f"{t.at:%Y-%m-%d %H:%M} {REVIEW_LEVELS.get(t.level, '')} {what}"
                    f"{'：' + escape(t.reason) if t.reason else ''}"
                    f"{'（' + escape(t.by) + '）' if t.by else ''}")
            if t.revoked:
                text = f"<s>{text}</s> 已撤销：{escape(t.revoke_reason or '')}"
            items.append(f"<li>{text}</li>")
        trail = "<h4>审查记录</h4><ul>" + "".join(items) + "</ul>"
    return (f"<h3>{escape(d.title)}</h3><p><b>提案人：</b>{names}</p>"
            f"<table>{rows}</table><h4>内容</h4>{body or '<p>（无正文）</p>'}{trail}")


class DetailPane(QTextBrowser):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws = workspace
        self.proposal_id: str | None = None
        self.setOpenLinks(False)
        self.show_proposal(None)

    def show_proposal(self, proposal_id: str | None) -> None:
        self.proposal_id = proposal_id
        if proposal_id is None:
            self.setHtml("<p style='color:#777'>选择一件提案，在此查看全文和审查记录。</p>")
            return
        self.setHtml(detail_html(self._ws.read_as(proposal_list.detail, proposal_id)))

    def refresh(self) -> None:
        try:
            self.show_proposal(self.proposal_id)
        except Exception:  # noqa: BLE001 - the proposal went away (merged, undone): show nothing
            self.show_proposal(None)


def beside(table: QWidget, detail: DetailPane) -> QSplitter:
    """A list with the full text of its selected proposal on the right (review, search)."""
    split = QSplitter(Qt.Orientation.Horizontal)
    split.addWidget(table)
    split.addWidget(detail)
    split.setStretchFactor(0, 3)
    split.setStretchFactor(1, 2)
    return split
