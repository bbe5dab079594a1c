"""答复函 read back from the .docx: the page, the grid, the fonts, the mark, the words."""
from __future__ import annotations

import re
from datetime import date, timedelta

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from desktop.domain.enums import Disclosure, EvaluationMethod, Origin, Rating, ReplyCategory
from desktop.domain.errors import InvalidInput
from desktop.exporters import reply_letter, templates
from desktop.services import assignment, base_data, handling, letters
from desktop.store.models import Reply

from ..services.flows import ASSIGNED_ON, assigned, filed, refused

REPLIED_ON = date(2023, 5, 8)


def answered(desk, title: str, lead: str = "教育局", assist: tuple[str, ...] = (),
             category: ReplyCategory = ReplyCategory.A, **proposers) -> Reply:
    proposal, rows = assigned(desk, title, lead=lead, assist=assist)
    assignment.accept(desk.session, desk.admin, rows[0].id, on=ASSIGNED_ON)
    return handling.reply(desk.session, desk.admin, rows[0].id, handling.ReplyInput(
        category, REPLIED_ON, signer="王局长", disclosure=Disclosure.PUBLIC,
        text="一、关于经费。已列入预算。\n二、关于师资。正在招聘。", contact_person="李明",
        contact_phone="0871-1234567"))


def written(desk, reply: Reply, tmp_path):
    content = letters.reply_letter(desk.session, reply.id)
    path = tmp_path / "答复函.docx"
    reply_letter.render(content).save(str(path))
    return content, docx.Document(str(path))


def texts(document) -> list[str]:
    return [p.text for p in document.paragraphs]


def east_asia(style) -> str:
    return style.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))


