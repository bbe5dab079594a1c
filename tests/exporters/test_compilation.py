"""提案汇编 read back from the .docx: cover, contents with page references, a page per
proposal, running header, page numbers, fonts; built from the records in a few queries."""
from __future__ import annotations

import re
import subprocess
from datetime import date

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from sqlalchemy import event

from desktop.domain.enums import Origin
from desktop.domain.errors import InvalidInput
from desktop.exporters import compilation as book
from desktop.exporters.compilation import CategoryGroup, Compilation, CompiledProposal
from desktop.services import assignment, base_data, entry, numbering, review
from desktop.services import compilation as compiling

from ..services.flows import ASSIGNED_ON, filed, refused, to_final_level

MEETING = "政协测试县第十届委员会第二次会议"
# 54 characters: with the two-character indent, exactly two lines of 28
LONG = ("建议县政府统筹发改、财政、住建等部门，加快推进项目建设，"
        "在二〇二三年底前完成试点并逐步推广，切实地惠及群众。")


def proposal(n: int, title: str, paragraphs: int = 2) -> CompiledProposal:
    return CompiledProposal(f"第{n}号", title, "张三（领衔）、李四", "经济界",
                            [LONG] * paragraphs, units="县教育局（主办）")


def sample() -> Compilation:
    return Compilation(MEETING, "政协测试县委员会提案委员会", date(2023, 3, 1), [
        CategoryGroup("一、经济建设（2件）", [proposal(1, "关于发展油茶产业的提案", 12),
                                        proposal(3, "关于优化营商环境的提案")]),
        CategoryGroup("二、教育科技（1件）", [proposal(2, "关于推进职业教育产教融合的提案", 30)]),
    ])


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    path = tmp_path_factory.mktemp("book") / "提案汇编.docx"
    book.render(sample()).save(str(path))
    return path, docx.Document(str(path))


def section_paragraphs(document) -> list[list]:
    """The body's paragraphs cut at each section's end: cover, contents, proposals."""
    parts, current = [], []
    for paragraph in document.paragraphs:
        current.append(paragraph)
        if paragraph._p.find(qn("w:pPr") + "/" + qn("w:sectPr")) is not None:
            parts.append(current)
            current = []
    return [*parts, current]


def instructions(element) -> list[str]:
    return ["".join(t.text for t in element.iter(qn("w:instrText"))).strip()]


def east_asia(style) -> str:
    return style.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))


def test_the_cover_names_the_meeting_the_book_the_office_and_the_date(written):
    _, document = written
    cover, _, _ = section_paragraphs(document)
    texts = [p.text for p in cover if p.text]
    assert texts == [MEETING, "提案汇编", "政协测试县委员会提案委员会", "2023年3月1日"]
    assert all(WD_ALIGN_PARAGRAPH.CENTER in (p.alignment, p.style.paragraph_format.alignment)
               for p in cover if p.text)
    refs = document.sections[0]._sectPr.xpath("w:headerReference|w:footerReference")
    assert refs == [], "no header and no page number on the cover"


def test_the_contents_lists_the_proposals_by_category_each_pointing_at_its_first_page(written):
    _, document = written
    _, contents, body = section_paragraphs(document)
    lines = [(p.style.name, p.text) for p in contents if p.text]
    assert lines[0] == ("公文标题", "目　录")
    assert [text for style, text in lines if style == "一级标题"] == [
        "一、经济建设（2件）", "二、教育科技（1件）"]
    entries = [p for p in contents if p.style.name == "目录"]
    assert [p.text.split("\t")[0] for p in entries] == [
        "第1号　关于发展油茶产业的提案", "第3号　关于优化营商环境的提案",
        "第2号　关于推进职业教育产教融合的提案"]
    assert lines.index(("一级标题", "二、教育科技（1件）")) == 4  # after the first two entries
    starts = {p.text: p for p in body if p.style.name == "一级标题"}
    for line in entries:
        [code] = instructions(line._p)
        name = re.fullmatch(r"PAGEREF (_Toc_\d+) \\h", code).group(1)
        number = line.text.split("　")[0]
        marks = starts[number]._p.findall(qn("w:bookmarkStart"))
        assert [m.get(qn("w:name")) for m in marks] == [name], "the bookmark on its 第N号 line"
        tab = line._p.find(f"{qn('w:pPr')}/{qn('w:tabs')}/{qn('w:tab')}")
        assert (tab.get(qn("w:val")), tab.get(qn("w:leader"))) == ("right", "dot")
        assert round(int(tab.get(qn("w:pos"))) / 1440 * 25.4) == 156  # the text's right edge
    # shown until Word updates them: 6 lines of heading, 12 paragraphs of 2 lines and the
    # 承办单位 after a blank line are 32 lines, two pages of 22; the next proposal fills one
    shown = [line.text.split("\t")[1] for line in entries]
    assert shown == ["1", "3", "4"]
    assert document.settings.element.find(qn("w:updateFields")) is None, \
        "Word opens the book without asking about fields"
    hanging = entries[0].paragraph_format
    assert hanging.first_line_indent.pt == -hanging.left_indent.pt == -16 * 3.5, \
        "a wrapped 案由 hangs under the first line's 案由 (第N号 and a space: 3.5 characters)"
    headings = [p for p in contents if p.style.name == "一级标题"]
    assert headings and all(p.paragraph_format.keep_with_next for p in headings)


