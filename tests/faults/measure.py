"""A ``tian`` command's wall time and peak memory, as the README's reliability table gives them.

``python -m tests.faults.measure`` prints that table for every hostile file of tests/gate."""
from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from tests.cli.tian import ROOT, env_for, init_args
from tests.gate import hostile


@dataclass(frozen=True)
class Measured:
    returncode: int
    seconds: float
    peak_mb: float
    stdout: str
    stderr: str


def measured(home: Path, *args: str) -> Measured:
    """Run ``tian args`` alone, timed, its peak resident memory reported by itself (peak.py)."""
    with tempfile.TemporaryDirectory() as folder:
        peak = Path(folder) / "peak"
        began = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "tests.faults.peak", str(peak), *args],
                              cwd=ROOT, env=env_for(home), capture_output=True, timeout=300)
        seconds = time.perf_counter() - began
        return Measured(done.returncode, seconds, int(peak.read_text()) / 1024,
                        done.stdout.decode("utf-8"), done.stderr.decode("utf-8"))


HOSTILE_ROSTERS = {  # name in the table → how to make it
    "dimension bomb (A1:XFD1048576 declared, 3 members)": hostile.dimension_bomb,
    "member on row 1,048,576": hostile.far_row,
    "row bomb: 21 million identical rows (3 MB)": hostile.row_bomb,
    "20,000 members (the limit is 10,000)": lambda p: hostile.many_rows(p, 20_000),
    "a name of 40,000 characters": lambda p: hostile.huge_cell(p, 40_000),
    "zip bomb: 1 GB of zeros inside": lambda p: hostile.zip_bomb(p, 1024),
    "XXE (an entity naming /etc/passwd)": hostile.xxe,
    "billion laughs": hostile.billion_laughs,
    "macros in a file named .xlsx": hostile.with_macros,
    "a Word file named .xlsx": hostile.word_named_xlsx,
    "an .xls (OLE2) named .xlsx": hostile.old_excel,
    "a picture named .xlsx": hostile.picture_named_xlsx,
}


def table() -> str:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "home").mkdir()
        db = root / "office.db"
        assert measured(root / "home", *init_args(db)).returncode == 0
        bare = measured(root / "home", "--db", str(db), "stats")
        lines = ["| hostile roster (`tian import roster FILE --dry-run`) | exit | time | peak memory"
                 " | the sentence |", "|---|---|---|---|---|",
                 f"| (baseline: `tian stats` on the same office) | {bare.returncode} | "
                 f"{bare.seconds:.2f} s | {bare.peak_mb:.0f} MB | — |"]
        for name, make in HOSTILE_ROSTERS.items():
            path = make(root / "名册.xlsx")
            run = measured(root / "home", "--db", str(db), "import", "roster", str(path),
                           "--dry-run")
            said = run.stderr.strip() or run.stdout.strip().splitlines()[0]
            lines.append(f"| {name} | {run.returncode} | {run.seconds:.2f} s | "
                         f"{run.peak_mb:.0f} MB | {said.replace(str(path), 'FILE')[:60]} |")
            path.unlink()
        return "\n".join(lines)


def packages_table() -> str:
    """The same for bad packages: ``tian sync import FILE`` on the demo office, each made from a
    real unit's package or signed with its key (tests/sync/forged.py)."""
    import re

    from tests.cli.tian import tian_in
    from tests.sync import forged

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        home = root / "home"
        home.mkdir()
        office, unit, stick = root / "office.db", root / "unit.db", root / "stick"
        assert tian_in(home, "--db", str(office), "demo", "--proposals", "300").returncode == 0
        assert tian_in(home, "site", "invite", "--db", str(office), "--name", "县教育局", "--kind",
                       "unit", "--unit", "县教育局", "--out", str(stick)).returncode == 0
        joined = tian_in(home, "init", "--db", str(unit), "--join",
                         str(stick / "提案通邀请-县教育局.tian"), "--password", "secret-999")
        answer = re.search(r"回执文件：(.+\.tian)", joined.stdout).group(1)
        assert tian_in(home, "site", "accept", "--db", str(office), answer).returncode == 0
        real = stick / "real.tian"
        assert tian_in(home, "sync", "export", "--db", str(unit), "--to", "政协示范县委员会",
                       "--out", str(real)).returncode == 0
        made = forged.every_kind(real, unit, root / "bad")
        bare = measured(home, "--db", str(office), "sync", "import", str(real), "--dry-run")
        lines = ["| bad package (`tian sync import FILE`) | exit | time | peak memory | the sentence |",
                 "|---|---|---|---|---|",
                 f"| (baseline: the real package, `--dry-run`) | {bare.returncode} | "
                 f"{bare.seconds:.2f} s | {bare.peak_mb:.0f} MB | — |"]
        for name, path in made.items():
            run = measured(home, "--db", str(office), "sync", "import", str(path))
            lines.append(f"| {name} | {run.returncode} | {run.seconds:.2f} s | "
                         f"{run.peak_mb:.0f} MB | {run.stderr.strip()[:48]}… |")
        return "\n".join(lines)


if __name__ == "__main__":
    print(packages_table() if sys.argv[1:] == ["packages"] else table())
