"""备份与恢复 (administrators): the automatic backups, a backup now, and restoring one — after
which the program closes, to be opened again on the restored file."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QApplication, QFileDialog, QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout,
    QWidget,
)

from desktop.services import backups

from ..errors import explain
from ..models.row_table import RowColumn, RowTableModel
from ..widgets.form import ErrorLabel
from ..widgets.row_view import row_table
from ..worker import run_with_progress
from ..workspace import Workspace

COLUMNS = (RowColumn("备份时间", lambda r: f"{r.made_at.year}年{r.made_at.month}月"
                                          f"{r.made_at.day}日 {r.made_at:%H:%M}", 180),
           RowColumn("原因", lambda r: r.reason, 120),
           RowColumn("大小", lambda r: f"{r.size_mb:.1f} MB", 90),
           RowColumn("文件", lambda r: r.path.name, 360))


class BackupPage(QWidget):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = workspace
        self.model = RowTableModel(COLUMNS, self)
        self.table = row_table(self.model)
        self.note = QLabel("每次启动和每次导入前自动备份，保留最近一天的全部、"
                           "最近 7 天每天一份、最近 4 周每周一份。"
                           "恢复前，当前数据库会先另存一份。")
        self.note.setWordWrap(True)
        self.error = ErrorLabel()
        now = QPushButton("立即备份到…")
        now.clicked.connect(self.backup_now)
        chosen = QPushButton("用所选备份恢复…")
        chosen.clicked.connect(self.restore_chosen)
        other = QPushButton("从其他备份文件恢复…")
        other.clicked.connect(self.restore_other)
        row = QHBoxLayout()
        for button in (now, chosen, other):
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addLayout(row)
        self.refresh()

    def refresh(self) -> None:
        self.model.set_rows(backups.backup_files(self.ws.database))

    def backup_now(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "选择备份保存的文件夹（可选U盘）")
        if not folder:
            return
        try:
            made = run_with_progress(self, "正在备份……", lambda progress: backups.backup(
                self.ws.database, Path(folder)), cancellable=False)
        except Exception as exc:  # noqa: BLE001
            self.error.say(explain(self, exc))
            return
        self.error.say(None)
        QMessageBox.information(self, "备份", f"已备份并校验：{made}")

    def restore_chosen(self) -> None:
        row = self.model.row_at(self.table.currentIndex().row())
        if row is None:
            self.error.say("请先在列表中选中要恢复的备份。")
            return
        self.restore(row.path)

    def restore_other(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, "选择备份文件", "",
                                                "提案通数据库 (*.db);;所有文件 (*)")
        if chosen:
            self.restore(Path(chosen))

    def restore(self, path: Path) -> None:
        try:
            backups.check_backup_file(path)  # a wrong or damaged file: said, nothing changed
        except Exception as exc:  # noqa: BLE001
            self.error.say(explain(self, exc))
            return
        box = QMessageBox(QMessageBox.Icon.Warning, "从备份恢复",
                          f"用 {path.name} 恢复数据库？", parent=self)
        box.setInformativeText("此后录入和办理的内容将不在恢复后的数据库中；当前数据库会先另存一份。"
                               "恢复后提案通将关闭，请重新打开。")
        go = box.addButton("恢复并关闭提案通", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is not go:
            return
        try:
            kept = backups.restore_from(self.ws.database, path)
            said = f"已从 {path.name} 恢复。恢复前的数据库另存为：{kept}。"
        except Exception as exc:  # noqa: BLE001 - the database is closed by now: say and close
            said = f"没有恢复：{explain(self, exc) or '详见日志'}当前数据库未改动。"
        QMessageBox.information(self, "从备份恢复", f"{said}\n提案通现在关闭，请重新打开。")
        QApplication.instance().exit(0)
