"""The committee's notices (docs/documents.md §2): 交办通知 with its 交办清单, the notice of 不予立案 /
转为意见建议 to the proposer, and 催办通知 with the unit's overdue items.

Each is a content dataclass, built by desktop.services.notices from the records, and a renderer
that lays it out on the office's template: a portrait notice in the standard's page and, where
there is a list, the list as an attachment (附件) on A4 landscape pages of its own.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from docx.document import Document
from docx.enum.section import WD_SECTION
from docx.oxml.ns import qn
from docx.shared import Pt
from desktop.wording.dates import chinese_date

from .docx_layout import SIZES, official_page, page_numbers
from .docx_table import grid_table
from .docx_writer import Writer
from .heads import imprint, notice_head
from .paragraphs import add_body, add_title, keep_whole, keep_with_next, last_with_headings
from .templates import load

# A4 landscape leaves 297 - 28 - 26 = 243 mm of text width for the lists
LIST_HEADER = ("序号", "提案号", "案由", "领衔提案人", "办理方式", "协办或主办单位", "办理时限")
LIST_WIDTHS = (14, 24, 63, 30, 24, 48, 40)
OVERDUE_HEADER = ("序号", "提案号", "案由", "办理方式", "交办日期", "办理时限", "逾期天数")
OVERDUE_WIDTHS = (14, 24, 77, 24, 40, 40, 24)


@dataclass(frozen=True)
class ListedProposal:
    """One line of a unit's 交办清单."""

    number: str  # 提案号
    title: str  # 案由
    lead_proposer: str
    role: str  # 主办 / 协办 / 分办
    partners: str  # 主办: its 协办 units; 协办: the 主办 unit; 分办: the other 分办 units
    due_on: date  # 办理时限


@dataclass(frozen=True)
class AssignmentNotice:
    """交办通知 to one unit, with its 交办清单 attached."""

    issuer: str  # the office: the red head and the signature
    unit: str
    title: str  # 关于交办政协××县第十届委员会第二次会议提案的通知
    doc_number: str  # the 交办 day's: 清河县政协提〔2023〕2号
    salutation: str  # 县教育局：
    body: list[str]
    signed_on: date  # the 交办 day
    list_title: str  # 政协××县第十届委员会第二次会议提案交办清单
    items: list[ListedProposal]
    printer: str = ""  # the 版记's 印发机关: 政协××县委员会办公室
    contact_person: str = ""
    contact_phone: str = ""


@dataclass(frozen=True)
class ReviewNotice:
    """不予立案 / 转为意见建议: the review's outcome, with its reason, told to the proposer."""

    issuer: str
    proposal: str  # 收文0012号: for the file name and the clerk, not printed
    title: str
    salutation: str  # 张三委员： / 张三等委员： / 民盟××县委：
    body: list[str]
    closing: str
    signed_on: date  # the day of the decision


@dataclass(frozen=True)
class OverdueItem:
    """One assignment past its deadline with the reply still owed."""

    number: str
    title: str
    role: str  # 主办 / 分办 (a 协办 unit owes no reply)
    assigned_on: date
    due_on: date
    days_overdue: int


@dataclass(frozen=True)
class Reminder:
    """催办通知 to one unit, listing its overdue items."""

    issuer: str
    unit: str
    title: str
    salutation: str
    body: list[str]
    signed_on: date  # the day the overdue items were counted
    list_title: str
    items: list[OverdueItem]
    printer: str = ""
    contact_person: str = ""
    contact_phone: str = ""


TITLE_CHARS = 19  # 2号 characters a title line holds, less one


