"""A sealed 答复台账 filled in by a unit without the program and brought back: each row previewed
as the office will see it, recorded through the same services as the screens, and nothing
recorded twice — read from real files, one of them re-saved by LibreOffice Calc."""
from __future__ import annotations

import subprocess
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from desktop.domain.enums import ContactForm, ReplyCategory, State, UserRole
from desktop.domain.errors import InvalidInput, NotAllowed
from desktop.exporters.pdf import find_libreoffice
from desktop.services import ledger_returns, reply_ledgers
from desktop.services.ledger_returns import ReturnAction
from desktop.store.models import AuditEntry, Contact, Reply
from desktop.wording.ledgers import HEADERS, SHEET

from .flows import answer, assert_state, assigned, person, refused, snapshot


def export(office, tmp_path, unit="教育局"):
    return reply_ledgers.export_for_reply(office.session, office.admin, office.unit(unit).id,
                                          office.meeting.id, tmp_path / "sent")


def fill(path, out, rows: dict[int, dict[str, object]], delete: tuple[int, ...] = ()):
    """What the unit does in Excel: type into the white cells of the n-th row (0 = first)."""
    book = load_workbook(path)
    sheet = book[SHEET]
    header = next(r for r in range(1, 10) if sheet.cell(r, 1).value == HEADERS[0])
    for index, values in rows.items():
        for name, value in values.items():
            sheet.cell(header + 1 + index, HEADERS.index(name) + 1, value)
    for index in sorted(delete, reverse=True):
        sheet.delete_rows(header + 1 + index)
    book.save(out)
    return out


def lines_by_title(plan):
    return {line.proposal.split(" ", 1)[-1]: line for line in plan.lines}


@pytest.fixture
def three(sqlite_office):
    """教育局 answers three proposals; the office knows nothing of its work yet."""
    office = sqlite_office
    rows = [assigned(office, title, lead="教育局")[1][0] for title in (
        "关于加强城区学校周边交通安全的建议", "关于规范校外培训机构的建议",
        "关于改善农村学校食堂条件的建议")]
    return office, rows


def test_a_filled_in_ledger_records_signing_contacts_and_replies_once(three, tmp_path):
    office, rows = three
    replied = rows[0].assigned_on + timedelta(30)
    path = fill(export(office, tmp_path), tmp_path / "交回.xlsx", {
        0: {"答复日期": replied, "答复类别": "A", "是否面商": "是", "沟通方式": "电话",
            "联系人": "王老师", "联系电话": "0791-86661234"},
        2: {"答复日期": replied}})

    plan = ledger_returns.preview_return(office.session, office.admin, path)
    lines = lines_by_title(plan)
    assert lines["关于加强城区学校周边交通安全的建议"].action is ReturnAction.FILL
    assert lines["关于规范校外培训机构的建议"].action is ReturnAction.SAME
    refused_line = lines["关于改善农村学校食堂条件的建议"]
    assert refused_line.action is ReturnAction.REFUSED and "一起填写" in refused_line.note
    assert office.session.scalar(select(func.count()).select_from(Reply)) == 0  # a preview

    done = ledger_returns.apply_return(office.session, office.admin, plan)
    assert (done.replies, done.contacts, done.accepted, done.refused) == (1, 2, 1, 0)
    office.session.expire_all()
    view = office.session.get(type(rows[0]), rows[0].id)
    reply = office.session.scalars(select(Reply).where(Reply.assignment_id == view.id)).one()
    assert (reply.replied_on, reply.category, reply.contact_person, reply.contact_phone) == (
        replied, ReplyCategory.A, "王老师", "0791-86661234")
    forms = set(office.session.scalars(select(Contact.form).where(
        Contact.assignment_id == view.id)))
    assert forms == {ContactForm.FACE, ContactForm.PHONE}
    assert view.accepted_on is not None and view.face_to_face and view.category == "A"
    assert_state(office, view.proposal, State.REPLIED)
    assert office.session.scalar(select(func.count()).select_from(AuditEntry).where(
        AuditEntry.action == "ledger.return")) > 0

    before = snapshot(office.session)
    again = ledger_returns.preview_return(office.session, office.admin, path)
    assert again.count(ReturnAction.FILL) == 0
    assert lines_by_title(again)["关于加强城区学校周边交通安全的建议"].action is ReturnAction.SAME
    ledger_returns.apply_return(office.session, office.admin, again)
    assert snapshot(office.session) == before


def test_edited_grey_cells_are_refused_by_row_and_column_and_the_rest_of_the_row_taken(
        three, tmp_path):
    office, rows = three
    path = fill(export(office, tmp_path), tmp_path / "交回.xlsx", {
        1: {"案由": "改过的案由", "办理时限": date(2030, 1, 1),
            "答复日期": rows[1].assigned_on + timedelta(9), "答复类别": "B类（正在解决或列入计划）"}})
    plan = ledger_returns.preview_return(office.session, office.admin, path)
    line = next(line for line in plan.lines if line.locked_changed)
    assert line.row == 5 and line.locked_changed == ("案由", "办理时限")
    assert line.action is ReturnAction.FILL and "案由" in line.note
    ledger_returns.apply_return(office.session, office.admin, plan)
    office.session.expire_all()
    assert office.session.get(type(rows[1]), rows[1].id).category == "B"
    assert office.session.get(type(rows[1]), rows[1].id).proposal.title == "关于规范校外培训机构的建议"


