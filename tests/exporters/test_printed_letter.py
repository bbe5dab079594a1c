"""答复函 as printed: rendered by LibreOffice and read page by page (GB/T 9704-2012 §7, §10.1)."""
from __future__ import annotations

import dataclasses
import re

import docx
import pytest
from docx.oxml.ns import qn

from desktop.exporters import pdf, reply_letter

from .print_proof import (
    broken_words, closing_alone, heading_at_foot, read_pages, red_rules, title_words,
)
from .samples import letter

pytestmark = pytest.mark.libreoffice
LINE = "我局高度重视，认真研究办理，现将有关情况答复如下。"  # one printed line and a bit


def lengths(number: int, lines: int) -> reply_letter.ReplyLetter:
    """A letter whose body runs ``lines`` paragraphs, with headings among them; of an even
    length, a last heading right over the last paragraph (as 四、下一步打算 in a unit's reply)."""
    body = ["一、基本情况", *[LINE] * (lines // 2), "二、主要工作", *[LINE] * (lines - lines // 2)]
    if lines % 2 == 0:
        body += ["三、下一步打算", LINE * 2]
    return dataclasses.replace(
        letter(number, 0), body=body, disclosure="此件公开发布",
        title=f"关于政协清河县第十届委员会第二次会议第{number}号提案的答复")


def closing_of(content: reply_letter.ReplyLetter):
    """The closing block's lines as printed: the thanks, signature, date, 附注, 抄送 — a page of
    only these has none of the reply itself."""
    block = {content.unit, "2023年5月8日", f"（{content.disclosure}）"}
    return lambda line, _page: (line.text in block or line.text.startswith("抄送")
                                or line.text in content.closing)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """Letters of every length from one page to three, as the program writes them and with
    its keep-together taken out (what a stranded signature looks like), in one LibreOffice."""
    folder = tmp_path_factory.mktemp("printed-letters")
    files, contents = [], {}
    for lines in range(1, 38):
        content = lengths(lines, lines)
        for kept in (True, False):
            path = folder / f"{'kept' if kept else 'loose'}_{lines}.docx"
            document = reply_letter.render(content)
            if not kept:
                for keep in document.element.body.iter(qn("w:keepNext")):
                    keep.getparent().remove(keep)
            document.save(str(path))
            files.append(path)
            contents[path.stem] = content
    pdfs, failed = pdf.to_pdf(files, folder / "pdf", folder / "profile")
    assert not failed and len(pdfs) == len(files), "every letter converted"
    return {p.stem: (read_pages(p), contents[p.stem], p) for p in pdfs}


def test_no_page_of_a_letter_holds_only_its_signature_and_date(rendered):
    problems = [f"{name}: {p}" for name, (pages, content, _) in rendered.items()
                if name.startswith("kept") for p in closing_alone(pages, closing_of(content))]
    assert problems == []
    pages_seen = {len(pages) for name, (pages, _, _) in rendered.items() if name.startswith("kept")}
    assert pages_seen >= {1, 2, 3}, "letters of one, two and three pages were checked"


def test_the_check_finds_a_signature_planted_alone_on_a_page(rendered):
    """Without the keep-together some lengths strand the closing block: the check must see it."""
    stranded = [name for name, (pages, content, _) in rendered.items()
                if name.startswith("loose") and closing_alone(pages, closing_of(content))]
    assert stranded, "no length stranded the signature: the check was not put to the test"


def test_no_heading_ends_a_page(rendered):
    problems = [f"{name}: {p}" for name, (pages, _, _) in rendered.items()
                if name.startswith("kept") for p in heading_at_foot(pages)]
    assert problems == []


def test_the_title_breaks_between_words_and_is_one_line_of_22_points(rendered):
    for name, (pages, content, _) in rendered.items():
        if not name.startswith("kept"):
            continue
        title = [line for line in pages[0].body() if 25 <= line.height <= 32]
        assert "".join(line.text for line in title) == content.title
        assert len(title) == 2 and broken_words([t.text for t in title], title_words) == []


def test_the_first_page_has_the_marks_of_the_letter_format(rendered):
    pages, content, path = rendered["kept_30"]
    first = pages[0]
    mark = next(line for line in first.lines if line.text == "A")
    assert mark.top < 37 * 72 / 25.4 and mark.right == pytest.approx(184 * 72 / 25.4, abs=3), \
        "the category mark at the upper right, above the text"
    assert not any(re.fullmatch(r"—\s*1\s*—", line.text) for line in first.lines), \
        "no page number on a letter's first page"
    assert re.fullmatch(r"—\s*2\s*—", pages[1].lines[-1].text)
    assert pages[1].lines[-1].left < 120, "an even page's number on the left"
    texts = [line.text for line in first.lines]
    assert not any(t.startswith(("签发人", "公开属性")) for t in texts), "the letter format has neither"
    head, foot = red_rules(path, 1)
    assert head[1] == pytest.approx(170, abs=1) and foot[1] == pytest.approx(170, abs=1)
    assert 297 - foot[0] == pytest.approx(20, abs=1), "the second red rule 20 mm above the foot"
    assert red_rules(path, 2) == [], "the rules are the first page's only"
    last = pages[-1]
    note = next(line for line in last.lines if line.text == "（此件公开发布）")
    dated = next(line for line in last.lines if line.text == "2023年5月8日")
    assert note.top > dated.top and note.left == pytest.approx(28 * 72 / 25.4 + 32, abs=2), \
        "the 附注 two characters in on the line under the date"
    copies = next(line for line in last.lines if line.text.startswith("抄送"))
    assert copies.left == pytest.approx(28 * 72 / 25.4 + 14, abs=2), "抄送 one character in"
    assert copies.bottom > (297 - 35 - 12) * 72 / 25.4, "抄送 at the foot of the last page"


def test_a_docx_says_its_headings_in_their_levels_fonts(tmp_path):
    content = dataclasses.replace(letter(1, 0), body=[
        "一、基本情况", "（一）经费保障。已列入明年预算。", "今年以来，我局多方筹措资金。"])
    path = tmp_path / "a.docx"
    reply_letter.render(content).save(str(path))
    paragraphs = {p.text: p for p in docx.Document(str(path)).paragraphs}
    heading = paragraphs["一、基本情况"]
    assert heading.style.name == "一级标题" and heading.paragraph_format.keep_with_next
    run_on = paragraphs["（一）经费保障。已列入明年预算。"]
    assert run_on.style.name == "公文正文"
    first, rest = run_on.runs
    assert (first.text, rest.text) == ("（一）经费保障。", "已列入明年预算。")
    fonts = first._r.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "楷体_GB2312", "the second level's sentence in 楷体"
    assert paragraphs["今年以来，我局多方筹措资金。"].style.name == "公文正文"
