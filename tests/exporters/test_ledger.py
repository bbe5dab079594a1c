"""提案办理台账 read back from the .xlsx: one row per assignment, real dates, text kept text."""
from __future__ import annotations

import math
from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from desktop.domain.enums import ReplyCategory
from desktop.exporters import ledger_xlsx, pdf
from desktop.exporters.ledger_xlsx import DATE_FORMAT, HEADERS, write_ledger
from desktop.services import ledgers
from desktop.services.base_data import chinese_number

from ..services.flows import answer, assigned
from .samples import above_footer, column_text, ledger_row, pdf_words

A3_LANDSCAPE = (1190.55, 841.89)  # points


def exported(desk, tmp_path, **kw):
    rows = ledgers.ledger_rows(desk.session, desk.meeting.id, **kw)
    path = tmp_path / "台账.xlsx"
    title = ledgers.ledger_title(desk.session, desk.meeting.id, "政协测试县委员会")
    written = write_ledger(path, title, "全部承办单位", rows, datetime(2023, 6, 1, 9, 5))
    assert written == len(rows)
    return rows, load_workbook(path)["提案办理台账"]


def test_the_ledger_lists_every_assignment_with_real_dates_and_text_ids(desk, tmp_path):
    proposal, rows = assigned(desk, "=关于加强农村饮水安全的建议", separate=("住建局", "卫健局"))
    answer(desk, rows[0], ReplyCategory.B, on=date(2023, 4, 20))
    ledger, sheet = exported(desk, tmp_path)
    meeting = chinese_number(desk.meeting.number)  # each test works in a meeting of its own
    assert sheet["A1"].value == f"政协测试县第十届委员会第{meeting}次会议提案办理台账"
    assert {str(r) for r in sheet.merged_cells.ranges} >= {"A1:W1", "A2:W2"}
    assert sheet["A2"].value == "导出时间：2023年6月1日 09:05　　范围：全部承办单位"
    assert tuple(c.value for c in sheet[3]) == HEADERS
    assert sheet.freeze_panes == "C4" and sheet.auto_filter.ref == f"A3:W{3 + len(ledger)}"
    mine = [r for r in sheet.iter_rows(min_row=4, values_only=False)
            if r[2].value == "=关于加强农村饮水安全的建议"]
    assert len(mine) == 2, "a 分办 proposal has one row per unit"
    first = mine[0]
    column = {name: i for i, name in enumerate(HEADERS)}
    assert first[column["案由"]].data_type == "s", "a 案由 beginning with = stays text"
    assert first[column["提案号"]].data_type == "s"
    assigned_cell = first[column["交办日期"]]
    assert assigned_cell.value == datetime(2023, 3, 1) and assigned_cell.number_format == DATE_FORMAT
    assert {r[column["主办单位"]].value for r in mine} == {rows[0].unit.name, rows[1].unit.name}
    answered = next(r for r in mine if r[column["主办单位"]].value == rows[0].unit.name)
    assert (answered[column["答复类别"]].value, answered[column["办理方式"]].value,
            answered[column["答复日期"]].value) == ("B", "分办", datetime(2023, 4, 20))


def test_per_proposal_the_units_share_one_row(desk, tmp_path):
    proposal, rows = assigned(desk, "关于推进垃圾分类的建议", lead="城管执法局",
                              assist=("财政局",))
    per_assignment = [r for r in ledgers.ledger_rows(desk.session, desk.meeting.id)
                      if r.案由 == "关于推进垃圾分类的建议"]
    assert [(r.办理方式, r.主办单位) for r in per_assignment] == [
        ("主办", rows[0].unit.name), ("协办", rows[0].unit.name)]
    [one] = [r for r in ledgers.ledger_rows(desk.session, desk.meeting.id, per_proposal=True)
             if r.案由 == "关于推进垃圾分类的建议"]
    assert (one.主办单位, one.协办单位) == (rows[0].unit.name, rows[1].unit.name)


def test_the_filing_column_says_filed_whatever_the_handling_has_reached(desk, tmp_path):
    """立案情况 is the review's decision; how far the handling has come is 办理状态."""
    _, rows = assigned(desk, "关于改善农村学校食堂条件的建议", lead="教育局")
    answer(desk, rows[0], ReplyCategory.A, on=date(2023, 4, 20))
    _, waiting = assigned(desk, "关于治理河道污染的建议", lead="水利局")
    ledger, _ = exported(desk, tmp_path)
    mine = {r.案由: r for r in ledger}
    answered, handling = mine["关于改善农村学校食堂条件的建议"], mine["关于治理河道污染的建议"]
    assert (answered.立案情况, handling.立案情况) == ("已立案", "已立案")
    assert answered.办理状态 != handling.办理状态


