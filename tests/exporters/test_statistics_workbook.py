"""统计表 read back from the .xlsx: the figures of ``tian stats``, totals that add up, real numbers."""
from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from desktop.wording import figures_text
from desktop.cli.commands import main
from desktop.domain.actor import Actor
from desktop.domain.enums import UnitSystem
from desktop.domain.statistics import percent
from desktop.exporters import pdf, statistics_xlsx
from desktop.exporters.statistics_xlsx import (
    NO_FIGURE, PERCENT_FORMAT, SHEETS, TABLE_SHEETS, write_statistics,
)
from desktop.local.paths import base_data_dir
from desktop.services import base_data, demo, setup
from desktop.services.statistics import statistics
from desktop.store.database import open_database
from desktop.store.models import Unit
from desktop.wording.labels import CATEGORY_MEANINGS

from .samples import (
    A4_LANDSCAPE, above_footer, column_text, county_figures, pdf_words, text_sizes, title_text,
    unspaced,
)

TODAY = date(2026, 11, 23)  # pinned, so that the same seed gives the same office every day
EXPORTED_AT = datetime(2026, 11, 23, 9, 5)
# 总体 in the office's words: the line the office reads → the figure of ``tian stats --json``
OVERVIEW = {
    "收到提案": "received", "大会提案": "received_session", "平时提案": "received_interim",
    "立案": "filed", "立案率": "filing_rate", "不予立案": "rejected", "转为意见建议": "referred",
    "并案": "merged", "撤回": "withdrawn", "交付政府系统办理": "government_handled",
    "交付政府系统办理占立案总数": "government_share", "承办单位": "units",
    "办理提案": "proposals_handled", "应答复": "replies_due", "已答复": "replied",
    "答复率": "reply_rate", "面商率": "face_to_face_rate", "已评价": "evaluated",
    "满意率": "satisfaction_rate", "不满意": "unsatisfied", "二次办理": "rehandled",
    "逾期未答复": "overdue",
}


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    """``tian demo --proposals 300 --seed 7`` as on 2026-11-23, and its 统计表."""
    folder = tmp_path_factory.mktemp("statistics-book")
    db = open_database(folder / "office.db", create=True)
    session = db.session()
    setup.initialize(session, "政协示范县委员会", "admin123", base_dir=base_data_dir())
    demo.generate(session, Actor.system("演示数据"), 300, seed=7, today=TODAY)
    figures = statistics(session, base_data.current_meeting(session).id, today=TODAY)
    path = folder / "统计表.xlsx"
    write_statistics(figures, path, EXPORTED_AT)
    yield session, folder, figures, load_workbook(path)
    session.close()
    db.close()


def exported(figures: dict, folder, name: str = "范围.xlsx"):
    write_statistics(figures, folder / name, EXPORTED_AT)
    return load_workbook(folder / name)


def rows_of(sheet) -> tuple[list[tuple], tuple]:
    """The data rows under the header, and the 合计 row after them."""
    *rows, total = sheet.iter_rows(min_row=4, values_only=True)
    return rows, total


def shown(cell) -> str:
    """A cell as the 统计 screen and ``tian stats`` write it."""
    if cell.number_format == PERCENT_FORMAT:
        return f"{cell.value * 100:.2f}%"
    return str(cell.value)


def test_the_workbook_has_the_seven_sheets_laid_out_for_printing(county):
    _, folder, figures, book = county
    assert book.sheetnames == list(SHEETS)
    assert not list(folder.glob("*.part")), "written whole, then renamed into place"
    for sheet in book:
        last = sheet.max_column
        letter = sheet.cell(3, last).column_letter
        assert sheet["A1"].value.startswith(figures_text.title(figures) + " · ")
        assert sheet["A1"].font.bold and sheet["A1"].alignment.horizontal == "center"
        assert {str(r) for r in sheet.merged_cells.ranges} == {f"A1:{letter}1", f"A2:{letter}2"}
        assert sheet["A2"].value == ("导出时间：2026年11月23日 09:05　　"
                                     "范围：十届二次会议，全部承办单位")
        assert all(c.font.bold for c in sheet[3]) and all(c.value for c in sheet[3])
        assert sheet.freeze_panes == "B4"
        totalled = sheet.title != "总体"  # 合计 stays last, out of the filter's reach
        assert sheet.auto_filter.ref == f"A3:{letter}{sheet.max_row - totalled}"
        assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9
        assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.print_title_rows == "$3:$3"
        assert sheet.oddFooter.center.text == "第 &P 页 共 &N 页"
    assert book["按界别"]["A1"].value.endswith("按界别（领衔人）")


