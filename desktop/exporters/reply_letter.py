"""答复函: the unit's reply to the proposer in the letter format of GB/T 9704 (docs/documents.md §2).

``ReplyLetter`` is what the letter says, built by desktop.services.letters from the records;
``render`` lays it out on the office's template.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from desktop.wording.dates import chinese_date

from .docx_layout import SIZES, at_page_foot, full_width_rule, page_numbers, text_width
from .docx_writer import Writer
from .templates import load


@dataclass(frozen=True)
class ReplyLetter:
    unit: str  # the answering unit, at the head in red and in the signature
    doc_number: str  # 发文字号: 县教函〔2023〕12号
    category_mark: str  # printed at the upper right of the first page: "A" or "类别：A"
    title: str  # 关于政协××县第十届委员会第二次会议第123号提案的答复
    salutation: str  # 张三委员： / 张三等委员： / 民盟××县委：
    opening: str  # 您提出的《关于……的提案》收悉。现答复如下：
    body: list[str]
    signed_on: date
    closing: str = "衷心感谢您对我们工作的关心和支持，欢迎继续提出宝贵意见和建议。"
    assisting: str = ""  # 本件由县教育局会同县财政局办理。
    signer: str | None = None  # printed when the office asks for it
    disclosure: str | None = None  # 公开属性, likewise
    contact_person: str = ""
    contact_phone: str = ""
    copies_to: list[str] = field(default_factory=list)  # 抄送


def render(letter: ReplyLetter, template: Path | None = None) -> Document:
    document = load("答复函", template)
    section = document.sections[0]
    page_numbers(document, section, first_page=False)
    # the category mark: upper right of the first page, in the first page's header only
    mark = section.first_page_header.paragraphs[0]
    mark.style = document.styles["类别标识"]
    mark.text = letter.category_mark
    mark.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    out = Writer(document)
    add = out.add
    if document.paragraphs:  # the template's own empty first paragraph takes the unit's name
        head = document.paragraphs[0]
        head._p.style = out.ids["发文机关标志"]
        head.text = letter.unit
    else:
        add(letter.unit, "发文机关标志")
    full_width_rule(add("", "公文正文"))
    add(letter.doc_number, "发文字号")
    for label, value in (("签发人", letter.signer), ("公开属性", letter.disclosure)):
        if value:
            add(f"{label}：{value}", "发文字号")
    add("", "公文正文")
    add(letter.title, "公文标题")
    add("", "公文正文")
    add(letter.salutation, "公文称呼")
    add(letter.opening, "公文正文")
    for text in letter.body:
        add(text, "公文正文")
    if letter.assisting:
        add(letter.assisting, "公文正文")
    add(letter.closing, "公文正文")
    if letter.contact_person or letter.contact_phone:
        add("", "公文正文")
        add(f"联系人：{letter.contact_person}　　联系电话：{letter.contact_phone}", "公文正文")
    add("", "公文正文")  # the seal reaches up to within a line of the text
    signed = chinese_date(letter.signed_on)
    # the date four characters in from the right edge, the unit's name centred over it
    centred = 4 + max(0.0, (text_width(signed) - text_width(letter.unit)) / 2)
    add(letter.unit, "公文落款").paragraph_format.right_indent = Pt(SIZES["三号"].pt * centred)
    add(signed, "公文落款").paragraph_format.right_indent = Pt(SIZES["三号"].pt * 4)
    if letter.copies_to:
        copies = add(f"抄送：{'，'.join(letter.copies_to)}。", "版记")
        full_width_rule(copies, colour="000000", thick_over_thin=False, extra=Pt(0),
                        sides=("top", "bottom"))
        at_page_foot(copies)
    return document
