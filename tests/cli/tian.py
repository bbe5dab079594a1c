"""Running ``tian`` the way a clerk does: a separate process, its own data folder, real files.

Helpers for tests/cli; the fixtures that use them are in conftest.py."""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass
class Run:
    args: list[str]
    returncode: int
    stdout: str
    stderr: str

    def sentence(self) -> str:
        """The one line the user reads on stderr (asserted to be one Chinese line, no traceback)."""
        text = self.stderr.strip()
        assert "Traceback" not in self.stderr + self.stdout, self
        assert text, f"nothing on stderr: {self}"
        assert len(text.splitlines()) == 1, f"more than one line on stderr: {self}"
        assert CJK.search(text), f"not Chinese: {text!r}"
        return text


def env_for(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["TIAN_HOME"] = str(home)
    env["PYTHONIOENCODING"] = "utf-8"
    env.pop("QT_QPA_PLATFORM", None)
    return env


def start(home: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "desktop", *args], cwd=ROOT, env=env_for(home),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            encoding="utf-8")


def finish(process: subprocess.Popen, args: tuple[str, ...]) -> Run:
    out, err = process.communicate(timeout=120)
    return Run(list(args), process.returncode, out, err)


def tian_in(home: Path, *args: str) -> Run:
    return finish(start(home, *args), args)


def tian_side_by_side(home: Path, commands: dict[str, list[str]]) -> dict[str, Run]:
    """Independent commands run at the same time (each ``tian`` spends a second importing)."""
    processes = {name: start(home, *args) for name, args in commands.items()}
    return {name: finish(processes[name], tuple(commands[name])) for name in commands}


def digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def init_args(db: Path) -> list[str]:
    """``tian init`` exactly as the manual writes it, --db after the command name."""
    return ["init", "--db", str(db), "--office", "政协某县委员会", "--password", "secret1",
            "--term", "10", "--meeting", "2", "--opens", "2023-01-10"]


def copy_database(source: Path, target: Path) -> Path:
    """A copy of a closed database file: everything is in the main file once ``tian`` exits.

    (A read-only reader, such as the tests' own, leaves an empty -wal file behind.)
    """
    wal = Path(str(source) + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0, "the database was not closed cleanly"
    shutil.copyfile(source, target)
    return target
