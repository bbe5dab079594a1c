"""The year-after screens at 100,000 proposals; each figure beside a baseline of the same run.

Run: ``.venv/bin/python -m tests.bench.bench_handling [--proposals 100000] [--db PATH]``
Prints a Markdown table for the README (not part of the default test run).

* 办理跟踪: the lazy tracking model over every assignment of the demo office (all meetings),
  opened, filtered and sorted, each step timed with the data() calls (text, colours) of the 30
  rows a table shows; against raw ``sqlite3`` counting the same rows and returning the ids of
  those 30.
* 统计: the statistics view for all meetings (every proposal) and for the largest meeting,
  against the raw ``sqlite3`` group-by passes over the same tables.
* 首页: the dashboard refreshed (to-do counts and charts), against the same raw passes.

The demo database is the one tests/bench/bench_ui.py generates and caches.
"""
from __future__ import annotations

import argparse
import os
import sqlite3
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

from .bench_ui import VISIBLE_ROWS, cached_database, median_ms

TRACKING_GOAL_MS = 100.0
STATISTICS_GOAL_MS = 300.0
DASHBOARD_GOAL_MS = 300.0
Row = tuple[str, str, str, float | None, str]


def tracking_figures(db: Path, today: date) -> list[Row]:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from desktop.domain.actor import Actor
    from desktop.domain.enums import HandlingStatus, UnitSystem
    from desktop.services import base_data
    from desktop.services.tracking import TrackingFilter
    from desktop.store.database import open_database
    from desktop.ui.models.tracking_table import COLUMNS, TrackingTableModel
    from desktop.ui.workspace import Workspace

    app = QApplication.instance() or QApplication([])  # noqa: F841 - the model wants one
    database = open_database(db)
    with database.session() as session:
        meeting_id = base_data.current_meeting(session).id
    ws = Workspace(database, Actor.system(), meeting_id)
    con = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    unit_id, category_id = con.execute(
        "SELECT a.unit_id, p.category_id FROM assignment a JOIN proposal p "
        "ON p.id = a.proposal_id GROUP BY a.unit_id ORDER BY count(*) DESC LIMIT 1").fetchone()
    roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole,
             Qt.ItemDataRole.BackgroundRole)
    model = TrackingTableModel(ws, TrackingFilter(today=today))
    number = next(i for i, c in enumerate(COLUMNS) if c.key == "number")
    due = next(i for i, c in enumerate(COLUMNS) if c.key == "due_on")
    out: list[Row] = []

    def show(first: int = 0) -> list[str]:
        last = min(first + VISIBLE_ROWS, model.rowCount())
        for row in range(first, last):
            for c in range(len(COLUMNS)):
                for role in roles:
                    model.data(model.index(row, c), role)
        return [model.row_id(r) for r in range(first, last)]

    live = "a.ended IS NULL"
    owed = ("a.role IN ('lead', 'separate') AND (a.replied_round IS NULL "
            "OR a.replied_round != a.round)")

    def figure(name: str, where: TrackingFilter | None, sql_where: str, params: tuple = (),
               joins: str = "", order: str = "a.due_on, a.id", first: int = 0,
               step: Callable[[], object] | None = None) -> None:
        def action() -> None:
            if step is not None:
                step()
            else:
                model.set_filter(where)
            show(first)

        ms = median_ms(action)

        def raw() -> list[str]:
            if step is None:
                con.execute(f"SELECT count(*) FROM assignment a {joins} WHERE {sql_where}",
                            params).fetchone()
            return [r[0] for r in con.execute(
                f"SELECT a.id FROM assignment a {joins} WHERE {sql_where} ORDER BY {order} "
                f"LIMIT {VISIBLE_ROWS} OFFSET {first}", params)]

        base = median_ms(raw)
        note = "" if show(first) == raw() else "; ties in another order"
        what = "count + " if step is None else ""
        out.append((f"办理跟踪: {name}, {model.rowCount():,} rows", f"{ms:.1f} ms",
                    f"raw sqlite3, {what}ids of those rows{note}: {base:.1f} ms", ms / base,
                    f"≤ {TRACKING_GOAL_MS:.0f} ms"))

    everything = TrackingFilter(today=today)
    figure("open, every meeting, by 办理时限 (count + first page)", everything, live)
    figure("open the current meeting", TrackingFilter(today=today, meeting_id=meeting_id),
           f"{live} AND a.meeting_id = ?", (meeting_id,))
    figure("filter one unit (the busiest)", TrackingFilter(today=today, unit_id=unit_id),
           f"{live} AND a.unit_id = ?", (unit_id,))
    figure("filter 已逾期", TrackingFilter(today=today, overdue=True),
           f"{live} AND {owed} AND a.due_on < ?", (today.isoformat(),))
    figure("filter 未答复", TrackingFilter(today=today, unanswered=True), f"{live} AND {owed}")
    figure("filter status 已答复待评价",
           TrackingFilter(today=today, status=HandlingStatus.TO_EVALUATE),
           f"{live} AND a.accepted_on IS NOT NULL AND a.replied_round = a.round "
           "AND (a.evaluated_round IS NULL OR a.evaluated_round != a.round)")
    figure("filter 政府系统 (the units of a system)",
           TrackingFilter(today=today, system=UnitSystem.GOVERNMENT),
           f"{live} AND a.unit_id IN (SELECT id FROM unit WHERE system = 'government')")
    figure("filter one 类别 (the proposals of a category)",
           TrackingFilter(today=today, category_id=category_id),
           f"{live} AND a.proposal_id IN (SELECT id FROM proposal WHERE category_id = ?)",
           (category_id,))
    figure("filter 重点提案", TrackingFilter(today=today, key_only=True),
           f"{live} AND a.proposal_id IN (SELECT id FROM proposal WHERE key = 1)")
    figure("filter 曾不满意", TrackingFilter(today=today, unsatisfied=True),
           f"{live} AND a.unsatisfied = 1")
    model.set_filter(everything)
    figure("sort by 提案号 (each meeting by number)", None, f"{live} AND p.meeting_id > ''",
           joins="JOIN proposal p ON p.id = a.proposal_id",
           order="p.meeting_id, p.number_seq, a.role, a.id",
           step=lambda: model.sort(number, Qt.SortOrder.AscendingOrder))
    model.sort(due, Qt.SortOrder.AscendingOrder)
    middle = model.rowCount() // 2
    figure("scroll to the middle (row_at(n/2) + 30 rows)", None, live, first=middle,
           step=lambda: (model._pages.clear(), model.row_at(middle)))
    database.close()
    con.close()
    return out


