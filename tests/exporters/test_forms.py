"""征询意见表 and 提案表 read back from the .docx (and, with LibreOffice, from the PDF)."""
from __future__ import annotations

import re
import subprocess
from datetime import date

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.table import _Cell

from desktop.domain.enums import ContactForm, EvaluationMethod, Origin, Rating, ReplyCategory
from desktop.exporters import forms
from desktop.services import assignment, base_data, entry, handling, numbering, review
from desktop.services import forms as service
from desktop.services.base_data import chinese_number
from desktop.wording.dates import chinese_date

from ..services.flows import ASSIGNED_ON, answer, assigned, filed, in_final_review

REPLIED_ON = date(2023, 5, 8)
HEADING_MARK = re.compile(r"[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.．]")
BOXES = "□满意　　□基本满意　　□不满意"
FONTS = {"公文标题": "方正小标宋简体", "表头": "黑体", "表格文字": "仿宋_GB2312"}


def saved(document, tmp_path, name: str):
    path = tmp_path / name
    document.save(str(path))
    return docx.Document(str(path))


def feedback_doc(desk, reply_id: str, tmp_path):
    content = service.feedback_form(desk.session, reply_id)
    return content, saved(forms.render_feedback(content), tmp_path, "征询意见表.docx")


def proposal_doc(desk, proposal_id: str, tmp_path):
    content = service.proposal_form(desk.session, proposal_id)
    return content, saved(forms.render_proposal(content), tmp_path, "提案表.docx")


def rows(document) -> list[list[str]]:
    """Each row's cells as printed: a merged cell once."""
    [table] = document.tables
    return [[_Cell(tc, table).text for tc in tr.tc_lst] for tr in table._tbl.tr_lst]


def heading(document) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == "公文标题"]


def meeting(desk) -> str:
    return f"政协测试县第十届委员会第{chinese_number(desk.meeting.number)}次会议"


def page_fields(document) -> int:
    return sum(part.blob.decode().count(" PAGE ") for part in document.part.package.iter_parts()
               if "footer" in str(part.partname))


def assert_a4_with_the_standards_margins(document) -> None:
    section = document.sections[0]
    mm = [round(getattr(section, name).mm, 1) for name in (
        "page_width", "page_height", "top_margin", "left_margin", "bottom_margin",
        "right_margin")]
    assert mm == [210.0, 297.0, 37.0, 28.0, 35.0, 26.0]


def assert_fonts_come_from_the_styles(document) -> None:
    """Every paragraph in a style with its East Asian font; no run names a font of its own."""
    paragraphs = list(document.paragraphs) + [
        p for table in document.tables for row in table.rows for cell in row.cells
        for p in cell.paragraphs]
    used = {p.style.name for p in paragraphs}
    assert used == set(FONTS)
    for name in used:
        fonts = document.styles[name].element.rPr.find(qn("w:rFonts"))
        assert (fonts.get(qn("w:eastAsia")), fonts.get(qn("w:ascii"))) == (FONTS[name], FONTS[name])
    own = [r for p in paragraphs for r in p.runs if r.element.rPr is not None
           and r.element.rPr.find(qn("w:rFonts")) is not None]
    assert all(HEADING_MARK.match(r.text) for r in own), \
        "only a point's heading sentence names its level's font"


def replied(desk, row, category: ReplyCategory = ReplyCategory.A):
    if row.accepted_on is None:
        assignment.accept(desk.session, desk.admin, row.id, on=ASSIGNED_ON)
    return handling.reply(desk.session, desk.admin, row.id, handling.ReplyInput(
        category, REPLIED_ON, signer="局长"))


def numbered(desk, *proposals):
    """提案号 given to filed proposals (the office does it after 立案)."""
    numbering.give_numbers(desk.session, desk.admin, [p.id for p in proposals])


def registered(desk, title: str, proposers: list[entry.ProposerInput],
               **kw):
    draft = entry.ProposalDraft(desk.meeting.id, title, proposers,
                                received_on=date(2023, 1, 12), **kw)
    return entry.register(desk.session, desk.admin, draft, submit=True)


# -- 提案办理征询意见表 ----------------------------------------------------------------------

