"""A batch printed as one job: the letters as sections of one document, each as it was."""
from __future__ import annotations

import subprocess

import docx
import pytest
from docx.oxml.ns import qn

from desktop.exporters import combine, pdf, reply_letter

from .samples import letter, pages


def written(tmp_path, *letters):
    paths = []
    for n, content in enumerate(letters, start=1):
        path = tmp_path / f"答复函_{n}.docx"
        reply_letter.render(content).save(str(path))
        paths.append(path)
    return paths


def test_each_letter_keeps_its_mark_its_text_and_its_page_numbers_from_one(tmp_path):
    paths = written(tmp_path, letter(1, 1), letter(2, 12), letter(3, 1))
    combined = tmp_path / "合并打印.docx"
    combine.combined(paths).save(str(combined))
    document = docx.Document(str(combined))
    assert len(document.sections) == 3
    marks = [s.first_page_header.paragraphs[0].text for s in document.sections]
    assert marks == ["A", "A", "A"]
    assert len({s.first_page_header.part.partname for s in document.sections}) == 3
    numbers = [s._sectPr.find(qn("w:pgNumType")) for s in document.sections]
    assert numbers[0] is None or numbers[0].get(qn("w:start")) in (None, "1")
    assert [n.get(qn("w:start")) for n in numbers[1:]] == ["1", "1"]
    texts = [p.text for p in document.paragraphs if p.text]
    singles = [p.text for path in paths for p in docx.Document(str(path)).paragraphs if p.text]
    assert texts == singles
    for section in document.sections:
        assert section.different_first_page_header_footer  # no number on a letter's first page
        assert "PAGE" in section.footer._element.xml


@pytest.mark.libreoffice
def test_on_paper_the_combined_batch_has_the_pages_of_its_letters(tmp_path):
    paths = written(tmp_path, letter(1, 1), letter(2, 12), letter(3, 1))
    combined = tmp_path / "合并打印.docx"
    combine.combined(paths).save(str(combined))
    made, failed = pdf.to_pdf([*paths, combined], tmp_path / "pdf", tmp_path / "profile")
    assert not failed
    singles = [pages(p) for p in made[:3]]
    assert pages(made[3]) == sum(singles)
    text = subprocess.run(["pdftotext", "-layout", str(made[3]), "-"], capture_output=True,
                          text=True, check=True).stdout.replace(" ", "").split("\f")
    second = sum(singles[:1])  # the second letter begins on this page (0-based)
    assert "县教函〔2023〕2号" in text[second] and "县教函〔2023〕3号" in text[sum(singles[:2])]
