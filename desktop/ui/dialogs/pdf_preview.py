"""The PDFs of a batch, page after page, inside the app (QtPdf): what the archive copy looks like."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QComboBox, QDialog, QHBoxLayout, QLabel, QVBoxLayout, QWidget


class PdfPreview(QDialog):
    def __init__(self, paths: list[Path], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("预览 PDF")
        self.paths = paths
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)
        self.files = QComboBox()
        self.files.addItems([p.name for p in paths])
        self.files.currentIndexChanged.connect(self.show_file)
        self.pages = QLabel()
        top = QHBoxLayout()
        top.addWidget(QLabel("文件："))
        top.addWidget(self.files, 1)
        top.addWidget(self.pages)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        self.resize(760, 900)
        self.show_file(0)

    def show_file(self, index: int) -> None:
        if not 0 <= index < len(self.paths):
            return
        self.document.close()
        status = self.document.load(str(self.paths[index]))
        if status != QPdfDocument.Error.None_:
            self.pages.setText("这个 PDF 打不开，可在文件夹中用其他程序查看。")
            return
        self.pages.setText(f"共 {self.document.pageCount()} 页")