def test_the_feedback_form_is_one_ruled_a4_page_the_proposer_fills_in(desk, tmp_path):
    proposal, [lead, helper] = assigned(desk, "关于提升课后服务质量的建议", lead="教育局",
                                        assist=("财政局",))
    numbered(desk, proposal)
    content, document = feedback_doc(desk, replied(desk, lead, ReplyCategory.B).id, tmp_path)
    assert_a4_with_the_standards_margins(document)
    assert page_fields(document) == 0, "a one-page form carries no page number"
    assert heading(document) == [meeting(desk), "提案办理征询意见表"]
    title = document.paragraphs[0]
    assert title.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert title.alignment is None, "centred by its style"
    unit, assisting = lead.unit.name, helper.unit.name
    assert rows(document) == [
        ["提案号", proposal.number, "答复日期", "2023年5月8日"],
        ["案由", "关于提升课后服务质量的建议"],
        ["提案人", "张三"],
        ["承办单位", f"{unit}（主办）；协办：{assisting}"],
        ["答复类别", "B（正在解决或列入计划）", "是否面商", "否"],
        ["办理态度", BOXES],
        ["办理结果", BOXES],
        ["意见和建议", ""],
        ["提案人签名", "", "日期", "　　年　　月　　日"],
    ]
    note = document.paragraphs[-1].text
    assert note == "注：请在相应的□内打“√”。请于收到答复后一个月内将本表反馈测试县政协提案委员会。"
    [table] = document.tables
    assert table.rows[7].height.mm >= 60, "room to write the opinion by hand"
    assert_fonts_come_from_the_styles(document)


def test_attitude_and_result_are_rated_apart_each_with_three_boxes(desk, tmp_path):
    _, [row] = assigned(desk, "关于规范校外培训的建议", lead="教育局")
    _, document = feedback_doc(desk, replied(desk, row).id, tmp_path)
    cells = {r[0]: r[1:] for r in rows(document)}
    for rated in ("办理态度", "办理结果"):
        [boxes] = cells[rated]
        assert re.findall(r"□(基本满意|不满意|满意)", boxes) == ["满意", "基本满意", "不满意"]
    assert sum(text.count("□") for row in rows(document) for text in row) == 6


def test_a_face_to_face_meeting_on_record_is_printed_as_yes(desk, tmp_path):
    _, [row] = assigned(desk, "关于加强校医配备的建议", lead="卫健局")
    assignment.accept(desk.session, desk.admin, row.id, on=ASSIGNED_ON)
    handling.record_contact(desk.session, desk.admin, row.id, ContactForm.PHONE, ASSIGNED_ON)
    phoned = replied(desk, row)
    assert service.feedback_form(desk.session, phoned.id).face_to_face is False, "a call is not 面商"
    _, [met] = assigned(desk, "关于建设社区医院的建议", lead="卫健局")
    assignment.accept(desk.session, desk.admin, met.id, on=ASSIGNED_ON)
    handling.record_contact(desk.session, desk.admin, met.id, ContactForm.FACE, ASSIGNED_ON)
    _, document = feedback_doc(desk, replied(desk, met).id, tmp_path)
    assert ["答复类别", "A（已解决或基本解决）", "是否面商", "是"] in rows(document)


def test_a_joint_proposals_form_names_the_lead_and_the_cosigners(desk, tmp_path):
    proposal = filed(desk, "关于发展乡村旅游产业的建议", "张三", "李四", "王五",
                     origin=Origin.JOINT)
    [row] = assignment.assign(desk.session, desk.admin, proposal.id,
                              lead=desk.unit("文旅广体局").id, assigned_on=ASSIGNED_ON)
    _, document = feedback_doc(desk, replied(desk, row).id, tmp_path)
    assert ["提案人", "张三（领衔）、李四、王五"] in rows(document)


def test_every_due_reply_gets_a_form_and_a_second_reply_replaces_the_first(desk):
    first, [lead, helper] = assigned(desk, "关于推进垃圾分类的建议", lead="城管执法局",
                                     assist=("财政局",))
    second, split = assigned(desk, "关于加强农村饮水安全的建议", separate=("住建局", "卫健局"))
    numbered(desk, second, first)
    for row in (lead, *split):
        answer(desk, row, on=REPLIED_ON)
    handling.evaluate(desk.session, desk.admin, lead.id, Rating.BASIC, Rating.UNSATISFIED,
                      EvaluationMethod.PAPER, date(2023, 5, 20))  # 不满意: handled again
    handling.reply(desk.session, desk.admin, lead.id, handling.ReplyInput(
        ReplyCategory.B, date(2023, 6, 20), signer="局长"))
    made = service.feedback_forms(desk.session, desk.meeting.id)
    assert [(f.number, f.unit_name, f.replied_on) for f in made] == [
        (first.number, lead.unit.name, date(2023, 6, 20)),  # the latest reply only
        (second.number, split[0].unit.name, REPLIED_ON),
        (second.number, split[1].unit.name, REPLIED_ON),
    ], "one form per 主办 / 分办 reply, none for the 协办 unit"
    assert made[0].category == "B（正在解决或列入计划）"
    only = service.feedback_forms(desk.session, desk.meeting.id, unit_id=split[1].unit_id)
    assert [f.unit for f in only] == [f"{split[1].unit.name}（分办）"]


