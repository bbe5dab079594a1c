"""The page of GB/T 9704-2012 in python-docx: A4, margins, the 22 × 28 grid, fonts in both
slots, page numbers as PAGE fields on odd and even pages (docs/documents.md §1).

python-docx names only the Latin font (``w:ascii``); Chinese text is drawn with the East Asian
one (``w:eastAsia``), so every font here is set in both.
"""
from __future__ import annotations


from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import nsmap, qn
from docx.shared import Length, Mm, Pt, RGBColor

W = nsmap["w"]
LINE_PITCH = Pt(28.95)  # 22 lines in the 225 mm text area
LINES, CHARS = 22, 28
RED = RGBColor(0xE6, 0x00, 0x12)
SIZES = {"二号": Pt(22), "三号": Pt(16), "四号": Pt(14), "小四": Pt(12), "初号": Pt(42)}


def set_fonts(target, east_asia: str, latin: str | None = None) -> None:
    """A style's or a run's font in the Latin and the East Asian slots."""
    target.font.name = latin or east_asia
    fonts = target.element.get_or_add_rPr().get_or_add_rFonts()  # in schema order
    for slot in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(slot), latin or east_asia)
    fonts.set(qn("w:eastAsia"), east_asia)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)


def east_asia_font(target) -> str | None:
    fonts = target.element.rPr.find(qn("w:rFonts")) if target.element.rPr is not None else None
    return None if fonts is None else fonts.get(qn("w:eastAsia"))


def official_page(section, landscape: bool = False) -> None:
    """A4 with the standard's margins and the 22-line × 28-character document grid."""
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    long, short = Mm(297), Mm(210)
    section.page_width, section.page_height = (long, short) if landscape else (short, long)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(15), Mm(28 - 7)
    sect = section._sectPr
    grid = sect.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect.append(grid)
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), str(int(LINE_PITCH.twips)))
    # charSpace: the extra width per character, in 1/4096 pt, beyond the 16 pt body size
    width = Length(section.page_width - section.left_margin - section.right_margin).pt
    grid.set(qn("w:charSpace"), str(round((width / CHARS - 16) * 4096)))


def exact_lines(paragraph_format, pitch=LINE_PITCH) -> None:
    paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    paragraph_format.line_spacing = pitch
    paragraph_format.space_before = paragraph_format.space_after = Pt(0)


def _field(paragraph, instruction: str) -> None:
    """A field Word computes (PAGE, NUMPAGES), not typed text."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, instruction), ("separate", None), (None, "1"),
                       ("end", None)):
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == instruction:
            code = OxmlElement("w:instrText")
            code.set(qn("xml:space"), "preserve")
            code.text = f" {instruction} "
            run._r.append(code)
        else:
            shown = OxmlElement("w:t")
            shown.text = text
            run._r.append(shown)


def page_numbers(document, section, first_page: bool = True,
                 font: str = "宋体") -> None:
    """— 1 — in 4号, odd pages right and even pages left, one character in from the edge;
    none on the first page when ``first_page`` is False (a letter)."""
    document.settings.odd_and_even_pages_header_footer = True
    section.different_first_page_header_footer = not first_page
    for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
                          (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.alignment = align
        indent = Pt(14)
        if align is WD_ALIGN_PARAGRAPH.RIGHT:
            paragraph.paragraph_format.right_indent = indent
        else:
            paragraph.paragraph_format.left_indent = indent
        paragraph.add_run("— ")
        _field(paragraph, "PAGE")
        paragraph.add_run(" —")
        for run in paragraph.runs:
            set_fonts(run, font)
            run.font.size = SIZES["四号"]
    if not first_page:
        section.first_page_footer.is_linked_to_previous = False


_PPR_ORDER = (  # CT_PPr's sequence in the OOXML schema
    "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
    "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens",
    "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE",
    "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
    "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection",
    "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr",
    "w:sectPr", "w:pPrChange",
)


def in_schema_order(ppr, element) -> None:
    """Adds ``element`` to a paragraph's properties where the schema puts it: Word refuses a
    document whose pPr children are out of order."""
    seq = _PPR_ORDER
    later = {qn(tag) for tag in seq[seq.index(element.tag.replace(f"{{{W}}}", "w:")) + 1:]}
    successor = next((child for child in ppr if child.tag in later), None)
    if successor is None:
        ppr.append(element)
    else:
        successor.addprevious(element)


def off_the_grid(ppr) -> None:
    """A large line (the 2号 title, the red unit name) keeps its own exact pitch instead of
    taking two grid lines, which LibreOffice does when the font's height exceeds one."""
    snap = OxmlElement("w:snapToGrid")
    snap.set(qn("w:val"), "0")
    in_schema_order(ppr, snap)


_RULE_OVERHANG = Mm(7)
_TEXT_WIDTH = Mm(156)
_RULE_SPACE = Pt(1)


def full_width_rule(paragraph, colour: str = "E60012", thick_over_thin: bool = True,
                    extra: Mm = _RULE_OVERHANG, sides: tuple[str, ...] = ("bottom",),
                    space: Length = _RULE_SPACE, weight: int | None = None) -> None:
    """The letter head's red double rule, 170 mm: the text width and 7 mm out on each side;
    or the thin black rules above and below the 版记."""
    fmt = paragraph.paragraph_format
    fmt.left_indent = fmt.right_indent = -extra
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    for side in ("top", "bottom"):  # the schema's order
        if side not in sides:
            continue
        rule = OxmlElement(f"w:{side}")
        rule.set(qn("w:val"), "thickThinSmallGap" if thick_over_thin else "single")
        rule.set(qn("w:sz"), str(weight or (24 if thick_over_thin else 6)))  # eighths of a pt
        rule.set(qn("w:space"), str(round(Length(space).pt)))
        rule.set(qn("w:color"), colour)
        borders.append(rule)
    in_schema_order(ppr, borders)


def at_page_foot(paragraph, width: Mm = _TEXT_WIDTH) -> None:
    """The 版记 sits at the foot of the page its text ends on: a frame anchored to the bottom
    of the text area, the width of the text, which the text above flows around."""
    frame = OxmlElement("w:framePr")
    for key, value in (("w", str(int(Length(width).twips))), ("wrap", "around"),
                       ("hAnchor", "margin"), ("vAnchor", "margin"), ("xAlign", "center"),
                       ("yAlign", "bottom")):
        frame.set(qn(f"w:{key}"), value)
    in_schema_order(paragraph._p.get_or_add_pPr(), frame)


def text_width(text: str) -> float:
    """Width in characters of the body size: a Chinese character is one, a digit or Latin
    letter about half."""
    return sum(1 if ord(ch) > 0x2E7F else 0.5 for ch in text)
