"""Long jobs (demo data, imports, exports, backups) run off the UI thread behind a progress dialog."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, QThread, Qt, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop.domain.errors import Cancelled

__all__ = ["Cancelled", "run_with_progress"]


class _Job(QObject):
    progressed = Signal(int, int)
    finished = Signal()

    def __init__(self, work: Callable[[Callable[[int, int], None]], Any]) -> None:
        super().__init__()
        self.work = work
        self.result: Any = None
        self.error: BaseException | None = None
        self.cancelled = False

    def run(self) -> None:
        try:
            self.result = self.work(self._report)
        except BaseException as exc:  # noqa: BLE001  (handed to the UI thread, which explains it)
            self.error = exc
        self.finished.emit()

    def _report(self, done: int, total: int) -> None:
        if self.cancelled:
            raise Cancelled
        self.progressed.emit(done, total)


class _Bar(QObject):
    """Lives in the UI thread, so the worker's queued progress reaches the dialog there (a
    plain function as the slot would run in the worker's thread, where widgets must not be
    touched)."""

    def __init__(self, dialog: QProgressDialog) -> None:
        super().__init__()
        self.dialog = dialog

    @Slot(int, int)
    def show_progress(self, done: int, total: int) -> None:
        """A total of 0: the end is not known yet (a file being read); the bar just moves."""
        self.dialog.setMaximum(max(total, 0))
        self.dialog.setValue(min(done, total) if total else 0)


def run_with_progress(parent: QWidget | None, text: str,
                      work: Callable[[Callable[[int, int], None]], Any],
                      cancellable: bool = True) -> Any:
    """Run ``work(progress)`` on a worker thread; returns its result or raises its error.

    ``progress(done, total)`` updates the dialog and raises :class:`Cancelled` once the clerk
    has cancelled, so the job stops at its next step and its transaction rolls back.
    """
    dialog = QProgressDialog(text, "取消" if cancellable else "", 0, 0, parent)
    dialog.setWindowTitle("提案通")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    if not cancellable:
        dialog.setCancelButton(None)
    job = _Job(work)
    thread = QThread()
    job.moveToThread(thread)
    loop = QEventLoop()

    bar = _Bar(dialog)
    job.progressed.connect(bar.show_progress, Qt.ConnectionType.QueuedConnection)
    job.finished.connect(loop.quit, Qt.ConnectionType.QueuedConnection)
    dialog.canceled.connect(lambda: setattr(job, "cancelled", True))
    thread.started.connect(job.run)
    thread.start()
    loop.exec()
    thread.quit()
    thread.wait()
    dialog.reset()
    dialog.deleteLater()
    if job.error is not None:
        raise job.error
    return job.result