def test_the_page_is_a4_with_the_standards_margins_and_grid(desk, tmp_path):
    _, document = written(desk, answered(desk, "关于提升课后服务质量的建议"), tmp_path)
    section = document.sections[0]
    mm = {name: round(getattr(section, name).mm, 1) for name in (
        "page_width", "page_height", "top_margin", "left_margin", "bottom_margin",
        "right_margin")}
    assert mm == {"page_width": 210.0, "page_height": 297.0, "top_margin": 37.0,
                  "left_margin": 28.0, "bottom_margin": 35.0, "right_margin": 26.0}
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "linesAndChars" and grid.get(qn("w:linePitch")) == "579"
    body = document.styles["公文正文"]
    assert (east_asia(body), body.font.size.pt) == ("仿宋_GB2312", 16.0)
    assert body.paragraph_format.line_spacing.pt == pytest.approx(28.95, abs=0.05)
    assert body.paragraph_format.first_line_indent.pt == 32.0  # two characters
    title = document.styles["公文标题"]
    assert (east_asia(title), title.font.size.pt, title.paragraph_format.alignment) == (
        "方正小标宋简体", 22.0, WD_ALIGN_PARAGRAPH.CENTER)
    defaults = document.styles.element.find(qn("w:docDefaults"))
    assert defaults.find(".//" + qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"
    # the grid counts its 28 characters in the default size: 三号
    assert defaults.find(".//" + qn("w:sz")).get(qn("w:val")) == "32"


def test_the_category_mark_is_at_the_upper_right_of_the_first_page_only(desk, tmp_path):
    _, document = written(desk, answered(desk, "关于改善农村学校条件的建议",
                                         category=ReplyCategory.B), tmp_path)
    section = document.sections[0]
    assert section.different_first_page_header_footer
    [mark] = section.first_page_header.paragraphs
    assert (mark.text, mark.alignment) == ("B", WD_ALIGN_PARAGRAPH.RIGHT)
    assert "B" not in "".join(p.text for p in section.header.paragraphs)
    fields = {name: footer._element.xml.count("PAGE") for name, footer in (
        ("first", section.first_page_footer), ("odd", section.footer),
        ("even", section.even_page_footer))}
    assert fields == {"first": 0, "odd": 1, "even": 1}, "no number on a letter's first page"
    assert section.footer.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert section.even_page_footer.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.LEFT
    assert document.settings.odd_and_even_pages_header_footer


def test_the_letter_says_who_what_and_when(desk, tmp_path):
    reply = answered(desk, "关于加强校园安全的建议", assist=("财政局", "公安局"))
    content, document = written(desk, reply, tmp_path)
    lines = texts(document)
    unit = desk.unit("教育局").name
    signed = "测试县教育局"  # the 全称: the county written out in the head and the signature
    assert lines[0] == signed and document.paragraphs[0].style.name == "发文机关标志"
    assert re.fullmatch(r"教育局函〔2023〕\d+号", lines[1])  # numbered in the numbering test
    assert not any(line.startswith(("签发人", "公开属性")) for line in lines), \
        "the letter format has no 签发人; 公开属性 is the 附注"
    title = next(p for p in document.paragraphs if p.style.name == "公文标题").text
    assert title.replace("\n", "") == content.title
    assert title.startswith("关于政协") and "第十届委员会第" in content.title
    assert title.endswith("提案的答复")
    assert "张三委员：" in lines
    assert "您提出的《关于加强校园安全的建议》收悉。现答复如下：" in lines
    assert "一、关于经费。已列入预算。" in lines and "二、关于师资。正在招聘。" in lines
    assert (f"本件由{unit}会同{desk.unit('财政局').name}、{desk.unit('公安局').name}办理。"
            in lines)
    assert "联系人：李明　　联系电话：0871-1234567" in lines
    # a line for the seal, the unit centred over the date, the date four characters in, the 附注
    assert lines[-4:] == ["", signed, "2023年5月8日", "（此件公开发布）"]
    signature, day, note = document.paragraphs[-3:]
    assert day.paragraph_format.right_indent.pt == pytest.approx(4 * 16)
    assert signature.paragraph_format.right_indent.pt == pytest.approx(
        (4 + (6 - len(signed)) / 2) * 16)  # 2023年5月8日: three characters and six halves
    assert note.paragraph_format.first_line_indent is None and note.style.name == "公文正文"
    copies = next(p for p in document.paragraphs if p.text.startswith("抄送："))
    assert copies.text.endswith("人民政府督查室。") and copies.style.name == "版记"
    frame = copies._p.pPr.find(qn("w:framePr"))  # at the foot of the last page
    assert (frame.get(qn("w:vAnchor")), frame.get(qn("w:yAlign"))) == ("margin", "bottom")
    assert int(frame.get(qn("w:w"))) == pytest.approx(156 / 25.4 * 1440, abs=2)
    assert copies._p.pPr.find(qn("w:pBdr")) is None, "no rules round the letter's 抄送"


def test_the_full_name_written_in_base_data_heads_and_signs_the_letter(desk):
    unit = desk.unit("财政局")
    base_data.update_unit(desk.session, desk.admin, unit.id, unit.name, unit.short_name,
                          unit.system, "测试县财政局（县国有资产监督管理局）")
    content = letters.reply_letter(desk.session, answered(desk, "关于规范国有资产管理的建议",
                                                          lead="财政局").id)
    assert content.unit == "测试县财政局（县国有资产监督管理局）"
    listed = base_data.unit_rows(desk.session)
    assert next(r for r in listed if r.id == unit.id).full_name_written
    other = next(r for r in listed if r.name == desk.unit("教育局").name)
    assert (other.full_name, other.full_name_written) == ("测试县教育局", False)


def test_a_second_reply_is_titled_as_the_second_handling(desk):
    first = answered(desk, "关于改善城区停车条件的建议", lead="住建局")
    handling.evaluate(desk.session, desk.admin, first.assignment_id, Rating.SATISFIED,
                      Rating.UNSATISFIED, EvaluationMethod.PAPER, REPLIED_ON + timedelta(10))
    second = handling.reply(desk.session, desk.admin, first.assignment_id, handling.ReplyInput(
        ReplyCategory.A, REPLIED_ON + timedelta(40), text="二次办理情况。"))
    titles = [letters.reply_letter(desk.session, r.id).title for r in (first, second)]
    assert titles[0].endswith("提案的答复") and titles[1].endswith("提案二次办理的答复")
    assert titles[1].removesuffix("二次办理的答复") == titles[0].removesuffix("的答复")


def test_the_units_letters_are_numbered_in_the_order_they_were_answered(desk, tmp_path):
    first = answered(desk, "关于规范校外培训的建议", lead="卫健局")
    second = answered(desk, "关于加强校医配备的建议", lead="卫健局")
    numbers = [letters.reply_letter(desk.session, r.id).doc_number for r in (first, second)]
    short = desk.unit("卫健局").short_name
    assert numbers == [f"{short}函〔2023〕1号", f"{short}函〔2023〕2号"]
    again = letters.reply_letter(desk.session, first.id).doc_number
    assert again == numbers[0], "the same number on a second export"


def test_a_joint_proposal_is_addressed_to_the_lead_naming_the_cosigners(desk):
    proposal = filed(desk, "关于发展乡村旅游产业的建议", "张三", "李四", "王五",
                     origin=Origin.JOINT)
    [row] = assignment.assign(desk.session, desk.admin, proposal.id,
                              lead=desk.unit("文旅广体局").id, assigned_on=ASSIGNED_ON)
    assignment.accept(desk.session, desk.admin, row.id, on=ASSIGNED_ON)
    reply = handling.reply(desk.session, desk.admin, row.id, handling.ReplyInput(
        ReplyCategory.A, REPLIED_ON, signer="局长"))
    content = letters.reply_letter(desk.session, reply.id)
    assert content.salutation == "张三等委员："
    assert content.opening == "您与李四、王五委员联名提出的《关于发展乡村旅游产业的建议》收悉。现答复如下："


def test_a_template_missing_a_style_is_refused_naming_it(tmp_path):
    document = templates.build_reference()
    document.styles["版记"].delete()
    path = tmp_path / "本县模板.docx"
    document.save(str(path))
    with refused(InvalidInput, "template_missing_style", style="版记", path="本县模板.docx"):
        templates.load("答复函", path)
