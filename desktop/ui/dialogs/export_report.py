"""What an export wrote and what it skipped and why; from here the clerk opens the folder,
prints, or previews the PDFs."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QLabel, QMessageBox, QPlainTextEdit, QPushButton, QVBoxLayout,
    QWidget,
)

from desktop.services.batch import BatchReport
from desktop.services.export_pipeline import combine_for_print

from ..errors import explain
from ..office_apps import can_print_directly, font_warning, open_path, print_paths
from ..worker import run_with_progress


def report_lines(report: BatchReport) -> list[str]:
    return [f"跳过 {name}：{reason}" for name, reason in report.skipped]


class ExportReport(QDialog):
    def __init__(self, report: BatchReport, pdfs: list[Path],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report, self.pdfs = report, pdfs
        self.setWindowTitle("导出结果")
        summary = report.summary()
        if pdfs:
            summary += f"另转出 PDF {len(pdfs)} 个，在 PDF 子文件夹中。"
        self.summary = QLabel(summary)
        self.summary.setWordWrap(True)
        self.details = QPlainTextEdit("\n".join(report_lines(report)) or "没有跳过的文件。")
        self.details.setReadOnly(True)
        buttons = QDialogButtonBox()
        folder = QPushButton("打开文件夹(&O)")
        folder.clicked.connect(lambda: open_path(report.folder))
        buttons.addButton(folder, QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button = QPushButton("打印(&P)…")
        self.print_button.setEnabled(any(p.suffix == ".docx" for p in report.written))
        self.print_button.clicked.connect(self.print_all)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        if pdfs:
            preview = QPushButton("预览 PDF(&V)")
            preview.clicked.connect(self.preview)
            buttons.addButton(preview, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton("关闭", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)
        self.resize(640, 360)

    def print_all(self) -> None:
        """The batch goes to the printer as one job: its files combined into one document."""
        documents = [p for p in self.report.written if p.suffix == ".docx"]
        how = ("用本机的 Word 或 WPS 送到默认打印机（一个打印任务）" if can_print_directly() else
               "用 Word 或 WPS 打开，请在其中打印")
        what = (f"共 {len(documents)} 个文件，将合并为一个文件，{how}" if len(documents) > 1
                else f"将{how}")
        answer = QMessageBox.question(self, "打印", f"{what}。{font_warning()}继续吗？")
        if answer != QMessageBox.StandardButton.Yes:
            return
        target = documents[0]
        if len(documents) > 1:
            try:
                folder = self.report.folder  # the worker must not touch the dialog
                target = run_with_progress(self, "正在合并……", lambda progress: combine_for_print(
                    documents, folder, progress))
            except Exception as exc:  # noqa: BLE001
                sentence = explain(self, exc)
                if sentence:
                    QMessageBox.warning(self, "打印", sentence)
                return
        print_paths([target])

    def preview(self) -> None:
        from .pdf_preview import PdfPreview  # QtPdf loads only when a preview is asked for
        PdfPreview(self.pdfs, self).exec()
