"""The committee's notices read back from the .docx: 交办通知 with its landscape 交办清单, the
notice of 不予立案 / 转为意见建议, and 催办通知 listing only what is overdue."""
from __future__ import annotations

import re
import subprocess
from datetime import date, timedelta

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from desktop.domain.enums import Origin
from desktop.domain.errors import NotAllowed
from desktop.exporters import notices, pdf
from desktop.services import assignment, base_data, entry, letters, numbering, review
from desktop.services import notices as service
from desktop.store import tracking as queries
from desktop.store.models import Review
from desktop.store.office import load_settings
from desktop.store.tracking import TrackingFilter
from desktop.wording.dates import chinese_date

from ..services.flows import (
    ASSIGNED_ON, answer, assigned, filed, in_final_review, refused, to_final_level,
)

DUE_ON = date(2023, 6, 1)  # three months after ASSIGNED_ON
PORTRAIT = {"page_width": 210.0, "page_height": 297.0, "top_margin": 37.0, "left_margin": 28.0,
            "bottom_margin": 35.0, "right_margin": 26.0}
LANDSCAPE = {**PORTRAIT, "page_width": 297.0, "page_height": 210.0}


def saved(document, tmp_path, name: str = "通知.docx"):
    path = tmp_path / name
    document.save(str(path))
    return docx.Document(str(path))


def page(section) -> dict[str, float]:
    return {name: round(getattr(section, name).mm, 1) for name in PORTRAIT}


def texts(document) -> list[str]:
    return [p.text for p in document.paragraphs]


def table_rows(table) -> list[tuple[str, ...]]:
    return [tuple(cell.text for cell in row.cells) for row in table.rows]


def east_asia(style) -> str:
    return style.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))


def label(proposal) -> str:
    """提案号, or 收文号 before numbers are given."""
    return proposal.number or f"收文{proposal.serial}号"


def names(desk, *short: str) -> str:
    """Units as a list names them: in the office's order of units."""
    units = sorted((desk.unit(s) for s in short), key=lambda u: (u.position, u.name))
    return "、".join(u.name for u in units)


def meeting(desk) -> str:
    office = load_settings(desk.session).office_name
    return letters.meeting_title(office, desk.meeting.term.number, desk.meeting.number)


def education_notice(desk, tmp_path, **kw):
    """教育局 leads one proposal, assists on one and shares a third with two other units."""
    led, _ = assigned(desk, "关于加强校园安全的建议", lead="教育局", assist=("财政局", "公安局"))
    helped, _ = assigned(desk, "关于增加教育投入的建议", lead="财政局", assist=("教育局",))
    shared, _ = assigned(desk, "关于青少年近视防控的建议", separate=("教育局", "卫健局", "公安局"))
    numbering.give_numbers(desk.session, desk.admin, [led.id, helped.id, shared.id])
    content = service.assignment_notice(desk.session, desk.meeting.id, desk.unit("教育局").id,
                                        contact_person="刘芳", contact_phone="0871-7654321", **kw)
    document = saved(notices.render_assignment_notice(content), tmp_path)
    return (led, helped, shared), content, document


# -- 交办通知 and 交办清单 --------------------------------------------------------------------------

def test_the_notice_is_portrait_and_the_list_is_on_landscape_pages(desk, tmp_path):
    _, _, document = education_notice(desk, tmp_path)
    notice, listing = document.sections
    assert (notice.orientation, page(notice)) == (WD_ORIENT.PORTRAIT, PORTRAIT)
    assert (listing.orientation, page(listing)) == (WD_ORIENT.LANDSCAPE, LANDSCAPE)
    assert notice._sectPr.find(qn("w:docGrid")).get(qn("w:linePitch")) == "579"
    fields = {name: footer._element.xml.count("PAGE") for name, footer in (
        ("odd", notice.footer), ("even", notice.even_page_footer))}
    assert fields == {"odd": 1, "even": 1} and not notice.different_first_page_header_footer
    assert notice.footer.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert notice.even_page_footer.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.LEFT
    ends = [p.text for p in document.paragraphs if p._p.pPr is not None and
            p._p.pPr.find(qn("w:sectPr")) is not None]
    assert ends == ["2023年3月1日"], "the notice's section ends on its date, no blank line more"
    assert listing.footer.is_linked_to_previous, "the list's pages go on with the numbers"
    assert listing.even_page_footer.is_linked_to_previous
    number_run = notice.footer.paragraphs[0].runs[0]
    assert number_run.element.rPr.rFonts.get(qn("w:eastAsia")) == "宋体"
    assert number_run.font.size.pt == 14.0


