"""The proposal list: a well-behaved Qt model, read in pages, sorted and filtered by SQL,
with the columns each clerk chose kept for next time."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt
from PySide6.QtWidgets import QMenu
from sqlalchemy import event, select

from desktop.domain.enums import State
from desktop.services.proposal_list import ProposalFilter
from desktop.store.models import Proposal
from desktop.ui.models.proposal_table import COLUMNS, PAGE, ProposalTableModel
from desktop.ui.widgets.record_table import RecordTable


def column(key: str) -> int:
    return next(i for i, c in enumerate(COLUMNS) if c.key == key)


def shown(model: ProposalTableModel, key: str = "title") -> list[str]:
    """What the clerk reads down one column, top to bottom."""
    return [model.index(r, column(key)).data() for r in range(model.rowCount())]


def meeting_filter(desk, **kw) -> ProposalFilter:
    return ProposalFilter(meeting_id=desk.meeting.id, **kw)


def sql_titles(desk, *order) -> list[str]:
    return list(desk.session.scalars(select(Proposal.title)
                                     .where(Proposal.meeting_id == desk.meeting.id)
                                     .order_by(*order)))


def table(qtbot, model: ProposalTableModel, name: str = "registry") -> RecordTable:
    view = RecordTable(model, name)
    qtbot.addWidget(view)
    view.resize(1000, 400)
    view.show()
    qtbot.waitExposed(view)
    return view


def click_header(qtbot, view: RecordTable, key: str) -> None:
    header = view.horizontalHeader()
    section = column(key)
    x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(x, header.height() // 2))


# -- a model Qt's own checker accepts ---------------------------------------------------
def test_the_empty_search_list_passes_qts_model_checks(workspace, qtmodeltester):
    model = ProposalTableModel(workspace, None)
    qtmodeltester.check(model)
    assert model.rowCount() == 0
    assert model.columnCount() == len(COLUMNS)


def test_a_filtered_and_sorted_list_passes_qts_model_checks(desk, workspace, qtmodeltester):
    model = ProposalTableModel(workspace, meeting_filter(desk))
    qtmodeltester.check(model)  # keeps checking on every reset below
    assert model.rowCount() == 6
    model.set_filter(meeting_filter(desk, words="停车"))
    assert model.rowCount() == 3
    model.sort(column("title"), Qt.SortOrder.DescendingOrder)
    model.sort(column("received_on"), Qt.SortOrder.AscendingOrder)
    assert model.rowCount() == 3
    model.set_filter(meeting_filter(desk, statuses=(State.FILED,)))
    assert shown(model) == ["关于提升中小学课后服务质量的建议"]


# -- pages ------------------------------------------------------------------------------
def test_a_long_list_reads_only_the_pages_on_screen(desk, workspace, qtbot):
    for i in range(260):
        desk.register(f"关于第{i + 1}号民生事项的建议", "张三")
    row_reads: list[set] = []

    def count_rows(conn, cursor, statement, parameters, context, executemany):
        if "FROM proposal JOIN meeting" in " ".join(statement.split()):
            row_reads.append(set(parameters))  # the rows' ids, one per row read

    event.listen(desk.db.engine, "before_cursor_execute", count_rows)
    try:
        model = ProposalTableModel(workspace, meeting_filter(desk))
        assert model.rowCount() == 266
        assert row_reads == [], "counting reads no rows"
        view = table(qtbot, model)
        qtbot.waitUntil(lambda: len(row_reads) >= 1)  # the first paint asks for rows
        first_page = {model.row_id(i) for i in range(PAGE)}
        assert len(row_reads) == 1, "the first screen's rows come from one read"
        assert row_reads[0] == first_page, "the first screen reads the first page and no more"

        view.scrollToBottom()
        qtbot.waitUntil(lambda: len(row_reads) >= 2)
        bottom = view.rowAt(view.viewport().height() - 2)
        assert bottom == 265
        assert model.index(bottom, column("serial")).data() == "0266"
        last_page = {model.row_id(i) for i in range(2 * PAGE, 266)}
        assert len(row_reads) == 2, "the rows between were never shown, never read"
        assert row_reads[1] == last_page and sum(map(len, row_reads)) < 266
    finally:
        event.remove(desk.db.engine, "before_cursor_execute", count_rows)


# -- sorting ----------------------------------------------------------------------------
def test_clicking_a_column_heading_sorts_as_the_database_does(desk, workspace, qtbot):
    model = ProposalTableModel(workspace, meeting_filter(desk))
    view = table(qtbot, model)
    assert shown(model, "serial") == ["0001", "0002", "0003", "0004", "0005", "0006"]

    click_header(qtbot, view, "title")
    assert shown(model) == sql_titles(desk, Proposal.title)
    assert shown(model) == sorted(shown(model))
    click_header(qtbot, view, "title")
    assert shown(model) == sql_titles(desk, Proposal.title.desc())

    click_header(qtbot, view, "received_on")
    assert shown(model) == sql_titles(desk, Proposal.received_on, Proposal.serial_seq)
    assert shown(model, "received_on") == ["2023-01-08", "2023-01-09", "2023-01-10",
                                           "2023-01-11", "2023-01-12", "2023-01-13"]

    click_header(qtbot, view, "status")
    assert shown(model) == sql_titles(desk, Proposal.status, Proposal.serial_seq)
    assert shown(model, "status") == ["已立案", "审查中", "审查中", "审查中", "审查中", "待提交"]


def test_a_column_that_cannot_be_sorted_leaves_the_order_alone(desk, workspace, qtbot):
    model = ProposalTableModel(workspace, meeting_filter(desk))
    view = table(qtbot, model)
    click_header(qtbot, view, "received_on")
    before = shown(model)
    click_header(qtbot, view, "lead")  # 提案人: not sortable in SQL
    assert shown(model) == before
    assert view.horizontalHeader().sortIndicatorSection() == column("received_on")


# -- filters ----------------------------------------------------------------------------
def test_the_second_review_queue_shows_exactly_its_proposals(desk, workspace):
    model = ProposalTableModel(workspace, meeting_filter(
        desk, statuses=(State.IN_REVIEW,), review_level=2))
    assert sorted(shown(model)) == sorted(["关于规范老旧小区停车管理的建议", "关于发展乡村旅游的建议"])
    assert shown(model, "level") == ["复审", "复审"]
    assert shown(model, "status") == ["审查中", "审查中"]

    model.set_filter(meeting_filter(desk, statuses=(State.REGISTERED,)))
    assert shown(model) == ["关于加强农村饮水安全保障的建议"]


def test_a_word_finds_the_proposals_that_use_it_in_title_or_text(desk, workspace):
    model = ProposalTableModel(workspace, meeting_filter(desk, words="停车"))
    assert sorted(shown(model)) == sorted(["关于缓解县城停车难的建议", "关于规范老旧小区停车管理的建议",
                                           "关于推进垃圾分类的建议"])
    model.set_filter(meeting_filter(desk, words="温泉"))
    assert model.rowCount() == 0
    assert model.row_at(0) is None


def test_the_list_follows_new_proposals_after_refresh(desk, workspace):
    model = ProposalTableModel(workspace, meeting_filter(desk, words="停车"))
    assert model.rowCount() == 3
    desk.register("关于建设公共停车场的建议", "王五")
    assert model.rowCount() == 3  # a snapshot until the data-changed signal
    model.refresh()
    assert "关于建设公共停车场的建议" in shown(model)


# -- the clerk's columns ----------------------------------------------------------------
def column_menu(qtbot, view: RecordTable) -> QMenu:
    """Right-click on the headings: the menu of columns to show."""
    view.horizontalHeader().customContextMenuRequested.emit(QPoint(10, 5))
    menu = view.findChildren(QMenu)[-1]
    qtbot.waitExposed(menu)
    return menu


def choose(qtbot, menu: QMenu, text: str) -> None:
    [action] = [a for a in menu.actions() if a.text() == text]
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())
    assert not menu.isVisible()


def gone(menu_owner: RecordTable) -> bool:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return not menu_owner.findChildren(QMenu)


# The offscreen platform cannot raise a popup or grab the keyboard for it, and says so.
@pytest.mark.qt_log_ignore("This plugin does not support")
def test_hidden_and_moved_columns_are_remembered_for_the_next_table(desk, workspace, qtbot):
    first = table(qtbot, ProposalTableModel(workspace, meeting_filter(desk)))
    header = first.horizontalHeader()
    assert not first.isColumnHidden(column("category"))
    assert first.isColumnHidden(column("clerk"))

    choose(qtbot, column_menu(qtbot, first), "类别")
    choose(qtbot, column_menu(qtbot, first), "录入人")
    assert first.isColumnHidden(column("category"))
    assert not first.isColumnHidden(column("clerk"))
    assert gone(first), "each right-click's menu is thrown away once closed"
    header.moveSection(header.visualIndex(column("title")), 0)  # 案由 dragged to the front
    first.setColumnWidth(column("title"), 420)
    click_header(qtbot, first, "received_on")
    first.close()

    again = table(qtbot, ProposalTableModel(workspace, meeting_filter(desk)))
    header = again.horizontalHeader()
    assert again.isColumnHidden(column("category"))
    assert not again.isColumnHidden(column("clerk"))
    assert header.visualIndex(column("title")) == 0
    assert again.columnWidth(column("title")) == 420
    assert header.sortIndicatorSection() == column("received_on")
    assert shown(again.table_model, "received_on")[0] == "2023-01-08"

    other = table(qtbot, ProposalTableModel(workspace, meeting_filter(desk)), "search")
    assert not other.isColumnHidden(column("category")), "each list keeps its own choice"
    assert other.horizontalHeader().visualIndex(column("title")) == column("title")


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_restoring_the_default_columns(desk, workspace, qtbot):
    view = table(qtbot, ProposalTableModel(workspace, meeting_filter(desk)))
    header = view.horizontalHeader()
    header.moveSection(header.visualIndex(column("title")), 0)
    choose(qtbot, column_menu(qtbot, view), "状态")
    assert view.isColumnHidden(column("status"))

    menu = column_menu(qtbot, view)
    [title] = [a for a in menu.actions() if a.text() == "案由"]
    assert not title.isEnabled(), "案由 cannot be hidden"
    choose(qtbot, menu, "恢复默认列")
    assert header.visualIndex(column("title")) == column("title")
    assert not view.isColumnHidden(column("status"))
    assert view.isColumnHidden(column("clerk"))

    again = table(qtbot, ProposalTableModel(workspace, meeting_filter(desk)))
    assert again.horizontalHeader().visualIndex(column("title")) == column("title")
    assert not again.isColumnHidden(column("status"))
