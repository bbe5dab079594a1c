"""Paragraphs written straight into the document's XML with styles resolved by id once: python-
docx looks a style up among all of a template's styles on every paragraph (an office's Word
template has a hundred and more), which a thousand letters or proposals feel."""
from __future__ import annotations

import re
from copy import deepcopy

from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

_XML_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\ufffe\uffff]")  # lxml refuses them
_LOOK = frozenset(qn(t) for t in ("w:rFonts", "w:b", "w:bCs"))
_PPR, _PSTYLE, _VAL, _R, _T, _TAB, _SPACE = (qn(t) for t in (
    "w:pPr", "w:pStyle", "w:val", "w:r", "w:t", "w:tab", "xml:space"))


def clean(text: str) -> str:
    """Text lxml will take: control characters pasted from elsewhere dropped."""
    return _XML_UNSAFE.sub("", text)


class Writer:
    """Paragraphs appended before the body's last sectPr, styles by id resolved once."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.end = document.element.body.get_or_add_sectPr()
        self.ids = {s.name: s.style_id for s in document.styles}
        self._looks: dict[str, object] = {}

    def look_of(self, style: str):
        """A paragraph style's fonts and weight as a run's properties: a heading's sentence set
        in its level's font at the start of a paragraph of body text."""
        if style not in self._looks:
            rpr = self.document.styles[style].element.find(qn("w:rPr"))
            look = OxmlElement("w:rPr")
            for child in rpr if rpr is not None else ():
                if child.tag in _LOOK:
                    look.append(deepcopy(child))
            self._looks[style] = look
        return deepcopy(self._looks[style])

    def add(self, text: str = "", style: str = "公文正文") -> Paragraph:
        """``<w:p><w:pPr><w:pStyle/></w:pPr><w:r><w:t>text</w:t></w:r></w:p>`` in lxml: the
        python-docx calls cost ten times more, which a thousand proposals feel."""
        p = OxmlElement("w:p")
        ppr = p.makeelement(_PPR)
        ppr.append(p.makeelement(_PSTYLE, {_VAL: self.ids[style]}))
        p.append(ppr)
        if text:
            run = p.makeelement(_R)
            for i, piece in enumerate(clean(text).split("\t")):
                if i:
                    run.append(p.makeelement(_TAB))
                if piece:
                    t = p.makeelement(_T, {_SPACE: "preserve"})
                    t.text = piece
                    run.append(t)
            p.append(run)
        self.end.addprevious(p)
        return Paragraph(p, self.document._body)