def test_every_proposal_starts_on_a_new_page_with_its_number_title_proposers_and_text(written):
    _, document = written
    _, contents, body = section_paragraphs(document)
    numbers = [p for p in body if p.style.name == "一级标题"]
    assert [p.text for p in numbers] == ["第1号", "第3号", "第2号"]
    assert all(p.paragraph_format.page_break_before for p in numbers)
    assert numbers[0] is body[0], "the first proposal opens the section after the contents"
    assert document.sections[1]._sectPr.start_type in (None, 2)  # a new page
    first = [p.text for p in body[:body.index(numbers[1])]]
    assert first[:6] == ["第1号", "关于发展油茶产业的提案", "", "提案人：张三（领衔）、李四",
                         "界别：经济界", ""]
    assert first[6:18] == [LONG] * 12 and first[-1] == "承办单位：县教育局（主办）"
    styles = {p.text: p.style.name for p in body}
    assert (styles["关于发展油茶产业的提案"], styles[LONG]) == ("公文标题", "公文正文")


def test_the_running_header_names_the_meeting_over_the_proposals_only(written):
    _, document = written
    cover, contents, proposals = document.sections
    assert proposals.header.paragraphs[0].text == MEETING
    assert proposals.even_page_header.paragraphs[0].text == MEETING
    assert proposals.header.paragraphs[0].style.name == "页眉文字"
    assert not proposals.header.is_linked_to_previous
    for section in (cover, contents):
        assert not section._sectPr.xpath("w:headerReference"), "the header comes from nobody"


def test_pages_are_numbered_odd_right_even_left_the_proposals_from_one(written):
    _, document = written
    cover, contents, proposals = document.sections
    assert document.settings.odd_and_even_pages_header_footer
    assert not cover._sectPr.xpath("w:footerReference")
    for section, fmt in ((contents, "upperRoman"), (proposals, "decimal")):
        numbering_ = section._sectPr.find(qn("w:pgNumType"))
        assert (numbering_.get(qn("w:fmt")), numbering_.get(qn("w:start"))) == (fmt, "1")
        for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
                              (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
            paragraph = footer.paragraphs[0]
            assert not footer.is_linked_to_previous
            assert instructions(paragraph._p) == ["PAGE"] and paragraph.alignment == align
            assert paragraph.text.startswith("— ") and paragraph.text.endswith(" —")
            fonts = {run.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))
                     for run in paragraph.runs}
            assert fonts == {"宋体"}


def test_every_section_has_the_official_page_and_the_styles_their_fonts(written):
    _, document = written
    for section in document.sections:
        mm = [round(getattr(section, name).mm, 1) for name in (
            "page_width", "page_height", "top_margin", "left_margin", "bottom_margin",
            "right_margin")]
        assert mm == [210.0, 297.0, 37.0, 28.0, 35.0, 26.0]
        grid = section._sectPr.find(qn("w:docGrid"))
        assert (grid.get(qn("w:type")), grid.get(qn("w:linePitch"))) == ("linesAndChars", "579")
    fonts = {name: (east_asia(document.styles[name]), document.styles[name].font.size.pt)
             for name in ("公文正文", "公文标题", "目录", "页眉文字", "一级标题")}
    assert fonts == {"公文正文": ("仿宋_GB2312", 16.0), "公文标题": ("方正小标宋简体", 22.0),
                     "目录": ("仿宋_GB2312", 16.0), "页眉文字": ("宋体", 12.0),
                     "一级标题": ("黑体", 16.0)}


