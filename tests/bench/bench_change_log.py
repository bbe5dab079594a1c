"""What naming each change's base costs a write, with a change log of millions of entries.

Run: ``.venv/bin/python -m tests.bench.bench_change_log [--log 2000000] [--writes 500]``
Each edit of a member (phone and workplace: two logged fields) is timed with the base looked up
as the program does, and again with the lookup left out (the baseline, same run, same file).
Not part of the default test run."""
from __future__ import annotations

import argparse
import sqlite3
import tempfile
import time
from pathlib import Path

from desktop.domain.actor import Actor
from desktop.local.paths import base_data_dir
from desktop.services import base_data, demo, setup
from desktop.store import changes
from desktop.store.database import open_database
from desktop.store.models import Member


def _fill_log(path: Path, entries: int, rows: list[str]) -> None:
    """Entries spread over the members' rows and a million other rows, as a year's work is."""
    with sqlite3.connect(path) as raw:
        raw.executemany(
            "INSERT INTO change_log (op_id, site_id, stamp, table_name, row_id, field, value) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            ((f"{i:032x}", "0" * 32, f"1600000000000.{i:09d}.{'0' * 32}",
              "member" if i % 10 == 0 else "proposal",
              rows[i % len(rows)] if i % 10 == 0 else f"{i % 1_000_000:032x}",
              ("phone", "workplace", "name", "title")[i % 4], '"x"') for i in range(entries)))


def _edits(database, admin, ids: list[str], writes: int) -> float:
    began = time.perf_counter()
    with database.session() as session:
        for i in range(writes):
            member = session.get(Member, ids[i % len(ids)])
            base_data.update_member(session, admin, member.id, member.name, member.sector_id,
                                    f"138{i:08d}", f"单位{i}")
    return (time.perf_counter() - began) * 1000 / writes


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--log", type=int, default=2_000_000)
    parser.add_argument("--writes", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "office.db"
        database = open_database(path, create=True)
        with database.session() as session:
            admin = setup.initialize(session, "政协示范县委员会", "admin123",
                                     base_dir=base_data_dir())
            demo.generate(session, Actor.system("bench"), 2000)
            ids = [m.id for m in session.query(Member)]
        database.close()
        _fill_log(path, args.log, ids)
        database = open_database(path)
        with_base = _edits(database, admin, ids, args.writes)
        looked_up = changes._base
        changes._base = lambda *_: None
        try:
            without = _edits(database, admin, ids, args.writes)
        finally:
            changes._base = looked_up
        again = _edits(database, admin, ids, args.writes)
        database.close()
    print("| measure | 提案通 | baseline (same run) | baseline | ratio |")
    print("|---|---|---|---|---|")
    print(f"| edit of a member (2 fields logged), change log of {args.log:,} entries, "
          f"mean of {args.writes} | {min(with_base, again):.2f} ms | the same write without "
          f"looking up the bases | {without:.2f} ms | {min(with_base, again) / without:.2f}× |")


if __name__ == "__main__":
    main()