def test_a_row_answered_otherwise_at_the_office_since_the_export_is_a_conflict_with_both_sides(
        three, tmp_path):
    office, rows = three
    sent = export(office, tmp_path)
    answer(office, rows[0], ReplyCategory.B, on=date(2024, 5, 20))
    path = fill(sent, tmp_path / "交回.xlsx", {0: {"答复日期": date(2024, 5, 21), "答复类别": "A"}})
    plan = ledger_returns.preview_return(office.session, office.admin, path)
    line = lines_by_title(plan)["关于加强城区学校周边交通安全的建议"]
    assert line.action is ReturnAction.CONFLICT
    assert (line.office, line.ledger) == ("2024年5月20日 B类", "2024年5月21日 A类")
    done = ledger_returns.apply_return(office.session, office.admin, plan)
    assert done.replies == 0


def test_a_row_the_unit_deleted_is_named_and_left_alone(three, tmp_path):
    office, rows = three
    path = fill(export(office, tmp_path), tmp_path / "交回.xlsx", {}, delete=(1,))
    plan = ledger_returns.preview_return(office.session, office.admin, path)
    deleted = [line for line in plan.lines if line.action is ReturnAction.DELETED]
    assert [line.proposal.split(" ", 1)[1] for line in deleted] == ["关于规范校外培训机构的建议"]
    assert deleted[0].row is None


def test_a_ledger_whose_seals_do_not_match_this_office_is_refused_whole(three, tmp_path):
    office, _ = three
    path = fill(export(office, tmp_path), tmp_path / "交回.xlsx",
                {i: {"封签": "0" * 32} for i in range(3)})
    with refused(InvalidInput, "returned_ledger_foreign", path="交回.xlsx"):
        ledger_returns.preview_return(office.session, office.admin, path)


def test_unreadable_cells_refuse_their_row_with_the_reason(three, tmp_path):
    office, rows = three
    path = fill(export(office, tmp_path), tmp_path / "交回.xlsx", {
        0: {"答复日期": "下周", "答复类别": "A"},
        1: {"答复日期": "2024.6.3", "答复类别": "已解决", "是否面商": "√"}})
    lines = lines_by_title(ledger_returns.preview_return(office.session, office.admin, path))
    bad = lines["关于加强城区学校周边交通安全的建议"]
    assert bad.action is ReturnAction.REFUSED and "答复日期" in bad.note and "下周" in bad.note
    good = lines["关于规范校外培训机构的建议"]
    assert good.action is ReturnAction.FILL
    assert good.reply.replied_on == date(2024, 6, 3) and good.reply.category is ReplyCategory.A
    assert good.contacts == ((ContactForm.FACE, date(2024, 6, 3)),)


def test_a_units_clerk_cannot_bring_a_ledger_in(three, tmp_path):
    office, _ = three
    path = export(office, tmp_path)
    clerk = person(office, UserRole.UNIT, office.unit("教育局").id)
    with refused(NotAllowed, "office_work_only"):
        ledger_returns.preview_return(office.session, clerk, path)


@pytest.mark.libreoffice
def test_a_ledger_resaved_by_libreoffice_calc_is_still_accepted(three, tmp_path):
    office, rows = three
    replied = rows[2].assigned_on + timedelta(12)
    filled = fill(export(office, tmp_path), tmp_path / "填好.xlsx", {
        2: {"答复日期": replied, "答复类别": "C", "沟通方式": "座谈", "联系电话": "13907910001"}})
    out = tmp_path / "calc"
    subprocess.run([find_libreoffice(), f"-env:UserInstallation=file://{tmp_path}/lo", "--headless",
                    "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out),
                    str(filled)], check=True, capture_output=True, timeout=120)
    resaved = out / "填好.xlsx"
    assert resaved.read_bytes() != filled.read_bytes()
    plan = ledger_returns.preview_return(office.session, office.admin, resaved)
    assert not plan.locked_changed
    assert [line.action for line in plan.lines] == [ReturnAction.SAME, ReturnAction.SAME,
                                                   ReturnAction.FILL]
    line = plan.lines[2]
    assert line.reply.replied_on == replied and line.reply.category is ReplyCategory.C
    assert line.reply.contact_phone == "13907910001"
    assert line.contacts == ((ContactForm.MEETING, replied),)
    handling_done = ledger_returns.apply_return(office.session, office.admin, plan)
    assert handling_done.replies == 1


def test_a_ledger_whose_dates_a_program_saved_as_text_is_still_accepted(three, tmp_path):
    office, rows = three
    sent = export(office, tmp_path)
    book = load_workbook(sent)
    sheet = book[SHEET]
    for row in sheet.iter_rows(min_row=4):
        for cell in row:
            if hasattr(cell.value, "date"):
                cell.value = f"{cell.value.year}/{cell.value.month}/{cell.value.day}"
                cell.number_format = "@"
    book.save(tmp_path / "文本日期.xlsx")
    path = fill(tmp_path / "文本日期.xlsx", tmp_path / "交回.xlsx",
                {0: {"答复日期": "2024年6月3日", "答复类别": "D类"}})
    plan = ledger_returns.preview_return(office.session, office.admin, path)
    assert not plan.locked_changed
    line = lines_by_title(plan)["关于加强城区学校周边交通安全的建议"]
    assert line.action is ReturnAction.FILL and line.reply.replied_on == date(2024, 6, 3)