_BY_CATEGORY = ("SELECT status, kind, category_id, sum(split_from_id IS NULL), count(*) "
                "FROM proposal WHERE meeting_id = ? GROUP BY status, kind, category_id")
_BY_SECTOR = ("SELECT sector_id, status, sum(split_from_id IS NULL), count(*) FROM proposal "
              "WHERE meeting_id = ? GROUP BY sector_id, status")
_PER_UNIT = (
    "SELECT unit_id, role, count(*), "
    + ", ".join(f"sum(category = '{k}')" for k in "ABCD")
    + ", sum(result IS NOT NULL), sum(result = 'satisfied'), sum(result = 'basic'), "
    "sum(unsatisfied), sum(round > 1), sum((replied_round IS NULL OR replied_round != round) "
    "AND due_on < ?), sum(face_to_face) FROM assignment WHERE meeting_id = ? "
    "AND ended IS NULL GROUP BY unit_id, role")
_SEPARATE = ("SELECT unit_id, proposal_id, face_to_face FROM assignment WHERE ended IS NULL "
             "AND role = 'separate' {meeting}")


def raw_statistics(con: sqlite3.Connection, meeting_id: str | None, today: date) -> None:
    """The passes the figures need (per meeting, as the store runs them), rows only fetched."""
    meetings = [meeting_id] if meeting_id else [r[0] for r in con.execute("SELECT id FROM meeting")]
    for meeting in meetings:
        con.execute(_BY_CATEGORY, (meeting,)).fetchall()
        con.execute(_BY_SECTOR, (meeting,)).fetchall()
        con.execute(_PER_UNIT, (today.isoformat(), meeting)).fetchall()
    con.execute(_SEPARATE.format(meeting="AND meeting_id = ?" if meeting_id else ""),
                (meeting_id,) if meeting_id else ()).fetchall()


