"""A batch as one document, so it goes to the printer as one job (DOCUMENTS §4): each file of
the batch becomes a section of the first, starting on a new page, with its own headers and
footers (a letter's category mark is its first page's header) and page numbers from 1.

The files must come from the same template (one batch of one kind does): their styles are the
first file's."""
from __future__ import annotations

import copy
from collections.abc import Callable, Iterable
from pathlib import Path

import docx
from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

_REFERENCES = (qn("w:headerReference"), qn("w:footerReference"))


def _restart_numbers(sect) -> None:
    numbers = sect.find(qn("w:pgNumType"))
    if numbers is None:
        numbers = OxmlElement("w:pgNumType")
        successor = next((c for c in sect if c.tag in {qn(t) for t in (
            "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection",
            "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange")}), None)
        if successor is None:
            sect.append(numbers)
        else:
            successor.addprevious(numbers)
    numbers.set(qn("w:start"), "1")


def _own_parts(target: Document, source: Document, sect) -> None:
    """The source's header and footer parts copied into the target, and ``sect`` pointed at
    the copies."""
    for ref in [r for r in sect if r.tag in _REFERENCES]:
        original = source.part.related_parts[ref.get(qn("r:id"))]
        if ref.tag == qn("w:headerReference"):
            part, rid = target.part.add_header_part()
        else:
            part, rid = target.part.add_footer_part()
        part._element = copy.deepcopy(original.element)
        ref.set(qn("r:id"), rid)


def _section_end(sect) -> OxmlElement:
    """An empty paragraph 1 pt high, off the grid, that ends a section: it takes no line, so a
    full last page does not spill onto a blank one."""
    paragraph = OxmlElement("w:p")
    props = OxmlElement("w:pPr")
    snap = OxmlElement("w:snapToGrid")
    snap.set(qn("w:val"), "0")
    spacing = OxmlElement("w:spacing")
    for key, value in (("before", "0"), ("after", "0"), ("line", "20"), ("lineRule", "exact")):
        spacing.set(qn(f"w:{key}"), value)
    props.extend([snap, spacing, sect])
    paragraph.append(props)
    return paragraph


def append(target: Document, source: Document) -> None:
    """``source`` as new sections at the end of ``target``, its page numbers from 1."""
    body = target.element.body
    last = body.sectPr
    last.addprevious(_section_end(copy.deepcopy(last)))
    first = None
    for element in source.element.body:
        if element.tag == qn("w:sectPr"):
            continue
        copied = copy.deepcopy(element)
        for inner in copied.iter(qn("w:sectPr")):  # a section inside the source (a list page)
            _own_parts(target, source, inner)
            first = inner if first is None else first
        last.addprevious(copied)
    ending = copy.deepcopy(source.element.body.sectPr)
    _own_parts(target, source, ending)
    body.replace(last, ending)
    _restart_numbers(ending if first is None else first)


def combined(paths: Iterable[Path], progress: Callable[[int, int], None] | None = None
             ) -> Document:
    files = list(paths)
    document = docx.Document(str(files[0]))
    for done, path in enumerate(files[1:], start=2):
        append(document, docx.Document(str(path)))
        if progress:
            progress(done, len(files))
    return document
