"""答复台账 for a unit without the program: its own live assignments it answers, the office's
columns locked and sealed, the unit's columns with dropdowns, date and text cells — read back
from the real file."""
from __future__ import annotations

from datetime import date, timedelta

from openpyxl import load_workbook

from desktop.domain.seal import sealed
from desktop.services import reply_ledgers
from desktop.store.office import seal_key
from desktop.exporters.reply_ledger import FIRST_ROW
from desktop.wording.ledgers import FILLED, FORMAT, HEADERS, LOCKED, META_SHEET

from .flows import answer, assigned


def test_the_unit_gets_its_own_due_assignments_sealed_with_what_the_office_knows(
        sqlite_office, tmp_path):
    office = sqlite_office
    _, mine = assigned(office, "关于加强城区学校周边交通安全的建议", lead="教育局",
                       assist=("财政局",))
    _, answered = assigned(office, "=关于规范校外培训机构的建议", lead="教育局")
    answer(office, answered[0], on=answered[0].assigned_on + timedelta(20))
    assigned(office, "关于规范城区农贸市场管理的建议", lead="市场监管局")
    path = reply_ledgers.export_for_reply(office.session, office.admin, office.unit("教育局").id,
                                          office.meeting.id, tmp_path)

    book = load_workbook(path)
    sheet = book["答复台账"]
    assert book[META_SHEET].sheet_state == "veryHidden"
    meta = {row[0]: row[1] for row in book[META_SHEET].iter_rows(values_only=True)}
    assert meta["单位"] == "县教育局" and meta["格式"] == FORMAT
    assert [c.value for c in sheet[FIRST_ROW - 1]] == list(HEADERS)
    rows = [dict(zip(HEADERS, (c.value for c in row)))
            for row in sheet.iter_rows(min_row=FIRST_ROW)]
    assert [r["案由"] for r in rows] == ["关于加强城区学校周边交通安全的建议",
                                         "=关于规范校外培训机构的建议"]
    formula_looking = sheet.cell(FIRST_ROW + 1, HEADERS.index("案由") + 1)
    assert formula_looking.data_type == "s"  # text, not a formula
    assert rows[1]["答复类别"] == "A" and rows[1]["答复日期"].date() == \
        answered[0].assigned_on + timedelta(20)
    assert rows[0]["答复类别"] in (None, "")
    assert rows[0]["交办日期"].date() == mine[0].assigned_on
    key = seal_key(office.session)
    for row in rows:
        locked = [row[name].date() if hasattr(row[name], "date") else row[name] for name in LOCKED]
        assert sealed(key, (row["编号"], row["版本"], *locked), row["封签"])
    locked = [rows[0][n].date() if hasattr(rows[0][n], "date") else rows[0][n] for n in LOCKED]
    locked[1] = "改过的案由"
    assert not sealed(key, (rows[0]["编号"], rows[0]["版本"], *locked), rows[0]["封签"])

    assert sheet.protection.sheet
    assert not sheet.protection.formatRows, "a unit that writes more may make its row taller"
    for name in HEADERS:
        cell = sheet.cell(FIRST_ROW, HEADERS.index(name) + 1)
        assert cell.protection.locked == (name not in FILLED), name
    hidden = {name for name in HEADERS
              if sheet.column_dimensions[cell_letter(name)].hidden}
    assert hidden == {"编号", "版本", "封签"}
    lists = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation}
    assert '"A,B,C,D"' in lists.values() and '"是,否"' in lists.values()
    phone = sheet.cell(FIRST_ROW, HEADERS.index("联系电话") + 1)
    assert phone.number_format == "@"


def cell_letter(name: str) -> str:
    from openpyxl.utils import get_column_letter
    return get_column_letter(HEADERS.index(name) + 1)


def test_a_units_clerk_cannot_export_another_units_ledger(sqlite_office, tmp_path):
    from desktop.domain.enums import UserRole
    from desktop.domain.errors import NotAllowed

    from .flows import person, refused
    office = sqlite_office
    clerk = person(office, UserRole.UNIT, office.unit("教育局").id)
    with refused(NotAllowed, "office_work_only"):
        reply_ledgers.export_for_reply(office.session, clerk, office.unit("财政局").id,
                                       office.meeting.id, tmp_path)
    assert not list(tmp_path.glob("*.xlsx"))
    assert date.today()  # the clerk's refusal wrote nothing


def test_the_batch_writes_one_sealed_ledger_per_unit_that_owes_replies(sqlite_office, tmp_path):
    from desktop.domain.enums import UserRole
    from desktop.domain.errors import NotAllowed
    from desktop.services import exports
    from desktop.services.batch import write_batch

    from .flows import person, refused
    office = sqlite_office
    assigned(office, "关于加强城区学校周边交通安全的建议", lead="教育局", assist=("财政局",))
    assigned(office, "关于治理河道污染的建议", separate=("水利局", "自然资源局"))
    request = exports.ExportRequest("reply_ledgers", office.meeting.id)
    plans = exports.plan(office.session, office.admin, request)
    assert sorted(p.name for p in plans) == sorted(
        f"答复台账_{office.meeting.name}_{unit}.xlsx" for unit in ("县教育局", "县水利局", "县自然资源局"))
    report = write_batch(plans, tmp_path)
    book = load_workbook(report.written[0])
    assert book[META_SHEET]["A1"].value == "格式" and book[META_SHEET]["B1"].value == FORMAT
    clerk = person(office, UserRole.UNIT, office.unit("教育局").id)
    with refused(NotAllowed, "export_not_for_units"):
        exports.plan(office.session, clerk, request)