# -- 提案表 -------------------------------------------------------------------------------

def test_the_printed_proposal_of_a_joint_proposal_lists_its_cosigners(desk, tmp_path):
    lead = base_data.add_member(desk.session, desk.admin, "周八", desk.sector("经济界").id,
                                phone="13800001111", workplace="县第一中学")
    people = [entry.ProposerInput(lead.id), entry.ProposerInput(desk.member("李四").id),
              entry.ProposerInput(desk.member("王五").id)]
    body = "一、现状。学生课后无人照看。\n\n二、建议。延长课后服务时间。"
    proposal = registered(desk, "关于提升课后服务质量的建议", people, body=body)
    content, document = proposal_doc(desk, proposal.id, tmp_path)
    assert_a4_with_the_standards_margins(document)
    assert heading(document) == [meeting(desk), "提　案"]
    assert document.paragraphs[0].style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert rows(document)[:11] == [
        ["收文号", proposal.serial, "提案类型", "大会提案"],  # no 提案号 before filing
        ["收文日期", chinese_date(proposal.received_on), "类别", ""],  # no 类别 before review
        ["案由", "关于提升课后服务质量的建议"],
        ["领衔提案人", "周八", "界别", "经济界"],
        ["联名提案人", "李四、王五"],
        ["联系电话", "13800001111", "通讯地址", ""],  # the member list keeps no address
        ["承办单位", ""],
        ["内容"],
        ["一、现状。学生课后无人照看。"],  # a row a paragraph: the text runs over pages
        ["二、建议。延长课后服务时间。"],  # a paragraph at a time, none left a line alone
        ["审查意见"],
    ]
    [table] = document.tables
    first_row, second_row = table.rows[8:10]
    assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in (first_row, second_row))
    between = first_row.cells[0]._tc.tcPr.find(qn("w:tcBorders")).find(qn("w:bottom"))
    assert between.get(qn("w:val")) == "nil", "ruled as one cell"
    [first] = first_row.cells[0].paragraphs
    assert first.paragraph_format.first_line_indent.pt == 28
    assert [r.text for r in first.runs] == ["一、现状。", "学生课后无人照看。"], \
        "a point's heading sentence in its level's font, the rest in the body's"
    assert first.runs[0]._r.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "黑体"
    assert_fonts_come_from_the_styles(document)


def test_the_printed_proposal_numbers_its_pages_odd_right_even_left(desk, tmp_path):
    proposal = filed(desk, "关于加强校园安全的建议")
    numbered(desk, proposal)
    _, document = proposal_doc(desk, proposal.id, tmp_path)
    section = document.sections[0]
    assert section.different_first_page_header_footer, "a one-page form bears no number"
    assert page_fields(document) == 2, "a second page and later are numbered"
    assert section.footer.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert section.even_page_footer.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.LEFT
    assert rows(document)[0] == ["提案号", proposal.number, "提案类型", "大会提案"]


def test_the_printed_proposal_names_its_category_and_the_units_handling_it(desk, tmp_path):
    proposal = filed(desk, "关于加强校园安全的建议", category_id=desk.category("教育科技").id)
    assignment.assign(desk.session, desk.admin, proposal.id, lead=desk.unit("教育局").id,
                      assist=[desk.unit("财政局").id, desk.unit("公安局").id],
                      assigned_on=ASSIGNED_ON)
    _, document = proposal_doc(desk, proposal.id, tmp_path)
    got = {row[0]: row for row in rows(document)}
    assert got["收文日期"][3] == "教育科技"
    assisting = "、".join(u.name for u in sorted(
        (desk.unit("财政局"), desk.unit("公安局")), key=lambda u: (u.position, u.name)))
    assert got["承办单位"] == ["承办单位", f"主办：{desk.unit('教育局').name}；协办：{assisting}"]


