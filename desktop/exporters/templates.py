"""Reference templates: the page set-up and the named styles every official document uses.

Code fills content; the look comes from the template's styles, so an office may replace a
template with its own (the same style names) and keep its local details.  The references in
``resources/templates/`` are built by this module (``python -m desktop.exporters.templates
DIR [NAME …]``) from python-docx's default, with East Asian text tagged Chinese, not Japanese.
Which kind of document uses which reference is said once, by the services' DocumentKind.
"""
from __future__ import annotations

import io
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from desktop.domain.errors import DomainError, InvalidInput
from desktop.gate import admit_document
from desktop.local.files import write_atomically
from desktop.local.paths import resources_dir

from .docx_layout import (
    LINE_PITCH, RED, SIZES, exact_lines, in_schema_order, off_the_grid, official_page, set_fonts,
)


@dataclass(frozen=True)
class StyleSpec:
    name: str
    east_asia: str
    size: Pt
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.JUSTIFY
    indent_chars: int = 0  # first-line indent in characters of the style's size
    bold: bool = False
    red: bool = False
    exact: bool = True  # the document grid's exact line pitch
    snap: bool = True  # False: lines of a large size keep the exact pitch, off the grid


STYLES = (
    StyleSpec("公文正文", "仿宋_GB2312", SIZES["三号"], indent_chars=2),
    StyleSpec("公文标题", "方正小标宋简体", SIZES["二号"], WD_ALIGN_PARAGRAPH.CENTER, snap=False),
    StyleSpec("公文称呼", "仿宋_GB2312", SIZES["三号"], WD_ALIGN_PARAGRAPH.LEFT),
    StyleSpec("一级标题", "黑体", SIZES["三号"], indent_chars=2),
    StyleSpec("二级标题", "楷体_GB2312", SIZES["三号"], indent_chars=2),
    StyleSpec("三级标题", "仿宋_GB2312", SIZES["三号"], indent_chars=2, bold=True),
    StyleSpec("发文机关标志", "方正小标宋简体", Pt(30), WD_ALIGN_PARAGRAPH.CENTER, red=True,
              exact=False, snap=False),
    StyleSpec("发文字号", "仿宋_GB2312", SIZES["三号"], WD_ALIGN_PARAGRAPH.RIGHT),
    StyleSpec("类别标识", "黑体", SIZES["三号"], WD_ALIGN_PARAGRAPH.RIGHT, bold=True),
    StyleSpec("公文落款", "仿宋_GB2312", SIZES["三号"], WD_ALIGN_PARAGRAPH.RIGHT),
    StyleSpec("版记", "仿宋_GB2312", SIZES["四号"], WD_ALIGN_PARAGRAPH.LEFT),
    StyleSpec("表头", "黑体", SIZES["四号"], WD_ALIGN_PARAGRAPH.CENTER, exact=False, snap=False),
    StyleSpec("表格文字", "仿宋_GB2312", SIZES["四号"], WD_ALIGN_PARAGRAPH.LEFT, exact=False, snap=False),
    StyleSpec("清单文字", "仿宋_GB2312", SIZES["小四"], WD_ALIGN_PARAGRAPH.LEFT, exact=False, snap=False),
    StyleSpec("页眉文字", "宋体", SIZES["小四"], WD_ALIGN_PARAGRAPH.CENTER, exact=False, snap=False),
    StyleSpec("目录", "仿宋_GB2312", SIZES["三号"], WD_ALIGN_PARAGRAPH.LEFT),
)
STYLE_NAMES = tuple(spec.name for spec in STYLES)
REFERENCE_DIR = resources_dir() / "templates"


