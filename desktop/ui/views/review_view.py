"""审查立案: proposals waiting at each level, the full text beside them, decisions on a selection."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QHBoxLayout, QLabel, QPushButton, QTabBar, QVBoxLayout, QWidget,
)

from desktop.domain.enums import ENDED_STATES, FILED_STATES, State
from desktop.domain.permissions import Action, allowed
from desktop.wording.labels import REJECT_REASONS, REVIEW_LEVELS, proposal_label, serial_label
from desktop.services import base_data, entry, numbering, proposal_list, review
from desktop.services.proposal_list import ProposalFilter

from ..dialogs.decisions import MergeDialog, NumberPreviewDialog, ReasonDialog, SplitDialog
from ..errors import explain
from ..models.proposal_table import ProposalTableModel
from ..widgets.detail_pane import DetailPane, beside
from ..widgets.form import ErrorLabel
from ..widgets.record_table import RecordTable
from ..workspace import Workspace

@dataclass(frozen=True)
class Queue:
    name: str
    where: Callable[[str | None], ProposalFilter]
    buttons: tuple[str, ...]


def queues(levels: int) -> list[Queue]:
    """待提交, one tab per review level (the last is always 终审), 已立案, 未立案."""
    out = [Queue("待提交", lambda m: ProposalFilter(m, (State.REGISTERED,)),
                 ("submit", "withdraw", "undo"))]
    for level in range(1, levels + 1):
        final = level == levels
        name = "终审" if final else REVIEW_LEVELS[level]
        buttons = (("file", "reject", "refer", "merge", "split", "return", "withdraw", "undo")
                   if final else ("forward", "return", "withdraw", "undo"))
        out.append(Queue(name, lambda m, lv=level: ProposalFilter(m, (State.IN_REVIEW,), lv),
                         buttons))
    out.append(Queue("已立案", lambda m: ProposalFilter(m, tuple(FILED_STATES)),
                     ("number", "withdraw", "undo")))
    out.append(Queue("未立案", lambda m: ProposalFilter(m, tuple(ENDED_STATES)), ("undo",)))
    return out


# button → (text, the permission it needs, how many must be selected at least)
BUTTONS: dict[str, tuple[str, Action, int]] = {
    "submit": ("提交审查", Action.SUBMIT, 1),
    "forward": ("送下一级审查", Action.FORWARD, 1),
    "file": ("立案", Action.FILE, 1),
    "reject": ("不予立案", Action.REJECT, 1),
    "refer": ("转为意见建议", Action.REFER, 1),
    "merge": ("并案", Action.MERGE, 2),
    "split": ("拆分", Action.SPLIT, 1),
    "return": ("退回修改", Action.RETURN, 1),
    "withdraw": ("撤回", Action.WITHDRAW, 1),
    "number": ("编提案号…", Action.NUMBER, 1),
    "undo": ("撤销决定…", Action.UNDO_REVIEW, 1),
}
_SINGLE = {"split", "undo"}


class ReviewView(QWidget):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws = workspace
        levels = workspace.read(base_data.office_settings).review_levels
        self.queues = queues(levels)
        self.tabs = QTabBar()
        for queue in self.queues:
            self.tabs.addTab(queue.name)
        self.model = ProposalTableModel(workspace, self.queues[1].where(workspace.meeting_id))
        self.table = RecordTable(self.model, "review")
        self.detail = DetailPane(workspace)
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for key, (text, _action, _least) in BUTTONS.items():
            button = QPushButton(text)
            button.clicked.connect(lambda _c=False, k=key: self.decide(k))
            self.buttons[key] = button
            row.addWidget(button)
        row.addStretch()
        self.message = QLabel()
        self.message.hide()
        self.error = ErrorLabel()
        split = beside(self.table, self.detail)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(self.message)
        layout.addWidget(split, 1)
        self.tabs.currentChanged.connect(self._show_queue)
        self.table.selection_changed.connect(self._selected)
        workspace.meeting_changed.connect(lambda _m: self._show_queue(self.tabs.currentIndex()))
        self.tabs.setCurrentIndex(1)
        self._show_queue(1)

    # -- showing -------------------------------------------------------------------------
    @property
    def queue(self) -> Queue:
        return self.queues[self.tabs.currentIndex()]

    def show_queue(self, name: str) -> None:
        self.tabs.setCurrentIndex([q.name for q in self.queues].index(name))

    def _show_queue(self, index: int) -> None:
        self.model.set_filter(self.queues[index].where(self._ws.meeting_id))
        for key, button in self.buttons.items():
            button.setVisible(key in self.queues[index].buttons)
        self._count()
        self._selected([])

    def _count(self) -> None:
        for i, queue in enumerate(self.queues):
            n = self._ws.read_as(proposal_list.count, queue.where(self._ws.meeting_id))
            self.tabs.setTabText(i, f"{queue.name}（{n}）")

    def _selected(self, ids: list[str]) -> None:
        self.detail.show_proposal(ids[0] if len(ids) == 1 else None)
        role = self._ws.actor.role
        for key, (_text, action, least) in BUTTONS.items():
            enough = len(ids) >= least and (key not in _SINGLE or len(ids) == 1)
            self.buttons[key].setEnabled(enough and allowed(action, None, role))

    def refresh(self) -> None:
        self.model.refresh()
        self._count()
        self.detail.refresh()

    # -- deciding ------------------------------------------------------------------------
    def decide(self, key: str) -> None:
        ids = self.table.selected_ids()
        if not ids:
            return
        self.error.say(None)
        self.message.hide()  # an earlier "已…" must not stand beside this decision's refusal
        try:
            done = getattr(self, f"_{key}")(ids)
        except Exception as exc:  # noqa: BLE001 - the rule's sentence, nothing changed
            self.error.say(explain(self, exc))
            return
        if done:
            self.message.setText(done)
            self.message.show()

    def _ask(self, title: str, prompt: str, ok: str, reasons: tuple[str, ...] = (),
             required: bool = True) -> str | None:
        dialog = ReasonDialog(title, prompt, ok, reasons, required, self)
        return dialog.text() if dialog.exec() == ReasonDialog.DialogCode.Accepted else None

    def _submit(self, ids: list[str]) -> str:
        self._ws.act(entry.submit, ids)
        return f"已提交初审 {len(ids)} 件。"

    def _forward(self, ids: list[str]) -> str | None:
        opinion = self._ask("送下一级审查", f"将所选 {len(ids)} 件送下一级审查。审查意见（可不填）：",
                            "送审", required=False)
        if opinion is None:
            return None
        self._ws.act(review.forward, ids, opinion or None)
        return f"已送下一级审查 {len(ids)} 件。"

    def _file(self, ids: list[str]) -> str | None:
        units = self._ask("立案", f"所选 {len(ids)} 件立案。建议承办单位（可不填，交办时参考）：",
                          "立案", required=False)
        if units is None:
            return None
        self._ws.act(review.file, ids, units or None)
        return f"已立案 {len(ids)} 件，可在“已立案”中编提案号。"

    def _reject(self, ids: list[str]) -> str | None:
        reason = self._ask("不予立案", f"所选 {len(ids)} 件不予立案。理由（将告知提案人）：",
                           "不予立案", REJECT_REASONS)
        if reason is None:
            return None
        self._ws.act(review.reject, ids, reason)
        return f"已不予立案 {len(ids)} 件。"

    def _refer(self, ids: list[str]) -> str | None:
        reason = self._ask("转为意见建议", f"所选 {len(ids)} 件转为意见建议，送有关单位参考。说明：",
                           "转为意见建议", ("不符合立案条件，但有参考价值，转有关单位参阅",))
        if reason is None:
            return None
        self._ws.act(review.refer, ids, reason)
        return f"已转为意见建议 {len(ids)} 件。"

    def _return(self, ids: list[str]) -> str | None:
        note = self._ask("退回修改", f"所选 {len(ids)} 件退回提案人修改。给提案人的说明：",
                         "退回", ("案由与内容不一致，请修改后重新提交", "建议不够具体，请补充",
                                  "一案多事，请按一事一案分别提出"))
        if note is None:
            return None
        self._ws.act(review.return_for_revision, ids, note)
        return f"已退回修改 {len(ids)} 件。"

    def _withdraw(self, ids: list[str]) -> str | None:
        reason = self._ask("撤回", f"所选 {len(ids)} 件应提案人要求撤回。说明：", "撤回",
                           ("提案人申请撤回",))
        if reason is None:
            return None
        self._ws.act(review.withdraw, ids, reason)
        return f"已撤回 {len(ids)} 件。"

    def _merge(self, ids: list[str]) -> str | None:
        dialog = MergeDialog(self._ws.read_as(proposal_list.page_of_ids, ids), self)
        if dialog.exec() != MergeDialog.DialogCode.Accepted:
            return None
        main = self._ws.act(review.merge, dialog.merged_ids(), dialog.main_id(),
                            dialog.reason.text().strip() or None)
        return f"已将 {len(ids) - 1} 件并入{proposal_label(main.number, main.serial)}。"

    def _split(self, ids: list[str]) -> str | None:
        detail = self._ws.read_as(proposal_list.detail, ids[0])
        dialog = SplitDialog(detail.title, detail.body, self)
        if dialog.exec() != SplitDialog.DialogCode.Accepted:
            return None
        parts = self._ws.act(review.split, ids[0], dialog.parts(),
                             dialog.reason.text().strip() or None)
        return f"已将{detail.label}拆分为 {len(parts)} 件：" + "、".join(
            serial_label(p.serial) for p in parts) + "。"

    def _number(self, ids: list[str]) -> str | None:
        preview = self._ws.read_as(numbering.preview_numbers, ids)
        if not preview:
            return "所选提案都已编号。"
        rows = {r.id: r for r in self._ws.read_as(proposal_list.page_of_ids, [pid for pid, _ in preview])}
        dialog = NumberPreviewDialog([(rows[pid], number) for pid, number in preview], self)
        if dialog.exec() != NumberPreviewDialog.DialogCode.Accepted:
            return None
        given = self._ws.act(numbering.give_numbers, ids)
        return f"已编号 {len(given)} 件：{given[0][1]} 至 {given[-1][1]}。" if given else None

    def _undo(self, ids: list[str]) -> str | None:
        detail = self._ws.read_as(proposal_list.detail, ids[0])
        reason = self._ask("撤销决定", f"撤销{detail.label}最近一次审查决定（记入操作日志）。撤销原因：",
                           "撤销", ("误操作",))
        if reason is None:
            return None
        self._ws.act(review.undo, ids[0], reason)
        return f"已撤销{detail.label}的最近一次审查决定。"
