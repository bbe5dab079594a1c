"""SIGKILL at a chosen moment of a ``tian`` command: the clerk's power cut, the task manager's
"end process".

The first second of any command is Python importing, where a kill proves nothing; so moments are
counted from when the command first touches its file (``watch``) and spread by seed over the rest
of the run as measured when left alone."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import time
from pathlib import Path

from tests.cli.tian import start

SEEDS = 12
_POLL = 0.0005


def _wait_for(process: subprocess.Popen, watch: Path, limit: float) -> float | None:
    began = time.perf_counter()
    while not watch.exists():
        if process.poll() is not None or time.perf_counter() - began > limit:
            return None
        time.sleep(_POLL)
    return time.perf_counter()


def measured_tail(home: Path, watch: Path, *args: str) -> float:
    """Seconds from the file's first appearance to the command's end, left alone."""
    process = start(home, *args)
    seen = _wait_for(process, watch, 120)
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0 and seen is not None, (out, err)
    return time.perf_counter() - seen


def kill_moments(tail: float, seeds: int = SEEDS) -> list[float]:
    """Spread over the first 80 % of the measured run: a later run of the same command may be
    a little quicker (its caches warm), and a kill after the end proves nothing."""
    return [0.8 * tail * random.Random(seed).random() for seed in range(seeds)]


def killed_after(home: Path, watch: Path, seconds: float, *args: str) -> bool:
    """Run the command, SIGKILL it ``seconds`` after ``watch`` appears; False if it ended first."""
    process = start(home, *args)
    seen = _wait_for(process, watch, 120)
    if seen is not None:
        try:
            process.wait(timeout=max(0.0, seconds - (time.perf_counter() - seen)))
        except subprocess.TimeoutExpired:  # still running: this is the moment
            os.kill(process.pid, signal.SIGKILL)
    process.communicate(timeout=60)
    return process.returncode == -signal.SIGKILL
