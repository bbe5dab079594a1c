"""提案汇编: a meeting's filed proposals in one book (docs/documents.md §2).

Three sections: the cover (no header, no number), the contents (numbered — I —, — II — …) and
the proposals (numbered from — 1 —, the meeting's name as running header), each proposal on a
new page.  A contents entry's page number is a PAGEREF field to a bookmark at the proposal's
start; its shown value is estimated from the 22 × 28 grid (LibreOffice computes it itself; Word
shows it until 更新域 — asking Word to update fields on opening made it ask the clerk a question
about linked files every time).  A thousand proposals are written straight into the body's
XML, not through python-docx's per-paragraph look-ups.
"""
from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Length, Pt
from docx.text.paragraph import Paragraph
from desktop.wording.dates import chinese_date

from .docx_layout import CHARS, LINES, SIZES, full_width_rule, page_numbers
from .docx_writer import Writer
from .paragraphs import add_body, add_title, keep_with_next
from .templates import load

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class CompiledProposal:
    number: str  # 第12号, as printed
    title: str  # 案由
    proposers: str  # 张三 / 张三（领衔）、李四、王五 / 民盟××县委
    sector: str  # 界别, empty when none
    body: list[str]  # 内容, one paragraph per stored line
    units: str = ""  # 县教育局（主办）；县财政局（协办）, empty before 交办


@dataclass(frozen=True)
class CategoryGroup:
    heading: str  # 一、经济建设（25件）
    proposals: list[CompiledProposal]


@dataclass(frozen=True)
class Compilation:
    meeting: str  # 政协××县第十届委员会第二次会议: the cover and the running header
    office: str  # 政协××县委员会提案委员会
    compiled_on: date
    groups: list[CategoryGroup] = field(default_factory=list)
    unnumbered: int = 0  # filed proposals still without 提案号, left out (the screen says so)

    @property
    def proposals(self) -> list[CompiledProposal]:
        return [p for group in self.groups for p in group.proposals]


# -- the layout estimate -----------------------------------------------------------------------

TITLE_CHARS = 20  # 二号 characters in the 156 mm line
_NARROW = re.compile("[\x00-\u1fff]")


def cells(text: str) -> float:
    """Grid cells a line of text takes: a Chinese character one, a Latin letter or digit half."""
    return len(text) - 0.5 * len(_NARROW.findall(text))


def _rows(text: str, per_line: int = CHARS, indent: int = 0) -> int:
    return max(1, math.ceil((indent + cells(text)) / per_line))


def pages(proposal: CompiledProposal) -> int:
    """Pages a proposal fills in Word on the 22 × 28 grid: the number, the title, a blank line,
    提案人 and 界别, a blank line, the body (indented two characters), 承办单位 after a blank."""
    rows = 1 + _rows(proposal.title, TITLE_CHARS) + 1 + _rows(f"提案人：{proposal.proposers}")
    rows += _rows(f"界别：{proposal.sector}") if proposal.sector else 0
    rows += 1 + sum(_rows(text, indent=2) for text in proposal.body)
    rows += 1 + _rows(f"承办单位：{proposal.units}") if proposal.units else 0
    return max(1, math.ceil(rows / LINES))


def start_pages(compilation: Compilation) -> list[int]:
    """The page each proposal starts on, counted from the first proposal's page as 1."""
    starts, page = [], 1
    for proposal in compilation.proposals:
        starts.append(page)
        page += pages(proposal)
    return starts


# -- writing -----------------------------------------------------------------------------------

def bookmark_name(index: int) -> str:
    """Hidden (leading underscore), like the bookmarks of Word's own contents."""
    return f"_Toc_{index:06d}"


def close_section(out: Writer, last: Paragraph, number_format: str | None) -> Section:
    """End a section at ``last`` with the template's page; its own (restarted) numbers."""
    sect = out.end.clone()
    for ref in sect.xpath("w:headerReference|w:footerReference"):
        sect.remove(ref)
    last._p.set_sectPr(sect)
    if number_format:
        restart(sect, number_format)
    return Section(sect, out.document.part)


def restart(sect, number_format: str = "decimal") -> None:
    """Page numbers of this section start again at 1, in ``number_format``."""
    numbering = sect.find(qn("w:pgNumType"))
    if numbering is None:
        numbering = OxmlElement("w:pgNumType")
        sect.insert_element_before(numbering, "w:cols", "w:formProt", "w:vAlign", "w:noEndnote",
                                   "w:titlePg", "w:textDirection", "w:bidi", "w:rtlGutter",
                                   "w:docGrid", "w:printerSettings", "w:sectPrChange")
    numbering.set(qn("w:fmt"), number_format)
    numbering.set(qn("w:start"), "1")


