"""办理跟踪 as the office and a unit use it: the list, its filters, the actions, the timeline."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.wording import figures_text
from desktop.domain.enums import (
    ContactForm, EvaluationMethod, HandlingStatus, Rating, ReplyCategory, UnitSystem, UserRole,
)
from desktop.domain.permissions import Action
from desktop.services import assignment, users
from desktop.store.models import Assignment, Evaluation, Reply
from desktop.ui.models.tracking_table import COLUMNS
from desktop.ui.views.assign_view import AssignView
from desktop.ui.views.statistics_view import StatisticsView
from desktop.ui.views.tracking_view import TrackingView
from desktop.ui.workspace import Workspace

from .clerk import (
    AFTER_SCHOOL, click_rows, file_another, pick_unit, press, rows, show, type_text,
)

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")
TODAY = date.today()  # the views below are pinned to it, so a run across midnight agrees
ROOT = Path(__file__).resolve().parents[3]


def tracking(qtbot, workspace: Workspace) -> TrackingView:
    return show(qtbot, TrackingView(workspace, today=TODAY), workspace)


def statuses(view: TrackingView) -> dict[tuple[str, str], str]:
    column = next(i for i, c in enumerate(COLUMNS) if c.key == "status")
    return {(r.title, r.unit): view.model.index(i, column).data()
            for i, r in enumerate(rows(view.model))}


def act(qtbot, view: TrackingView, action: Action) -> None:
    button = view.pane.buttons[action]
    assert button.isEnabled(), f"{button.text()} is not open; open: {view.pane.view.actions}"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def choose(view: TrackingView, qtbot, title: str, unit: str) -> None:
    """Click the row of this proposal and unit."""
    row = next(i for i, r in enumerate(rows(view.model)) if (r.title, r.unit) == (title, unit))
    index = view.model.index(row, 1)
    view.table.scrollTo(index)
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.table.visualRect(index).center())
    assert view.pane.view is not None and view.pane.view.unit == unit


def test_the_year_of_one_proposal_through_the_screens(workspace, desk, qtbot, answer_dialogs):
    assign = show(qtbot, AssignView(workspace), workspace)
    click_rows(qtbot, assign.table, AFTER_SCHOOL)
    pick_unit(qtbot, assign, "教育")
    press(qtbot, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    pick_unit(qtbot, assign, "财政")
    press(qtbot, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assign.hide()

    view = tracking(qtbot, workspace)
    lead, helper = desk.unit("教育局").name, desk.unit("财政局").name
    assert statuses(view) == {(AFTER_SCHOOL, lead): "待签收", (AFTER_SCHOOL, helper): "待签收"}
    choose(view, qtbot, AFTER_SCHOOL, lead)
    assert not view.pane.buttons[Action.REPLY].isEnabled()

    answer_dialogs.append(lambda d: (d.by.clear(), type_text(qtbot, "李老师", d.by), d.accept()))
    act(qtbot, view, Action.ACCEPT)
    assert statuses(view)[(AFTER_SCHOOL, lead)] == "办理中"

    def face_to_face(d) -> None:
        d.kind.choose(ContactForm.FACE)
        type_text(qtbot, "张三", d.members)
        type_text(qtbot, "教育局分管副局长", d.people)
        d.accept()
    answer_dialogs.append(face_to_face)
    act(qtbot, view, Action.RECORD_CONTACT)

    def reply_b(d) -> None:
        d.category.choose(ReplyCategory.B)
        type_text(qtbot, "王局长", d.signer)
        type_text(qtbot, "课后服务经费已列入明年预算。", d.text)
        d.accept()
    answer_dialogs.append(reply_b)
    act(qtbot, view, Action.REPLY)
    assert statuses(view)[(AFTER_SCHOOL, lead)] == "已答复待评价"

    def unsatisfied(d) -> None:
        d.attitude.choose(Rating.SATISFIED)
        d.result.choose(Rating.UNSATISFIED)
        d.method.choose(EvaluationMethod.PHONE)
        d.accept()
    answer_dialogs.append(unsatisfied)
    act(qtbot, view, Action.EVALUATE)
    assert statuses(view)[(AFTER_SCHOOL, lead)] == "二次办理中"
    assert "第2轮" in view.pane.summary.text()

    answer_dialogs.append(lambda d: (d.category.choose(ReplyCategory.A),
                                     type_text(qtbot, "王局长", d.signer), d.accept()))
    act(qtbot, view, Action.REPLY)
    answer_dialogs.append(lambda d: (d.attitude.choose(Rating.SATISFIED),
                                     d.result.choose(Rating.SATISFIED), d.accept()))
    act(qtbot, view, Action.EVALUATE)
    assert statuses(view)[(AFTER_SCHOOL, lead)] == "已办结"
    assert not answer_dialogs

    timeline = view.pane.timeline.toPlainText()
    for words in ("交办", "签收", "李老师", "面商", "张三", "B类", "办理结果不满意（电话）",
                  "二次办理", "第2轮", "A类", "办理结果满意"):
        assert words in timeline, words
    desk.session.rollback()  # a fresh read of what the screens wrote
    [row] = desk.session.query(Assignment).filter_by(unit_id=desk.unit("教育局").id).all()
    replies = desk.session.query(Reply).filter_by(assignment_id=row.id).order_by(Reply.round)
    assert [(r.round, r.category.value, r.signer) for r in replies] == [
        (1, "B", "王局长"), (2, "A", "王局长")]
    ratings = desk.session.query(Evaluation).filter_by(assignment_id=row.id)
    assert sorted((e.round, e.result.value) for e in ratings) == [
        (1, "unsatisfied"), (2, "satisfied")]

    # the year's figures: the 统计 screen says what ``tian stats`` says
    stats = show(qtbot, StatisticsView(workspace), workspace)
    printed = subprocess.run(
        [sys.executable, "-m", "desktop", "stats", "--db", str(desk.db.path), "--meeting",
         desk.meeting.name, "--today", TODAY.isoformat(), "--json"],
        capture_output=True, text=True, check=True, cwd=ROOT,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    told = json.loads(printed.stdout)
    assert (told["replies_due"], told["replied"], told["rehandled"], told["unsatisfied"]) == (
        1, 1, 1, 1)
    assert told["categories"]["A"]["count"] == 1 and told["face_to_face_rate"] == 100.0
    assert stats.summary.text() == "<br>".join(figures_text.summary_lines(told))
    for table in figures_text.TABLES:
        assert stats.tables[table.key].cells() == figures_text.table_text(table, told[table.key])


def test_a_reply_without_category_is_refused_in_the_dialog_keeping_the_typing(
        workspace, desk, qtbot, answer_dialogs):
    _, [row] = _assigned(desk, "教育局")
    assignment.accept(desk.session, desk.admin, row.id, on=TODAY)
    view = tracking(qtbot, workspace)
    choose(view, qtbot, AFTER_SCHOOL, desk.unit("教育局").name)
    seen = {}

    def forgets_category(d) -> None:
        type_text(qtbot, "答复正文写了一半", d.text)
        d.accept()
        seen["error"], seen["open"], seen["text"] = (d.error.text(), d.isVisible(),
                                                     d.text.toPlainText())
        d.on.setDate(d.on.date().addYears(-10))  # then a date before the assignment
        d.category.choose(ReplyCategory.A)
        d.accept()
        seen["early"] = d.error.text()
        d.reject()
    answer_dialogs.append(forgets_category)
    act(qtbot, view, Action.REPLY)
    assert seen["error"] == "请选择答复类别（A、B、C、D）。"
    assert seen["open"] and seen["text"] == "答复正文写了一半"
    assert seen["early"].startswith("答复日期（") and "不能早于" in seen["early"]
    assert desk.session.query(Reply).count() == 0


def test_no_rating_before_a_reply(workspace, desk, qtbot):
    _, [row] = _assigned(desk, "教育局")
    assignment.accept(desk.session, desk.admin, row.id, on=TODAY)
    view = tracking(qtbot, workspace)
    choose(view, qtbot, AFTER_SCHOOL, desk.unit("教育局").name)
    assert not view.pane.buttons[Action.EVALUATE].isEnabled()


def test_separate_handling_lists_the_proposal_once_per_unit(workspace, desk, qtbot):
    _assigned(desk, separate=("住建局", "民政局", "卫健局"))
    view = tracking(qtbot, workspace)
    listed = [r.unit for r in rows(view.model) if r.title == AFTER_SCHOOL]
    assert sorted(listed) == sorted(desk.unit(u).name for u in ("住建局", "民政局", "卫健局"))
    assert view.total.text() == "共 3 件"


def test_a_unit_clerk_sees_and_handles_only_their_units_rows(desk, qtbot, qapp, answer_dialogs):
    _assigned(desk, "教育局", assist=("财政局",))
    other = file_another(desk, "关于整治城区占道经营的建议")
    assignment.assign(desk.session, desk.admin, other, lead=desk.unit("城管执法局").id,
                      assigned_on=TODAY)
    clerk = users.create_user(desk.session, desk.admin, "jyj", "教育局经办人", UserRole.UNIT,
                              "secret-123", unit_id=desk.unit("教育局").id)
    ws = Workspace(desk.db, users.actor_of(clerk), desk.meeting.id)
    view = tracking(qtbot, ws)
    assert {(r.title, r.unit) for r in rows(view.model)} == {
        (AFTER_SCHOOL, desk.unit("教育局").name)}
    assert not view.unit.isVisible() and not view.system.isVisible()
    choose(view, qtbot, AFTER_SCHOOL, desk.unit("教育局").name)
    answer_dialogs.append(lambda d: d.accept())
    act(qtbot, view, Action.ACCEPT)
    assert statuses(view) == {(AFTER_SCHOOL, desk.unit("教育局").name): "办理中"}
    assert "财政局" not in view.pane.timeline.toPlainText()
    ws.deleteLater()


def test_overdue_rows_are_coloured_and_found_by_the_overdue_filter(workspace, desk, qtbot):
    _, [late] = _assigned(desk, "教育局", on=TODAY - timedelta(days=200))
    other = file_another(desk, "关于整治城区占道经营的建议")
    assignment.assign(desk.session, desk.admin, other, lead=desk.unit("城管执法局").id,
                      assigned_on=TODAY)
    view = tracking(qtbot, workspace)
    days = next(i for i, c in enumerate(COLUMNS) if c.key == "days")
    shown = {r.title: i for i, r in enumerate(rows(view.model))}
    overdue_days = (TODAY - late.due_on).days
    assert view.model.index(shown[AFTER_SCHOOL], days).data() == f"逾期{overdue_days}天"
    assert view.model.index(shown[AFTER_SCHOOL], 0).data(
        Qt.ItemDataRole.BackgroundRole).color().name() == "#fde2e1"
    assert view.model.index(shown["关于整治城区占道经营的建议"], 0).data(
        Qt.ItemDataRole.BackgroundRole) is None
    qtbot.mouseClick(view.overdue, Qt.MouseButton.LeftButton)
    assert [r.title for r in rows(view.model)] == [AFTER_SCHOOL]
    view.overdue.setChecked(False)
    view.status.setCurrentIndex(view.status.findData(HandlingStatus.TO_ACCEPT))
    assert len(rows(view.model)) == 2 and view.total.text() == "共 2 件"


def test_the_tracking_model_passes_qts_model_checks(workspace, desk, qtmodeltester):
    _assigned(desk, separate=("住建局", "民政局"))
    view = TrackingView(workspace, today=TODAY)
    qtmodeltester.check(view.model)
    view.deleteLater()


def _assigned(desk, lead: str | None = None, assist: tuple[str, ...] = (),
              separate: tuple[str, ...] = (), on: date = TODAY):
    proposal_id = desk.proposals[AFTER_SCHOOL]
    made = assignment.assign(desk.session, desk.admin, proposal_id,
                             lead=desk.unit(lead).id if lead else None,
                             assist=[desk.unit(u).id for u in assist],
                             separate=[desk.unit(u).id for u in separate], assigned_on=on)
    return proposal_id, made


def test_the_system_filter_keeps_the_units_of_that_system(workspace, desk, qtbot):
    _assigned(desk, separate=("住建局", "民政局"))
    view = tracking(qtbot, workspace)
    view.system.setCurrentIndex(view.system.findData(UnitSystem.PARTY))
    assert rows(view.model) == [] and view.total.text() == "共 0 件"
    view.system.setCurrentIndex(view.system.findData(UnitSystem.GOVERNMENT))
    assert len(rows(view.model)) == 2


def test_the_signed_letter_is_kept_and_a_b_reply_is_followed_up(workspace, desk, qtbot,
                                                                 answer_dialogs, tmp_path):
    _, [row] = _assigned(desk, "教育局")
    assignment.accept(desk.session, desk.admin, row.id, on=TODAY)
    letter = tmp_path / "教育局答复函.pdf"
    letter.write_bytes(b"%PDF-1.4 signed and sealed")
    view = tracking(qtbot, workspace)
    choose(view, qtbot, AFTER_SCHOOL, desk.unit("教育局").name)

    def reply_with_letter(d) -> None:
        d.category.choose(ReplyCategory.B)
        d.letter.setText(str(letter))
        d.accept()
    answer_dialogs.append(reply_with_letter)
    act(qtbot, view, Action.REPLY)

    def continued(d) -> None:
        type_text(qtbot, "经费已到位，工程开工。", d.text)
        d.reached.setCurrentIndex(d.reached.findText("A类"))
        d.accept()
    answer_dialogs.append(continued)
    act(qtbot, view, Action.FOLLOW_UP)
    desk.session.rollback()
    [reply] = desk.session.query(Reply).filter_by(assignment_id=row.id).all()
    assert reply.letter_name == "教育局答复函.pdf"
    stored = desk.db.attachments_dir / reply.letter_sha256[:2] / reply.letter_sha256
    assert stored.read_bytes() == letter.read_bytes()
    timeline = view.pane.timeline.toPlainText()
    assert "答复函：教育局答复函.pdf" in timeline
    assert "续办续复" in timeline and "经费已到位，工程开工。（已达A类）" in timeline


def test_an_extension_beyond_the_maximum_is_refused_in_the_dialog(workspace, desk, qtbot,
                                                                  answer_dialogs):
    _, [row] = _assigned(desk, "教育局")
    view = tracking(qtbot, workspace)
    choose(view, qtbot, AFTER_SCHOOL, desk.unit("教育局").name)
    seen = {}

    def too_far(d) -> None:
        d.due.setDate(d.due.date().addDays(1))  # the default is the latest allowed
        type_text(qtbot, "需要实地调研", d.reason)
        d.accept()
        seen["error"], seen["open"] = d.error.text(), d.isVisible()
        d.due.setDate(d.due.date().addDays(-1))
        d.accept()
    answer_dialogs.append(too_far)
    act(qtbot, view, Action.EXTEND)
    latest = view.pane.view.latest_due_on
    assert seen["error"] == f"延期后的时限不能晚于 {latest.isoformat()}（已达延期上限）。"
    assert seen["open"]
    desk.session.rollback()
    assert desk.session.get(Assignment, row.id).due_on == latest
