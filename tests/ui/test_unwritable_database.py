"""A database that cannot be written (read-only file, locked USB stick): one sentence, nothing lost."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import event, select

from desktop.domain.enums import State
from desktop.store.models import Proposal
from desktop.ui.dialogs.decisions import ReasonDialog
from desktop.ui.views.entry_view import EntryView
from desktop.domain.errors import DomainError
from desktop.ui.views.review_view import ReviewView
from desktop.wording.messages import describe

READ_ONLY = describe(DomainError("database_not_writable"))


def _refuse_writes(dbapi_connection, _record) -> None:
    dbapi_connection.execute("PRAGMA query_only = 1")


@pytest.fixture
def read_only(workspace):
    """From now on every connection refuses writes, as SQLite does for a read-only file."""

    def start() -> None:
        workspace.database.engine.dispose()
        event.listen(workspace.database.engine, "connect", _refuse_writes)

    yield start
    if event.contains(workspace.database.engine, "connect", _refuse_writes):
        event.remove(workspace.database.engine, "connect", _refuse_writes)
    workspace.database.engine.dispose()


def _states(desk) -> dict[str, State]:
    with desk.db.session() as session:
        return dict(session.execute(select(Proposal.title, Proposal.status)).all())


def test_saving_to_a_read_only_database_keeps_the_typing_and_says_why(
        workspace, desk, read_only, qtbot):
    view = EntryView(workspace)
    qtbot.addWidget(view)
    with qtbot.waitActive(view):
        view.show()
        view.activateWindow()
    view.form.set_state({  # as a draft brings it back: a title, a body and a known lead
        "title": "关于加快建设县城污水管网的建议", "body": "一是摸清底数；二是分期建设。",
        "lead": {"name": "张三", "member_id": desk.member("张三").id, "organisation_id": None,
                 "sector": "经济界"}})
    before = _states(desk)
    read_only()
    qtbot.keyClick(view.form.title, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    assert view.form.general.text() == READ_ONLY
    assert view.form.general.isVisible()
    assert view.form.title.text() == "关于加快建设县城污水管网的建议"
    assert view.form.body.toPlainText() == "一是摸清底数；二是分期建设。"
    assert view.form.lead.text() == "张三"
    assert _states(desk) == before


def test_a_decision_on_a_read_only_database_changes_nothing_and_says_why(
        workspace, desk, read_only, qtbot, monkeypatch):
    view = ReviewView(workspace)
    qtbot.addWidget(view)
    view.show()
    view.show_queue("初审")
    view.table.selectAll()
    before = _states(desk)
    read_only()
    monkeypatch.setattr(ReasonDialog, "exec", lambda self: ReasonDialog.DialogCode.Accepted)
    view.buttons["forward"].click()

    assert view.error.text() == READ_ONLY
    assert _states(desk) == before

