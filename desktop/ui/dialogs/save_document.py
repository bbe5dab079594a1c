"""One reply's 答复函 or 征询意见表: saved where the clerk says (Qt's own dialog asks before
replacing a file) and opened in Word or WPS to check, sign off and print."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from desktop.services import exports
from desktop.services.batch import Planned, write_batch

from ..errors import explain
from ..office_apps import open_path
from ..workspace import Workspace
from .export_dialog import default_folder, templates_folder


def save_reply_document(parent: QWidget, ws: Workspace, reply_id: str, kind: str) -> Path | None:
    name = exports.document_kind(kind).label
    try:
        plan = ws.read_as(exports.plan_for_reply, reply_id, kind, templates_folder(ws))
    except Exception as exc:  # noqa: BLE001
        sentence = explain(parent, exc)
        if sentence:
            QMessageBox.warning(parent, name, sentence)
        return None
    chosen, _ = QFileDialog.getSaveFileName(parent, f"保存{name}",
                                            str(Path(default_folder()) / plan.name),
                                            "Word 文档 (*.docx)")
    if not chosen:
        return None
    target = Path(chosen)
    try:
        report = write_batch([Planned(target.name, plan.write)], target.parent, overwrite=True)
    except Exception as exc:  # noqa: BLE001
        sentence = explain(parent, exc)
        if sentence:
            QMessageBox.warning(parent, name, sentence)
        return None
    if report.skipped:
        QMessageBox.warning(parent, name, f"{name}没有保存：{report.skipped[0][1]}。")
        return None
    open_path(target)
    return target
