"""What a clerk's hands do, for the screen tests: type (Chinese through the input method), press
keys where the focus is, click rows and tabs, and read back what a list shows."""
from __future__ import annotations

from itertools import groupby

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent, QTextCharFormat
from PySide6.QtWidgets import QApplication, QTabBar, QTextBrowser, QWidget

from desktop.services import review
from desktop.ui.models.proposal_table import ProposalTableModel
from desktop.ui.views.assign_view import AssignView
from desktop.ui.widgets.record_table import RecordTable
from desktop.ui.workspace import Workspace


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "no widget has the keyboard focus"
    return widget


def type_text(qtbot, text: str, widget: QWidget | None = None) -> None:
    """Type into the focused widget: Latin letters key by key, Chinese as the input method
    commits it (QTest can only press keys of the ASCII keyboard)."""
    widget = widget or focused()
    for ascii_run, chars in groupby(text, key=str.isascii):
        run = "".join(chars)
        if ascii_run:
            qtbot.keyClicks(widget, run)
        else:
            commit = QInputMethodEvent("", [])
            commit.setCommitString(run)
            QApplication.sendEvent(widget, commit)


def press(qtbot, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key pressed wherever the focus is, as on a real keyboard."""
    qtbot.keyClick(focused(), key, modifier)


def rows(model: ProposalTableModel) -> list:
    return [model.row_at(i) for i in range(model.rowCount())]


def titles(model: ProposalTableModel) -> list[str]:
    return [r.title for r in rows(model)]


def click_rows(qtbot, table: RecordTable, *wanted: str) -> None:
    """Click the first row with that 案由, Ctrl+click the others."""
    model = table.table_model
    found = {r.title: i for i, r in enumerate(rows(model))}
    missing = [t for t in wanted if t not in found]
    assert not missing, f"not in the list: {missing}; the list shows {list(found)}"
    column = next(c for c in range(model.columnCount()) if not table.isColumnHidden(c))
    for n, title in enumerate(wanted):
        index = model.index(found[title], column)
        table.scrollTo(index)
        modifier = Qt.KeyboardModifier.ControlModifier if n else Qt.KeyboardModifier.NoModifier
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, modifier,
                         table.visualRect(index).center())


def click_tab(qtbot, tabs: QTabBar, name: str) -> None:
    index = next(i for i in range(tabs.count()) if tabs.tabText(i).split("（")[0] == name)
    qtbot.mouseClick(tabs, Qt.MouseButton.LeftButton, pos=tabs.tabRect(index).center())
    assert tabs.currentIndex() == index


def struck_through(browser: QTextBrowser) -> list[str]:
    """The pieces of text the reader sees crossed out."""
    out = []
    block = browser.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            char_format: QTextCharFormat = fragment.charFormat()
            if fragment.isValid() and char_format.fontStrikeOut():
                out.append(fragment.text())
            it += 1
        block = block.next()
    return out


# -- on the desk of tests/ui (its conftest's office) ---------------------------------------
AFTER_SCHOOL = "关于提升中小学课后服务质量的建议"  # the desk's one filed proposal


def show(qtbot, view, workspace: Workspace, close_after: bool = True):
    """On screen and the active window, so keyboard shortcuts reach it."""
    if close_after:
        qtbot.addWidget(view)
    workspace.changed.connect(view.refresh)
    view.resize(1400, 860)
    with qtbot.waitActive(view):
        view.show()
    view.activateWindow()
    return view


def pick_unit(qtbot, view: AssignView, text: str) -> None:
    """Narrow the unit list by typing, then click the one unit left."""
    panel = view.panel
    panel.filter.setFocus()
    panel.filter.clear()
    type_text(qtbot, text)
    assert panel.proxy.rowCount() == 1, [panel.proxy.index(r, 0).data()
                                         for r in range(panel.proxy.rowCount())]
    index = panel.proxy.index(0, 0)
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton,
                     pos=panel.table.visualRect(index).center())


def file_another(desk, title: str) -> str:
    proposal = desk.register(title)
    review.forward(desk.session, desk.admin, [proposal.id])
    review.forward(desk.session, desk.admin, [proposal.id])
    review.file(desk.session, desk.admin, [proposal.id])
    return proposal.id
