"""接收数据: what a package would do, shown before anything is written — new, changed,
conflicts, refused (with reasons), papers that look typed twice — then imported on the clerk's
word, after a backup, in one transaction; a package that deletes much asks a second time."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QLabel, QMessageBox, QVBoxLayout, QWidget,
)

from desktop.services import backups, exchange, receipts
from desktop.wording.records import OUTCOMES, receipt_counts, table_name, why

from ..errors import explain
from ..models.row_table import RowColumn, RowTableModel
from ..widgets.row_view import row_table
from ..worker import run_with_progress
from ..workspace import Workspace

COLUMNS = (RowColumn("处理", lambda r: r[0], 70), RowColumn("提案", lambda r: r[1], 380),
           RowColumn("说明", lambda r: r[2], 300))


def summary(receipt: receipts.Receipt) -> str:
    if receipt.already_on is not None:
        return (f"这个交换文件已于 {receipt.already_on:%Y年%-m月%-d日 %H:%M} 导入过，"
                "再次导入不会改动任何内容。")
    said = "，".join(f"{name} {n} 条" for name, n in receipt_counts(receipt)) or "没有新内容"
    text = f"来自“{receipt.sender}”，含修改 {receipt.changes} 条：{said}。"
    if receipt.submitted:
        text += f"\n录入机录入的 {receipt.submitted} 件提案将进入审查。"
    if receipt.duplicates:
        text += f"\n{len(receipt.duplicates)} 件与已录入的提案相似，留在“已录入”待核对，不提交审查。"
    return text


def rows(receipt: receipts.Receipt) -> list[tuple[str, str, str]]:
    found = [(OUTCOMES[line.outcome], line.label, "；".join(why(r) for r in line.reasons)
              or "、".join(table_name(t) for t in line.records)) for line in receipt.lines]
    found += [("疑似重复", new, f"与已录入的 {before} 相似") for new, before in receipt.duplicates]
    return found


class ReceiveDialog(QDialog):
    """``ready`` once the preview is read; ``problem`` when the package was refused."""

    def __init__(self, workspace: Workspace, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.path = workspace, path
        self.setWindowTitle(f"接收数据 · {path.name}")
        self.resize(820, 520)
        self.problem: str | None = None
        self.ready = False
        try:
            self.preview = run_with_progress(parent, "正在核对交换文件……", lambda _p: workspace.read_as(
                exchange.receive, path, workspace.database.attachments_dir, apply=False),
                cancellable=False)
        except Exception as exc:  # noqa: BLE001 - refused: one sentence, nothing written
            self.problem = explain(parent, exc)
            return
        self.ready = True
        text = QLabel(summary(self.preview))
        text.setWordWrap(True)
        self.model = RowTableModel(COLUMNS, self)
        self.model.set_rows(rows(self.preview))
        buttons = QDialogButtonBox()
        self.go = buttons.addButton("导入", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.go.setEnabled(self.preview.already_on is None)
        buttons.accepted.connect(self.apply)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(row_table(self.model), 1)
        layout.addWidget(buttons)

    def apply(self) -> None:
        confirm = False
        if self.preview.large_deletions:
            lines = "\n".join(f"{table_name(t)}：删除 {n} 条（本机共 {total} 条）"
                              for t, n, total in self.preview.large_deletions)
            asked = QMessageBox.warning(
                self, "将删除大量记录", f"这个交换文件会删除大量记录：\n{lines}\n\n确认对方确实删除了"
                "这些记录后再导入。仍要导入吗？",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No)
            if asked != QMessageBox.StandardButton.Yes:
                return
            confirm = True
        database = self.ws.database
        try:
            done = run_with_progress(self, "正在导入……", lambda _p: self.ws.act(
                exchange.receive, self.path, database.attachments_dir, apply=True,
                confirm_deletions=confirm,
                backup=(lambda: backups.automatic_backup(database, "接收数据前"))
                if database.path is not None else None), cancellable=False)
        except Exception as exc:  # noqa: BLE001
            QMessageBox.warning(self, "接收数据", explain(self, exc) or "导入未完成。")
            return
        said = (f"已导入：新增 {done.new_rows} 条、修改 {done.changed_rows} 条、删除 "
                f"{done.deleted_rows} 条记录。")
        if done.conflicts:
            said += f"新增冲突 {done.conflicts} 条，请到“冲突”中处理。"
        QMessageBox.information(self, "接收数据", said)
        self.accept()
