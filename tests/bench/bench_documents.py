"""Documents at the sizes the issue names; each figure beside a baseline of the same run.

Run: ``.venv/bin/python -m tests.bench.bench_documents [--db PATH] [--runs 3] [--only ...]``
(the cached demo database of tests/bench/bench_ui.py).  Not part of the default test run.
Each figure is the best of ``--runs``, ours and the baseline taking turns.

* 提案办理台账 of 10,000 rows: ``write_ledger`` (title, frozen header, filter, date formats,
  text-safe cells, print set-up) against raw openpyxl in write-only mode appending the same
  10,000 rows of values.
* the rows themselves: ``ledger_rows`` for the largest meeting, against the raw SQL join.
* 1,000 答复函: ``reply_letter.render`` + save, against raw python-docx opening the same
  template (``docx.Document(path)``), adding the same paragraphs with the same style names and
  saving.  Content from tests/bench/doc_content.py (titles and units of the shared sample data).
* 提案汇编 of 1,000 proposals (about 800 characters each): ``compilation.render`` + save,
  against raw python-docx adding the same paragraphs (a new page per proposal) to the template.
* PDF of 100 letters in one LibreOffice process (``pdf.to_pdf``), against LibreOffice
  converting the first letter alone: the start-up every batch pays once.  Skipped without
  LibreOffice.
* ``tian export letters`` end to end for one unit of the largest meeting: ``exports.plan``
  (reading what each letter says) + ``batch.write_batch``, against raw python-docx writing the
  same letters' paragraphs.  Skipped when the demo database is not there (and not generated
  by the ledger rows in this run).
"""
from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import astuple
from pathlib import Path

from .bench_ui import cached_database

ROWS = 10_000
LEDGER_RATIO_GOAL = 1.3
LETTERS = 1_000
LETTERS_RATIO_GOAL = 1.5
LETTERS_SECONDS_GOAL = 20.0
PROPOSALS = 1_000
PDF_LETTERS = 100
EXPORT_LETTERS = 200  # the unit of the largest meeting with about this many letters
ROW_NAMES = ("ledger", "rows", "letters", "compilation", "pdf", "export")


def best_s(action: Callable[[], object], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times)


