"""The header of an office's own 台账 found under its title rows, one row or two merged, and each
column taken for the field its words name."""
from __future__ import annotations

from desktop.gate.workbook import Sheet
from desktop.sync.ledger_headers import find_header


def mapped(sheet: Sheet) -> dict[str, str]:
    header = find_header(sheet)
    return {field: header.names[index] for field, index in header.mapping.items()}


def test_a_one_row_header_under_a_title_and_a_line_of_who_filled_it_in():
    sheet = Sheet("2022年", [
        (1, ("某县政协十届一次会议提案办理情况一览表",)),
        (2, ("填报单位：县政协提案委", None, None, "统计截至：2022年12月31日")),
        (4, ("序号", "案号", "提案名称", "领衔人", "联名人", "主办单位", "会办单位", "答复日期",
             "办理结果", "沟通方式", "提案人意见", "备注")),
        (5, (1, "1", "关于……的建议", "张伟", "王芳、李娜", "县教育局", "县财政局", "2022.5.1", "A",
             "面商", "满意", None))])
    header = find_header(sheet)
    assert header.rows == (4,)
    assert mapped(sheet) == {
        "number": "案号", "title": "提案名称", "lead": "领衔人", "cosigners": "联名人",
        "lead_unit": "主办单位", "assist_units": "会办单位", "replied_on": "答复日期",
        "answer": "办理结果", "form": "沟通方式", "result": "提案人意见", "note": "备注"}


def test_under_a_merged_rating_header_result_and_attitude_are_the_proposers_ratings():
    sheet = Sheet("台账", [
        (1, ("提案号", "标题", "提案人", "办理情况", None, None, "委员评价", None)),
        (2, (None, None, None, "承办单位", "答复时间", "办理结果", "办理态度", "办理结果")),
        (3, ("1", "关于……的建议", "张伟", "县教育局", "2022-05-01", "B类", "满意", "基本满意"))])
    assert find_header(sheet).rows == (1, 2)
    assert mapped(sheet) == {
        "number": "提案号", "title": "标题", "lead": "提案人", "lead_unit": "办理情况/承办单位",
        "replied_on": "办理情况/答复时间", "answer": "办理情况/办理结果",
        "attitude": "委员评价/办理态度", "result": "委员评价/办理结果"}


def test_a_sheet_without_a_title_or_number_column_has_no_header():
    sheet = Sheet("统计", [(1, ("单位", "件数", "已答复")), (2, ("县教育局", 12, 12))])
    assert find_header(sheet) is None


def test_the_same_header_next_year_has_the_same_signature():
    words = ("提案号", "案由", "提案人", "承办单位")
    one = find_header(Sheet("a", [(3, words), (4, ("1", "甲", "张伟", "县教育局"))]))
    two = find_header(Sheet("b", [(1, words), (2, ("9", "乙", "王芳", "县财政局"))]))
    assert one.signature == two.signature
