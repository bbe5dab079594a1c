"""重点督办 as the office keeps it: a proposal found by its number, a leader named, the list."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop.domain.enums import UserRole
from desktop.services import assignment, users
from desktop.ui.views.supervision_view import SupervisionView
from desktop.ui.workspace import Workspace

from .clerk import AFTER_SCHOOL, show, type_text

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def test_a_leader_supervises_a_proposal_found_by_its_words(workspace, desk, qtbot,
                                                           answer_dialogs, monkeypatch):
    assignment.assign(desk.session, desk.admin, desk.proposals[AFTER_SCHOOL],
                      lead=desk.unit("教育局").id)
    view = show(qtbot, SupervisionView(workspace), workspace)
    assert view.total.text() == "重点提案 0 件"
    seen = {}

    def supervise(dialog) -> None:
        dialog.accept()
        seen["nothing chosen"] = dialog.error.text()
        type_text(qtbot, "课后服务", dialog.find)
        seen["found"] = [dialog.found.item(i).text() for i in range(dialog.found.count())]
        type_text(qtbot, "刘明", dialog.leader)
        type_text(qtbot, "副县长", dialog.title)
        dialog.accept()
    answer_dialogs.append(supervise)
    qtbot.mouseClick(view.add, Qt.MouseButton.LeftButton)
    assert seen["nothing chosen"] == "请填写要督办的提案（先查找并选中）。"
    assert len(seen["found"]) == 1 and AFTER_SCHOOL in seen["found"][0]
    [row] = [view.model.row_at(i) for i in range(view.model.rowCount())]
    assert (row.title, row.leaders, row.replies_due, row.replied) == (
        AFTER_SCHOOL, "副县长刘明", 1, 0)
    view.table.selectRow(0)
    assert "领衔督办" in view.detail.toPlainText()

    monkeypatch.setattr(QMessageBox, "question",
                        lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(view.drop, Qt.MouseButton.LeftButton)
    assert view.model.rowCount() == 0 and view.total.text() == "重点提案 0 件"


def test_a_leader_reads_the_list_but_changes_nothing(desk, qtbot, qapp):
    user = users.create_user(desk.session, desk.admin, "ld", "领导", UserRole.LEADER, "secret-123")
    ws = Workspace(desk.db, users.actor_of(user), desk.meeting.id)
    view = show(qtbot, SupervisionView(ws), ws)
    assert not any(b.isVisible() for b in (view.add, view.more, view.drop))
    ws.deleteLater()
