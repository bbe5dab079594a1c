"""The standard's rules for running text (GB/T 9704-2012 7.3): headings by level, titles broken
only between words, and a closing block that never stands alone on a page.

Word and LibreOffice break Chinese after any character and know nothing of 一、 or （一）: left
to them, a title breaks "第 / 110号", a heading ends a page, and a letter's signature and date
fall alone onto its last page.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import combinations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from .docx_layout import in_schema_order, text_width
from .docx_writer import Writer, clean

_NUMERAL = "一二三四五六七八九十"
LEVELS = (  # the heading marks in the standard's order, and the style each level takes
    (re.compile(f"[{_NUMERAL}]+、"), "一级标题"),
    (re.compile(f"（[{_NUMERAL}]+）"), "二级标题"),
    (re.compile(r"\d{1,2}[.．](?!\d)"), "三级标题"),
)
HEADING_CHARS = 40  # longer than this, a paragraph is text that begins with a heading


def heading_level(text: str) -> str | None:
    """The style of the level a paragraph's mark names (一、 黑体, （一） 楷体, 1. 仿宋 bold)."""
    return next((style for mark, style in LEVELS if mark.match(text)), None)


def add_body(out: Writer, lines: Iterable[str], style: str = "公文正文") -> list[Paragraph]:
    """Running text with its headings in their level's font: a heading alone is a paragraph of
    the level's style kept with what follows; a heading that runs on into its text (一、关于经费。
    已列入预算。) has the heading's sentence in the level's font and the rest in the body's."""
    added = []
    for text in lines:
        level = heading_level(text)
        if level is None:
            paragraph = out.add(text, style)
        elif _alone(text):
            paragraph = out.add(text, level)
            keep_with_next(paragraph)
        else:
            paragraph = out.add("", style)
            write_runs(out, paragraph, text)
        added.append(paragraph)
    return added


def _alone(text: str) -> bool:
    """A heading on its own: no sentence after its own, and short."""
    return text.find("。") in (-1, len(text) - 1) and text_width(text) <= HEADING_CHARS


def last_with_headings(texts: list[str]) -> int:
    """Where the text's last paragraph begins together with the headings over it: what goes
    onto the closing's page with it."""
    start = len(texts) - 1
    while start > 0 and heading_level(texts[start - 1]) and _alone(texts[start - 1]):
        start -= 1
    return start


def write_runs(out: Writer, paragraph: Paragraph, text: str) -> None:
    """``text`` into a paragraph of body text: a heading's sentence at its start in the level's
    font (in a table cell, where a level's paragraph style would not fit, a heading alone too)."""
    text = clean(text)
    level = heading_level(text)
    stop = text.find("。")
    if level and _alone(text):
        stop = len(text) - 1
    if level and stop > 0:
        heading = paragraph.add_run(text[:stop + 1])
        heading._r.insert(0, out.look_of(level))
        text = text[stop + 1:]
    if text:
        paragraph.add_run(text)


def keep_with_next(*paragraphs: Paragraph) -> None:
    """On the page of the paragraph that follows: a heading, or a closing block's lines."""
    for paragraph in paragraphs:
        ppr = paragraph._p.get_or_add_pPr()
        if ppr.find(qn("w:keepNext")) is None:
            in_schema_order(ppr, OxmlElement("w:keepNext"))


def keep_whole(*paragraphs: Paragraph) -> None:
    """Not split over two pages: the closing thanks, the signature, the date."""
    for paragraph in paragraphs:
        ppr = paragraph._p.get_or_add_pPr()
        if ppr.find(qn("w:keepLines")) is None:
            in_schema_order(ppr, OxmlElement("w:keepLines"))


# Where an official title may break: around the words its patterns are made of.  Anywhere else
# only when no line could be made of these, and never inside a number, a 《》 name or a short
# quoted word (“米袋子”).
_AFTER = ("关于", "委员会", "会议", "号", "通知", "名单", "清单", "汇编")
_BEFORE = ("第", "关于", "提案", "的答复", "的通知", "的提案", "二次办理", "情况", "《")
_MOST_LINES = 4
_UNBROKEN = re.compile(r"《[^》]*》|“[^”]{1,10}”|第[〇零一二三四五六七八九十百千\d]+[届次号]?|[\dA-Za-z]+")


def _breaks(text: str, strong: bool) -> list[int]:
    inside = {i for m in _UNBROKEN.finditer(text) for i in range(m.start() + 1, m.end())}
    found = []
    for i in range(1, len(text)):
        if i in inside:
            continue
        if not strong or text[:i].endswith(_AFTER) or text[i:].startswith(_BEFORE):
            found.append(i)
    return found


def _pack(text: str, points: list[int], capacity: float) -> list[str] | None:
    """The fewest lines, then the most even: a title is centred, so lines of like length."""
    for count in range(2, _MOST_LINES + 1):
        fits = []
        for cuts in combinations(points, count - 1):
            lines = [text[a:b] for a, b in zip((0, *cuts), (*cuts, len(text)))]
            widths = [text_width(line) for line in lines]
            if max(widths) <= capacity:
                fits.append((max(widths) - min(widths), lines))
        if fits:
            return min(fits)[1]
    return None


def title_lines(text: str, capacity: float) -> list[str]:
    """The title in lines of at most ``capacity`` characters, broken between words."""
    if text_width(text) <= capacity:
        return [text]
    for strong in (True, False):
        lines = _pack(text, _breaks(text, strong), capacity)
        if lines:
            return lines
    return [text]


def add_title(out: Writer, text: str, capacity: float, style: str = "公文标题") -> Paragraph:
    """One paragraph whose lines end where ``title_lines`` says (line breaks, not paragraphs,
    so the title stays one heading for Word's navigation)."""
    paragraph = out.add("", style)
    for i, line in enumerate(title_lines(clean(text), capacity)):
        run = paragraph.add_run()
        if i:
            run._r.append(OxmlElement("w:br"))
        run._r.append(_text(line))
    keep_with_next(paragraph)
    return paragraph


def _text(value: str):
    t = OxmlElement("w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = value
    return t
