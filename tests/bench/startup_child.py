"""One start of the program (or of a bare PySide6 window) in a fresh process, for bench_ui.

``python startup_child.py bare|main DB PASSWORD TYPING_MS`` prints one JSON line: monotonic
stamps, memory, and the rows the tables held after scrolling.  ``main`` goes the clerk's way
through ``desktop.ui.start.run``: the login dialog, the password typed ``TYPING_MS`` after the
dialog was painted, then the main window until its first page is drawn: every table it shows
with its rows, or every chart of the start page.
"""
from __future__ import annotations

import json
import os
import sys
import threading
import time

mode, db_path, password, typing_ms = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
stamps: dict[str, float] = {}


def stamp(name: str) -> None:
    stamps.setdefault(name, time.clock_gettime(time.CLOCK_MONOTONIC))


def rss_kb(field: str = "VmRSS") -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


from PySide6.QtCore import QEvent, QObject, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView, QWidget  # noqa: E402
from shiboken6 import getCppPointer  # noqa: E402

if mode == "main":
    from desktop.ui import start
stamp("imported")
read_ahead_used = []


def _note_read_ahead() -> None:
    """Whether the start page shown was the one read behind the login (ui.workspace.ReadAhead)."""
    from desktop.ui import workspace

    answers = workspace.ReadAhead.answers

    def noted(self, *args):
        used = answers(self, *args)
        read_ahead_used.append(used)
        return used
    workspace.ReadAhead.answers = noted

app = QApplication([])
painted: set[int] = set()
window: QMainWindow | None = None


def key(widget: QObject) -> int:
    """The C++ object's address: Python wrappers of the same viewport may come and go."""
    return getCppPointer(widget)[0]


def tables() -> list[QTableView]:
    return [t for t in window.findChildren(QTableView) if t.isVisible()] if window else []


def finish() -> None:
    stamp("idle")
    result = {"stamps": stamps, "rss_idle_kb": rss_kb(), "tables": len(tables()),
              "painted": sum(key(t.viewport()) in painted for t in tables()),
              "loaded_before_enter": stamps.get("loaded_before_enter", 1.0),
              "read_ahead_used": float(any(read_ahead_used))}
    if mode == "main":
        result["rows"] = scroll()
    result["rss_scrolled_kb"] = rss_kb()
    result["hwm_kb"] = rss_kb("VmHWM")
    print(json.dumps(result), flush=True)
    os._exit(0)


def charts() -> list[QWidget]:
    """The start page's charts (drawn with QPainter; it has no table)."""
    return [w for w in window.findChildren(QWidget)
            if type(w).__name__ == "BarChart" and w.isVisible()] if window else []


def check_usable() -> None:
    """Usable: every table the first page shows has painted its rows, or every chart of the
    start page has been drawn."""
    shown = [t.viewport() for t in tables()] or charts()
    if "idle" not in stamps and shown and all(key(w) in painted for w in shown):
        finish()


class Spy(QObject):
    """Paint events: the login dialog's first, then each table viewport of the main window."""

    def eventFilter(self, watched, event):  # noqa: N802
        global window
        if event.type() != QEvent.Type.Paint:
            return False
        top = watched.window() if hasattr(watched, "window") else None
        if mode == "main" and type(top).__name__ == "LoginDialog" and "login" not in stamps:
            stamp("login")
            QTimer.singleShot(typing_ms, lambda: enter(top))
        elif isinstance(top, QMainWindow):
            window = top
            painted.add(key(watched))
            QTimer.singleShot(0, check_usable)
        return False


def enter(dialog) -> None:
    loading = [t for t in threading.enumerate() if t.name == "tian-load"]
    stamps["loaded_before_enter"] = 0.0 if loading and loading[0].is_alive() else 1.0
    _note_read_ahead()
    dialog.username.setText("admin")
    dialog.password.setText(password)
    stamp("entered")
    dialog.log_in_button.click()


def scroll() -> list[int]:
    """Every screen (each is built when first opened) and the search page with a common word:
    a few pages down, the middle, the end of each table they show."""
    rows = []
    screens = []
    for i in range(window.navigation.count()):
        window.navigation.setCurrentRow(i)
        screens.append(window.stack.currentWidget())
    window.search_box.setText("停车")
    window.search_box.returnPressed.emit()
    screens.append(window.stack.currentWidget())
    for screen in screens:
        window.stack.setCurrentWidget(screen)
        app.processEvents()
        for table in screen.findChildren(QTableView):
            if not table.isVisible() or table.model() is None:
                continue
            bar = table.verticalScrollBar()
            for value in [bar.pageStep() * k for k in range(1, 6)] + [bar.maximum() // 2,
                                                                      bar.maximum()]:
                bar.setValue(value)
                table.viewport().repaint()
                app.processEvents()
            rows.append(table.model().rowCount())
    return rows


spy = Spy()
app.installEventFilter(spy)
if mode == "bare":
    window = QMainWindow()
    window.resize(1366, 768)
    window.show()
    QTimer.singleShot(0, finish)
    app.exec()
else:
    from pathlib import Path

    start.run(Path(db_path))
print(json.dumps({"error": "the program ended before its main window was usable"}))
