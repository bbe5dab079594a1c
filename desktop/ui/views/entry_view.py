"""录入: typing paper proposals fast — the form, look-alikes as the 案由 is typed, today's entries."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox, QHBoxLayout, QLabel, QMessageBox, QPushButton, QSplitter, QVBoxLayout, QWidget,
)

from desktop.ui import drafts
from desktop.domain.errors import DomainError
from desktop.services import entry, proposal_list
from desktop.wording.labels import proposal_label, serial_label

from ..errors import explain
from ..models.proposal_table import COLUMNS, ProposalTableModel
from ..widgets.record_table import RecordTable
from ..workspace import Workspace
from .entry_form import EntryForm
from .similar_pane import SimilarPane

AUTOSAVE_MS = 800
_TODAY_SHOWN = {"serial", "title", "lead", "status", "clerk", "registered_at"}


class EntryView(QWidget):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws = workspace
        self.form = EntryForm(workspace)
        self.similar = SimilarPane(workspace)
        self.submit = QCheckBox("保存后送初审")
        self.submit.setChecked(True)
        self.save_button = QPushButton("保存 (Ctrl+S)")
        self.new_button = QPushButton("下一件 (Ctrl+N)")
        self.message = QLabel()
        self.restored = QLabel()
        self.restored.setStyleSheet("background: #fef3c7; padding: 4px;")
        self.restored.hide()
        self.today_model = ProposalTableModel(
            workspace, proposal_list.today_filter(workspace.meeting_id), order="registered_at")
        self.today_model.sort(next(i for i, c in enumerate(COLUMNS) if c.key == "registered_at"),
                              Qt.SortOrder.DescendingOrder)
        hidden = {c.key for c in COLUMNS} - _TODAY_SHOWN
        self.today = RecordTable(self.today_model, "entry_today", hidden=hidden,
                                   sort=("registered_at", Qt.SortOrder.DescendingOrder))
        self.today_heading = QLabel()

        buttons = QHBoxLayout()
        buttons.addWidget(self.submit)
        buttons.addStretch()
        buttons.addWidget(self.message)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.save_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 4, 0)
        left_layout.addWidget(self.restored)
        left_layout.addWidget(self.form, 1)
        left_layout.addLayout(buttons)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.similar)
        today_box = QWidget()
        today_layout = QVBoxLayout(today_box)
        today_layout.setContentsMargins(0, 0, 0, 0)
        today_layout.addWidget(self.today_heading)
        today_layout.addWidget(self.today, 1)
        right.addWidget(today_box)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        QVBoxLayout(self).addWidget(split)

        self._drafts = drafts.folder()
        self._autosave = QTimer(self, singleShot=True, interval=AUTOSAVE_MS)
        self._autosave.timeout.connect(self.save_draft)
        self.form.changed.connect(self._autosave.start)
        self.form.changed.connect(lambda: self.message.setText(""))
        self.form.title_changed.connect(self.similar.look_for)
        self.save_button.clicked.connect(self.save)
        self.new_button.clicked.connect(self.new)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence.StandardKey.New, self, self.new,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        workspace.meeting_changed.connect(self._meeting_changed)
        self._restore_draft()
        self._count_today()

    # -- saving ------------------------------------------------------------------------
    def save(self) -> bool:
        """Ctrl+S: register the proposal; on any refusal the form keeps everything typed."""
        self.similar.look_now()
        likely = self.similar.likely_duplicate()
        if likely is not None and not self._confirm_duplicate(likely):
            return False
        if not self._ws.meeting_id:
            self.form.show_error("尚未设置会议，请先在“基础数据”中添加本次会议。")
            return False
        missing = [p for p in self.form.attachments if not Path(p).is_file()]
        if missing:
            self.form.show_error(f"找不到附件 {missing[0]}，请重新添加或删去后再保存。")
            return False
        unsettled = self.form.settle_proposers()
        if unsettled:
            self.form.show_error(*unsettled)
            return False
        try:
            draft = self.form.draft(self._ws.meeting_id)
            proposal = self._ws.act(entry.register, draft, submit=self.submit.isChecked())
        except Exception as exc:  # noqa: BLE001 - a refusal stays beside its field
            sentence = explain(self, exc)
            if sentence:
                self.form.show_error(exc if isinstance(exc, DomainError) else sentence)
            return False
        self._attach(proposal)
        drafts.clear(self._ws.actor.username, self._drafts)
        self.form.clear()
        self.similar.clear()
        self.restored.hide()  # the "已恢复" notice was about the paper just saved
        self.message.setText(f"已保存：{serial_label(proposal.serial)}“{proposal.title}”")
        return True

    def _attach(self, proposal) -> None:
        """The proposal is saved already: a file that fails is named, the rest still kept."""
        for path in self.form.attachments:
            try:
                self._ws.act(entry.attach, proposal.id, Path(path),
                             self._ws.database.attachments_dir)
            except Exception as exc:  # noqa: BLE001
                QMessageBox.warning(self, "附件未保存",
                                    f"{serial_label(proposal.serial)}已保存，但附件“{Path(path).name}”未能保存："
                                    f"{explain(self, exc) or '意外错误'}")

    def _confirm_duplicate(self, likely: proposal_list.Similar) -> bool:
        row = likely.row
        answer = QMessageBox.question(
            self, "可能重复",
            f"案由与{row.meeting}{proposal_label(row.number, row.serial)}“{row.title}”"
            f"（{row.lead}）高度相似。\n确认不是重复提案、仍要保存吗？",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Save

    def new(self) -> None:
        """Ctrl+N: the next paper.  Unsaved typing is asked about, never dropped silently."""
        if not self.form.is_empty():
            answer = QMessageBox.question(
                self, "开始下一件", "当前提案尚未保存。放弃已输入的内容、开始下一件吗？",
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Discard:
                return
        drafts.clear(self._ws.actor.username, self._drafts)
        self.form.clear()
        self.similar.clear()
        self.restored.hide()

    # -- the draft -----------------------------------------------------------------------
    def save_draft(self) -> None:
        self._autosave.stop()
        try:
            if self.form.is_empty():
                drafts.clear(self._ws.actor.username, self._drafts)
            else:
                drafts.save(self._ws.actor.username, self.form.state(), self._drafts)
        except OSError as exc:
            self.message.setText(explain(self, exc) or "草稿未能自动保存。")

    def _restore_draft(self) -> None:
        draft = drafts.load(self._ws.actor.username, self._drafts)
        if not draft:
            return
        self.form.set_state(draft)
        self.restored.setText("已恢复上次未保存的录入内容，核对后按 Ctrl+S 保存。")
        self.restored.show()
        self.similar.look_for(self.form.title.text())

    def can_close(self) -> bool:
        """Closing never loses typing: the draft is written first."""
        self.save_draft()
        return True

    # -- refreshing ----------------------------------------------------------------------
    def _meeting_changed(self, meeting_id: str) -> None:
        self.today_model.set_filter(proposal_list.today_filter(meeting_id))
        self._count_today()

    def _count_today(self) -> None:
        self.today_heading.setText(f"<b>今天录入</b>（本会议，全部录入人）：{self.today_model.rowCount()} 件")

    def refresh(self) -> None:
        self.today_model.set_filter(proposal_list.today_filter(self._ws.meeting_id))
        self._count_today()