def test_the_page_estimate_counts_grid_lines_of_28_characters_latin_at_half_width():
    assert book.cells("关于2023年") == 5.0
    # number, title, blank, 提案人, 界别, blank + 8 paragraphs of 2 + 54 cells = 2 lines each
    eight = CompiledProposal("第1号", "关于发展油茶产业的提案", "张三", "经济界", ["测" * 54] * 8)
    assert book.pages(eight) == 1  # 6 + 16 = 22 lines: exactly one page
    nine = CompiledProposal("第1号", "关于发展油茶产业的提案", "张三", "经济界", ["测" * 54] * 9)
    assert book.pages(nine) == 2
    half = CompiledProposal("第1号", "关于发展油茶产业的提案", "张三", "经济界", ["2023" * 13] * 8)
    assert book.pages(half) == 1  # 52 digits are 26 cells: still two lines with the indent
    assert book.start_pages(Compilation(MEETING, "", date(2023, 3, 1), [
        CategoryGroup("一、其他", [nine, eight, nine])])) == [1, 3, 4]


def test_progress_is_told_after_each_proposal_and_a_cancel_stops_the_book():
    seen = []
    book.render(sample(), progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 3), (2, 3), (3, 3)]

    class Cancelled(Exception):
        pass

    def cancel(done: int, total: int) -> None:
        if done == 2:
            raise Cancelled

    with pytest.raises(Cancelled):
        book.render(sample(), progress=cancel)


def test_text_pasted_with_control_characters_still_makes_a_book(tmp_path):
    pasted = CompiledProposal("第1号", "关于\x07加强校园安全的提案", "张三", "",
                              ["第一段\x0c续\x01写", "表格\t内容"])
    path = tmp_path / "汇编.docx"
    book.render(Compilation(MEETING, "提案委员会", date(2023, 3, 1),
                            [CategoryGroup("一、其他", [pasted])])).save(str(path))
    texts = [p.text for p in docx.Document(str(path)).paragraphs]
    assert "关于加强校园安全的提案" in texts and "第一段续写" in texts and "表格\t内容" in texts
    assert "界别：" not in texts, "no 界别 line when the proposal has none"


# -- from the records --------------------------------------------------------------------------

def numbered(desk, title: str, *names: str, category: str, **kw):
    """Filed (立案) in ``category`` and given its 提案号."""
    proposal = filed(desk, title, *names, category_id=desk.category(category).id, **kw)
    numbering.give_numbers(desk.session, desk.admin, [proposal.id])
    return proposal


def test_the_office_compiles_its_filed_proposals_by_category_in_number_order(desk, tmp_path):
    first = numbered(desk, "关于加快公共文化基础设施建设的提案", "张三", category="文化旅游",
                     body="一、现状。\n\n　　二、建议。加大投入。\n")
    numbered(desk, "关于推进国家物流枢纽建设的提案", "王五", "张三", "李四",
             category="经济建设", origin=Origin.JOINT)
    party = base_data.add_organisation(desk.session, desk.admin, "民盟县委" + desk.meeting.name)
    collective = entry.register(desk.session, desk.admin, entry.ProposalDraft(
        desk.meeting.id, "关于整合历史文化资源的提案",
        [entry.ProposerInput(organisation_id=party.id)], category_id=desk.category("文化旅游").id,
        received_on=date(2023, 1, 12)), submit=True)
    to_final_level(desk, [collective.id])
    review.file(desk.session, desk.admin, [collective.id])
    numbering.give_numbers(desk.session, desk.admin, [collective.id])
    filed(desk, "关于尚未编号的提案", category_id=desk.category("经济建设").id)
    desk.register("关于还在审查的提案")
    assignment.assign(desk.session, desk.admin, first.id, lead=desk.unit("文旅广体局").id,
                      assist=[desk.unit("财政局").id], assigned_on=ASSIGNED_ON)

    content = compiling.compilation(desk.session, desk.meeting.id, on=date(2023, 3, 1))
    meeting = base_data.chinese_number(desk.meeting.number)
    assert content.meeting == f"政协测试县第十届委员会第{meeting}次会议"
    assert content.office == "政协测试县委员会提案委员会"
    assert [g.heading for g in content.groups] == ["一、经济建设（1件）", "二、文化旅游（2件）"]
    economy, culture = content.groups
    assert [(p.number, p.proposers) for p in economy.proposals] == [
        ("第2号", "王五（领衔）、张三、李四")]
    assert [(p.number, p.proposers) for p in culture.proposals] == [
        ("第1号", "张三"), ("第3号", party.name)]
    culture_first = culture.proposals[0]
    assert culture_first.body == ["一、现状。", "二、建议。加大投入。"]
    assert culture_first.sector == "经济界"
    assert culture_first.units == (f"{desk.unit('文旅广体局').name}（主办）；"
                                   f"{desk.unit('财政局').name}（协办）")
    assert content.unnumbered == 1, "a filed proposal without 提案号 is counted, not printed"

    path = tmp_path / "提案汇编.docx"
    book.render(content).save(str(path))
    document = docx.Document(str(path))
    assert [p.text.split("\t")[0] for p in document.paragraphs if p.style.name == "目录"] == [
        "第2号　关于推进国家物流枢纽建设的提案", "第1号　关于加快公共文化基础设施建设的提案",
        "第3号　关于整合历史文化资源的提案"]