def _bookmark(paragraph: Paragraph, index: int) -> None:
    start = OxmlElement("w:bookmarkStart", {qn("w:id"): str(index),
                                             qn("w:name"): bookmark_name(index)})
    end = OxmlElement("w:bookmarkEnd", {qn("w:id"): str(index)})
    paragraph._p.insert(1, start)  # after the pPr, before the text
    paragraph._p.append(end)


def _pageref(paragraph: Paragraph, bookmark: str, shown: str) -> None:
    """PAGEREF to ``bookmark`` (\\h: a link in Word), showing ``shown`` until it is updated."""
    run = paragraph.add_run()._r
    for kind in ("begin", "instr", "separate", "shown", "end"):
        if kind == "instr":
            code = OxmlElement("w:instrText", {qn("xml:space"): "preserve"})
            code.text = f" PAGEREF {bookmark} \\h "
            run.append(code)
        elif kind == "shown":
            text = OxmlElement("w:t")
            text.text = shown
            run.append(text)
        else:
            run.append(OxmlElement("w:fldChar", {qn("w:fldCharType"): kind}))


def _cover(out: Writer, compilation: Compilation) -> Paragraph:
    """Centred on the page by blank lines: the meeting, 提案汇编, the office and the date."""
    for _ in range(3):
        out.add()
    add_title(out, compilation.meeting, TITLE_CHARS - 1)
    out.add()
    out.add()
    heading = out.add("提案汇编", "公文标题")
    heading.runs[0].font.size = SIZES["初号"]  # the book's name, larger than a title
    for _ in range(6):
        out.add()
    for text in (compilation.office, chinese_date(compilation.compiled_on)):
        out.add(text, "公文称呼").alignment = WD_ALIGN_PARAGRAPH.CENTER
    return out.add()


def _contents(out: Writer, compilation: Compilation, width: Length) -> Paragraph:
    """目录: each category's heading, then 第N号 案由 ……… page, the page a PAGEREF field."""
    out.add("目　录", "公文标题")
    last = out.add()
    starts = iter(start_pages(compilation))
    # a wrapped 案由 hangs under the first line's 案由, clear of the page numbers' column
    numbers = max((cells(f"{p.number}　") for p in compilation.proposals), default=0)
    char = SIZES["三号"].pt
    index = 0
    for group in compilation.groups:
        last = out.add(group.heading, "一级标题")
        keep_with_next(last)  # never alone at the foot of a contents page
        for proposal in group.proposals:
            index += 1
            last = out.add(f"{proposal.number}　{proposal.title}\t", "目录")
            fmt = last.paragraph_format
            fmt.left_indent, fmt.first_line_indent = Pt(char * numbers), Pt(-char * numbers)
            fmt.right_indent = Pt(char * 2)
            fmt.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
            _pageref(last, bookmark_name(index), str(next(starts)))
    return last


def _proposal(out: Writer, proposal: CompiledProposal, index: int) -> None:
    number = out.add(proposal.number, "一级标题")
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    number.paragraph_format.first_line_indent = Pt(0)
    number.paragraph_format.page_break_before = True
    _bookmark(number, index)
    add_title(out, proposal.title, TITLE_CHARS - 1)  # broken between words, not by Word
    out.add()
    out.add(f"提案人：{proposal.proposers}", "公文称呼")
    if proposal.sector:
        out.add(f"界别：{proposal.sector}", "公文称呼")
    out.add()
    add_body(out, proposal.body)
    if proposal.units:
        out.add()
        out.add(f"承办单位：{proposal.units}", "公文称呼")


def _running_header(document: Document, section: Section, text: str) -> None:
    """The meeting's name over a thin rule, on odd and even pages alike."""
    for header in (section.header, section.even_page_header):
        header.is_linked_to_previous = False
        paragraph = header.paragraphs[0]
        paragraph.style = document.styles["页眉文字"]
        paragraph.text = text
        full_width_rule(paragraph, colour="000000", thick_over_thin=False, extra=Pt(0))


def render(compilation: Compilation, template: Path | None = None,
           progress: Progress | None = None) -> Document:
    """The whole book in one pass; ``progress(done, total)`` after each proposal (it may raise
    to cancel, and the exception goes to the caller)."""
    document = load("提案汇编", template)
    body = document.element.body
    for old in list(body):  # the template's page set-up stays, its sample text goes
        if old.tag != qn("w:sectPr"):
            body.remove(old)
    out = Writer(document)
    close_section(out, _cover(out, compilation), None)
    end = document.sections[-1]
    width = Length(end.page_width - end.left_margin - end.right_margin)
    contents = close_section(out, _contents(out, compilation, width), "upperRoman")
    page_numbers(document, contents)
    proposals = document.sections[-1]
    restart(proposals._sectPr)
    _running_header(document, proposals, compilation.meeting)
    page_numbers(document, proposals)
    total = len(compilation.proposals)
    for index, proposal in enumerate(compilation.proposals, start=1):
        _proposal(out, proposal, index)
        if progress is not None:
            progress(index, total)
    return document
