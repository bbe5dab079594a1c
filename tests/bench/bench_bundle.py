"""The installed program's figures: bundle and package size, start to the first window (the
login, on a set-up database), and the smoke mode, each beside a baseline of the same run.

    .venv/bin/python -m tests.bench.bench_bundle [--bundle build/pyinstaller/dist/tiantong]
        [--package dist/*.deb] [--runs 5]

Start-up baseline: a bare PySide6 window in the same Python (what any Qt program costs here).
Run under Xvfb or with QT_QPA_PLATFORM=offscreen.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BARE = ("import time,sys;from PySide6.QtWidgets import QApplication,QLabel;a=QApplication([]);"
        "w=QLabel('x');w.show();a.processEvents();print(f'first-paint {time.time():.3f}');"
        "sys.stdout.flush()")


def size_mb(path: Path) -> float:
    if path.is_file():
        return path.stat().st_size / 2**20
    return sum(p.stat().st_size for p in path.rglob("*")
               if p.is_file() and not p.is_symlink()) / 2**20  # links counted once


def first_paint(command: list[str], env: dict[str, str]) -> float:
    started = time.time()
    out = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120).stdout
    stamp = next(float(line.split()[1]) for line in out.splitlines()
                 if line.startswith("first-paint "))
    return stamp - started


def set_up_database(folder: Path, tian: Path) -> Path:
    """A set-up office (the login shows first, as on every day after the first)."""
    db = folder / "office.db"
    subprocess.run([str(tian), "--db", str(db), "demo", "--proposals", "300"], check=True,
                   capture_output=True, timeout=300)
    return db


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", default=str(ROOT / "build/pyinstaller/dist/tiantong"))
    parser.add_argument("--package", default=None, help="the built .deb or installer")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    bundle = Path(args.bundle)
    tian = bundle / ("tian.exe" if sys.platform == "win32" else "tian")
    program = bundle / ("tiantong.exe" if sys.platform == "win32" else "tiantong")
    rows = [("bundle, unpacked", f"{size_mb(bundle):.0f} MB", "—", "—", "≤ 150 MB")]
    if args.package:
        rows.append(("package", f"{size_mb(Path(args.package)):.0f} MB", "—", "—", "≤ 60 MB"))
    with tempfile.TemporaryDirectory(prefix="tian-bench-") as folder:
        env = {**os.environ, "TIAN_HOME": str(Path(folder) / "home"), "TIAN_STARTUP_PROBE": "1"}
        db = set_up_database(Path(folder), tian)
        ours, bare = [], []
        for _ in range(args.runs):
            ours.append(first_paint([str(program), "--db", str(db)], env))
            bare.append(first_paint([sys.executable, "-c", BARE], env))
        o, b = statistics.median(ours), statistics.median(bare)
        rows.append(("start to the login window (frozen, median)", f"{o:.2f} s",
                     f"bare PySide6 window from the venv: {b:.2f} s", f"{o / b:.2f}×", "≤ 2 s"))
        started = time.perf_counter()
        subprocess.run([str(tian), "--smoke"], env={**os.environ, "TIAN_HOME": folder},
                       check=True, capture_output=True, timeout=300)
        smoke = time.perf_counter() - started
        rows.append(("tian --smoke (frozen)", f"{smoke:.1f} s", "—", "—", "—"))
    print("| figure | measured | baseline (same run) | ratio | goal |")
    print("|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