def test_the_two_shapes_of_a_meetings_ledger_are_two_files(desk):
    from desktop.services import exports
    assigned(desk, "关于推进垃圾分类的建议", lead="城管执法局")
    names = [exports.plan(desk.session, desk.admin, exports.ExportRequest(
        "ledger", desk.meeting.id, per_proposal=shape))[0].name for shape in (False, True)]
    assert names[0] != names[1] and "每件提案一行" in names[1]


def test_a_printed_ledger_shows_every_date_and_is_readable(tmp_path):
    rows = [ledger_row(n) for n in range(1, 13)]
    write_ledger(tmp_path / "台账.xlsx", "提案办理台账", "全部承办单位", rows)
    sheet = load_workbook(tmp_path / "台账.xlsx")["提案办理台账"]
    setup = sheet.page_setup
    assert (setup.paperSize, setup.orientation) == (int(Worksheet.PAPERSIZE_A3), "landscape")
    assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$3:$3"
    assert sheet.oddFooter.center.text == "第 &P 页 共 &N 页"
    for cell in sheet[3]:
        assert cell.font.b and cell.alignment.horizontal == "center" and cell.alignment.wrap_text
    for row in sheet.iter_rows(min_row=3, max_row=3 + len(rows)):
        for cell in row:  # an empty 备注 has its box too
            sides = (cell.border.left, cell.border.right, cell.border.top, cell.border.bottom)
            assert {side.style for side in sides} == {"thin"}, cell.coordinate
            assert cell.alignment.wrap_text or cell.is_date, cell.coordinate
            assert cell.alignment.vertical == "center", cell.coordinate
    width = {name: sheet.column_dimensions[cell.column_letter].width
             for name, cell in zip(HEADERS, sheet[3])}
    assert all(5 <= w <= 30 for w in width.values()), width
    for name in ("交办日期", "办理时限", "签收日期", "答复日期"):  # 2023年12月25日, never ###
        assert width[name] >= 15, name
    for name in ("案由", "联名提案人", "主办单位", "协办单位", "备注"):
        assert sheet.cell(4, HEADERS.index(name) + 1).alignment.horizontal in (None, "general")
    assert width["案由"] >= 20
    for r, row in enumerate(rows, start=4):  # a Chinese character takes 15 px of a column's 7
        wraps = math.ceil(len(row.案由) * 15 / (width["案由"] * 7))
        assert sheet.row_dimensions[r].height >= 15 * wraps, r


@pytest.mark.libreoffice
def test_the_printed_ledger_shows_every_proposal_in_full(tmp_path, monkeypatch):
    """Rendered by LibreOffice, which keeps each row at the height the file gives it: a row
    too short for its 案由 would cut it off or run it into the next row."""
    rows = [ledger_row(n) for n in range(1, 41)]
    write_ledger(tmp_path / "台账.xlsx", "政协测试县第十届委员会第二次会议提案办理台账", "全部承办单位",
                 rows, datetime(2023, 12, 29, 9, 5))
    monkeypatch.setattr(ledger_xlsx, "row_height", lambda count: 15.0)  # what the check catches
    write_ledger(tmp_path / "行高不足.xlsx", "提案办理台账", "全部承办单位", rows)
    written, failed = pdf.to_pdf([tmp_path / "台账.xlsx", tmp_path / "行高不足.xlsx"],
                                 tmp_path / "pdf", tmp_path / "profile")
    assert not failed
    pages, cramped = pdf_words(written[0]), pdf_words(written[1])
    assert len(pages) >= 2
    said = {"案由": "", "协办单位": ""}
    for size, words in pages:
        assert tuple(round(side, 2) for side in size) == A3_LANDSCAPE
        assert not [w.text for w in words if "###" in w.text]
        assert min(w.y1 - w.y0 for w in words) >= 7, "every word's box at least 7 pt high"
        chinese = [(w.x1 - w.x0) / len(w.text) for w in words
                   if len(w.text) > 1 and all("\u4e00" <= c <= "\u9fff" for c in w.text)]
        assert min(chinese) >= 6.5, "the characters themselves (a box is 1.3 times as high)"
        table = above_footer(size, words)
        assert any(w.text == "案由" for w in table), "the header on every page"
        for left, name in (("提案号", "案由"), ("主办单位", "协办单位")):
            text, overlaps = column_text(table, left, name)
            assert not overlaps, name
            said[name] += text
    assert said == {"案由": "".join(r.案由 for r in rows), "协办单位": "".join(r.协办单位 for r in rows)}
    cut = [column_text(above_footer(size, words), "提案号", "案由")
           for size, words in cramped]
    assert "".join(text for text, _ in cut) != said["案由"] or any(n for _, n in cut)
