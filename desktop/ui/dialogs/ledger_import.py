"""导入台账: the file is read once through the gate; a 答复台账 a unit sent back opens its
preview row by row, any other workbook the mapping of an office's ledger of past years."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLabel, QMessageBox, QWidget

from desktop.services import backups, ledger_files, ledger_returns
from desktop.services.ledger_returns import ACTION_NAMES, ReturnAction, ReturnPreview

from ..errors import explain
from ..models.row_table import RowColumn, RowTableModel
from ..widgets.row_view import row_table
from ..worker import Cancelled, run_with_progress
from ..workspace import Workspace
from .action import WorkDialog
from .roster_import import EXCEL_FILES

RETURN_COLUMNS = (
    RowColumn("行号", lambda line: str(line.row) if line.row else "—", 44),
    RowColumn("提案", lambda line: line.proposal, 260),
    RowColumn("处理", lambda line: ACTION_NAMES[line.action], 70),
    RowColumn("本机已记录", lambda line: line.office, 130),
    RowColumn("台账所填", lambda line: line.ledger, 130),
    RowColumn("说明", lambda line: line.note, 320),
)


def import_ledger(workspace: Workspace, parent: QWidget, path: Path | None = None) -> None:
    """Choose the file, read it off the UI thread, and open the dialog that fits it."""
    if path is None:
        chosen, _ = QFileDialog.getOpenFileName(parent, "选择台账文件", "", EXCEL_FILES)
        if not chosen:
            return
        path = Path(chosen)
    def read(progress):  # off the UI thread: a unit's ledger of 2,000 rows takes seconds
        sheets, sealed = ledger_files.read_ledger(path, progress)
        plan = workspace.read_as(ledger_returns.preview_return, path, sheets) if sealed else None
        return sheets, plan

    try:
        sheets, plan = run_with_progress(parent, "正在读取台账……", read)
        if plan is not None:
            dialog = ReturnDialog(workspace, plan, parent)
            if dialog.exec() and dialog.recorded is not None:
                QMessageBox.information(parent, "导入台账", recorded_text(dialog.recorded))
            return
    except Cancelled:
        return
    except Exception as exc:  # noqa: BLE001 - a wrong or damaged file is said in one line
        sentence = explain(parent, exc)
        if sentence:
            QMessageBox.warning(parent, "导入台账", sentence)
        return
    from .legacy_import import LegacyDialog  # the larger dialog, loaded when it is needed
    LegacyDialog(workspace, path, sheets, parent).exec()


class ReturnDialog(WorkDialog):
    """A unit's 答复台账: what each row would record; 导入 records exactly that."""

    def __init__(self, workspace: Workspace, plan: ReturnPreview,
                 parent: QWidget | None = None) -> None:
        super().__init__(workspace, "导入承办单位交回的答复台账", "导入",
                         "只记录单位新填的答复、沟通和签收；灰色列的改动不采用；与本机已记录的不同的行"
                         "列为冲突，不导入。导入前自动备份。", parent)
        self.setMinimumSize(980, 560)
        self.plan = plan
        self.recorded: ledger_returns.Recorded | None = None
        counts = plan.counts()
        locked = f"；{len(plan.locked_changed)} 行改动了灰色列（未采用）" if plan.locked_changed else ""
        summary = QLabel(f"{plan.unit}（{plan.meeting}，{plan.exported}导出）：{counts}{locked}。")
        summary.setWordWrap(True)
        self.model = RowTableModel(RETURN_COLUMNS, self)
        # the rows that ask for the clerk's eye first, each group in the file's order
        self.model.set_rows(sorted(plan.lines, key=lambda line: (
            line.action is ReturnAction.SAME and not line.locked_changed, line.row or 0)))
        self.table = row_table(self.model)
        self.table.verticalHeader().hide()
        self.form.addRow(summary)
        self.form.addRow(self.table)
        ok = self.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(plan.count(ReturnAction.FILL)))

    def perform(self) -> None:
        def work(_progress) -> ledger_returns.Recorded:
            if self.ws.database.path is not None:
                backups.automatic_backup(self.ws.database, "导入答复台账前")
            return self.ws.act(ledger_returns.apply_return, self.plan)

        self.recorded = run_with_progress(self, "正在记录答复……", work, cancellable=False)


def recorded_text(done: ledger_returns.Recorded) -> str:
    return (f"已记录答复 {done.replies} 件、沟通 {done.contacts} 次、签收 {done.accepted} 件。"
            + (f"另有 {done.refused} 行在导入时被拒绝。" if done.refused else ""))
