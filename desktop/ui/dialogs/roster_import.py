"""委员名册导入: choose the office's Excel file, see what each line would do, then import."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialogButtonBox, QFileDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget,
)

from desktop.domain.errors import DomainError
from desktop.services import backups, roster
from desktop.services.roster import ACTION_NAMES, LineAction, RosterPreview

from ..errors import explain
from ..models.row_table import RowColumn, RowTableModel
from ..widgets.row_view import row_table
from ..worker import Cancelled, run_with_progress
from ..workspace import Workspace
from .action import WorkDialog

COLUMNS = (
    RowColumn("行号", lambda line: str(line.row), 44),
    RowColumn("姓名", lambda line: line.name, 80),
    RowColumn("界别", lambda line: line.sector, 90),
    RowColumn("工作单位及职务", lambda line: line.workplace, 200),
    RowColumn("电话", lambda line: line.phone, 110),
    RowColumn("处理", lambda line: ACTION_NAMES[line.action], 64),
    RowColumn("说明", lambda line: line.note, 260),
)
EXCEL_FILES = "Excel 工作簿 (*.xlsx);;所有文件 (*)"


class RosterDialog(WorkDialog):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, "从 Excel 导入委员名册", "导入",
                         "读取第一个工作表，按“姓名、界别、工作单位、电话”等列名识别。"
                         "导入前先逐行列出将做的处理，不能导入的行不会写入。", parent)
        self.setMinimumSize(900, 560)
        self.plan: RosterPreview | None = None
        self.path = QLineEdit()
        self.path.setReadOnly(True)
        self.path.setPlaceholderText("尚未选择文件")
        choose = QPushButton("选择文件(&F)…")
        choose.clicked.connect(self._choose)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(choose)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.model = RowTableModel(COLUMNS, self)
        self.table = row_table(self.model)
        self.table.verticalHeader().hide()
        self.form.addRow("名册文件：", row)
        self.form.addRow(self.summary)
        self.form.addRow(self.table)
        self.ok = self.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setEnabled(False)

    def _choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "选择委员名册", "", EXCEL_FILES)
        if path:
            self.load(Path(path))

    def load(self, path: Path) -> None:
        """The dry run: every line and what importing it would do; nothing is written."""
        self.path.setText(str(path))
        self.error.say(None)
        try:
            self.plan = run_with_progress(self, "正在读取名册……", lambda progress: self.ws.read(
                roster.preview, path, progress=progress))
        except Cancelled:
            self.plan = None
            self.model.set_rows([])
            self.summary.clear()
            self.ok.setEnabled(False)
            return
        except Exception as exc:  # noqa: BLE001 - a wrong or damaged file is said in one line
            self.plan = None
            self.model.set_rows([])
            self.summary.clear()
            self.error.say(explain(self, exc))
            self.ok.setEnabled(False)
            return
        plan = self.plan
        counts = "，".join(f"{ACTION_NAMES[a]} {plan.count(a)} 人" for a in LineAction
                          if plan.count(a))
        self.summary.setText(f"工作表“{plan.sheet}”共 {len(plan.lines)} 行：{counts or '没有内容'}。")
        self.model.set_rows(plan.lines)
        self.ok.setEnabled(bool(plan.count(LineAction.NEW) or plan.count(LineAction.UPDATE)))

    def perform(self) -> None:
        """Imports the lines the preview shows (the file is not read again), off the UI thread."""
        plan = self.plan
        if plan is None:
            return

        def work(progress) -> None:
            if self.ws.database.path is not None:  # a copy to go back to, whatever the file held
                backups.automatic_backup(self.ws.database, "导入名册前")
            self.ws.act(roster.import_roster, plan)

        try:
            run_with_progress(self, "正在导入委员名册……", work, cancellable=False)
        except DomainError as exc:
            if exc.code == "roster_changed":  # show what importing would now do
                self.load(plan.path)
            raise
