"""关于提案通: the version, and where this PC keeps the data, the database and the log — what
whoever helps the clerk asks first."""
from __future__ import annotations

import platform
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication, QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget,
)

from desktop.local.paths import data_dir
from desktop.local.version import program_version

from ..office_apps import open_path


def about_lines(database_path: Path | None) -> list[tuple[str, str]]:
    return [("版本", program_version()), ("数据文件夹", str(data_dir())),
            ("数据库", str(database_path) if database_path else "（服务器数据库）"),
            ("日志", str(data_dir() / "logs")),
            ("运行环境", f"Python {platform.python_version()}，Qt {pyside_version}，"
                      f"{platform.system()} {platform.release()}")]


class AboutDialog(QDialog):
    def __init__(self, database_path: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("关于提案通")
        self.lines = about_lines(database_path)
        text = "<h3>提案通</h3><p>政协提案全流程管理</p><table>" + "".join(
            f"<tr><td style='padding-right:12px'><b>{k}</b></td><td>{v}</td></tr>"
            for k, v in self.lines) + "</table>"
        label = QLabel(text)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox()
        folder = QPushButton("打开数据文件夹(&O)")
        folder.clicked.connect(lambda: open_path(data_dir()))
        copy = QPushButton("复制(&C)")
        copy.clicked.connect(self.copy)
        buttons.addButton(folder, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton("关闭", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(buttons)

    def copy(self) -> None:
        QApplication.clipboard().setText("\n".join(f"{k}：{v}" for k, v in self.lines))
