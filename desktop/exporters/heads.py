"""版头 and 版记 (GB/T 9704-2012 §7.1, §7.4, §10.1): the letter format a unit answers in, and
the head and foot of the committee's notices.

信函格式 (答复函): the sender's name in red, a red double rule (thick over thin) under it, the
发文字号 at the right, a second red double rule (thin over thick) 20 mm above the first page's
foot, and the 抄送 one character in at the foot of the last page, without rules.

The notices (交办通知, 催办通知): the committee's name in red, the 发文字号 centred under it and
a red rule the width of the text; the 版记 — 抄送 and the 印发 line between thin black rules — at
the foot of the notice's last page.
"""
from __future__ import annotations

from copy import deepcopy
from functools import cache

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml.ns import nsmap
from docx.shared import Length, Mm, Pt
from docx.text.paragraph import Paragraph
from lxml import etree

from .docx_layout import SIZES, W, at_page_foot, full_width_rule
from .docx_writer import Writer

_RULE_WIDTH = Mm(170)
_FOOT_RULE = """<w:r xmlns:w="{w}" xmlns:wp="{wp}" xmlns:a="{a}" xmlns:wps="{wps}"><w:drawing>
<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="2" behindDoc="0"
 locked="1" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>
<wp:positionH relativeFrom="page"><wp:posOffset>{left}</wp:posOffset></wp:positionH>
<wp:positionV relativeFrom="page"><wp:posOffset>{top}</wp:posOffset></wp:positionV>
<wp:extent cx="{width}" cy="0"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>
<wp:docPr id="{id}" name="信函格式下红线"/><wp:cNvGraphicFramePr/>
<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
<wps:wsp><wps:cNvCnPr/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{width}" cy="0"/></a:xfrm>
<a:prstGeom prst="line"><a:avLst/></a:prstGeom><a:ln w="{weight}">
<a:solidFill><a:srgbClr val="E60012"/></a:solidFill></a:ln></wps:spPr><wps:bodyPr/></wps:wsp>
</a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>"""


def letter_foot_rule(paragraph) -> None:
    """The 信函格式's second red double rule, thin over thick, 170 mm, 20 mm above the foot of
    the first page (GB/T 9704 10.1): a line placed on the page from the first page's footer
    (a frame there stays inside the footer, 2 mm too high)."""
    for line in _foot_rule_lines():
        paragraph._p.append(deepcopy(line))


@cache
def _foot_rule_lines() -> tuple:
    """The two drawn lines, parsed once for a batch of a thousand letters."""
    top = Mm(297 - 20) - Mm(0.6)  # the pair's middle 20 mm up; one drawn line each
    return tuple(etree.fromstring(_FOOT_RULE.format(
        w=W, wp=nsmap["wp"], a=nsmap["a"], id=9704 + n,
        wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
        left=(Mm(210) - _RULE_WIDTH) // 2, top=int(at), width=_RULE_WIDTH, weight=int(weight)))
        for n, (at, weight) in enumerate(((top, Pt(0.75)), (top + Mm(1.2), Pt(2.25)))))


def _hanging(paragraph: Paragraph, size: Length, label_chars: int) -> None:
    """One character in on both sides, a second line aligned after the label's colon."""
    fmt = paragraph.paragraph_format
    fmt.right_indent = size
    fmt.left_indent = Pt(size.pt * (1 + label_chars))
    fmt.first_line_indent = Pt(-size.pt * label_chars)


def letter_copies(paragraph, size: Length = SIZES["四号"]) -> None:
    """The letter's 抄送 (GB/T 9704 10.1): at the foot of the last page, one character in on
    both sides, no rules, a second line aligned after the colon."""
    _hanging(paragraph, size, 3)  # 抄送： is three characters wide
    at_page_foot(paragraph)


def _red_name(out: Writer, name: str) -> Paragraph:
    """The sender's name in red at the top; an office's template may hold an empty first
    paragraph, which takes it."""
    document = out.document
    if document.paragraphs and not document.paragraphs[0].text:
        head = document.paragraphs[0]
        head._p.style = out.ids["发文机关标志"]
        head.text = name
        return head
    return out.add(name, "发文机关标志")


def letter_head(out: Writer, sender: str, doc_number: str) -> None:
    """The letter's red name, its thick-over-thin rule 4 mm under it, the 发文字号 at the right."""
    full_width_rule(_red_name(out, sender), space=Mm(4))
    out.add(doc_number, "发文字号")


def notice_head(out: Writer, issuer: str, doc_number: str) -> None:
    """The committee's red name, the 发文字号 centred two lines under it, a red rule the width
    of the text 4 mm under that (GB/T 9704 7.2.2–7.2.4); without a number, the rule under the
    name."""
    ruled = _red_name(out, issuer)
    if doc_number:
        out.add("", "公文正文")
        ruled = out.add(doc_number, "发文字号")
        ruled.alignment = WD_ALIGN_PARAGRAPH.CENTER
    full_width_rule(ruled, extra=Mm(0), thick_over_thin=False, colour="E60012",
                    space=Mm(4), weight=8)


def imprint(out: Writer, printer: str, printed_on: str) -> Paragraph:
    """The 版记 at the foot of the page it ends on: the 印发 line, one character in on both
    sides, between thin black rules the width of the text."""
    size = SIZES["四号"]
    issued = out.add(f"{printer}\t{printed_on}印发", "版记")
    fmt = issued.paragraph_format
    fmt.left_indent, fmt.right_indent = size, size
    fmt.tab_stops.add_tab_stop(Mm(156) - size * 2, WD_TAB_ALIGNMENT.RIGHT)
    full_width_rule(issued, colour="000000", thick_over_thin=False, extra=Mm(0),
                    sides=("top", "bottom"))
    at_page_foot(issued)
    return issued
