"""登录: user and password; after repeated failures the account is locked for a while."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget,
)

from desktop.domain.actor import Actor

from .errors import explain
from .widgets.form import ErrorLabel


class LoginDialog(QDialog):
    """``authenticate(username, password)`` returns the actor or raises the refusal; it is a
    callable so that the dialog can show before the database layer has loaded (ui/start.py)."""

    def __init__(self, authenticate: Callable[[str, str], Actor], office_name: str,
                 username: str = "", hint: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.authenticate = authenticate
        self.actor: Actor | None = None
        self.setWindowTitle("提案通 · 登录")
        self.setMinimumWidth(360)
        heading = QLabel(f"<b>{office_name}</b><br>提案管理")
        self.username = QLineEdit(username)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = ErrorLabel()
        form = QFormLayout()
        form.addRow("用户名(&U)：", self.username)
        form.addRow("密码(&P)：", self.password)
        # buttons of its own words: Qt's standard ones look up their icons first, a twentieth
        # of a second of the start on a desktop without an icon theme
        buttons = QDialogButtonBox()
        self.log_in_button = buttons.addButton("登录", QDialogButtonBox.ButtonRole.AcceptRole)
        self.log_in_button.setDefault(True)
        self.cancel_button = buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._try)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        if hint:
            note = QLabel(hint)
            note.setStyleSheet("color: #555;")
            layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        (self.password if username else self.username).setFocus()

    def _try(self) -> None:
        try:
            self.actor = self.authenticate(self.username.text(), self.password.text())
        except Exception as exc:  # noqa: BLE001 - a refusal is a sentence under the fields
            self.error.say(explain(self, exc))
            self.password.clear()
            self.password.setFocus()
            return
        self.accept()
