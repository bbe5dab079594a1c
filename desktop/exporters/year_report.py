"""The year's report drafted from the data ("关于…以来提案工作情况的报告"): the figures in the
office's sentences and tables, the narrative left to the writer in marked places (【…】 on a
yellow ground, which a clerk sees at once and Word's 查找 finds).

``ReportDraft`` is what the report says, built by desktop.services.year_report; ``render``
lays it out on the standard's page.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.shared import Pt

from desktop.wording.dates import chinese_date

from .docx_layout import SIZES, page_numbers
from .docx_table import grid_table
from .docx_writer import Writer
from .paragraphs import add_body, add_title, keep_whole, keep_with_next
from .templates import load

TITLE_CHARS = 19


@dataclass(frozen=True)
class Block:
    """One piece of the report: a heading (一、…), a paragraph of figures, a place for the
    writer, or a table (its first row the header)."""

    kind: str  # heading / text / writer / table
    text: str = ""
    rows: tuple[tuple[str, ...], ...] = ()
    widths: tuple[float, ...] = ()  # mm, the table's columns (156 in all)


@dataclass(frozen=True)
class ReportDraft:
    title: str  # 关于政协××县第十届委员会第二次会议以来提案工作情况的报告
    issuer: str  # 政协××县委员会提案委员会
    drafted_on: date
    blocks: list[Block] = field(default_factory=list)


def writer_place(paragraph) -> None:
    """A place left for the writer: its words on a yellow ground."""
    for run in paragraph.runs:
        run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def render(draft: ReportDraft, template: Path | None = None) -> Document:
    document = load("工作报告", template)
    page_numbers(document, document.sections[0])
    out = Writer(document)
    if document.paragraphs and not document.paragraphs[0].text:
        document.paragraphs[0]._p.getparent().remove(document.paragraphs[0]._p)
    add_title(out, draft.title, TITLE_CHARS)
    subtitle = out.add(f"（草稿，{chinese_date(draft.drafted_on)}据统计数据生成）", "公文称呼")
    subtitle.alignment = WD_ALIGN_PARAGRAPH.CENTER
    out.add("", "公文正文")
    for block in draft.blocks:
        if block.kind == "table":
            header, *rows = block.rows
            grid_table(document, block.widths, header, rows, cell_style="清单文字")
            out.add("", "公文正文")
        elif block.kind == "writer":
            writer_place(out.add(block.text, "公文正文"))
        else:
            add_body(out, [block.text])
    out.add("", "公文正文")
    signature = out.add(draft.issuer, "公文落款")
    signature.paragraph_format.right_indent = Pt(SIZES["三号"].pt * 2)
    dated = out.add(chinese_date(draft.drafted_on), "公文落款")
    dated.paragraph_format.right_indent = Pt(SIZES["三号"].pt * 4)
    keep_with_next(signature)
    keep_whole(signature, dated)
    return document
