"""台账 in and out of Excel at the sizes the issue names: an office's ledger of 10,000 rows
imported, and a unit's sealed 答复台账 of 2,000 rows exported, filled in and brought back.

Run: ``.venv/bin/python -m tests.bench.bench_ledgers [--rows 10000] [--assignments 2000]
[--only legacy|sealed]``.  Each figure is printed beside a baseline measured in the same run:
openpyxl (the library the program uses) reading the same file read-only, or writing the same
cells without styles; and SQLite's own executemany inserting exactly the rows the import wrote.
Not part of the default test run."""
from __future__ import annotations

import argparse
import shutil
import sqlite3
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from openpyxl import Workbook, load_workbook
from sqlalchemy import delete, select, update

from desktop.domain.actor import Actor
from desktop.local.paths import base_data_dir
from desktop.services import demo, ledger_files, ledger_returns, legacy_ledgers, reply_ledgers, setup
from desktop.store.changes import write
from desktop.store.database import open_database
from desktop.store.facts import _rebuild as rebuild_statuses
from desktop.store.models import Assignment, Evaluation, FollowUp, Meeting, Reply, Unit
from desktop.wording.ledgers import HEADERS, SHEET

from tests.services.test_legacy_ledgers import year
from tests.sync.ledgers import per_proposal

TABLES = ("member", "unit", "proposal", "proposer", "submission", "review", "assignment",
          "contact", "reply", "evaluation", "search_document")


def _timed(work) -> tuple[float, object]:
    began = time.perf_counter()
    result = work()
    return time.perf_counter() - began, result


def _raw_read(path: Path) -> float:
    def read() -> int:
        book = load_workbook(path, read_only=True, data_only=True)
        count = sum(1 for sheet in book.worksheets for _ in sheet.iter_rows(values_only=True))
        book.close()
        return count
    return _timed(read)[0]


def _office(path: Path, proposals: int = 0):
    db = open_database(path, create=True)
    session = db.session()
    admin = setup.initialize(session, "政协示范县委员会", "admin123", base_dir=base_data_dir(),
                             term=10, meeting=1, meeting_opens_on=date(2023, 1, 10))
    if proposals:
        demo.generate(session, Actor.system("bench"), proposals, seed=5)
    return db, session, admin


def _raw_inserts(before: Path, after: Path) -> tuple[float, int]:
    """SQLite inserting, into the database as it was, exactly the rows the import added."""
    target = before.with_name("raw.db")
    shutil.copy(before, target)
    rows: dict[str, list] = {}
    with sqlite3.connect(after) as done, sqlite3.connect(before) as was:
        for table in TABLES:
            key = "rowid" if table == "search_document" else "id"
            old = {r[0] for r in was.execute(f"SELECT {key} FROM {table}")}
            columns = [c[1] for c in done.execute(f"PRAGMA table_info({table})")]
            rows[table] = (columns, [r for r in done.execute(
                f"SELECT {key}, {', '.join(columns)} FROM {table}") if r[0] not in old])
    with sqlite3.connect(target) as raw:
        began = time.perf_counter()
        for table, (columns, found) in rows.items():
            marks = ", ".join("?" * len(columns))
            raw.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",
                            [r[1:] for r in found])
        raw.commit()
        return time.perf_counter() - began, sum(len(f) for _, f in rows.values())


def legacy(folder: Path, count: int) -> list[str]:
    entries = year(count, seed=21)
    path = per_proposal(folder / "台账.xlsx", entries)
    db, session, admin = _office(folder / "legacy.db")
    meeting = session.scalars(select(Meeting)).first().id
    session.close()
    db.close()
    shutil.copy(folder / "legacy.db", folder / "before.db")
    db = open_database(folder / "legacy.db")
    session = db.session()
    _raw_read(path)  # warm: the library's modules loaded, the file in the page cache
    read = _raw_read(path)
    gate, (sheets, _) = _timed(lambda: ledger_files.read_ledger(path))
    shown, _ = _timed(lambda: legacy_ledgers.preview_legacy(session, admin, path, meeting, sheets))

    def import_it() -> int:  # what `tian import ledger FILE --meeting …` does after reading
        plan = legacy_ledgers.preview_legacy(session, admin, path, meeting, sheets,
                                             figures=False)
        return legacy_ledgers.apply_legacy(session, admin, plan)
    applied, made = _timed(import_it)
    session.close()
    db.close()
    inserts, rows = _raw_inserts(folder / "before.db", folder / "legacy.db")
    total, base = gate + applied, read + inserts
    return [f"| legacy ledger of {count:,} rows ({made:,} proposals): read through the gate | "
            f"{gate:.2f} s | openpyxl read-only, every row of every sheet | {read:.2f} s | "
            f"{gate / read:.1f}× |",
            f"| … imported: rows grouped and resolved, {rows:,} records written, the "
            f"meeting's figures | {applied:.2f} s | SQLite executemany of the same {rows:,} rows "
            f"| {inserts:.2f} s | {applied / inserts:.1f}× |",
            f"| … `tian import ledger` whole: read + import | {total:.2f} s | raw read + raw "
            f"inserts | {base:.2f} s | {total / base:.1f}× |",
            f"| … the dialog's preview besides (the import run and rolled back) | {shown:.2f} s | "
            f"raw read + raw inserts | {base:.2f} s | {shown / base:.1f}× |"]


