"""统计 as the office reads it: the figures for a meeting and a scope, tables to sort and copy."""
from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import select

from desktop.wording import figures_text
from desktop.domain.actor import Actor
from desktop.domain.enums import UnitSystem, UserRole
from desktop.local.paths import base_data_dir
from desktop.services import base_data, demo, setup, supervision, users
from desktop.services.statistics import statistics
from desktop.store.database import open_database
from desktop.store.models import Proposal
from desktop.ui.dialogs.excellent import ExcellentDialog, ExcellentModel
from desktop.ui.dialogs.export_dialog import ExportDialog
from desktop.ui.models.figure_table import FigureTableModel
from desktop.ui.views.statistics_view import StatisticsView
from desktop.ui.workspace import Workspace

from .clerk import show


pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")
TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    """A demo county of 300 proposals, generated as on 2026-11-23."""
    db = open_database(tmp_path_factory.mktemp("stats") / "office.db", create=True)
    with db.session() as session:
        setup.initialize(session, "政协示范县委员会", "admin123", base_dir=base_data_dir())
        demo.generate(session, Actor.system("演示数据"), 300, seed=5, today=TODAY)
    yield db
    db.close()


@pytest.fixture
def admin_view(county, qtbot, qapp):
    with county.session() as session:
        actor = users.authenticate(session, "admin", "admin123")
        meeting_id = base_data.current_meeting(session).id
    ws = Workspace(county, actor, meeting_id)
    view = show(qtbot, StatisticsView(ws), ws)
    view.today.setDate(TODAY)
    yield view
    ws.deleteLater()


def expected(county, **scope) -> dict:
    with county.session() as session:
        return statistics(session, today=TODAY, **scope)


def test_the_figures_of_the_current_meeting_and_of_every_meeting(admin_view, county):
    meeting_id = admin_view.meeting.currentData()
    f = expected(county, meeting_id=meeting_id)
    assert admin_view.heading.text() == f"<h3>{figures_text.title(f)}</h3>"
    assert admin_view.summary.text() == "<br>".join(figures_text.summary_lines(f))
    admin_view.meeting.setCurrentIndex(admin_view.meeting.findText("全部会议"))
    everything = expected(county)
    assert admin_view.figures == everything
    assert everything["received"] > f["received"]


def test_one_system_or_one_unit(admin_view, county):
    meeting_id = admin_view.meeting.currentData()
    admin_view.system.setCurrentIndex(admin_view.system.findData(UnitSystem.GOVERNMENT))
    government = expected(county, meeting_id=meeting_id, system=UnitSystem.GOVERNMENT)
    assert admin_view.figures == government and "政府系统" in admin_view.heading.text()
    busiest = government["by_unit"][0]["name"]
    admin_view.unit.setCurrentIndex(admin_view.unit.findText(busiest))
    assert admin_view.system.currentData() is None  # a unit or a system, not both
    with county.session() as session:
        unit_id = base_data.find_unit(session, busiest).id
    assert admin_view.figures == expected(county, meeting_id=meeting_id, unit_id=unit_id)
    assert [u["name"] for u in admin_view.figures["by_unit"]] == [busiest]