def test_a_meeting_with_nothing_numbered_is_refused_naming_it(desk):
    filed(desk, "关于尚未编号的提案")
    with refused(InvalidInput, "compilation_empty", meeting=desk.meeting.name):
        compiling.compilation(desk.session, desk.meeting.id)


def test_a_meeting_of_many_proposals_is_read_in_the_same_few_queries(desk):
    def queries() -> int:
        seen = []
        engine = desk.session.get_bind()
        listener = lambda *args: seen.append(1)  # noqa: E731
        event.listen(engine, "before_cursor_execute", listener)
        try:
            compiling.compilation(desk.session, desk.meeting.id)
        finally:
            event.remove(engine, "before_cursor_execute", listener)
        return len(seen)

    for i in range(2):
        numbered(desk, f"关于第{i}件事的提案", "张三", "李四", category="社会民生",
                 origin=Origin.JOINT)
    few = queries()
    for i in range(2, 7):
        numbered(desk, f"关于第{i}件事的提案", "张三", "李四", category="社会民生",
                 origin=Origin.JOINT)
    assert queries() == few


# -- as LibreOffice lays it out ----------------------------------------------------------------

@pytest.mark.libreoffice
def test_libreoffice_finds_each_proposal_on_the_page_the_contents_gives(tmp_path):
    """LibreOffice computes PAGEREF itself: its numbers are where it laid each proposal out."""
    content = Compilation(MEETING, "政协测试县委员会提案委员会", date(2023, 3, 1), [
        CategoryGroup("一、经济建设（2件）", [proposal(1, "关于发展油茶产业的提案", 1),
                                        proposal(2, "关于优化营商环境的提案", 12)]),
        CategoryGroup("二、教育科技（1件）", [proposal(3, "关于推进职业教育产教融合的提案", 1)])])
    path = tmp_path / "汇编.docx"
    book.render(content).save(str(path))
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                   capture_output=True, timeout=180, check=True)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "汇编.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    pages = [re.sub(r"\s+", "", page) for page in text.split("\f")[:-1]]
    assert pages[0] == f"{MEETING}提案汇编政协测试县委员会提案委员会2023年3月1日", "no number"
    assert pages[1].endswith("—I—"), "one page of contents, numbered apart"
    shown = dict(re.findall(r"(第\d号)关于\w+?的提案\.*(\d+)", pages[1]))
    assert list(shown) == ["第1号", "第2号", "第3号"] and shown["第1号"] == "1"
    starts = {number: int(page) for number, page in shown.items()}
    assert starts["第3号"] - starts["第2号"] >= 2, "the long proposal runs over pages"
    for number, page in starts.items():
        assert pages[1 + page].startswith(f"{MEETING}{number}"), "header, then its 第N号"
    body = pages[2:]
    assert [page.endswith(f"—{n}—") for n, page in enumerate(body, start=1)] == [True] * len(body)
    opening = [page for page in body if re.match(f"{MEETING}第\\d号", page)]
    assert len(opening) == 3 and len(pages) == 2 + starts["第3号"], \
        "cover + contents + the proposals' pages, no blank page between"
