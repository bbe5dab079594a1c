"""One program per user and database: a second start wakes the first and quits."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import textwrap
import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import QDir
from PySide6.QtNetwork import QLocalSocket

from desktop.ui.single_instance import InstanceGuard, server_name, wake_running


@pytest.fixture
def name() -> str:
    return f"tiantong-test-{uuid.uuid4().hex[:12]}"


@pytest.fixture
def guard(name, qtbot):
    g = InstanceGuard(name)
    yield g
    g.close()
    g.deleteLater()


def test_the_second_start_wakes_the_first(guard, name, qtbot):
    with qtbot.waitSignal(guard.woken, timeout=3000):
        assert wake_running(name) is True


def test_every_later_start_wakes_it_again(guard, name, qtbot):
    for _ in range(3):
        with qtbot.waitSignal(guard.woken, timeout=3000):
            assert wake_running(name)


def test_with_nothing_running_the_start_goes_ahead(name, qtbot):
    assert wake_running(name) is False


def test_after_the_first_program_closes_a_new_start_goes_ahead(guard, name, qtbot):
    guard.close()
    assert wake_running(name) is False


def test_a_crashed_programs_leftover_socket_is_taken_over(name, qtbot):
    leftover = Path(QDir.tempPath()) / name
    dead = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    dead.bind(str(leftover))  # bound, never listening: what a crash leaves behind
    dead.close()
    try:
        assert leftover.exists()
        assert wake_running(name) is False, "nobody answers on a dead socket"
        guard = InstanceGuard(name)
        try:
            with qtbot.waitSignal(guard.woken, timeout=3000):
                assert wake_running(name) is True
            probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            probe.connect(str(leftover))  # the very file is alive again: it was taken over
            probe.close()
        finally:
            guard.close()
    finally:
        leftover.unlink(missing_ok=True)


def test_something_else_knocking_does_not_wake_the_window(guard, name, qtbot):
    other = QLocalSocket()
    other.connectToServer(name)
    assert other.waitForConnected(1000)
    with qtbot.assertNotEmitted(guard.woken, wait=200):
        other.write(b"hello")
        other.flush()
        other.waitForBytesWritten(1000)
    other.disconnectFromServer()


def test_quitting_right_after_being_woken_does_not_crash(name, tmp_path):
    """The guard goes away (the program quits) while the waking connection is still open.

    Run in its own process: a crash here would take the whole test run with it.
    """
    script = textwrap.dedent(f"""
        from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
        from desktop.ui.single_instance import InstanceGuard, wake_running

        app = QCoreApplication([])
        guard = InstanceGuard({name!r})
        woken = []
        guard.woken.connect(lambda: woken.append(True))
        assert wake_running({name!r})
        while not woken:
            app.processEvents()
        guard.close()
        del guard  # as at the end of desktop.ui.start.run
        loop = QEventLoop()
        QTimer.singleShot(200, loop.quit)
        loop.exec()
        print("closed cleanly")
        """)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", script], cwd=Path(__file__).parents[2],
                          env=env, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "closed cleanly"
    assert "QObject" not in done.stderr, done.stderr


def test_the_name_is_per_database_file(tmp_path, monkeypatch):
    first, second = tmp_path / "a.db", tmp_path / "b.db"
    assert server_name(first) != server_name(second)
    monkeypatch.chdir(tmp_path)
    assert server_name("a.db") == server_name(first), "the same file by another path"
    assert server_name(first).startswith("tiantong-")