def best_pair(ours: Callable[[], object], base: Callable[[], object], runs: int,
              tidy: Callable[[], None] | None = None) -> tuple[float, float]:
    """Best of ``runs`` for each, taking turns so a busy spell of the shared machine falls on
    both; ``tidy`` between runs, not timed."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for action, got in ((ours, times[0]), (base, times[1])):
            started = time.perf_counter()
            action()
            got.append(time.perf_counter() - started)
            if tidy:
                tidy()
    return min(times[0]), min(times[1])


class Folders:
    """A fresh folder for each run's files, removed after the run (a thousand letters are
    40 MB)."""

    def __init__(self, root: Path) -> None:
        self.root, self.made = root, 0

    def fresh(self, name: str) -> Path:
        self.made += 1
        folder = self.root / f"{name}-{self.made}"
        folder.mkdir(parents=True)
        return folder

    def tidy(self) -> None:
        for child in self.root.iterdir():
            if child.is_dir() and child.name != "keep":
                shutil.rmtree(child, ignore_errors=True)


# -- the raw python-docx baselines ----------------------------------------------------------

def raw_letter(template: Path, letter, target: Path) -> None:
    import docx

    from .doc_content import letter_paragraphs
    document = docx.Document(str(template))
    mark = document.sections[0].first_page_header.paragraphs[0]
    mark.style = "类别标识"
    mark.text = letter.category_mark
    for text, style in letter_paragraphs(letter):
        document.add_paragraph(text, style)
    document.save(str(target))


def raw_compilation(template: Path, book, target: Path) -> None:
    import docx

    from .doc_content import compilation_paragraphs
    document = docx.Document(str(template))
    for text, style, new_page in compilation_paragraphs(book):
        paragraph = document.add_paragraph(text, style)
        if new_page:
            paragraph.paragraph_format.page_break_before = True
    document.save(str(target))


def same_paragraphs(ours: Path, raw: Path) -> None:
    """The baseline writes what we write: the same texts in the same styles (checked once)."""
    import docx

    def seen(path: Path) -> list[tuple[str, str | None]]:
        document = docx.Document(str(path))
        return [(p.text.split("\t")[0].replace("\n", ""), p.style.name if p._p.style else None)
                for p in document.paragraphs]
    a, b = seen(ours), seen(raw)
    if a != b:
        diff = next(i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y) \
            if any(x != y for x, y in zip(a, b, strict=False)) else min(len(a), len(b))
        raise SystemExit(f"baseline differs from {ours.name}: {len(a)} against {len(b)} "
                         f"paragraphs, first difference at {diff}: "
                         f"{a[diff:diff + 1]} / {b[diff:diff + 1]}")


# -- the rows of the table ------------------------------------------------------------------

Row = tuple[str, str, str, float, str]


def ledger_table(database, con: sqlite3.Connection, meeting_id: str, out: Path,
                 runs: int, wanted: set[str]) -> list[Row]:
    from openpyxl import Workbook

    from desktop.exporters.ledger_xlsx import HEADERS, write_ledger
    from desktop.services import ledgers

    every: list = []

    def read() -> None:
        with database.session() as session:
            every[:] = ledgers.ledger_rows(session, meeting_id)

    def raw_read() -> None:
        con.execute(
            "SELECT a.id, p.number, p.title, p.kind, p.status, u.name, a.assigned_on, a.due_on, "
            "a.accepted_on, a.face_to_face, a.round_reason FROM assignment a JOIN proposal p "
            "ON p.id = a.proposal_id JOIN unit u ON u.id = a.unit_id WHERE a.meeting_id = ? "
            "AND a.ended IS NULL ORDER BY p.number_seq", (meeting_id,)).fetchall()

    table: list[Row] = []
    if "rows" in wanted:
        rows_s, raw_rows_s = best_pair(read, raw_read, runs)
    else:
        read()
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

    if "ledger" in wanted:
        ledger_s, raw_s = best_pair(ours, raw, runs)
        table.append((f"提案办理台账, {len(rows):,} rows × {len(HEADERS)} columns written",
                      f"{ledger_s:.2f} s",
                      f"raw openpyxl write-only, the same cells: {raw_s:.2f} s", ledger_s / raw_s,
                      f"≤ {LEDGER_RATIO_GOAL}×"))
    if "rows" in wanted:
        table.append((f"ledger rows read for the largest meeting ({len(every):,} assignments)",
                      f"{rows_s:.2f} s", f"raw sqlite3 join of the assignments: {raw_rows_s:.2f} s",
                      rows_s / raw_rows_s, "—"))
    return table


def letters_row(letters: list, folders: Folders, runs: int) -> tuple[Row, float, float]:
    from desktop.exporters import reply_letter
    from desktop.exporters.templates import REFERENCE_DIR

    template = REFERENCE_DIR / "答复函.docx"
    check = folders.fresh("check")
    reply_letter.render(letters[0]).save(str(check / "ours.docx"))
    raw_letter(template, letters[0], check / "raw.docx")
    same_paragraphs(check / "ours.docx", check / "raw.docx")

    def ours() -> None:
        folder = folders.fresh("letters")
        for i, letter in enumerate(letters):
            reply_letter.render(letter).save(str(folder / f"答复函_{i:04d}.docx"))

    def raw() -> None:
        folder = folders.fresh("raw-letters")
        for i, letter in enumerate(letters):
            raw_letter(template, letter, folder / f"raw_{i:04d}.docx")

    ours_s, raw_s = best_pair(ours, raw, runs, folders.tidy)
    n = len(letters)
    row = (f"答复函 ×{n:,}: render + save ({1000 * ours_s / n:.1f} ms a letter)", f"{ours_s:.2f} s",
           f"raw python-docx, same template, paragraphs and style names, saved: {raw_s:.2f} s "
           f"({1000 * raw_s / n:.1f} ms a letter)", ours_s / raw_s,
           f"≤ {LETTERS_RATIO_GOAL}× and ≤ {LETTERS_SECONDS_GOAL:.0f} s")
    return row, ours_s, raw_s


def profile_letters(letters: list, folders: Folders, top: int) -> None:
    """cProfile of render + save, to stderr: where a letter's time goes."""
    from desktop.exporters import reply_letter

    folder = folders.fresh("profile")
    profiler = cProfile.Profile()
    profiler.enable()
    for i, letter in enumerate(letters):
        reply_letter.render(letter).save(str(folder / f"{i}.docx"))
    profiler.disable()
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text).strip_dirs()
    print(f"\ncProfile of render + save, {len(letters)} letters (cumulative):", file=text)
    stats.sort_stats("cumulative").print_stats(top)
    print("\n… by own time:", file=text)
    stats.sort_stats("tottime").print_stats(top)
    print(text.getvalue(), file=sys.stderr)
    folders.tidy()


