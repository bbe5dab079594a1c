"""Foundation benchmarks at 100,000 proposals; each figure beside a baseline of the same run.

Run: ``.venv/bin/python -m tests.bench.bench_foundation [--proposals 100000] [--db PATH]``
Prints a Markdown table for the README.  Not part of the default test run.
"""
from __future__ import annotations

import argparse
import os
import sqlite3
import statistics as stats_math
import tempfile
import time
from datetime import date
from pathlib import Path


from desktop.domain.actor import Actor
from desktop.local.paths import base_data_dir
from desktop.services import base_data, demo, setup
from desktop.services.search import search_everything
from desktop.services.statistics import statistics
from desktop.store import fulltext, proposal_rows
from desktop.store.database import open_database
from desktop.store.models import Proposal

from .bench_handling import raw_statistics

TABLES = ("proposal", "proposer", "submission", "review", "assignment", "contact", "reply",
          "evaluation", "follow_up", "supervision", "search_document")


def best_ms(fn, repeat: int = 7) -> float:
    """Median of several warm runs, in milliseconds."""
    fn()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return stats_math.median(times)


def raw_copy_seconds(source: Path) -> float:
    """Baseline for demo generation: raw SQLite writing the same rows into the same schema."""
    target = Path(tempfile.mkdtemp()) / "copy.db"
    db = open_database(target, create=True)
    db.close()
    con = sqlite3.connect(target)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    con.execute(f"ATTACH DATABASE '{source}' AS src")
    con.execute("CREATE TEMP TABLE _x(a)")  # keep the connection in a normal state
    for name in ("term", "meeting", "sector", "organisation", "member", "unit", "category",
                 "user_account", "site"):
        con.execute(f"INSERT INTO {name} SELECT * FROM src.{name}")
    con.commit()
    con.execute("DETACH DATABASE src")
    con.execute(f"ATTACH DATABASE '{source}' AS src")
    started = time.perf_counter()
    con.execute("BEGIN IMMEDIATE")
    for name in TABLES:
        con.execute(f"INSERT INTO main.{name} SELECT * FROM src.{name}")
    con.commit()
    elapsed = time.perf_counter() - started
    con.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--proposals", type=int, default=100_000)
    parser.add_argument("--db", help="reuse a demo database instead of generating one")
    args = parser.parse_args()
    rows = []

    if args.db:
        path = Path(args.db)
        generated = None
    else:
        path = Path(tempfile.mkdtemp()) / "bench.db"
        database = open_database(path, create=True)
        with database.session() as session:
            setup.initialize(session, "政协示范县委员会", "admin123", base_dir=base_data_dir())
            started = time.perf_counter()
            demo.generate(session, Actor.system(), args.proposals, seed=1)
            generated = time.perf_counter() - started
        database.close()
        baseline = raw_copy_seconds(path)
        rows.append((f"demo generation, {args.proposals:,} proposals", f"{generated:.1f} s",
                     "raw SQLite INSERT … SELECT of the same rows", f"{baseline:.1f} s",
                     generated / baseline, "< 60 s"))

    database = open_database(path)
    session = database.session()
    meeting = base_data.current_meeting(session)
    in_meeting = session.query(Proposal).filter(Proposal.meeting_id == meeting.id).count()
    con = sqlite3.connect(path)

    stats_ms = best_ms(lambda: statistics(session, meeting.id), repeat=5)
    def raw_stats_queries() -> None:
        raw_statistics(con, meeting.id, date.today())

    raw_stats = best_ms(raw_stats_queries, 5)
    rows.append((f"stats for a meeting ({in_meeting:,} proposals)", f"{stats_ms:.0f} ms",
                 "raw SQL: the grouped passes over the meeting's index, the 分办 rows",
                 f"{raw_stats:.0f} ms", stats_ms / raw_stats, "≤ 300 ms"))

    def first_page() -> list:
        return proposal_rows.proposal_rows(session, proposal_rows.page_ids(session, meeting.id, "number"))

    page_ms = best_ms(first_page)
    raw_page = best_ms(lambda: con.execute(
        "SELECT p.id, p.serial, p.number, p.title, p.status, m.name, c.name, "
        "(SELECT name FROM proposer WHERE proposal_id = p.id AND position = 0), "
        "(SELECT group_concat(u.short_name, '、') FROM assignment a JOIN unit u ON u.id = a.unit_id "
        " WHERE a.proposal_id = p.id AND a.ended IS NULL) "
        "FROM proposal p JOIN meeting m ON m.id = p.meeting_id "
        "LEFT JOIN category c ON c.id = p.category_id "
        "WHERE p.meeting_id = ? AND p.number_seq IS NOT NULL ORDER BY p.number_seq LIMIT 50",
        (meeting.id,)).fetchall())
    assert len(first_page()) == 50
    rows.append(("first page of the proposal list (50 rows, by number, lead proposer, units)",
                 f"{page_ms:.1f} ms", "raw SQL: the same page in one query", f"{raw_page:.1f} ms",
                 page_ms / raw_page, "≤ 50 ms"))

    for word in ("停车", "养老服务", "zs"):
        found = best_ms(lambda w=word: search_everything(session, Actor.system(), w, 50))
        if word.isascii():
            raw = best_ms(lambda: con.execute(
                "SELECT p.id, p.serial, p.number, p.title, p.status, m.name FROM member m "
                "JOIN proposer pr ON pr.member_id = m.id JOIN proposal p ON p.id = pr.proposal_id "
                "WHERE m.initials LIKE 'zs%' OR m.initials LIKE '%|zs%' LIMIT 50").fetchall())
            base_name = "raw SQL: members by initials and their proposals"
        else:
            fts = fulltext._fts_query(fulltext.query_phrases(word))
            raw = best_ms(lambda q=fts: con.execute(
                "SELECT d.proposal_id FROM search_fts f JOIN search_document d ON d.doc_id = f.rowid "
                "WHERE search_fts MATCH ? ORDER BY f.rank LIMIT 50", (q,)).fetchall())
            base_name = "raw SQL: the FTS5 MATCH alone"
        rows.append((f"search “{word}” (50 results with rows)", f"{found:.1f} ms", base_name,
                     f"{raw:.1f} ms", found / raw, "≤ 100 ms, ≤ 3×"))

    session.close()
    database.close()
    con.close()
    size = sum(os.path.getsize(p) for p in [path] + [Path(str(path) + s) for s in ("-wal",)]
               if os.path.exists(p))
    total = sqlite3.connect(path).execute("SELECT count(*) FROM proposal").fetchone()[0]
    rows.append(("database size", f"{size / 2**20:.0f} MB", "per proposal",
                 f"{size / total / 1024:.1f} KB", None, "—"))

    print("| measure | 提案通 | baseline (same run) | baseline | ratio | goal |")
    print("|---|---|---|---|---|---|")
    for name, value, base_name, base, ratio, goal in rows:
        shown = "—" if ratio is None else f"{ratio:.1f}×"
        print(f"| {name} | {value} | {base_name} | {base} | {shown} | {goal} |")


if __name__ == "__main__":
    main()
