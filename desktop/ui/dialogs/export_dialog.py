"""导出文书: which papers, for whom, into which folder; then the batch off the UI thread with
progress and cancel, a question before anything is replaced, and the report."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout,
    QLabel, QLineEdit, QMessageBox, QPushButton, QVBoxLayout, QWidget,
)

from desktop.domain.enums import UnitSystem
from desktop.domain.permissions import sees_all_proposals
from desktop.services import base_data, document_setup, export_pipeline, exports
from desktop.services.batch import BatchReport
from desktop.wording.labels import label

from ..errors import explain
from ..office_apps import font_warning
from ..widgets.form import ErrorLabel, chosen_enum
from ..worker import run_with_progress
from ..workspace import Workspace
from .export_report import ExportReport

FOLDER_KEY = "export/folder"


def templates_folder(ws: Workspace) -> Path:
    return document_setup.templates_folder(ws.database.data_dir)


def default_folder() -> str:
    saved = QSettings().value(FOLDER_KEY, "")
    if saved and Path(saved).is_dir():
        return saved
    documents = QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation)
    return str(Path(documents or Path.home()) / "提案通导出")


class ExportDialog(QDialog):
    def __init__(self, workspace: Workspace, kind: str = "letters", notice: str | None = None,
                 unit_id: str | None = None, parent: QWidget | None = None,
                 meeting_id: str | None = None, today: date | None = None,
                 system: UnitSystem | None = None) -> None:
        """``meeting_id`` "" is every meeting (the 统计 screen's 全部会议); None the toolbar's."""
        super().__init__(parent)
        self.ws = workspace
        self.meeting_id = workspace.meeting_id if meeting_id is None else meeting_id
        self.today = today
        self.setWindowTitle("导出文书")
        self.report: BatchReport | None = None
        unit_role = not sees_all_proposals(workspace.actor.role)
        self.kind = QComboBox()
        for key, document in exports.DOCUMENT_KINDS.items():
            if not unit_role or document.for_units:
                self.kind.addItem(document.label, key)
        self.notice = QComboBox()
        self.notice.addItem("全部通知", None)
        for name in exports.document_kind("notices").notices:
            self.notice.addItem(f"{name}通知" if name != "不予立案" else "不予立案、转意见建议通知",
                                name)
        self.unit = QComboBox()
        self.unit.addItem("全部承办单位", None)
        for uid, name in workspace.read(base_data.units):
            self.unit.addItem(name, uid)
        if unit_role:
            unit_id = workspace.actor.unit_id
            self.unit.setEnabled(False)
        self.system = QComboBox()
        self.system.addItem("全部承办单位", None)
        for each in UnitSystem:
            self.system.addItem(label(each), each)
        self.per_proposal = QCheckBox("每件提案一行（默认每个承办单位一行）")
        self.folder = QLineEdit(default_folder())
        browse = QPushButton("浏览(&B)…")
        browse.clicked.connect(self.browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        self.to_pdf = QCheckBox("同时转为 PDF 并预览")
        if not export_pipeline.can_make_pdf():
            self.to_pdf.setEnabled(False)
            self.to_pdf.setText("转为 PDF（本机未安装 LibreOffice，可用 Word 或 WPS 打开 .docx 打印）")
        form = QFormLayout()
        form.addRow("文书种类(&K)：", self.kind)
        form.addRow("通知(&T)：", self.notice)
        form.addRow("承办单位(&U)：", self.unit)
        form.addRow("办理范围(&S)：", self.system)
        form.addRow("", self.per_proposal)
        folder_label = QLabel("保存到(&F)：")
        folder_label.setBuddy(self.folder)  # the row is a layout, which a label cannot take as buddy
        form.addRow(folder_label, folder_row)
        form.addRow("", self.to_pdf)
        self.fonts = QLabel(font_warning())
        self.fonts.setWordWrap(True)
        self.fonts.setStyleSheet("color: #8a5a00")
        self.fonts.setVisible(bool(self.fonts.text()))
        self.error = ErrorLabel()
        buttons = QDialogButtonBox()
        buttons.addButton("导出(&E)", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.export)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.fonts)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.form = form
        self.kind.currentIndexChanged.connect(self._shown_fields)
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        self.notice.setCurrentIndex(max(0, self.notice.findData(notice)))
        self.unit.setCurrentIndex(max(0, self.unit.findData(unit_id)))
        self.system.setCurrentIndex(max(0, self.system.findData(system)))
        self._shown_fields()
        self.resize(620, self.sizeHint().height())

    def _shown_fields(self) -> None:
        kind = exports.document_kind(self.kind.currentData())
        self.form.setRowVisible(self.notice, bool(kind.notices))
        self.form.setRowVisible(self.unit, kind.unit_filter)
        self.form.setRowVisible(self.system, kind.system_filter)
        self.form.setRowVisible(self.per_proposal, kind.per_proposal)
        self.to_pdf.setVisible(kind.word)
        self.fonts.setVisible(bool(self.fonts.text()) and kind.word)  # fonts matter to Word files

    def browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "选择保存文书的文件夹", self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def request(self) -> exports.ExportRequest:
        kind = exports.document_kind(self.kind.currentData())
        return exports.ExportRequest(
            kind.key, self.meeting_id, self.unit.currentData() if kind.unit_filter else None,
            per_proposal=self.per_proposal.isChecked(), templates=templates_folder(self.ws),
            notice=self.notice.currentData() if kind.notices else None, today=self.today,
            system=chosen_enum(self.system, UnitSystem) if kind.system_filter else None)

    def _ask_overwrite(self, clash: list[str]) -> bool | None:
        """True: replace them; False: skip them; None: the clerk thinks again."""
        box = QMessageBox(QMessageBox.Icon.Question, "导出文书",
                          f"所选文件夹中已有 {len(clash)} 个同名文件（如 {clash[0]}）。",
                          parent=self)
        box.setInformativeText("覆盖会用新生成的文件替换它们（包括您在 Word 中改过的内容）。")
        replace = box.addButton("覆盖(&O)", QMessageBox.ButtonRole.DestructiveRole)
        skip = box.addButton("跳过这些文件(&S)", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(skip)
        box.exec()
        return {replace: True, skip: False}.get(box.clickedButton())

    def export(self) -> None:
        request, folder = self.request(), Path(self.folder.text().strip())
        if not self.folder.text().strip():
            self.error.say("请选择保存文书的文件夹。")
            return
        kind = exports.document_kind(request.kind)
        if not request.meeting_id and not kind.every_meeting:
            self.error.say("请先在工具栏选择会议。")
            return
        pdf_profile = export_pipeline.pdf_profile()
        try:
            outcome = export_pipeline.run_export(
                kind, lambda: self.ws.read_as(exports.plan, request), folder,
                self._ask_overwrite, lambda text, work: run_with_progress(self, text, work),
                pdf_profile if self.to_pdf.isChecked() else None)
        except Exception as exc:  # noqa: BLE001 - one sentence under the form, the form kept
            self.error.say(explain(self, exc))
            return
        if outcome.empty:
            self.error.say(f"没有可导出的{kind.label}：所选会议或单位还没有相关记录。")
            return
        if outcome.report is None:  # the clerk thought again
            return
        QSettings().setValue(FOLDER_KEY, str(folder))
        self.report = outcome.report
        self.accept()
        ExportReport(outcome.report, outcome.pdfs or [], self.parent()).exec()