def test_the_overview_says_what_tian_stats_prints(county, capsys):
    session, folder, figures, book = county
    db = session.get_bind().url.database
    assert main(["--db", db, "stats", "--today", TODAY.isoformat(), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == figures
    sheet = book["总体"]
    assert [c.value for c in sheet[3]] == ["项目", "数值", "说明"]
    lines = {row[0].value: row[1] for row in sheet.iter_rows(min_row=4)}
    assert list(lines) == list(OVERVIEW)
    for label, key in OVERVIEW.items():
        if label.endswith(("率", "占立案总数")):
            assert shown(lines[label]) == figures_text.pct(figures[key]), label
        else:
            assert lines[label].value == figures[key], label


@pytest.mark.parametrize("table", figures_text.TABLES, ids=lambda t: t.key)
def test_each_table_shows_the_rows_of_the_statistics_screen(county, table):
    _, _, figures, book = county
    sheet = book[TABLE_SHEETS[table.key]]
    header, *rows = figures_text.table_text(table, figures[table.key])
    assert [c.value for c in sheet[3]] == header
    cells = [[shown(c) for c in row] for row in sheet.iter_rows(min_row=4)]
    assert cells[:-1] == rows and len(rows) > 1


@pytest.mark.parametrize("name", ["按承办单位", "按系统", "按分类", "按界别", "按答复类别", "逾期"],
                         ids=["by_unit", "by_system", "by_category", "by_sector", "categories",
                              "overdue"])
def test_each_total_row_equals_the_sum_of_its_rows(county, name):
    _, _, figures, book = county
    sheet = book[name]
    rows, total = rows_of(sheet)
    assert total[0] == "合计"
    counts = [i for i, c in enumerate(sheet[4])
              if type(c.value) is int and c.number_format == "General"]
    assert counts, "every sheet has counts"
    for i in counts:
        assert total[i] == sum(row[i] for row in rows), sheet.cell(3, i + 1).value


def test_unit_sheet_total_equals_the_offices_own_figures(county):
    _, _, figures, book = county
    rows, total = rows_of(book["按承办单位"])
    column = {c.value: i for i, c in enumerate(book["按承办单位"][3])}
    assert [total[column[k]] for k in ("主办", "协办", "分办", "应答复", "已答复", "逾期")] == [
        figures[k] for k in ("lead", "assist", "separate", "replies_due", "replied", "overdue")]
    assert [total[column[k]] for k in "ABCD"] == [figures["categories"][k]["count"]
                                                    for k in "ABCD"]
    _, system_total = rows_of(book["按系统"])
    assert system_total[1] == figures["units"] == len(rows)
    assert rows_of(book["按分类"])[1][1:] == rows_of(book["按界别"])[1][1:] == (
        figures["received"], figures["filed"])


def test_total_rates_are_the_scopes_own_and_face_to_face_counts_a_proposal_once(county):
    """答复率 and 满意率 come out the same from the summed unit counts; 面商率 does not, since a
    分办 proposal is handled by each of its units but is one proposal."""
    _, _, figures, book = county
    sheet = book["按承办单位"]
    _, total = rows_of(sheet)
    rate = {c.value: round(total[i] * 100, 2) for i, c in enumerate(sheet[3])
            if c.value.endswith("率")}
    units = figures["by_unit"]
    summed = {k: sum(u[k] for u in units) for k in (
        "replied", "replies_due", "satisfied", "basically_satisfied", "evaluated",
        "face_to_face", "proposals_handled")}
    assert rate["答复率"] == percent(summed["replied"], summed["replies_due"]) == figures["reply_rate"]
    assert rate["满意率"] == percent(summed["satisfied"] + summed["basically_satisfied"],
                                    summed["evaluated"]) == figures["satisfaction_rate"]
    assert rate["面商率"] == figures["face_to_face_rate"]
    assert percent(summed["face_to_face"], summed["proposals_handled"]) != rate["面商率"], (
        "the demo office has 分办 proposals met face to face by one of their units")


def test_counts_are_whole_numbers_and_percentages_real_numbers_to_two_decimals(county):
    _, _, _, book = county
    seen_percent = seen_dash = 0
    for sheet in book:
        header = [c.value for c in sheet[3]]
        for row in sheet.iter_rows(min_row=4):
            for name, cell in zip(header, row):
                if name.endswith(("率", "占比")) or name == "数值" and row[0].value.endswith(
                        ("率", "占立案总数")):
                    if cell.value == NO_FIGURE:
                        seen_dash += 1
                        continue
                    assert cell.data_type == "n" and cell.number_format == PERCENT_FORMAT
                    assert 0 <= cell.value <= 1
                    seen_percent += 1
                elif cell.data_type == "n" and cell.value is not None:
                    assert type(cell.value) is int and cell.number_format == "General"
    assert seen_percent > 100 and seen_dash >= 1, "县委宣传部 only assists: nothing to answer"


def test_reply_categories_are_shares_of_the_replies(county):
    _, _, figures, book = county
    rows, total = rows_of(book["按答复类别"])
    assert [(r[0], r[2]) for r in rows] == [
        (f"{k}类", figures["categories"][k]["count"]) for k in "ABCD"]
    assert [round(r[3] * 100, 2) for r in rows] == [
        figures["categories"][k]["percent"] for k in "ABCD"]
    assert rows[0][1] == "已解决或基本解决"
    assert total[2] == figures["replied"] and total[3] == 1  # openpyxl reads 1.0 back as 1


def test_overdue_sheet_lists_the_late_units_most_overdue_first(county):
    _, _, figures, book = county
    rows, total = rows_of(book["逾期"])
    late = {u["name"]: u["overdue"] for u in figures["by_unit"] if u["overdue"]}
    assert {r[0]: r[4] for r in rows} == late and len(rows) == len(late) > 1
    assert [r[4] for r in rows] == sorted(late.values(), reverse=True)
    assert total[4] == figures["overdue"] > 0


def test_a_system_export_says_the_intake_figures_are_the_offices(county):
    session, folder, _, _ = county
    meeting = base_data.current_meeting(session).id
    figures = statistics(session, meeting, UnitSystem.GOVERNMENT, today=TODAY)
    book = exported(figures, folder)
    assert book["总体"]["A2"].value.endswith(
        "范围：十届二次会议，政府系统（收到、立案等受理数为全委员会数）")
    notes = {row[0]: row[2] for row in book["总体"].iter_rows(min_row=4, values_only=True)}
    assert notes["收到提案"] == "全委员会数" and notes["应答复"] != "全委员会数"
    assert [r[0] for r in rows_of(book["按系统"])[0]] == ["政府系统"]


def test_a_unit_with_nothing_assigned_gets_dashes_and_zero_totals(county):
    session, folder, _, _ = county
    used = {u["name"] for u in statistics(session, today=TODAY)["by_unit"]}
    idle = next(u for u in session.scalars(select(Unit).order_by(Unit.position))
                if u.name not in used)
    figures = statistics(session, base_data.current_meeting(session).id, unit_id=idle.id,
                         today=TODAY)
    book = exported(figures, folder)
    sheet = book["按承办单位"]
    assert [r[0].value for r in sheet.iter_rows(min_row=4)] == ["合计"]
    assert sheet.auto_filter.ref == f"A3:{sheet.cell(3, sheet.max_column).column_letter}3"
    total = {c.value: sheet.cell(4, i + 1).value for i, c in enumerate(sheet[3])}
    assert total["应答复"] == total["逾期"] == 0 and total["答复率"] == NO_FIGURE
    lines = {row[0]: row[1] for row in book["总体"].iter_rows(min_row=4, values_only=True)}
    assert lines["答复率"] == lines["满意率"] == NO_FIGURE and lines["收到提案"] > 0


def test_a_name_that_looks_like_a_formula_stays_text(county):
    _, folder, figures, _ = county
    odd = {**figures, "by_sector": [{"name": "=HYPERLINK(\"x\")", "received": 1, "filed": 1}]}
    cell = exported(odd, folder)["按界别"]["A4"]
    assert cell.value == "=HYPERLINK(\"x\")" and cell.data_type == "s"


@pytest.mark.libreoffice
def test_the_printed_statistics_show_every_name_in_full_on_a4(tmp_path, monkeypatch):
    """Rendered by LibreOffice, which keeps each row at the height the file gives it: a long
    unit's, category's or 界别's name wraps in its row, the title and the stamp in theirs."""
    figures = county_figures()
    write_statistics(figures, tmp_path / "统计表.xlsx", EXPORTED_AT)
    monkeypatch.setattr(statistics_xlsx, "row_height", lambda count, size=11: 15.0)
    write_statistics(figures, tmp_path / "行高不足.xlsx", EXPORTED_AT)  # what the check catches
    done, failed = pdf.to_pdf([tmp_path / "统计表.xlsx", tmp_path / "行高不足.xlsx"],
                              tmp_path / "pdf", tmp_path / "profile")
    assert not failed
    book = load_workbook(tmp_path / "统计表.xlsx")
    units = [u["name"] for u in figures["by_unit"]]
    late = [u["name"] for u in sorted(figures["by_unit"], key=lambda u: -u["overdue"])]
    names = {"总体": (None, "项目", "".join(OVERVIEW)),
             "按承办单位": (None, "单位", "".join(units) + "合计"),
             "按系统": (None, "系统", "政府系统合计"),
             "按分类": (None, "类别", "".join(c["name"] for c in figures["by_category"]) + "合计"),
             "按界别": (None, "界别", "".join(s["name"] for s in figures["by_sector"]) + "合计"),
             "按答复类别": ("答复类别", "含义", "".join(CATEGORY_MEANINGS.values())),
             "逾期": (None, "单位", "".join(late) + "合计")}
    pages = pdf_words(done[0])
    assert len(pages) == len(SHEETS), "each sheet a page"
    for sheet, (size, words) in zip(SHEETS, pages):
        assert tuple(round(side, 2) for side in size) == A4_LANDSCAPE
        assert not [w.text for w in words if "###" in w.text]
        box, character = text_sizes(words)
        assert box >= 7 and character >= 6.5, (sheet, box, character)
        table = above_footer(size, words)
        header = book[sheet]["A3"].value
        assert title_text(table, header) == (
            unspaced(book[sheet]["A1"].value + book[sheet]["A2"].value), 0), sheet
        left, name, said = names[sheet]
        assert column_text(table, left, name) == (said, 0), sheet
    size, words = pdf_words(done[1])[1]
    assert column_text(above_footer(size, words), None, "单位") != (
        "".join(units) + "合计", 0)
