"""``tian sync import`` killed at any moment (the power cut, the task manager): the office's
database holds the package wholly or not at all, and the package is recorded exactly when its
changes are there, so importing it again after the cut finishes the job."""
from __future__ import annotations

import re
import sqlite3
from contextlib import closing
from pathlib import Path

from tests.cli.tian import copy_database, tian_in

from .killing import kill_moments, killed_after, measured_tail

SEEDS = 8


def _state(db: Path) -> tuple[int, int]:
    """(proposals, packages received), the file checked whole first."""
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return (raw.execute("SELECT count(*) FROM proposal").fetchone()[0],
                raw.execute("SELECT count(*) FROM sync_package WHERE outgoing = 0").fetchone()[0])


def _package_from_a_second_office_pc(home: Path, office: Path, folder: Path) -> Path:
    """A second office PC enrolled from the office, which then adds 300 papers of its own."""
    done = tian_in(home, "site", "invite", "--db", str(office), "--name", "备用机", "--kind",
                   "office", "--out", str(folder))
    assert done.returncode == 0, done
    second = folder / "second.db"
    joined = tian_in(home, "init", "--db", str(second), "--join",
                     str(folder / "提案通邀请-备用机.tian"), "--password", "secret-999")
    assert joined.returncode == 0, joined
    answer = re.search(r"回执文件：(.+\.tian)", joined.stdout).group(1)
    assert tian_in(home, "site", "accept", "--db", str(office), answer).returncode == 0
    assert tian_in(home, "--db", str(second), "demo", "--proposals", "300", "--seed", "9",
                   ).returncode == 0
    sent = tian_in(home, "sync", "export", "--db", str(second), "--to", "政协示范县委员会",
                   "--out", str(folder / "package.tian"))
    assert sent.returncode == 0, sent
    return folder / "package.tian"


def test_a_killed_import_leaves_the_office_before_or_after_and_a_retry_finishes(
        demo_office, tmp_path):
    home = tmp_path / "home"
    office = copy_database(demo_office, tmp_path / "office.db")
    package = _package_from_a_second_office_pc(home, office, tmp_path)
    before = _state(office)
    tails = []
    for name in ("warm.db", "measured.db"):
        measured = copy_database(office, tmp_path / name)
        tails.append(measured_tail(home, measured.with_name(name + "-wal"), "--db",
                                   str(measured), "sync", "import", str(package)))
    after = _state(tmp_path / "measured.db")
    assert after[0] > before[0] and after[1] == before[1] + 1
    killed = 0
    for i, moment in enumerate(kill_moments(min(tails), SEEDS)):
        db = copy_database(office, tmp_path / f"office{i}.db")
        killed += killed_after(home, db.with_name(db.name + "-wal"), moment, "--db", str(db),
                               "sync", "import", str(package))
        assert _state(db) in (before, after)
        if i == 0:
            again = tian_in(home, "--db", str(db), "sync", "import", str(package))
            assert again.returncode == 0, again
            assert _state(db) == after
    print(f"[faults] sync import: {killed} of {SEEDS} kills landed before the end")
    assert killed >= SEEDS // 4, f"only {killed} of {SEEDS} kills landed before the end"