def compilation_row(count: int, folders: Folders, runs: int, seed: int) -> Row:
    from desktop.exporters import compilation as compilation_docx
    from desktop.exporters.templates import REFERENCE_DIR

    from .doc_content import compilation
    book = compilation(count, seed)
    chars = sum(len(t) for p in book.proposals for t in p.body) / len(book.proposals)
    template = REFERENCE_DIR / "提案汇编.docx"
    check = folders.fresh("check")
    compilation_docx.render(book).save(str(check / "ours.docx"))
    raw_compilation(template, book, check / "raw.docx")
    same_paragraphs(check / "ours.docx", check / "raw.docx")

    def ours() -> None:
        compilation_docx.render(book).save(str(folders.fresh("book") / "提案汇编.docx"))

    def raw() -> None:
        raw_compilation(template, book, folders.fresh("raw-book") / "raw.docx")

    ours_s, raw_s = best_pair(ours, raw, runs, folders.tidy)
    return (f"提案汇编 of {len(book.proposals):,} proposals (bodies ~{chars:.0f} characters): "
            f"render + save", f"{ours_s:.2f} s",
            f"raw python-docx, the same paragraphs, a new page per proposal, saved: {raw_s:.2f} s",
            ours_s / raw_s, "—")


def pdf_row(letters: list, folders: Folders, runs: int) -> Row | str:
    from desktop.exporters import pdf, reply_letter

    soffice = pdf.find_libreoffice()
    if soffice is None:
        return "PDF row skipped: LibreOffice (soffice) is not installed on this machine."
    source = folders.root / "keep" / "pdf-source"
    source.mkdir(parents=True, exist_ok=True)
    files = []
    for i, letter in enumerate(letters):
        files.append(source / f"答复函_{i:04d}.docx")
        reply_letter.render(letter).save(str(files[-1]))
    profile = folders.root / "keep" / "lo-profile"
    pdf.to_pdf(files[:1], folders.fresh("pdf-warm"), profile, soffice=soffice)  # the profile
    folders.tidy()
    failed: list = []

    def batch() -> None:
        written, bad = pdf.to_pdf(files, folders.fresh("pdf"), profile, soffice=soffice)
        failed.extend(bad)

    def single() -> None:
        pdf.to_pdf(files[:1], folders.fresh("pdf-one"), profile, soffice=soffice)

    ours_s, one_s = best_pair(batch, single, runs, folders.tidy)
    n = len(files)
    note = f"; {len(failed)} failed" if failed else ""
    return (f"PDF of {n} 答复函 in one LibreOffice process ({ours_s / n:.2f} s a letter; "
            f"{(ours_s - one_s) / (n - 1):.2f} s each beyond start-up{note})", f"{ours_s:.1f} s",
            f"LibreOffice converting the first letter alone (start-up + 1): {one_s:.1f} s",
            ours_s / one_s, "—")


def export_row(database, con: sqlite3.Connection, meeting_id: str, target: int,
               folders: Folders, runs: int) -> Row:
    from desktop.domain.actor import Actor
    from desktop.exporters.templates import REFERENCE_DIR
    from desktop.services import exports, letters
    from desktop.services.batch import write_batch

    counts = con.execute(
        "SELECT a.unit_id, u.name, count(DISTINCT a.id) FROM reply r JOIN assignment a "
        "ON a.id = r.assignment_id JOIN unit u ON u.id = a.unit_id WHERE a.meeting_id = ? "
        "AND a.ended IS NULL AND a.role IN ('lead', 'separate') GROUP BY a.unit_id",
        (meeting_id,)).fetchall()
    unit_id, unit, _ = min(counts, key=lambda c: abs(c[2] - target))
    request = exports.ExportRequest("letters", meeting_id, unit_id)
    with database.session() as session:
        contents = [letters.reply_letter(session, due.reply_id)
                    for due in letters.due_replies(session, meeting_id, unit_id)]
    template = REFERENCE_DIR / "答复函.docx"
    split: dict[str, tuple[float, float]] = {}

    def ours() -> None:
        folder = folders.fresh("export")
        started = time.perf_counter()
        with database.session() as session:
            plans = exports.plan(session, Actor.system("bench"), request)
            planned = time.perf_counter()
            report = write_batch(plans, folder)
        assert len(report.written) == len(contents), report.summary()
        total = time.perf_counter() - started
        if "best" not in split or total < sum(split["best"]):
            split["best"] = (planned - started, total - (planned - started))

    def raw() -> None:
        folder = folders.fresh("raw-export")
        for i, letter in enumerate(contents):
            raw_letter(template, letter, folder / f"raw_{i:04d}.docx")

    ours_s, raw_s = best_pair(ours, raw, runs, folders.tidy)
    plan_s, write_s = split["best"]
    n = len(contents)
    return (f"tian export letters, {unit} ({n} letters): plan {plan_s:.2f} s + write_batch "
            f"{write_s:.2f} s ({1000 * ours_s / n:.0f} ms a letter)", f"{ours_s:.2f} s",
            f"raw python-docx writing the same letters' paragraphs: {raw_s:.2f} s", ours_s / raw_s,
            "—")


