"""A clerk on a Linux desktop whose session uses fcitx 5 types pinyin and gets Chinese.

A real X server (Xvfb), session bus, fcitx 5 with its pinyin engine and the program's own start-up
(make_application) on Qt's xcb plugin; xdotool types.  The session says QT_IM_MODULE=fcitx, as
UOS, deepin and openKylin set it, and no ibus is installed.  Runs where the tools are installed;
TIAN_REQUIRE_FCITX=1 (tests/run.sh when it installed them) makes their absence a failure.
"""
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

TOOLS = ("Xvfb", "dbus-daemon", "fcitx5", "xdotool")
pytestmark = pytest.mark.skipif(
    sys.platform != "linux" or (os.environ.get("TIAN_REQUIRE_FCITX") != "1"
                                and not all(shutil.which(t) for t in TOOLS)),
    reason="needs Xvfb, dbus-daemon, fcitx5 (with fcitx5-chinese-addons) and xdotool")

PROFILE = """[Groups/0]
Name=Default
Default Layout=us
DefaultIM=pinyin

[Groups/0/Items/0]
Name=keyboard-us
Layout=

[Groups/0/Items/1]
Name=pinyin
Layout=

[GroupOrder]
0=Default
"""

# the program's start-up, then one field with the focus; prints what it holds once Chinese
# arrives (or after 30 s)
FIELD = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLineEdit
from desktop.ui.start import make_application
app = make_application(sys.argv[:1])
edit = QLineEdit()
edit.setWindowTitle("tian-input-test")
edit.show()
edit.activateWindow()
edit.setFocus()
deadline = time.monotonic() + 30
def look():
    if any("\\u4e00" <= c <= "\\u9fff" for c in edit.text()) or time.monotonic() > deadline:
        print(repr(edit.text()), flush=True)
        app.quit()
timer = QTimer()
timer.timeout.connect(look)
timer.start(100)
app.exec()
"""


def _wait(what: str, found, seconds: float = 15):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        value = found()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"gave up waiting for {what}")


@pytest.fixture
def fcitx_desktop(tmp_path: Path) -> Iterator[dict[str, str]]:
    """Xvfb, a session bus and fcitx 5 (pinyin) for a throwaway user; their environment."""
    home = tmp_path / "home"
    (home / ".config" / "fcitx5").mkdir(parents=True)
    (home / ".config" / "fcitx5" / "profile").write_text(PROFILE)
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8",
           "XDG_CONFIG_HOME": str(home / ".config"), "XDG_RUNTIME_DIR": str(runtime)}
    started: list[subprocess.Popen] = []
    try:
        xvfb = subprocess.Popen(["Xvfb", "-displayfd", "1", "-screen", "0", "1024x768x24",
                                 "-nolisten", "tcp"], stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, env=env, text=True)
        started.append(xvfb)
        env["DISPLAY"] = ":" + xvfb.stdout.readline().strip()
        bus = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address=1"],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True)
        started.append(bus)
        env["DBUS_SESSION_BUS_ADDRESS"] = bus.stdout.readline().strip()
        started.append(subprocess.Popen(["fcitx5", "--replace"], stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL, env=env))
        # ready once its ibus frontend has written the bus address
        _wait("fcitx 5", lambda: list((home / ".config" / "ibus" / "bus").glob("*")))
        yield env
    finally:
        for process in reversed(started):
            process.terminate()
        for process in started:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            if process.stdout:
                process.stdout.close()


def test_pinyin_typed_in_a_fcitx_session_arrives_as_chinese(fcitx_desktop: dict[str, str],
                                                             tmp_path: Path) -> None:
    env = {**fcitx_desktop, "QT_QPA_PLATFORM": "xcb", "QT_IM_MODULE": "fcitx",
           "XMODIFIERS": "@im=fcitx", "TIAN_HOME": str(tmp_path / "tian"),
           "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    with subprocess.Popen([sys.executable, "-c", FIELD], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, env=env, text=True) as field:
        out, err = _type_nihao(field, env)
    assert out.strip() == repr("你好"), err[-2000:]


def _type_nihao(field: subprocess.Popen, env: dict[str, str]) -> tuple[str, str]:
    """Pinyin typed into the field's window; what the field printed when it closed."""
    try:
        def xdotool(*args: str) -> str:
            return subprocess.run(["xdotool", *args], env=env, capture_output=True, text=True,
                                  timeout=20).stdout.strip()

        window = _wait("the field's window",
                       lambda: xdotool("search", "--name", "^tian-input-test$").split())[0]
        time.sleep(1)  # the input context reaches fcitx once the window has the focus
        xdotool("windowfocus", "--sync", window)
        xdotool("key", "ctrl+space")  # fcitx 5 switches to pinyin
        time.sleep(0.7)
        xdotool("type", "--delay", "120", "nihao")
        time.sleep(0.7)
        xdotool("key", "space")  # the first candidate
        return field.communicate(timeout=45)
    finally:
        field.kill()
