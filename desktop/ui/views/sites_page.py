"""数据交换 → 站点: the installations this one exchanges packages with; 发送数据 to the chosen
one, 接收数据 from any, and (an administrator at the office) inviting, accepting, retiring."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog, QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget,
)

from desktop.domain.enums import SiteKind
from desktop.services import enrolment, exchange, sites
from desktop.wording.dates import chinese_moment
from desktop.wording.labels import label

from ..dialogs.invite import InviteDialog
from ..dialogs.receive import ReceiveDialog
from ..errors import explain
from ..models.row_table import RowColumn, RowTableModel
from ..widgets.form import ErrorLabel
from ..widgets.row_view import row_table
from ..worker import run_with_progress
from ..workspace import Workspace

PACKAGES = "提案通交换文件 (*.tian)"


def _when(moment) -> str:
    return chinese_moment(moment) if moment else "从未"


COLUMNS = (
    RowColumn("站点", lambda r: r.name + ("（本机）" if r.here else "（已停用）" if r.retired
                                         else ""), 160),
    RowColumn("类型", lambda r: label(SiteKind(r.kind)), 80),
    RowColumn("承办单位", lambda r: r.unit, 110),
    RowColumn("密钥指纹", lambda r: r.fingerprint or "尚未收到回执", 220),
    RowColumn("上次发送", lambda r: "" if r.here else _when(r.last_sent), 150),
    RowColumn("上次接收", lambda r: "" if r.here else _when(r.last_received), 150),
    RowColumn("上次确认后的修改", lambda r: "" if r.here else f"{r.waiting} 条", 110),
)


class SitesPage(QWidget):
    received = Signal()  # a package was taken in: the conflict count may have changed

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = workspace
        self.model = RowTableModel(COLUMNS, self)
        self.table = row_table(self.model)
        self.note = QLabel("没有网络时，各站点用U盘交换数据：选中站点后“发送数据”，把生成的"
                           ".tian 文件交给对方；对方发来的文件用“接收数据”导入（导入前先列出将做的处理）。")
        self.note.setWordWrap(True)
        self.error = ErrorLabel()
        buttons = QHBoxLayout()
        for text, slot in (("发送数据…", self.send), ("接收数据…", self.receive)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        if workspace.read_as(exchange.invites_here):
            for text, slot in (("邀请新站点…", self.invite), ("接受回执…", self.accept),
                               ("停用站点", self.retire)):
                button = QPushButton(text)
                button.clicked.connect(slot)
                buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        self.model.set_rows(self.ws.read_as(sites.site_rows))

    def _chosen(self):
        row = self.model.row_at(self.table.currentIndex().row())
        if row is None or row.here:
            self.error.say("请先在列表中选中对方站点。")
            return None
        return row

    def send(self) -> None:
        row = self._chosen()
        if row is None:
            return
        folder = QFileDialog.getExistingDirectory(
            self, f"选择存放发给“{row.name}”的交换文件的文件夹（如U盘）")
        if not folder:
            return
        try:
            sent = run_with_progress(self, f"正在为“{row.name}”生成交换文件……", lambda _p: self.ws.act(
                exchange.send, row.site_id, Path(folder), self.ws.database.attachments_dir),
                cancellable=False)
        except Exception as exc:  # noqa: BLE001
            self.error.say(explain(self, exc))
            return
        self.error.say(None)
        self.refresh()
        files = "\n".join(str(p) for p in sent.paths)
        QMessageBox.information(self, "发送数据", f"已生成交换文件（修改 {sent.changes} 条、附件 "
                                f"{sent.attachments} 个）：\n{files}\n请交给“{row.name}”，由对方“接收数据”。")

    def receive(self, path: Path | None = None) -> None:
        if not path:
            chosen, _ = QFileDialog.getOpenFileName(self, "选择对方发来的交换文件", "", PACKAGES)
            if not chosen:
                return
            path = Path(chosen)
        dialog = ReceiveDialog(self.ws, Path(path), self)
        if dialog.ready:
            dialog.exec()
        elif dialog.problem:
            self.error.say(dialog.problem)
            return
        self.error.say(None)
        self.refresh()
        self.received.emit()

    def invite(self) -> None:
        InviteDialog(self.ws, self).exec()
        self.refresh()

    def accept(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, "选择新站点的回执文件", "", PACKAGES)
        if not chosen:
            return
        try:
            answer = self.ws.read_as(enrolment.read_answer, Path(chosen))
        except Exception as exc:  # noqa: BLE001
            self.error.say(explain(self, exc))
            return
        box = QMessageBox(QMessageBox.Icon.Question, "接受回执",
                          f"“{answer.name}”的密钥指纹：\n\n{answer.fingerprint}", parent=self)
        box.setInformativeText("请与对方通电话，请对方念出其屏幕上的指纹，逐组核对。完全一致才接受。")
        same = box.addButton("指纹一致，接受", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("不一致，不接受", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is not same:
            return
        try:
            self.ws.act(enrolment.accept, Path(chosen), answer.fingerprint)
        except Exception as exc:  # noqa: BLE001
            self.error.say(explain(self, exc))
            return
        self.error.say(None)
        self.refresh()

    def retire(self) -> None:
        row = self._chosen()
        if row is None:
            return
        asked = QMessageBox.question(self, "停用站点", f"停用“{row.name}”？停用后它发来的交换文件"
                                     "一律拒收，已有的数据和记录保留。")
        if asked != QMessageBox.StandardButton.Yes:
            return
        try:
            self.ws.act(enrolment.retire, row.site_id)
        except Exception as exc:  # noqa: BLE001
            self.error.say(explain(self, exc))
            return
        self.refresh()