def screen_figures(db: Path, today: date) -> list[Row]:
    """The 统计 view and the start page reloading, against the raw passes beneath them."""
    from PySide6.QtWidgets import QApplication

    from desktop.domain.actor import Actor
    from desktop.services import base_data
    from desktop.store.database import open_database
    from desktop.ui.views.dashboard_view import DashboardView
    from desktop.ui.views.statistics_view import StatisticsView
    from desktop.ui.widgets.form import to_qdate
    from desktop.ui.workspace import Workspace

    app = QApplication.instance() or QApplication([])
    database = open_database(db)
    with database.session() as session:
        meeting_id = base_data.current_meeting(session).id
        largest = session.execute(
            __import__("sqlalchemy").text("SELECT meeting_id, count(*) FROM proposal "
                                          "GROUP BY meeting_id ORDER BY 2 DESC LIMIT 1")).one()
    ws = Workspace(database, Actor.system(), meeting_id)
    con = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    out: list[Row] = []
    view = StatisticsView(ws)
    view.today.setDate(to_qdate(today))
    view.resize(1366, 720)
    view.show()
    app.processEvents()
    for name, index, meeting, proposals in (
            ("every meeting", view.meeting.findData(None), None, None),
            ("the largest meeting", view.meeting.findData(largest[0]), largest[0], largest[1])):
        view.meeting.setCurrentIndex(index)

        def reload() -> None:
            view.reload()
            app.processEvents()  # the summary and the visible table painted

        ms = median_ms(reload, repeat=5)
        base = median_ms(lambda m=meeting: raw_statistics(con, m, today), repeat=5)
        shown = proposals or view.figures["received"]
        out.append((f"统计 view for {name} ({shown:,} proposals): every figure and the four "
                    f"tables, painted", f"{ms:.0f} ms",
                    f"raw sqlite3, the same grouped passes per meeting: "
                    f"{base:.0f} ms", ms / base, f"≤ {STATISTICS_GOAL_MS:.0f} ms"))
    view.close()
    start = DashboardView(ws, today=today)
    start.resize(1366, 720)
    start.show()
    app.processEvents()

    def refresh() -> None:
        start.reload()
        app.processEvents()

    def raw_start() -> None:
        for condition in ("accepted_on IS NULL",
                          "role != 'assist' AND (replied_round IS NULL OR replied_round != round)"
                          " AND due_on < :today",
                          "role != 'assist' AND (replied_round IS NULL OR replied_round != round)"
                          " AND due_on >= :today AND due_on <= :week",
                          "accepted_on IS NOT NULL AND replied_round = round AND "
                          "(evaluated_round IS NULL OR evaluated_round != round)"):
            con.execute(f"SELECT count(*) FROM assignment WHERE ended IS NULL AND {condition}",
                        {"today": today.isoformat(),
                         "week": date.fromordinal(today.toordinal() + 7).isoformat()}).fetchone()
        con.execute(_PER_UNIT, (today.isoformat(), meeting_id)).fetchall()
        con.execute(_SEPARATE.format(meeting="AND meeting_id = ?"), (meeting_id,)).fetchall()

    ms = median_ms(refresh, repeat=5)
    base = median_ms(raw_start, repeat=5)
    out.append(("首页 refreshed: seven to-do counts over every meeting and three charts of the "
                "current meeting, painted", f"{ms:.0f} ms",
                f"raw sqlite3, the four counts and the two passes: {base:.0f} ms", ms / base,
                f"≤ {DASHBOARD_GOAL_MS:.0f} ms"))
    start.close()

    # 交办: the screen built and shown, then one filed proposal chosen
    from desktop.ui.views.assign_view import AssignView
    assign = AssignView(ws)
    assign.resize(1366, 720)

    def build() -> None:
        assign.reload()
        app.processEvents()

    assign.show()
    app.processEvents()
    loads = ("SELECT coalesce(unit_id, ''), count(*), sum(due_on < ?) FROM assignment "
             "WHERE ended IS NULL AND role != 'assist' AND (replied_round IS NULL OR "
             "replied_round < round) GROUP BY coalesce(unit_id, '')")
    counts = "SELECT count(*) FROM proposal WHERE meeting_id = ? AND status IN ({})"

    def raw_build() -> None:
        con.execute(loads, (today.isoformat(),)).fetchall()
        con.execute(counts.format("'filed'"), (meeting_id,)).fetchone()
        con.execute(counts.format("'assigned', 'handling', 'replied', 'closed'"),
                    (meeting_id,)).fetchone()

    ms, base = median_ms(build, repeat=5), median_ms(raw_build, repeat=5)
    out.append(("交办 screen refreshed: tab counts, 待交办 list, every unit's load, requests, "
                "painted", f"{ms:.0f} ms", f"raw sqlite3, the unit loads and the two tab counts: "
                f"{base:.0f} ms", ms / base, f"≤ {TRACKING_GOAL_MS:.0f} ms"))
    first = assign.model.row_id(0)
    title = con.execute("SELECT title, category_id FROM proposal WHERE id = ?", (first,)).fetchone()

    def choose() -> None:
        assign.panel.show_selection([first])
        app.processEvents()

    def raw_choose() -> None:
        con.execute("SELECT id, title FROM proposal WHERE title LIKE ? LIMIT 200",
                    (f"%{title[0][2:6]}%",)).fetchall()
        con.execute("SELECT a.unit_id, count(*) FROM assignment a WHERE a.proposal_id IN "
                    "(SELECT id FROM proposal WHERE category_id = ?) GROUP BY a.unit_id",
                    (title[1],)).fetchall()

    ms, base = median_ms(choose, repeat=5), median_ms(raw_choose, repeat=5)
    out.append(("交办: one filed proposal chosen (its units, suggestions from similar titles "
                "and its category)", f"{ms:.0f} ms", f"raw sqlite3, a title LIKE and the "
                f"category's units: {base:.0f} ms", ms / base, f"≤ {TRACKING_GOAL_MS:.0f} ms"))
    assign.close()
    database.close()
    con.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--proposals", type=int, default=100_000)
    parser.add_argument("--db", help="use this demo database instead of the cached one")
    parser.add_argument("--cache-dir", default=str(Path(tempfile.gettempdir()) / "tiantong-bench"))
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["TIAN_HOME"] = tempfile.mkdtemp(prefix="tian-bench-home-")
    db = Path(args.db) if args.db else cached_database(args.proposals, Path(args.cache_dir))
    today = date(2026, 11, 23)  # the demo generator's day: the same overdue rows every run
    rows = tracking_figures(db, today) + screen_figures(db, today)
    print("| figure | measured | baseline (same run) | ratio | goal |")
    print("|---|---|---|---|---|")
    for name, value, base, ratio, goal in rows:
        shown = "—" if ratio is None else f"{ratio:.1f}×"
        print(f"| {name} | {value} | {base} | {shown} | {goal} |")


if __name__ == "__main__":
    main()
