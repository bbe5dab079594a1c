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

from .docx_layout import SIZES, page_numbers, text_width
from .heads import letter_copies, letter_foot_rule, letter_head
from .paragraphs import add_body, add_title, keep_whole, keep_with_next, last_with_headings
from .docx_writer import Writer
from .templates import load


@dataclass(frozen=True)
class ReplyLetter:
    unit: str  # the answering unit, at the head in red and in the signature
    doc_number: str  # 发文字号: 县教函〔2023〕12号
    category_mark: str  # printed at the upper right of the first page: "A" or "类别：A"
    title: str  # 关于政协××县第十届委员会第二次会议第123号提案的答复 (…二次办理的答复)
    salutation: str  # 张三委员： / 张三等委员： / 民盟××县委：
    opening: str  # 您提出的《关于……的提案》收悉。现答复如下：
    body: list[str]
    signed_on: date
    closing: str = "衷心感谢您对我们工作的关心和支持，欢迎继续提出宝贵意见和建议。"
    assisting: str = ""  # 本件由县教育局会同县财政局办理。
    disclosure: str | None = None  # the 附注 under the date: 此件公开发布 (when the office asks)
    contact_person: str = ""
    contact_phone: str = ""
    copies_to: list[str] = field(default_factory=list)  # 抄送


TITLE_CHARS = 19  # 2号 characters a title line holds in the 156 mm text width, less one


def render(letter: ReplyLetter, template: Path | None = None) -> Document:
    document = load("答复函", template)
    section = document.sections[0]
    page_numbers(document, section, first_page=False)
    # the category mark: upper right of the first page, in the first page's header only
    mark = section.first_page_header.paragraphs[0]
    mark.style = document.styles["类别标识"]
    mark.text = letter.category_mark
    mark.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    letter_foot_rule(section.first_page_footer.paragraphs[0])

    out = Writer(document)
    add = out.add
    letter_head(out, letter.unit, letter.doc_number)
    add("", "公文正文")
    add_title(out, letter.title, TITLE_CHARS)
    add("", "公文正文")
    add(letter.salutation, "公文称呼")
    texts = [letter.opening, *letter.body, *filter(None, [letter.assisting])]
    start = last_with_headings(texts)
    add_body(out, texts[:start])
    if letter.copies_to:  # a frame at the page's foot, anchored to the body's last paragraph,
        letter_copies(add(f"抄送：{'，'.join(letter.copies_to)}。", "版记"))  # on its page
    # the body's last paragraph, whole, with its headings, and the thanks go with the signature
    # and date: no page holds only the closing (a frame between two paragraphs breaks
    # LibreOffice's keep chain, so the 抄送 is anchored before the chain begins)
    closing = [*add_body(out, texts[start:]), add(letter.closing, "公文正文")]
    if letter.contact_person or letter.contact_phone:
        closing.append(add("", "公文正文"))
        closing.append(add(f"联系人：{letter.contact_person}　　联系电话：{letter.contact_phone}",
                           "公文正文"))
    closing.append(add("", "公文正文"))  # the seal reaches up to within a line of the text
    signed = chinese_date(letter.signed_on)
    # the date four characters in from the right edge, the unit's name centred over it
    centred = 4 + max(0.0, (text_width(signed) - text_width(letter.unit)) / 2)
    signature = add(letter.unit, "公文落款")
    signature.paragraph_format.right_indent = Pt(SIZES["三号"].pt * centred)
    closing.append(signature)
    dated = add(signed, "公文落款")
    dated.paragraph_format.right_indent = Pt(SIZES["三号"].pt * 4)
    if letter.disclosure:  # the 附注: two characters in, on the line below the date
        closing.append(dated)
        dated = add(f"（{letter.disclosure}）", "公文正文")
    keep_with_next(*closing)
    keep_whole(*closing)
    return document
