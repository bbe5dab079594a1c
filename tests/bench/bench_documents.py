"""Documents at the sizes the issue names; each figure beside a baseline of the same run.

Run: ``.venv/bin/python -m tests.bench.bench_documents [--db PATH]`` (the cached demo database of
tests/bench/bench_ui.py).  Not part of the default test run.

* 提案办理台账 of 10,000 rows: ``write_ledger`` (title, frozen header, filter, date formats,
  text-safe cells, print set-up) against raw openpyxl in write-only mode appending the same
  10,000 rows of values.
* the rows themselves: ``ledger_rows`` for the largest meeting, against the raw SQL join.
"""
from __future__ import annotations

import argparse
import os
import sqlite3
import tempfile
import time
from dataclasses import astuple
from pathlib import Path

from .bench_ui import cached_database

ROWS = 10_000
LEDGER_RATIO_GOAL = 1.3


def best_s(action, repeat: int = 3) -> float:  # noqa: ANN001
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    from openpyxl import Workbook

    from desktop.exporters.ledger_xlsx import HEADERS, write_ledger
    from desktop.services import ledgers
    from desktop.store.database import open_database

    parser = argparse.ArgumentParser()
    parser.add_argument("--db")
    parser.add_argument("--cache-dir", default=str(Path(tempfile.gettempdir()) / "tiantong-bench"))
    args = parser.parse_args()
    os.environ["TIAN_HOME"] = tempfile.mkdtemp(prefix="tian-bench-home-")
    db = Path(args.db) if args.db else cached_database(100_000, Path(args.cache_dir))
    con = sqlite3.connect(db)
    meeting_id = con.execute("SELECT meeting_id FROM proposal GROUP BY meeting_id "
                             "ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
    database = open_database(db)
    out = Path(tempfile.mkdtemp(prefix="tian-bench-docs-"))
    with database.session() as session:
        started = time.perf_counter()
        every = ledgers.ledger_rows(session, meeting_id)
        rows_s = time.perf_counter() - started
    raw_rows_s = best_s(lambda: con.execute(
        "SELECT a.id, p.number, p.title, p.kind, p.status, u.name, a.assigned_on, a.due_on, "
        "a.accepted_on, a.face_to_face, a.round_reason FROM assignment a JOIN proposal p "
        "ON p.id = a.proposal_id JOIN unit u ON u.id = a.unit_id WHERE a.meeting_id = ? "
        "AND a.ended IS NULL ORDER BY p.number_seq", (meeting_id,)).fetchall(), 1)
    rows = every[:ROWS]

    def ours() -> None:
        write_ledger(out / "台账.xlsx", "提案办理台账", "全部承办单位", rows)

    def raw() -> None:
        book = Workbook(write_only=True)
        sheet = book.create_sheet("台账")
        sheet.append(list(HEADERS))
        for row in rows:
            sheet.append(list(astuple(row)))
        book.save(out / "raw.xlsx")

    ledger_s, raw_s = best_s(ours), best_s(raw)
    table = [
        (f"提案办理台账, {ROWS:,} rows × {len(HEADERS)} columns written", f"{ledger_s:.2f} s",
         f"raw openpyxl write-only, the same cells: {raw_s:.2f} s", ledger_s / raw_s,
         f"≤ {LEDGER_RATIO_GOAL}×"),
        (f"ledger rows read for the largest meeting ({len(every):,} assignments)",
         f"{rows_s:.2f} s", f"raw sqlite3 join of the assignments: {raw_rows_s:.2f} s",
         rows_s / raw_rows_s, "—"),
    ]
    print("| figure | measured | baseline (same run) | ratio | goal |")
    print("|---|---|---|---|---|")
    for name, value, base, ratio, goal in table:
        print(f"| {name} | {value} | {base} | {ratio:.2f}× | {goal} |")


if __name__ == "__main__":
    main()