def sealed(folder: Path, assignments: int, proposals: int) -> list[str]:
    db, session, admin = _office(folder / "sealed.db", proposals)
    meeting = session.scalars(select(Meeting).order_by(Meeting.opens_on.desc())).first().id
    unit = session.scalar(select(Unit).where(Unit.name == "县教育局"))
    ids = session.scalars(select(Assignment.id).where(
        Assignment.meeting_id == meeting, Assignment.ended.is_(None), Assignment.unit_id != unit.id,
        Assignment.role.in_(("lead", "separate"))).limit(assignments)).all()
    for start in range(0, len(ids), 500):  # setting up, not measured: 2,000 rows to answer
        chunk = ids[start:start + 500]
        for table in (Evaluation, FollowUp, Reply):
            session.execute(delete(table).where(table.assignment_id.in_(chunk)))
        session.execute(update(Assignment).where(Assignment.id.in_(chunk)).values(
            unit_id=unit.id, round=1, replied_round=None, category=None, result=None,
            evaluated_round=None, unsatisfied=False))
    proposals = set(session.scalars(select(Assignment.proposal_id).where(
        Assignment.unit_id == unit.id)))
    session.commit()
    with write(session, Actor.system("bench"), "bench.setup"):
        rebuild_statuses(session, proposals)  # their replies gone: 办理中 again
    out = folder / "答复台账.xlsx"
    wrote, _ = _timed(lambda: reply_ledgers.export_for_reply(session, admin, unit.id, meeting, out))
    values = [row for row in load_workbook(out, read_only=True)[SHEET].iter_rows(
        min_row=4, values_only=True)]

    def raw_write() -> None:
        book = Workbook()
        for row in values:
            book.active.append(row)
        book.save(folder / "raw.xlsx")
    raw_wrote, _ = _timed(raw_write)
    book = load_workbook(out)
    sheet = book[SHEET]
    filled = 0
    for row in range(4, sheet.max_row + 1):  # the unit answers every row it has not answered
        if sheet.cell(row, HEADERS.index("答复类别") + 1).value:
            continue
        assigned = sheet.cell(row, HEADERS.index("交办日期") + 1).value
        sheet.cell(row, HEADERS.index("答复日期") + 1, assigned + timedelta(days=30))
        sheet.cell(row, HEADERS.index("答复类别") + 1, "A")
        sheet.cell(row, HEADERS.index("是否面商") + 1, "是")
        filled += 1
    back = folder / "交回.xlsx"
    book.save(back)
    _raw_read(back)
    read = _raw_read(back)
    gate, (sheets, _) = _timed(lambda: ledger_files.read_ledger(back))
    shown, _ = _timed(lambda: ledger_returns.preview_return(session, admin, back, sheets))

    def bring_back():  # what `tian import ledger` does after reading: compare, then record
        plan = ledger_returns.preview_return(session, admin, back, sheets, rehearse=False)
        return ledger_returns.apply_return(session, admin, plan)
    brought, done = _timed(bring_back)
    session.close()
    db.close()
    return [f"| sealed 答复台账 of {len(values):,} rows exported | {wrote:.2f} s | openpyxl writing "
            f"the same cells, no styles | {raw_wrote:.2f} s | {wrote / raw_wrote:.1f}× |",
            f"| … filled in ({filled:,} rows) and read back through the gate | {gate:.2f} s | "
            f"openpyxl read-only of the same file | {read:.2f} s | {gate / read:.1f}× |",
            f"| … recorded as `tian import ledger` does: {done.replies:,} replies, "
            f"{done.contacts:,} contacts, {done.accepted:,} 签收, each through the services | "
            f"{brought:.2f} s | openpyxl read-only of the same file | {read:.2f} s | "
            f"{brought / read:.0f}× |",
            f"| … the dialog's preview besides (every row recorded and rolled back) | {shown:.2f} s "
            f"| openpyxl read-only of the same file | {read:.2f} s | {shown / read:.0f}× |"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--assignments", type=int, default=2_000)
    parser.add_argument("--proposals", type=int, default=8_000)
    parser.add_argument("--only", choices=["legacy", "sealed"])
    args = parser.parse_args()
    print("| measure | 提案通 | baseline (same run) | baseline | ratio |\n|---|---|---|---|---|",
          flush=True)
    with tempfile.TemporaryDirectory() as where:
        if args.only in (None, "legacy"):
            print("\n".join(legacy(Path(where), args.rows)), flush=True)
        if args.only in (None, "sealed"):
            print("\n".join(sealed(Path(where), args.assignments, args.proposals)), flush=True)


if __name__ == "__main__":
    main()
