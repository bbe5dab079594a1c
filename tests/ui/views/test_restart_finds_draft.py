"""Closing the program mid-paper and starting it again: the typing is there, said to be restored."""
from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.ui import drafts
from desktop.services import base_data, users
from desktop.store.database import open_database
from desktop.ui.main_window import MainWindow
from desktop.ui.workspace import Workspace

from .clerk import focused, press, type_text

TITLE = "关于加强县域医共体建设的建议"
BODY = "乡镇卫生院医生留不住，群众看病仍往县城跑。"


def start(qtbot, database):
    """What starting the program does after the login: the office's window, on the 录入 page
    when typing was left there (on the start page otherwise)."""
    with database.session() as session:
        actor = users.authenticate(session, "admin", "secret-123")
        meeting = base_data.current_meeting(session)
        office = base_data.office_name(session)
    window = MainWindow(Workspace(database, actor, meeting.id), office)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
    return window


def test_restart_finds_the_draft_that_was_being_typed(desk, qtbot):
    window = start(qtbot, desk.db)
    assert window.stack.currentWidget() is window.views["首页"], "nothing unsaved: the start page"
    window.show_view("录入")
    form = window.entry.form
    form.title.setFocus()
    type_text(qtbot, TITLE)
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "zs")
    press(qtbot, Qt.Key.Key_Return)
    form.body.setFocus()
    type_text(qtbot, BODY)     # the last keystrokes: too recent for the autosave timer
    window.close()
    assert drafts.load("admin", drafts.folder())["body"] == BODY, "closing the window wrote the draft"

    again_db = open_database(desk.db.path)
    try:
        again = start(qtbot, again_db)
        assert again.stack.currentWidget() is again.entry, "it opens where the typing was left"
        form = again.entry.form
        assert form.title.text() == TITLE and form.body.toPlainText() == BODY
        assert form.lead.text() == "张三" and form.lead_note.text() == "界别：经济界"
        assert again.entry.restored.isVisible()
        assert again.entry.restored.text() == "已恢复上次未保存的录入内容，核对后按 Ctrl+S 保存。"

        form.title.setFocus()
        press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        assert again.entry.message.text().endswith(f"“{TITLE}”")
        assert drafts.load("admin", drafts.folder()) is None
        assert TITLE in [again.entry.today_model.row_at(i).title
                         for i in range(again.entry.today_model.rowCount())], \
            "the main window refreshed today's list after the save"
        assert focused() is form.title
        again.close()
        assert drafts.load("admin", drafts.folder()) is None, "an empty form leaves no draft behind"
    finally:
        again_db.close()