def _defaults(document: Document) -> None:
    """East Asian text tagged zh-CN (python-docx's default is not Chinese), the default size
    三号 (the document grid counts its 28 characters a line in the default size), and widow and
    orphan control: no paragraph leaves one line alone at a page's foot or head."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    paragraph = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    if paragraph.find(qn("w:widowControl")) is None:
        in_schema_order(paragraph, OxmlElement("w:widowControl"))
    for lang in defaults.iter(qn("w:lang")):
        lang.set(qn("w:eastAsia"), "zh-CN")
    for size in (*defaults.iter(qn("w:sz")), *defaults.iter(qn("w:szCs"))):
        size.set(qn("w:val"), str(int(SIZES["三号"].pt * 2)))
    for fonts in defaults.iter(qn("w:rFonts")):
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(theme), None)
        for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(slot), "仿宋_GB2312")
    for spacing in defaults.iter(qn("w:spacing")):
        spacing.set(qn("w:after"), "0")


def _add_style(document: Document, spec: StyleSpec) -> None:
    style = document.styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Normal"]
    set_fonts(style, spec.east_asia)
    style.font.size = spec.size
    style.font.bold = spec.bold
    if spec.red:
        style.font.color.rgb = RED
    fmt = style.paragraph_format
    fmt.alignment = spec.align
    fmt.first_line_indent = Pt(spec.size.pt * spec.indent_chars) if spec.indent_chars else None
    if spec.exact:
        exact_lines(fmt, LINE_PITCH)
    else:
        fmt.space_before = fmt.space_after = Pt(0)
    if not spec.snap:
        off_the_grid(style.element.get_or_add_pPr())


_KEEP = {"Normal", "Default Paragraph Font", "Normal Table", "No List", "Header", "Footer"}
_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
_THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"


def _lean(document: Document) -> None:
    """Only the styles the documents use (python-docx's default carries 160 more, and Word's
    2007 copy of them): every paragraph added looks its style up among them, and every letter
    saved compresses them — a thousand letters took a minute, now a third of it."""
    listed = {v for v in document.part.numbering_part.element.xpath("//w:pStyle/@w:val")}
    for style in list(document.styles):
        if style.name not in _KEEP | set(STYLE_NAMES) and style.style_id not in listed:
            style.element.getparent().remove(style.element)
    for rels in (document.part.rels, document.part.package.rels):
        for rid, rel in list(rels.items()):
            if rel.reltype in (_STYLES_WITH_EFFECTS, _THUMBNAIL):
                rels.pop(rid)


_THEME = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
_JAPANESE_FACES = re.compile(rb'<a:font script="Jpan" typeface="[^"]*"/>')


def _chinese_theme(document: Document) -> None:
    """python-docx's default is a Japanese Word's: its settings say East Asian text is ja-JP and
    its theme gives ＭＳ 明朝 / ＭＳ ゴシック for it.  A Chinese Word then takes the theme's
    Japanese faces wherever a font is left to the theme; here the language is zh-CN and the
    theme's East Asian faces are 宋体."""
    language = document.settings.element.find(qn("w:themeFontLang"))
    if language is not None:
        language.set(qn("w:eastAsia"), "zh-CN")
    for rel in document.part.rels.values():
        if rel.reltype == _THEME:
            theme = rel.target_part
            blob = _JAPANESE_FACES.sub(b"", theme.blob)
            theme._blob = blob.replace(b'<a:ea typeface=""/>', '<a:ea typeface="宋体"/>'.encode())


def build_reference() -> Document:
    document = docx.Document()
    _defaults(document)
    _chinese_theme(document)
    normal = document.styles["Normal"]
    set_fonts(normal, "仿宋_GB2312")
    normal.font.size = SIZES["三号"]
    for spec in STYLES:
        _add_style(document, spec)
    official_page(document.sections[0])
    _lean(document)
    return document


# path → the bytes last found to hold every style: a batch of a thousand letters checks the
# template's styles once, not per letter (the file is still read each time, so a template
# replaced between two letters is checked again)
_CHECKED: dict[str, bytes] = {}


def load(kind: str, override: Path | None = None) -> Document:
    """The office's template for ``kind`` if it set one, else the reference; refused, naming
    the style, when a style the documents need is missing."""
    path = Path(override or REFERENCE_DIR / f"{kind}.docx")
    data = None
    try:
        if path.is_file():  # parsed from memory, as python-docx parses its own default
            data = admit_document(path, "文书模板")
            document = docx.Document(io.BytesIO(data))
        else:
            document = docx.Document(str(path))
    except DomainError:
        raise
    except Exception:  # noqa: BLE001 - python-docx raises several kinds for a bad file
        raise InvalidInput("template_unreadable", path=path.name) from None
    key = str(path.resolve())
    if data is None or _CHECKED.get(key) != data:
        present = {style.name for style in document.styles}
        for name in STYLE_NAMES:
            if name not in present:
                raise InvalidInput("template_missing_style", path=path.name, style=name)
        if data is not None:
            if len(_CHECKED) >= 32:  # the seven references and an office's own: a few at most
                _CHECKED.clear()
            _CHECKED[key] = data
    return document


def main(folder: str, names: list[str]) -> None:
    """The references named (a new kind's, say), or again every one the program has."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    for name in names or sorted(p.stem for p in REFERENCE_DIR.glob("*.docx")):
        with write_atomically(out / f"{name}.docx") as part:
            build_reference().save(str(part))
        print(out / f"{name}.docx")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else str(REFERENCE_DIR), sys.argv[2:])