def test_a_table_sorts_by_the_numbers_and_copies_as_a_table(admin_view, qtbot):
    units = admin_view.tables["by_unit"]
    admin_view.tabs.setCurrentWidget(units)
    due = next(i for i, c in enumerate(figures_text.TABLES[0].columns) if c.title == "应答复")
    header = units.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=section_middle(header, due))
    shown = [int(units.proxy.index(r, due).data()) for r in range(units.proxy.rowCount())]
    assert shown in (sorted(shown), sorted(shown, reverse=True)) and len(set(shown)) > 2
    assert len(shown) >= 10  # with ten or more rows, sorting as text would put 10 before 9

    units.selectionModel().clearSelection()
    first, second = units.proxy.index(0, 0), units.proxy.index(1, due)
    units.selectionModel().select(first, units.selectionModel().SelectionFlag.Select)
    units.selectionModel().select(second, units.selectionModel().SelectionFlag.Select)
    units.setFocus()
    qtbot.keyClick(units, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    copied = QApplication.clipboard().text().splitlines()
    assert [line.split("\t") for line in copied] == [
        [units.proxy.index(r, c).data() for c in (0, due)] for r in (0, 1)]

    qtbot.mouseClick(admin_view.copy, Qt.MouseButton.LeftButton)
    everything = QApplication.clipboard().text()
    assert everything.startswith(figures_text.title(admin_view.figures))
    for table in figures_text.TABLES:
        assert f"{table.caption}\n" + "\t".join(c.title for c in table.columns) in everything


def section_middle(header, section: int) -> QPoint:
    """The middle of a header section, where a clerk clicks to sort."""
    return QPoint(header.sectionViewportPosition(section) + header.sectionSize(section) // 2,
                  header.height() // 2)


def test_a_unit_clerk_sees_their_own_units_figures(county, qtbot, qapp):
    with county.session() as session:
        unit = base_data.find_unit(session, "教育局")
        clerk = users.create_user(session, Actor.system(), "jyj", "教育局经办人", UserRole.UNIT,
                                  "secret-123", unit_id=unit.id)
        actor, unit_id, name = users.actor_of(clerk), unit.id, unit.name
        meeting_id = base_data.current_meeting(session).id
    ws = Workspace(county, actor, meeting_id)
    view = show(qtbot, StatisticsView(ws), ws)
    view.today.setDate(TODAY)
    assert not view.system.isVisible() and not view.unit.isVisible()
    assert view.figures == expected(county, meeting_id=meeting_id, unit_id=unit_id)
    assert name in view.heading.text()
    ws.deleteLater()


def test_the_figure_model_passes_qts_model_checks(county, qtmodeltester):
    f = expected(county)
    for table in figures_text.TABLES:
        model = FigureTableModel(table)
        model.set_rows(f[table.key])
        qtmodeltester.check(model)


def marked(county) -> set[str]:
    """The proposals marked 优秀提案候选, read afresh."""
    with county.session() as session:
        return set(session.scalars(select(Proposal.id).where(Proposal.excellent.is_(True))))


def test_the_office_ticks_its_excellent_candidates_for_the_years_report(admin_view, county,
                                                                        monkeypatch, qtbot):
    chosen = {}

    def tick_two(dialog: ExcellentDialog) -> int:
        model = dialog.model
        assert model.rowCount() > 2 and model.headerData(0, Qt.Orientation.Horizontal) == "候选"
        for row in (0, 2):
            model.setData(model.index(row, 0), Qt.CheckState.Checked.value,
                          Qt.ItemDataRole.CheckStateRole)
        chosen["ids"] = {model.rows[0].id, model.rows[2].id}
        dialog.accept()
        return 1
    monkeypatch.setattr(ExcellentDialog, "exec", tick_two)
    qtbot.mouseClick(admin_view.excellent, Qt.MouseButton.LeftButton)
    assert marked(county) == chosen["ids"]

    def untick_one(dialog: ExcellentDialog) -> int:
        model = dialog.model
        assert model.data(model.index(0, 0), Qt.ItemDataRole.CheckStateRole) == \
            Qt.CheckState.Checked, "what was chosen shows ticked"
        model.setData(model.index(0, 0), Qt.CheckState.Unchecked.value,
                      Qt.ItemDataRole.CheckStateRole)
        dialog.accept()
        return 1
    monkeypatch.setattr(ExcellentDialog, "exec", untick_one)
    qtbot.mouseClick(admin_view.excellent, Qt.MouseButton.LeftButton)
    now = marked(county)
    assert len(now) == 1 and now < chosen["ids"]


def test_the_report_draft_is_asked_for_the_meeting_and_scope_on_screen(admin_view, monkeypatch,
                                                                       qtbot):
    asked = []
    monkeypatch.setattr(ExportDialog, "exec", lambda dialog: asked.append(dialog.request()) or 0)
    admin_view.system.setCurrentIndex(admin_view.system.findData(UnitSystem.GOVERNMENT))
    qtbot.mouseClick(admin_view.report, Qt.MouseButton.LeftButton)
    [request] = asked
    assert (request.kind, request.meeting_id, request.system, request.today) == (
        "report", admin_view.meeting.currentData(), UnitSystem.GOVERNMENT, TODAY)
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: told.append(args[2]))
    admin_view.meeting.setCurrentIndex(admin_view.meeting.findData(None))
    qtbot.mouseClick(admin_view.report, Qt.MouseButton.LeftButton)
    assert told == ["请先在“会议”中选择一次会议。"] and len(asked) == 1


def test_the_candidates_model_passes_qts_model_checks(county, qtmodeltester):
    with county.session() as session:
        meeting_id = base_data.current_meeting(session).id
        rows = supervision.excellent_choices(session, Actor.system("评优"), meeting_id)
    qtmodeltester.check(ExcellentModel(rows[:20]))
