"""Ruled tables for lists and forms (交办清单, 征询意见表, 提案表): fixed column widths in mm, thin
black borders written into the table itself (an office's template need not carry a table style),
the header row repeated on every page, and rows that do not break across pages."""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from docx.document import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.table import Table, _Cell


def _borders(table: Table) -> None:
    props = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        rule = OxmlElement(f"w:{side}")
        rule.set(qn("w:val"), "single")
        rule.set(qn("w:sz"), "6")  # 3/4 pt
        rule.set(qn("w:space"), "0")
        rule.set(qn("w:color"), "000000")
        borders.append(rule)
    # the schema's order: tblBorders before shd, tblLayout, tblCellMar, tblLook
    later = {qn(t) for t in ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook")}
    successor = next((child for child in props if child.tag in later), None)
    if successor is None:
        props.append(borders)
    else:
        successor.addprevious(borders)


def _row_flags(row, header: bool) -> None:
    """A header row repeats on each page; no row is split over two pages."""
    trpr = row._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:cantSplit"))
    if header:
        trpr.append(OxmlElement("w:tblHeader"))


def open_sides(cell: _Cell, top: bool = False, bottom: bool = False) -> None:
    """No rule on a cell's top or bottom: rows that read as one cell."""
    props = cell._tc.get_or_add_tcPr()
    borders = props.find(qn("w:tcBorders"))
    if borders is None:
        borders = OxmlElement("w:tcBorders")
        # the schema's order: tcBorders after tcW, gridSpan, vMerge; before shd, vAlign …
        later = {qn(t) for t in ("w:shd", "w:noWrap", "w:tcMar", "w:textDirection",
                                 "w:tcFitText", "w:vAlign", "w:hideMark")}
        successor = next((child for child in props if child.tag in later), None)
        if successor is None:
            props.append(borders)
        else:
            successor.addprevious(borders)
    for side, open_ in (("top", top), ("bottom", bottom)):
        if open_:
            rule = OxmlElement(f"w:{side}")
            rule.set(qn("w:val"), "nil")
            borders.append(rule)


def fill(cell: _Cell, text: str, style: str) -> None:
    """A cell's text in a named style, one paragraph per line."""
    lines = str(text).split("\n") if text else [""]
    paragraph = cell.paragraphs[0]
    paragraph.style = style
    paragraph.text = lines[0]
    for line in lines[1:]:
        cell.add_paragraph(line, style)


def grid_table(document: Document, widths_mm: Sequence[float], header: Sequence[str] | None,
               rows: Iterable[Sequence[str]], header_style: str = "表头",
               cell_style: str = "表格文字") -> Table:
    """A ruled table with fixed widths; ``header`` (when given) repeats at the top of each page."""
    table = document.add_table(rows=0, cols=len(widths_mm))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _borders(table)
    for column, width in zip(table.columns, widths_mm):
        column.width = Mm(width)
    lines = ([(header, header_style, True)] if header else []) + [
        (row, cell_style, False) for row in rows]
    for values, style, is_header in lines:
        row = table.add_row()
        _row_flags(row, is_header)
        for cell, value, width in zip(row.cells, values, widths_mm):
            cell.width = Mm(width)
            fill(cell, value, style)
    return table
