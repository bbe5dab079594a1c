"""Every kind of document a demo county exports, printed (LibreOffice) and read page by page as
the office reads it: no page left with only the signature, no heading at a page's foot, titles
broken between words, the letter format's marks, no ### in a printed workbook, and a PDF for
every file."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from desktop.domain.actor import Actor
from desktop.exporters import pdf
from desktop.exporters.reply_letter import ReplyLetter
from desktop.local.paths import base_data_dir
from desktop.services import base_data, demo, setup
from desktop.services.batch import write_batch
from desktop.services.exports import DOCUMENT_KINDS, ExportRequest, plan
from desktop.store.database import open_database
from desktop.store.models import Meeting
from tests.exporters.print_proof import (
    MM, Line, Page, broken_words, closing_alone, heading_at_foot, read_pages, red_rules,
    title_words,
)

pytestmark = pytest.mark.libreoffice
TODAY = date(2026, 11, 23)  # pinned: the same demo office every day
DATE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日")
THANKS = ReplyLetter.__dataclass_fields__["closing"].default  # a letter's closing words


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """A demo county of 60 proposals: every kind exported (the answered meeting's letters,
    forms, proposals, compilation and ledgers; the current meeting's notices as of today), then
    every file printed to PDF in one batch, as ``tian export … --pdf`` does, and read back:
    {kind: [(file name, its pages, its PDF)]}."""
    folder = tmp_path_factory.mktemp("printed")
    db = open_database(folder / "office.db", create=True)
    session = db.session()
    setup.initialize(session, "政协示范县委员会", "admin123", base_dir=base_data_dir())
    demo.generate(session, Actor.system("演示数据"), 60, seed=11, today=TODAY)
    current = base_data.current_meeting(session)
    answered = session.query(Meeting).filter(Meeting.id != current.id).one()
    admin = Actor.system("打印检查")
    files: dict[str, list[Path]] = {}
    for kind in DOCUMENT_KINDS.values():
        meeting = current if kind.key == "notices" else answered
        request = ExportRequest(kind.key, "" if kind.every_meeting else meeting.id, today=TODAY)
        out = folder / kind.key
        report = write_batch(plan(session, admin, request), out)
        files[kind.key] = sorted(report.written)
    session.close()
    db.close()
    every = [p for paths in files.values() for p in paths]
    pdfs, failed = pdf.to_pdf(every, folder / "pdf", folder / "profile")
    made = {p.stem: p for p in pdfs}
    assert not failed and [p.name for p in every if p.stem not in made] == []
    return {key: [(path.name, read_pages(made[path.stem]), made[path.stem]) for path in paths]
            for key, paths in files.items()}


def pages_of(printed, key: str) -> list[tuple[str, list[Page], Path]]:
    return printed[key]


def closing(line: Line, page: Page) -> bool:
    """The closing block as printed: signature and date at the right, the 附注, the 版记 (抄送,
    印发) at the page's foot — what may not stand on a page without the body."""
    text = line.text
    at_foot = line.top > page.height - 35 * MM - 2 * 29 and line.height < 19
    return bool(DATE.fullmatch(text) or text.startswith(("（此件", "抄送")) or
                text.endswith("印发") or at_foot or text in THANKS or
                (line.left > page.width * 0.45 and not re.search("[。，；]", text)))


def test_every_file_of_every_kind_is_printed(printed):
    assert set(printed) == set(DOCUMENT_KINDS)
    counts = {key: len(paths) for key, paths in printed.items()}
    assert all(counts.values()), f"every kind has files to print: {counts}"


@pytest.mark.parametrize("key", ["letters", "notices", "forms", "proposals", "compilation",
                                 "report"])
def test_no_page_holds_only_the_closing_block_and_no_heading_ends_a_page(printed, key):
    problems = []
    for name, pages, _ in pages_of(printed, key):
        problems += [f"{name} {p}" for p in closing_alone(pages, closing)]
        problems += [f"{name} {p}" for p in heading_at_foot(pages)]
    assert problems == []


@pytest.mark.parametrize("key", ["letters", "notices", "report"])
def test_titles_break_only_between_words(printed, key):
    problems, seen = [], 0
    for name, pages, _ in pages_of(printed, key):
        first = pages[0].body()
        title = [line.text for line in first if 25 <= line.height <= 32]
        assert title, f"{name}: no title on the first page"
        seen += len(title) > 1
        problems += [f"{name}: {p}" for p in broken_words(title, title_words)]
    assert problems == [] and seen, "titles of two lines were among those checked"


def test_the_compilations_titles_break_only_between_words(printed):
    [(name, pages, _)] = pages_of(printed, "compilation")
    problems, titles = [], 0
    for page in pages:
        lines = page.body()
        opening = [i for i, line in enumerate(lines[:3]) if re.fullmatch(r"第\d+号", line.text)]
        if not opening:
            continue  # the cover, the contents, a proposal's second page
        title = [line.text for line in lines[opening[0] + 1:] if 25 <= line.height <= 32]
        titles += 1
        problems += [f"第{page.number}页：{p}" for p in broken_words(title, title_words)]
    assert titles >= 10 and problems == []


def test_each_letter_is_in_the_letter_format(printed):
    for name, pages, made in pages_of(printed, "letters"):
        first = pages[0]
        mark = first.lines[0]
        assert re.fullmatch(r"[ABCD]", mark.text) and mark.top < 37 * MM, name
        assert mark.right == pytest.approx((210 - 26) * MM, abs=3), name
        assert not any(re.fullmatch(r"—\s*1\s*—", x.text) for x in first.lines), name
        head, foot = red_rules(made, 1, dpi=50)
        assert head[0] < 80 and 297 - foot[0] == pytest.approx(20, abs=1.5), name
        assert not any(x.text.startswith("签发人") for p in pages for x in p.lines), name
        last = pages[-1].lines
        assert any(x.text == "（此件公开发布）" for x in last), f"{name}: the 附注"


def test_each_notice_has_the_offices_head(printed):
    for name, pages, made in pages_of(printed, "notices"):
        first = pages[0]
        assert first.lines[0].text == "政协示范县委员会" and first.lines[0].height > 30, name
        if name.startswith("交办通知"):
            assert re.fullmatch(r"示范县政协提〔\d{4}〕\d+号", first.lines[1].text), name
            assert any(x.text.endswith("印发") for p in pages for x in p.lines), name
            [rule] = red_rules(made, 1, dpi=50)
            assert rule[0] < first.lines[1].bottom / MM + 8, f"{name}: the red rule under it"


@pytest.mark.parametrize("key", ["ledger", "stats", "reply_ledgers"])
def test_a_printed_workbook_shows_every_value(printed, key):
    for name, pages, _ in pages_of(printed, key):
        assert pages, name
        text = "\n".join(page.text() for page in pages)
        assert "###" not in text, f"{name}: a column too narrow for its dates or numbers"
        assert all(page.width > page.height for page in pages), f"{name}: landscape"