def main() -> None:
    from desktop.store.database import open_database

    from .doc_content import reply_letters

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", help="demo database (default: the cached 100,000 of bench_ui)")
    parser.add_argument("--cache-dir", default=str(Path(tempfile.gettempdir()) / "tiantong-bench"))
    parser.add_argument("--runs", type=int, default=3, help="best of N (default 3)")
    parser.add_argument("--only", default=",".join(ROW_NAMES),
                        help=f"rows to measure, comma-separated from {','.join(ROW_NAMES)}")
    parser.add_argument("--letters", type=int, default=LETTERS)
    parser.add_argument("--proposals", type=int, default=PROPOSALS)
    parser.add_argument("--pdf-letters", type=int, default=PDF_LETTERS)
    parser.add_argument("--export-letters", type=int, default=EXPORT_LETTERS,
                        help="end to end: the unit whose letters number about this many")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--profile", type=int, default=0, metavar="N",
                        help="also cProfile render + save of N letters (to stderr)")
    args = parser.parse_args()
    wanted = {name.strip() for name in args.only.split(",") if name.strip()}
    if unknown := wanted - set(ROW_NAMES):
        parser.error(f"unknown rows: {', '.join(sorted(unknown))}")
    home = os.environ["TIAN_HOME"] = tempfile.mkdtemp(prefix="tian-bench-home-")
    out = Path(tempfile.mkdtemp(prefix="tian-bench-docs-"))
    folders = Folders(out)
    table: list[Row] = []
    notes: list[str] = []
    goals: list[str] = []
    try:
        database = con = meeting_id = None
        if wanted & {"ledger", "rows", "export"}:
            if args.db:
                db = Path(args.db)
            elif wanted & {"ledger", "rows"}:
                db = cached_database(100_000, Path(args.cache_dir))  # generated once if absent
            else:
                from desktop.store.schema import head_revision
                db = Path(args.cache_dir) / f"demo-100000-seed1-{head_revision()}.db"
            if db.exists():
                con = sqlite3.connect(db)
                meeting_id = con.execute("SELECT meeting_id FROM proposal GROUP BY meeting_id "
                                         "ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
                database = open_database(db)
            else:
                notes.append(f"export row skipped: no demo database at {db} "
                             "(run with ledger or rows once to generate it, or pass --db).")
        if database is not None and wanted & {"ledger", "rows"}:
            table += ledger_table(database, con, meeting_id, out, args.runs, wanted)
            if "ledger" in wanted:
                ratio = table[0][3]
                goals.append(f"ledger ≤ {LEDGER_RATIO_GOAL}×: {ratio:.2f}× — "
                             f"{'holds' if ratio <= LEDGER_RATIO_GOAL else 'MISSED'}")
        letters = reply_letters(max(args.letters, args.pdf_letters), args.seed) \
            if wanted & {"letters", "pdf"} or args.profile else []
        if "letters" in wanted:
            row, ours_s, _ = letters_row(letters[:args.letters], folders, args.runs)
            table.append(row)
            goals.append(f"letters ≤ {LETTERS_RATIO_GOAL}× raw python-docx: {row[3]:.2f}× — "
                         f"{'holds' if row[3] <= LETTERS_RATIO_GOAL else 'MISSED'}")
            goals.append(f"{len(letters[:args.letters]):,} letters ≤ {LETTERS_SECONDS_GOAL:.0f} s: "
                         f"{ours_s:.1f} s — "
                         f"{'holds' if ours_s <= LETTERS_SECONDS_GOAL else 'MISSED'}")
        if args.profile:
            profile_letters(letters[:args.profile], folders, 25)
        if "compilation" in wanted:
            table.append(compilation_row(args.proposals, folders, args.runs, args.seed))
        if "pdf" in wanted:
            got = pdf_row(letters[:args.pdf_letters], folders, args.runs)
            (notes.append if isinstance(got, str) else table.append)(got)
        if "export" in wanted and database is not None:
            table.append(export_row(database, con, meeting_id, args.export_letters, folders,
                                    args.runs))
    finally:
        for folder in (out, home):
            shutil.rmtree(folder, ignore_errors=True)
    print(f"best of {args.runs} run(s), ours and the baseline in turn\n")
    print("| figure | measured | baseline (same run) | ratio | goal |")
    print("|---|---|---|---|---|")
    for name, value, base, ratio, goal in table:
        print(f"| {name} | {value} | {base} | {ratio:.2f}× | {goal} |")
    for line in notes:
        print(f"\n{line}")
    if goals:
        print("\ngoals:")
        for line in goals:
            print(f"- {line}")


if __name__ == "__main__":
    main()
