"""提案办理征询意见表 and 提案表: the two documents laid out as ruled forms (docs/documents.md §2).

``FeedbackForm`` goes with a reply to the proposer, who ticks how the unit handled the proposal
and sends it back: one A4 page, no page number.  ``ProposalForm`` is the proposal as printed
for the archive: its particulars in a table, 内容 in full (it may run over pages, so that row
may break and the pages are numbered), then the 审查意见 with their dates.
Built by desktop.services.forms from the records; ``render_*`` lay them out on the template.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from docx.document import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table
from desktop.domain.enums import Rating
from desktop.wording.dates import chinese_date
from desktop.wording.labels import label

from .docx_layout import SIZES, off_the_grid, official_page, page_numbers
from .docx_table import grid_table, open_sides
from .docx_writer import Writer
from .paragraphs import write_runs
from .templates import load

BOX = "□"  # the box the proposer ticks: in GB2312, so 仿宋_GB2312 prints it (☐ is not)
RATINGS = tuple(map(label, Rating))  # the boxes of 办理结果 on the form, in the office's order
BLANK_DATE = "　　年　　月　　日"  # filled in by hand


@dataclass(frozen=True)
class FeedbackForm:
    heading: str  # 政协××县第十届委员会第二次会议
    number: str  # 第12号 (收文0003号 before filing)
    title: str  # 案由
    proposers: str  # 张三 / 张三（领衔）、李四、王五 / 民盟××县委
    unit: str  # 县教育局（主办）；协办：县财政局
    category: str  # A（已解决或基本解决）
    replied_on: date
    face_to_face: bool  # 是否面商
    return_note: str  # where and by when the form goes back
    unit_name: str = ""  # for the file name


@dataclass(frozen=True)
class ReviewOpinion:
    level: str  # 初审 / 复审 / 终审
    opinion: str  # 立案。建议承办单位：县教育局 / 不予立案。理由：……
    on: date | None


@dataclass(frozen=True)
class ProposalForm:
    heading: str  # 政协××县第十届委员会第二次会议
    number_label: str  # 提案号, or 收文号 before filing
    number: str
    kind: str  # 大会提案 / 平时提案
    title: str
    lead: str  # 领衔提案人: a member, or the organisation of a collective proposal
    cosigners: str  # 联名提案人: 李四、王五
    sector: str  # 界别
    phone: str
    address: str
    body: list[str]
    reviews: list[ReviewOpinion] = field(default_factory=list)
    received_on: date | None = None  # 收文日期
    category: str = ""  # 类别 (教育、卫生 …), once the review has given one
    units: str = ""  # 承办单位: 主办：县教育局；协办：县财政局


@dataclass(frozen=True)
class _Cell:
    text: str
    label: bool = False  # a label in 表头, else a value in 表格文字
    span: int = 1
    top: bool = False  # text from the top of the cell (a space to write in), else centred


_Row = tuple[list[_Cell], float | None]  # the cells and the least height in mm


def off_grid(paragraph) -> None:
    """Off the 22 × 28 document grid, which is made for 16 pt body text: on it each 14 pt table
    line takes two grid lines in LibreOffice and the form no longer fits its page (Word's
    对齐到网格 unticked, as offices do in tables).  Titles too, whatever the template says."""
    ppr = paragraph._p.get_or_add_pPr()
    if ppr.find(qn("w:snapToGrid")) is None:
        off_the_grid(ppr)


def _table(document: Document, widths: list[float], rows: list[_Row]) -> Table:
    """A ruled form on ``grid_table``: labels in 表头, values in 表格文字, spans merged."""
    expanded = []
    for cells, _ in rows:
        line = []
        for cell in cells:
            line += [cell.text] + [""] * (cell.span - 1)
        assert len(line) == len(widths), line
        expanded.append(line)
    table = grid_table(document, widths, None, expanded)
    for row, (cells, height) in zip(table.rows, rows):
        if height:
            row.height, row.height_rule = Mm(height), WD_ROW_HEIGHT_RULE.AT_LEAST
        start, slots = 0, row.cells
        for spec in cells:
            target = slots[start]
            if spec.span > 1:
                for swallowed in slots[start + 1:start + spec.span]:  # no empty lines moved in
                    for run in swallowed._tc.findall(f"{qn('w:p')}/{qn('w:r')}"):
                        run.getparent().remove(run)
                target = target.merge(slots[start + spec.span - 1])
            if spec.label:
                for paragraph in target.paragraphs:
                    paragraph.style = document.styles["表头"]
            for paragraph in target.paragraphs:
                off_grid(paragraph)
            target.vertical_alignment = (WD_CELL_VERTICAL_ALIGNMENT.TOP if spec.top
                                         else WD_CELL_VERTICAL_ALIGNMENT.CENTER)
            start += spec.span
    return table


def _heading(document: Document, lines: list[str]) -> None:
    first = document.paragraphs[0] if document.paragraphs else document.add_paragraph()
    first.style = document.styles["公文标题"]
    first.text = lines[0]
    off_grid(first)
    for line in lines[1:]:
        off_grid(document.add_paragraph(line, "公文标题"))


def _boxes() -> str:
    return "　　".join(f"{BOX}{word}" for word in RATINGS)


# label | value | label | value; the date takes two of the last columns, the category two
# of the middle ones (a 14 pt character is 4.9 mm, with the space Word puts around digits)
FEEDBACK_WIDTHS = [29.0, 52.0, 25.0, 25.0, 25.0]


def render_feedback(form: FeedbackForm, template: Path | None = None) -> Document:
    document = load("征询意见表", template)
    official_page(document.sections[0])  # one A4 page, no page number
    _heading(document, [form.heading, "提案办理征询意见表"])
    off_grid(document.add_paragraph("", "表格文字"))
    label, value = (lambda t: _Cell(t, label=True)), _Cell
    rows: list[_Row] = [
        ([label("提案号"), value(form.number), label("答复日期"),
          value(chinese_date(form.replied_on), span=2)], 11),
        ([label("案由"), value(form.title, span=4)], 11),
        ([label("提案人"), value(form.proposers, span=4)], 11),
        ([label("承办单位"), value(form.unit, span=4)], 11),
        ([label("答复类别"), value(form.category, span=2), label("是否面商"),
          value("是" if form.face_to_face else "否")], 11),
        ([label("办理态度"), value(_boxes(), span=4)], 11),
        ([label("办理结果"), value(_boxes(), span=4)], 11),
        ([label("意见和建议"), _Cell("", span=4, top=True)], 62),
        ([label("提案人签名"), value(""), label("日期"), value(BLANK_DATE, span=2)], 14),
    ]
    _table(document, FEEDBACK_WIDTHS, rows)
    note = f"注：请在相应的{BOX}内打“√”。{form.return_note}"
    off_grid(document.add_paragraph(note, "表格文字"))
    return document


PROPOSAL_WIDTHS = [30.0, 56.0, 26.0, 44.0]


def render_proposal(form: ProposalForm, template: Path | None = None) -> Document:
    document = load("提案表", template)
    section = document.sections[0]
    official_page(section)
    page_numbers(document, section, first_page=False)  # numbered when 内容 runs over pages
    _heading(document, [form.heading, "提　案"])
    off_grid(document.add_paragraph("", "表格文字"))
    label, value = (lambda t, span=1: _Cell(t, label=True, span=span)), _Cell
    received = chinese_date(form.received_on) if form.received_on else ""
    rows: list[_Row] = [
        ([label(form.number_label), value(form.number), label("提案类型"), value(form.kind)],
         11),
        ([label("收文日期"), value(received), label("类别"), value(form.category)], 11),
        ([label("案由"), value(form.title, span=3)], 11),
        ([label("领衔提案人"), value(form.lead), label("界别"), value(form.sector)], 11),
        ([label("联名提案人"), value(form.cosigners, span=3)], 11),
        ([label("联系电话"), value(form.phone), label("通讯地址"), value(form.address)], 11),
        ([label("承办单位"), value(form.units, span=3)], 11),
        ([label("内容", span=4)], 11),
    ]
    content = len(rows) - 1  # the 内容 label's row, a row for each paragraph under it
    points = form.body or [""]
    rows += [([_Cell("", span=4, top=True)], 0 if form.body else 40) for _ in points]
    rows.append(([label("审查意见", span=4)], 11))
    opinions = len(rows)
    reviews = form.reviews or [ReviewOpinion("", "", None)]  # a blank space to fill by hand
    for review in reviews:
        dated = f"{review.opinion}\n{chinese_date(review.on)}" if review.on else review.opinion
        rows.append(([label(review.level), value(dated, span=3)], 22))
    table = _table(document, PROPOSAL_WIDTHS, rows)
    out = Writer(document)
    # 内容 runs over pages a paragraph at a time: a row each, unsplit (no point leaves a line
    # alone at a page's foot), ruled as one cell
    body = table.rows[content + 1:opinions - 1]
    for n, (row, text) in enumerate(zip(body, points)):
        paragraph = row.cells[0].paragraphs[0]
        for run in paragraph.runs:
            run._r.getparent().remove(run._r)
        write_runs(out, paragraph, text)
        paragraph.paragraph_format.first_line_indent = Pt(SIZES["四号"].pt * 2)
        open_sides(row.cells[0], top=n > 0, bottom=n < len(body) - 1)
    for heading in (table.rows[content], table.rows[opinions - 1]):  # not left at a page foot
        heading.cells[0].paragraphs[0].paragraph_format.keep_with_next = True
    for row in table.rows[opinions:opinions + len(form.reviews)]:
        row.cells[1].paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.RIGHT  # the date
    return document
