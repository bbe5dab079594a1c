"""``tian --smoke``: the check an installer's test (and an IT helper) runs on an installation."""
from __future__ import annotations

import os
import subprocess
import sys
import time

from .tian import ROOT, env_for, tian_in


def test_smoke_mode_builds_the_window_writes_a_letter_and_a_ledger_and_leaves_no_trace(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    run = tian_in(home, "--smoke")
    assert run.returncode == 0, run
    lines = run.stdout.splitlines()
    assert lines[-1] == "[smoke] ok"
    assert any(line.startswith("[smoke] main window, 9 pages") for line in lines)
    documents = next(line for line in lines if line.startswith("[smoke] documents: "))
    assert "答复函_第" in documents and "提案办理台账.xlsx" in documents
    assert list(home.iterdir()) == []  # the user's data folder is not touched


def test_the_startup_probe_reports_the_first_painted_window_and_ends(tmp_path):
    env = {**env_for(tmp_path / "home"), "TIAN_STARTUP_PROBE": "1", "QT_QPA_PLATFORM": "offscreen"}
    started = time.time()
    run = subprocess.run([sys.executable, "-m", "desktop", "--db", str(tmp_path / "new.db")],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run
    painted = float(next(line for line in run.stdout.splitlines()
                         if line.startswith("first-paint ")).split()[1])
    assert started < painted < time.time()
    assert os.path.exists(tmp_path / "new.db")  # the first-run wizard had opened the new file


def test_a_double_clicked_exchange_file_opens_the_program_not_the_command_line():
    from desktop.app import _wants_screens

    assert _wants_screens([r"C:\Users\clerk\Desktop\县教育局_20261129.tian"])
    assert _wants_screens(["--db", "office.db", "/media/usb/交换.TIAN"])
    assert not _wants_screens(["stats"])
