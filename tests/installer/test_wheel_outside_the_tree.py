"""`pip install .` (a wheel, not the editable install) gives a `tian` that sets up an office.

The wheel is built from the tracked files only, installed into a fresh virtual environment in a
temporary folder and run from there, so nothing of the source tree can stand in for what the
wheel lacks (the resources and the migrations were once left out).
"""
from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import openpyxl
import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(command: list[str], cwd: Path, env: dict[str, str], timeout: int = 300) -> str:
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True,
                            timeout=timeout)
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """A venv holding the wheel; the dependencies come from this venv's site-packages (a plain
    path entry: the editable install's own .pth there is not read)."""
    work = tmp_path_factory.mktemp("wheel")
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True,
                             check=True).stdout.decode().split("\0")
    source = work / "source"
    for name in filter(None, tracked):
        target = source / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if (ROOT / name).is_file():
            target.write_bytes((ROOT / name).read_bytes())
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "TIAN_HOME")}
    run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(work / "dist"),
         str(source)], work, env)
    wheel = next((work / "dist").glob("tiantong-*.whl"))
    venv = work / "venv"
    run([sys.executable, "-m", "venv", str(venv)], work, env)
    python = venv / "bin" / "python"
    site = Path(run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                    work, env).strip())
    (site / "dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    run([str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)],
        work, env)
    env["TIAN_HOME"] = str(work / "home")
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env['PATH']}"
    return venv, env


def test_the_program_comes_from_the_wheel(installed):
    venv, env = installed
    where = run([str(venv / "bin" / "python"), "-c", "import desktop; print(desktop.__file__)"],
                venv.parent, env)
    assert str(venv) in where and str(ROOT) not in where


def test_an_office_is_set_up_and_exported_from_the_wheel(installed):
    venv, env = installed
    cwd = venv.parent
    run(["tian", "init", "--office", "政协测试县委员会", "--password", "admin123"], cwd, env)
    run(["tian", "demo", "--proposals", "50", "--seed", "3"], cwd, env)
    stats = run(["tian", "stats"], cwd, env)
    assert "收到提案" in stats
    out = cwd / "台账.xlsx"
    run(["tian", "export", "ledger", "--out", str(out)], cwd, env)
    book = openpyxl.load_workbook(out, read_only=True)
    try:
        rows = [r for r in book.worksheets[0].iter_rows(values_only=True) if any(r)]
    finally:
        book.close()  # a read-only workbook holds its file open until closed
    assert len(rows) > 10, "the ledger holds the demo's assignments"
    letters = cwd / "答复函"
    run(["tian", "export", "letters", "--out", str(letters)], cwd, env)
    assert list(letters.glob("答复函_*.docx")), "letters are made from the wheel's templates"