def test_a_collective_proposal_is_printed_under_the_organisations_name(desk, tmp_path):
    party = base_data.add_organisation(desk.session, desk.admin, "民盟县委" + desk.meeting.name,
                                       sector_id=desk.sector("中国民主同盟").id)
    proposal = registered(desk, "关于优化营商环境的建议",
                          [entry.ProposerInput(organisation_id=party.id)])
    _, document = proposal_doc(desk, proposal.id, tmp_path)
    assert rows(document)[3:6] == [
        ["领衔提案人", party.name, "界别", "中国民主同盟"],
        ["联名提案人", ""],
        ["联系电话", "", "通讯地址", ""],
    ]


def test_the_review_opinions_are_printed_with_their_levels_and_dates(desk, tmp_path):
    proposal = in_final_review(desk, "关于改善农村学校条件的建议")
    review.file(desk.session, desk.admin, [proposal.id], suggested_units="县教育局、县财政局")
    _, document = proposal_doc(desk, proposal.id, tmp_path)
    today = chinese_date(date.today())
    assert re.fullmatch(r"\d{4}年[1-9]\d?月[1-9]\d?日", today)
    printed = rows(document)
    assert printed[printed.index(["审查意见"]) + 1:] == [
        ["初审", f"送复审。同意送审\n{today}"],
        ["复审", f"送终审。同意送审\n{today}"],
        ["终审", f"立案。建议承办单位：县教育局、县财政局。\n{today}"],
    ]
    [table] = document.tables
    assert table.rows[-1].cells[1].paragraphs[-1].alignment == WD_ALIGN_PARAGRAPH.RIGHT


def test_a_rejected_proposal_shows_the_reason_and_is_listed_by_serial(desk):
    kept = filed(desk, "关于建设城市公园的建议")
    numbered(desk, kept)
    turned_down = in_final_review(desk, "关于为本人解决住房的建议")
    review.reject(desk.session, desk.admin, [turned_down.id], "为个人或亲属解决具体问题")
    made = service.proposal_forms(desk.session, desk.meeting.id)
    assert [(f.number_label, f.number) for f in made] == [
        ("提案号", kept.number), ("收文号", turned_down.serial)]
    assert made[1].reviews[-1].level == "终审"
    assert made[1].reviews[-1].opinion == "不予立案。理由：为个人或亲属解决具体问题。"


# -- on paper -----------------------------------------------------------------------------

@pytest.mark.libreoffice
def test_on_paper_the_feedback_form_is_one_page_and_a_long_proposal_runs_on(tmp_path):
    """The worst likely case: a long 案由 and many co-signers still fit on one sheet."""
    long_title = "关于进一步加强农村义务教育阶段学校师资队伍建设和办学条件改善工作的建议"
    feedback = forms.FeedbackForm(
        "政协测试县第十届委员会第二次会议", "第128号", long_title,
        "张三（领衔）、李四、王五、赵六、孙七、周八、吴九、郑十、钱一、陈二",
        "县人力资源和社会保障局（主办）；协办：县财政局、县教育局、县农业农村局",
        "C（因条件限制暂不能解决）", REPLIED_ON, True,
        "请于收到答复后一个月内将本表反馈测试县政协提案委员会。", "县人力资源和社会保障局")
    proposal = forms.ProposalForm(
        "政协测试县第十届委员会第二次会议", "提案号", "第128号", "大会提案", long_title, "张三",
        "李四、王五", "经济界", "13800001111", "", ["农村学校师资不足，办学条件有待改善。" * 30] * 6,
        [forms.ReviewOpinion("终审", "立案。建议承办单位：县教育局。", date(2023, 2, 1))])
    forms.render_feedback(feedback).save(str(tmp_path / "feedback.docx"))
    forms.render_proposal(proposal).save(str(tmp_path / "proposal.docx"))
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(tmp_path / "feedback.docx"), str(tmp_path / "proposal.docx")],
                   check=True, capture_output=True, timeout=300)

    def pages(name: str) -> int:
        info = subprocess.run(["pdfinfo", str(tmp_path / name)], capture_output=True, text=True,
                              check=True).stdout
        return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))

    assert pages("feedback.pdf") == 1
    assert pages("proposal.pdf") > 1
    last = subprocess.run(["pdftotext", "-f", str(pages("proposal.pdf")), str(tmp_path /
                           "proposal.pdf"), "-"], capture_output=True, text=True).stdout
    assert "2023年2月1日" in re.sub(r"\s", "", last), "the review opinion closes the proposal"
