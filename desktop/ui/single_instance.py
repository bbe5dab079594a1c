"""One program per user and database: a second start brings the first window forward."""
from __future__ import annotations

import getpass
import hashlib
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

_WAKE = b"show"
_OPEN = b"open:"  # then a file's path (UTF-8): a .tian double-clicked while the program runs


def server_name(database: Path | str) -> str:
    key = f"{getpass.getuser()}|{Path(database).resolve() if '://' not in str(database) else database}"
    return "tiantong-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def wake_running(name: str, timeout_ms: int = 500, file: Path | None = None) -> bool:
    """True when another instance answered (it will raise its window, and open ``file``): this
    one should quit."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(_OPEN + str(Path(file).resolve()).encode() if file else _WAKE)
    socket.flush()
    socket.waitForBytesWritten(timeout_ms)
    socket.disconnectFromServer()
    return True


class InstanceGuard(QObject):
    """Listens for later starts; ``woken`` asks the main window to come forward."""

    woken = Signal()
    opened = Signal(str)  # a file's path handed over by a second start

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._server = QLocalServer(self)
        self._server.newConnection.connect(self._accept)
        if not self._server.listen(name):  # a crashed instance left its socket file behind
            QLocalServer.removeServer(name)
            self._server.listen(name)

    def _accept(self) -> None:
        while (socket := self._server.nextPendingConnection()) is not None:
            socket.readyRead.connect(self._read)
            socket.disconnected.connect(socket.deleteLater)

    def _read(self) -> None:
        """The socket is the sender: a lambda holding it crashed when the guard went first."""
        socket = self.sender()
        if not isinstance(socket, QLocalSocket):
            return
        said = bytes(socket.readAll().data())
        if said.startswith(_WAKE):
            self.woken.emit()
        elif said.startswith(_OPEN):
            self.opened.emit(said[len(_OPEN):].decode("utf-8", "replace"))

    def close(self) -> None:
        self._server.close()
