"""Turning any failure into one Chinese sentence; unexpected ones get a "copy details" button."""
from __future__ import annotations

import errno
import logging
import sys
import traceback

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop.domain.errors import DomainError
from desktop.local.files import problem_of_os
from desktop.wording.messages import describe

log = logging.getLogger(__name__)

def sentence_for(exc: BaseException) -> str | None:
    """The sentence for a failure the user can act on; None for a programming error."""
    if isinstance(exc, DomainError):
        return describe(exc)
    # looked up, not imported: the login dialog shows before SQLAlchemy is loaded (ui/start.py)
    database_errors = sys.modules.get("sqlalchemy.exc")
    if database_errors and isinstance(exc, database_errors.OperationalError):
        from desktop.store.sqlite import problem_of  # loaded with SQLAlchemy, as the error shows

        problem = problem_of(exc)
        if problem is not None:
            return describe(problem)
        return "数据库暂时无法写入，操作未完成，已输入的内容仍保留；请稍后重试。"
    if isinstance(exc, OSError):
        problem = problem_of_os(exc)
        if problem is not None:
            return describe(problem)
        if exc.errno == errno.ENOENT:
            return f"找不到文件 {exc.filename or ''}，请检查后重试。"
    return None


def show_unexpected(parent: QWidget | None, exc: BaseException) -> None:
    """One sentence, the details in the log and one click away for whoever helps the clerk."""
    log.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
    details = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    box = QMessageBox(QMessageBox.Icon.Critical, "提案通", "出现意外错误，操作未完成。"
                      "已输入的内容仍保留，详细信息已记入日志。", QMessageBox.StandardButton.Ok,
                      parent)
    copy = box.addButton("复制详细信息", QMessageBox.ButtonRole.ActionRole)
    box.setDetailedText(details)
    box.exec()
    if box.clickedButton() is copy:
        QApplication.clipboard().setText(details)


def explain(parent: QWidget | None, exc: BaseException) -> str | None:
    """The sentence to show in the screen, or None after reporting an unexpected error."""
    sentence = sentence_for(exc)
    if sentence is None:
        show_unexpected(parent, exc)
    return sentence