def test_the_list_names_the_other_units_for_lead_assist_and_separate(desk, tmp_path):
    (led, helped, shared), content, document = education_notice(desk, tmp_path)
    [table] = document.tables
    header, *rows = table_rows(table)
    assert header == notices.LIST_HEADER
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None, "repeats on each page"
    assert all(r._tr.trPr.find(qn("w:tblHeader")) is None for r in table.rows[1:])
    due = chinese_date(DUE_ON)
    assert rows == [
        ("1", "第1号", "关于加强校园安全的建议", "张三", "主办", names(desk, "财政局", "公安局"),
         due),
        ("2", "第2号", "关于增加教育投入的建议", "张三", "协办", names(desk, "财政局"), due),
        ("3", "第3号", "关于青少年近视防控的建议", "张三", "分办", "—", due),  # neither
    ]
    lines = texts(document)
    assert lines[lines.index("附件") + 1] == f"{meeting(desk)}提案交办清单"
    assert f"承办单位：{desk.unit('教育局').name}　　共3件" in lines


def test_the_notice_says_how_many_by_when_and_where_to_reply(desk, tmp_path):
    _, content, document = education_notice(desk, tmp_path)
    lines = texts(document)
    office = load_settings(desk.session).office_name
    assert lines[:3] == [office, "", "测试县政协提〔2023〕1号"], "the 版头: red name, 发文字号"
    assert document.paragraphs[0].style.name == "发文机关标志"
    title = next(p for p in document.paragraphs if p.style.name == "公文标题")
    assert title.text.replace("\n", "") == f"关于交办{meeting(desk)}提案的通知"
    assert f"{desk.unit('教育局').name}：" in lines
    imprint = next(p for p in document.paragraphs if p.text.endswith("印发"))
    assert imprint.text == f"{office}办公室\t2023年3月1日印发" and imprint.style.name == "版记"
    assert imprint._p.pPr.find(qn("w:framePr")) is not None, "at the foot of the notice's page"
    assert f"现将{meeting(desk)}提案3件交你单位办理（其中主办1件、协办1件、分办1件），具体见附件。" \
        in lines
    deadline = next(line for line in lines if line.startswith("请你单位认真研究办理"))
    assert "主办、分办的提案请于2023年6月1日前办理完毕并书面答复提案人" in deadline
    assert "协办的提案请主动配合主办单位，于2023年6月1日前将协办意见送主办单位" in deadline
    assert any(line.startswith(f"答复函请抄送{office}。") for line in lines)
    assert "联系人：刘芳　　联系电话：0871-7654321" in lines
    assert f"附件：{meeting(desk)}提案交办清单" in lines
    signature = [p for p in document.paragraphs if p.style.name == "公文落款"]
    assert [p.text for p in signature] == [office, "2023年3月1日"]
    assert all(p.alignment in (None, WD_ALIGN_PARAGRAPH.RIGHT) for p in signature)
    assert document.styles["公文落款"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert signature[1].paragraph_format.right_indent.pt == 64.0  # four characters of 三号


def test_the_notice_and_list_use_the_official_fonts(desk, tmp_path):
    _, _, document = education_notice(desk, tmp_path)
    used = {p.style.name for p in document.paragraphs if p.text}
    [table] = document.tables
    used |= {p.style.name for row in table.rows for cell in row.cells for p in cell.paragraphs}
    fonts = {name: (east_asia(document.styles[name]), document.styles[name].font.size.pt)
             for name in sorted(used)}
    assert fonts == {"一级标题": ("黑体", 16.0), "公文正文": ("仿宋_GB2312", 16.0),
                     "公文标题": ("方正小标宋简体", 22.0), "公文称呼": ("仿宋_GB2312", 16.0),
                     "公文落款": ("仿宋_GB2312", 16.0), "清单文字": ("仿宋_GB2312", 12.0),
                     "表头": ("黑体", 14.0), "发文机关标志": ("方正小标宋简体", 30.0),
                     "发文字号": ("仿宋_GB2312", 16.0), "版记": ("仿宋_GB2312", 14.0)}
    assert document.styles["公文正文"].paragraph_format.first_line_indent.pt == 32.0


def test_one_days_batch_lists_only_that_days_assignments(desk):
    first, _ = assigned(desk, "关于规范校外培训的建议", lead="教育局")
    later, _ = assigned(desk, "关于加强校医配备的建议", lead="教育局", on=date(2023, 3, 15))
    unit = desk.unit("教育局").id
    batch = service.assignment_notice(desk.session, desk.meeting.id, unit,
                                      assigned_on=date(2023, 3, 15))
    assert [item.number for item in batch.items] == [label(later)]
    assert batch.signed_on == date(2023, 3, 15)
    assert "主办的提案请于2023年6月15日前办理完毕并书面答复提案人" in batch.body[1]
    assert batch.doc_number == "测试县政协提〔2023〕2号", "the year's second 交办 day"
    days = service.assignment_notices(desk.session, desk.meeting.id, unit)
    assert [(n.signed_on, [i.number for i in n.items]) for n in days] == [
        (ASSIGNED_ON, [label(first)]), (date(2023, 3, 15), [label(later)])], \
        "one notice per 交办 day, each asking by that day's deadline"
    assert "主办的提案请于2023年6月1日前办理完毕" in days[0].body[1]
    assert [n.doc_number for n in days] == ["测试县政协提〔2023〕1号", "测试县政协提〔2023〕2号"]


def test_every_unit_with_assignments_gets_its_own_notice(desk):
    assigned(desk, "关于发展乡村旅游的建议", lead="文旅广体局", assist=("财政局",))
    found = service.assignment_notices(desk.session, desk.meeting.id)
    assert sorted(n.unit for n in found) == sorted(
        desk.unit(s).name for s in ("文旅广体局", "财政局"))
    with refused(NotAllowed, "nothing_assigned", unit=desk.unit("卫健局").name):
        service.assignment_notice(desk.session, desk.meeting.id, desk.unit("卫健局").id)


# -- 不予立案 / 转为意见建议 ----------------------------------------------------------------------

def rejected(desk, title: str, *names: str, **kw):
    proposal = in_final_review(desk, title, *names, **kw)
    review.reject(desk.session, desk.admin, [proposal.id], reason="属于个人诉求，不符合提案要求。")
    return proposal


def collective(desk, title: str):
    party = base_data.add_organisation(desk.session, desk.admin, "民盟县委" + desk.meeting.name)
    proposal = entry.register(desk.session, desk.admin, entry.ProposalDraft(
        desk.meeting.id, title, [entry.ProposerInput(organisation_id=party.id)],
        received_on=date(2023, 1, 12)), submit=True)
    to_final_level(desk, [proposal.id])
    review.reject(desk.session, desk.admin, [proposal.id], reason="内容属于党派内部事务")
    return proposal, party


def test_the_rejection_is_addressed_like_the_reply_letter(desk):
    alone = rejected(desk, "关于解决本人子女入学的建议", "张三")
    joint = rejected(desk, "关于调整小区停车收费的建议", "张三", "李四", "王五",
                     origin=Origin.JOINT)
    group, party = collective(desk, "关于加强党派自身建设的建议")
    by_id = {p.id: service.review_notice(desk.session, p.id) for p in (alone, joint, group)}
    alone_notice, joint_notice, group_notice = (by_id[p.id] for p in (alone, joint, group))
    assert alone_notice.salutation == "张三委员："
    assert alone_notice.body == ["您提出的《关于解决本人子女入学的建议》收悉。经审查，属于个人诉求，"
                                 "不符合提案要求，按照提案工作的有关规定，不予立案。"]
    assert joint_notice.salutation == "张三等委员："
    assert joint_notice.body[0].startswith("您与李四、王五委员联名提出的《关于调整小区停车收费的建议》")
    assert group_notice.salutation == f"{party.name}："
    assert group_notice.body == ["贵单位提出的《关于加强党派自身建设的建议》收悉。经审查，内容属于"
                                 "党派内部事务，按照提案工作的有关规定，不予立案。"]
    assert group_notice.closing.startswith("感谢贵单位") and alone_notice.closing.startswith("感谢您")
    assert alone_notice.title == "关于提案不予立案的通知"


def test_the_rejection_notice_reads_back_signed_on_the_day_of_the_decision(desk, tmp_path):
    proposal = rejected(desk, "关于修缮本村祠堂的建议", "张三")
    content = service.review_notice(desk.session, proposal.id)
    document = saved(notices.render_review_notice(content), tmp_path)
    [section] = document.sections
    assert (section.orientation, page(section)) == (WD_ORIENT.PORTRAIT, PORTRAIT)
    assert section.footer._element.xml.count("PAGE") == 1
    decided = desk.session.query(Review).filter_by(proposal_id=proposal.id).order_by(
        Review.stamp.desc()).first().at.date()
    lines = texts(document)
    office = load_settings(desk.session).office_name
    assert lines[0] == office and document.paragraphs[0].style.name == "发文机关标志", \
        "under the office's red name, without a 发文字号"
    start = lines.index("关于提案不予立案的通知")
    assert lines[start:start + 3] == ["关于提案不予立案的通知", "", "张三委员："]
    assert "经审查，属于个人诉求，不符合提案要求，按照提案工作的有关规定，不予立案。" in lines[start + 3]
    assert lines[-2:] == [office, chinese_date(decided)]
    assert re.fullmatch(r"\d{4}年[1-9]\d?月[1-9]\d?日", lines[-1]), "Arabic, no leading zeros"
    assert document.paragraphs[start + 2].style.name == "公文称呼"
    assert east_asia(document.styles["公文称呼"]) == "仿宋_GB2312"


def test_a_referred_proposal_is_said_to_go_to_a_unit_for_reference(desk):
    proposal = in_final_review(desk, "关于优化公交线路的建议", "张三")
    review.refer(desk.session, desk.admin, [proposal.id], reason="所提问题宜由有关部门参考")
    content = service.review_notice(desk.session, proposal.id)
    assert content.title == "关于提案转为意见建议的通知"
    assert content.body == ["您提出的《关于优化公交线路的建议》收悉。经审查，所提问题宜由有关部门参考，"
                            "不作为提案立案，现转为意见建议，送有关单位研究参考。"]


def test_the_meetings_review_notices_are_for_rejected_and_referred_proposals_only(desk):
    kept = filed(desk, "关于建设城市书房的建议", "张三")
    first = rejected(desk, "关于减免本人物业费的建议", "张三")
    second = in_final_review(desk, "关于增设路灯的建议", "李四")
    review.refer(desk.session, desk.admin, [second.id], reason="宜作为意见建议")
    undone = rejected(desk, "关于撤销罚单的建议", "王五")
    review.undo(desk.session, desk.admin, undone.id, reason="误点不予立案")
    found = service.review_notices(desk.session, desk.meeting.id)
    assert [n.proposal for n in found] == [f"收文{p.serial}号" for p in (first, second)]
    for other in (kept, undone):
        with refused(NotAllowed, "no_review_notice"):
            service.review_notice(desk.session, other.id)


# -- 催办通知 ------------------------------------------------------------------------------------

TODAY = date(2023, 6, 11)


def overdue_office(desk):
    """教育局: two replies owed past the deadline, and four items that are not overdue."""
    early, shared = assigned(desk, "关于改善农村学校条件的建议", separate=("教育局", "卫健局"),
                             on=date(2023, 2, 20))  # due 5月20日; 卫健局 answers, 教育局 does not
    late, _ = assigned(desk, "关于加强校园安全的建议", lead="教育局")  # due 6月1日
    answered, rows = assigned(desk, "关于规范校外培训的建议", lead="教育局")
    answer(desk, rows[0], on=date(2023, 5, 30))
    assigned(desk, "关于增加教育投入的建议", lead="财政局", assist=("教育局",))  # 协办 owes none
    assigned(desk, "关于加强校医配备的建议", lead="教育局", on=date(2023, 3, 11))  # due today
    _, back = assigned(desk, "关于建设职业院校的建议", lead="教育局")
    assignment.return_assignment(desk.session, desk.admin, back[0].id, "不属于本单位职责",
                                 on=ASSIGNED_ON + timedelta(1))
    answer(desk, next(a for a in shared if a.unit_id == desk.unit("卫健局").id),
           on=date(2023, 5, 1))
    return early, late


def test_the_reminder_lists_only_overdue_items_with_the_days_overdue(desk, tmp_path):
    early, late = overdue_office(desk)
    found = {r.unit: r for r in service.reminders(desk.session, desk.meeting.id, TODAY)}
    education, finance = desk.unit("教育局").name, desk.unit("财政局").name
    assert set(found) == {education, finance}
    reminder = found[education]
    assert [(i.number, i.role, i.days_overdue) for i in reminder.items] == [
        (label(early), "分办", 22), (label(late), "主办", 10)]
    tracked = queries.count(desk.session, TrackingFilter(
        TODAY, meeting_id=desk.meeting.id, overdue=True))
    assert tracked == sum(len(r.items) for r in found.values()), "the tracking list's 逾期"
    document = saved(notices.render_reminder(reminder), tmp_path)
    notice, listing = document.sections
    assert (notice.orientation, listing.orientation) == (WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE)
    assert page(listing) == LANDSCAPE
    [table] = document.tables
    header, *rows = table_rows(table)
    assert header == ("序号", "提案号", "案由", "办理方式", "交办日期", "办理时限", "逾期天数")
    assert rows == [
        ("1", label(early), "关于改善农村学校条件的建议", "分办", "2023年2月20日", "2023年5月20日",
         "22"),
        ("2", label(late), "关于加强校园安全的建议", "主办", "2023年3月1日", "2023年6月1日", "10"),
    ]
    lines = texts(document)
    assert lines[0] == load_settings(desk.session).office_name, "the 版头, without a number"
    title = next(p.text for p in document.paragraphs if p.style.name == "公文标题")
    assert title.replace("\n", "") == f"关于督促办理{meeting(desk)}提案的通知"
    assert f"{education}：" in lines
    assert (f"截至2023年6月11日，你单位承办的{meeting(desk)}提案中，有2件已超过办理时限尚未答复"
            "（见附件）。") in lines
    signature = [p.text for p in document.paragraphs if p.style.name == "公文落款"]
    assert signature == [load_settings(desk.session).office_name, "2023年6月11日"]


def test_a_reminder_for_one_unit_and_none_when_nothing_is_overdue(desk):
    overdue_office(desk)
    education = desk.unit("教育局")
    [only] = service.reminders(desk.session, desk.meeting.id, TODAY, unit_id=education.id)
    assert only.unit == education.name and len(only.items) == 2
    assert service.reminders(desk.session, desk.meeting.id, date(2023, 5, 20)) == []



# -- on paper ------------------------------------------------------------------------------------

@pytest.mark.libreoffice
def test_on_paper_the_notice_is_on_portrait_pages_and_the_list_on_a_landscape_page(desk, tmp_path):
    education_notice(desk, tmp_path)  # saved as 通知.docx
    [made], failed = pdf.to_pdf([tmp_path / "通知.docx"], tmp_path / "pdf", tmp_path / "lo")
    assert not failed
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "9", str(made)], capture_output=True,
                          text=True, check=True).stdout
    sizes = re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info, re.M)
    *notice, last = [(round(float(w)), round(float(h))) for w, h in sizes]
    assert notice and set(notice) == {(595, 842)} and last == (842, 595)
    listing = subprocess.run(["pdftotext", "-f", str(len(sizes)), "-l", str(len(sizes)), str(made), "-"],
                             capture_output=True, text=True).stdout
    assert "第3号" in listing and "2023年6月1日" in re.sub(r"\s", "", listing)