def _notice(document: Document, title: str, salutation: str, body: Sequence[str], *,
            issuer: str, signed_on: date, closing: str = "", doc_number: str | None = None,
            printer: str = "", contact: tuple[str, str] = ("", ""),
            attachment: str = "") -> None:
    """版头 (with a 发文字号), title, salutation, body, contact, 附件 line, the signature block
    kept with the body's last lines, and the 版记 at the foot of the notice's last page."""
    out = Writer(document)
    add = out.add
    if doc_number is not None:
        notice_head(out, issuer, doc_number)
        add("", "公文正文")
    elif document.paragraphs and not document.paragraphs[0].text:
        document.paragraphs[0]._p.getparent().remove(document.paragraphs[0]._p)
    add_title(out, title, TITLE_CHARS)
    add("", "公文正文")
    add(salutation, "公文称呼")
    start = last_with_headings(list(body))
    add_body(out, body[:start])
    if printer:  # a frame at the page's foot, anchored to the body's last paragraph: on the
        imprint(out, printer, chinese_date(signed_on))  # page the notice ends on
    ending = add_body(out, body[start:])  # the body's last paragraph goes with the signature
    if closing:
        ending.append(add(closing, "公文正文"))
    person, phone = contact
    if person or phone:
        ending.append(add(f"联系人：{person}　　联系电话：{phone}", "公文正文"))
    if attachment:
        ending.append(add("", "公文正文"))
        named = add(f"附件：{attachment}", "公文正文")  # under the body, two characters in,
        fmt = named.paragraph_format  # a second line under the name, not under 附件
        fmt.left_indent, fmt.first_line_indent = Pt(SIZES["三号"].pt * 5), Pt(-SIZES["三号"].pt * 3)
        ending.append(named)
    ending += [add("", "公文正文"), add("", "公文正文")]
    char = SIZES["三号"].pt
    signature = add(issuer, "公文落款")
    signature.paragraph_format.right_indent = Pt(char * 2)
    ending.append(signature)
    add(chinese_date(signed_on), "公文落款").paragraph_format.right_indent = \
        Pt(char * 4)  # the date four characters in from the right edge
    keep_with_next(*ending)
    keep_whole(*ending)


def _attachment(document: Document, title: str, subtitle: str, header: Sequence[str],
                widths: Sequence[float], rows: list[Sequence[str]]) -> None:
    """The list on landscape pages of its own: 附件 at the top left, its title, the table."""
    section = document.add_section(WD_SECTION.NEW_PAGE)
    # python-docx ends the notice's section on a paragraph of its own, an extra blank line that
    # can spill a full notice onto an empty page: the section ends on the notice's last line
    breaker = document.paragraphs[-1]._p
    last = breaker.getprevious()
    if last is not None and last.tag == qn("w:p"):
        last.get_or_add_pPr().append(breaker.pPr.sectPr)
        breaker.getparent().remove(breaker)
    official_page(section, landscape=True)
    # the 28-character grid is the portrait body's: on these pages it would space the table's
    # 小四 characters a grid cell apart and lift every line to the 三号 pitch
    grid = section._sectPr.find(qn("w:docGrid"))
    for name in ("w:type", "w:charSpace"):
        grid.attrib.pop(qn(name), None)
    mark = document.add_paragraph("附件", "一级标题")
    mark.paragraph_format.first_line_indent = Pt(0)  # 附件 stands at the left margin
    document.add_paragraph(title, "公文标题")
    document.add_paragraph(subtitle, "公文称呼")
    grid_table(document, widths, header, rows, cell_style="清单文字")


def _start(kind: str, template: Path | None) -> Document:
    document = load(kind, template)
    page_numbers(document, document.sections[0])  # a notice is numbered from its first page
    return document


def render_assignment_notice(notice: AssignmentNotice, template: Path | None = None) -> Document:
    document = _start("交办通知", template)
    _notice(document, notice.title, notice.salutation, notice.body,
            contact=(notice.contact_person, notice.contact_phone), attachment=notice.list_title,
            issuer=notice.issuer, signed_on=notice.signed_on, doc_number=notice.doc_number,
            printer=notice.printer)
    rows = [(str(n), item.number, item.title, item.lead_proposer, item.role,
             item.partners or "—", chinese_date(item.due_on))
            for n, item in enumerate(notice.items, 1)]
    _attachment(document, notice.list_title,
                f"承办单位：{notice.unit}　　共{len(notice.items)}件",
                LIST_HEADER, LIST_WIDTHS, rows)
    return document


def render_review_notice(notice: ReviewNotice, template: Path | None = None) -> Document:
    document = _start("不予立案通知", template)
    _notice(document, notice.title, notice.salutation, notice.body, closing=notice.closing,
            issuer=notice.issuer, signed_on=notice.signed_on, doc_number="")
    return document


def render_reminder(reminder: Reminder, template: Path | None = None) -> Document:
    document = _start("催办通知", template)
    _notice(document, reminder.title, reminder.salutation, reminder.body,
            contact=(reminder.contact_person, reminder.contact_phone),
            attachment=reminder.list_title, issuer=reminder.issuer, signed_on=reminder.signed_on,
            doc_number="", printer=reminder.printer)
    rows = [(str(n), item.number, item.title, item.role, chinese_date(item.assigned_on),
             chinese_date(item.due_on), str(item.days_overdue))
            for n, item in enumerate(reminder.items, 1)]
    _attachment(document, reminder.list_title,
                f"承办单位：{reminder.unit}　　截至{chinese_date(reminder.signed_on)}"
                f"共{len(reminder.items)}件",
                OVERDUE_HEADER, OVERDUE_WIDTHS, rows)
    return document
