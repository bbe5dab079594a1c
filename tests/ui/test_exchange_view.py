"""数据交换 on screen: the sites with their fingerprints, a package previewed and imported on 导入,
a conflict settled with 采用本机 (the navigation's count follows), and a .tian file handed
over by a second start opening at its preview."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton
from sqlalchemy import select

from desktop.services import enrolment, entry, exchange
from desktop.store.database import open_database
from desktop.store.models import Proposal, Site
from desktop.ui.dialogs.receive import ReceiveDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.single_instance import InstanceGuard, wake_running
from desktop.ui.workspace import Workspace
from tests.services.sites import Place

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def second(desk, tmp_path):
    """主任笔记本, a second office PC enrolled through the two files."""
    folder = tmp_path / "second"
    made = enrolment.invite(desk.session, desk.admin, "主任笔记本", "office", folder,
                            desk.db.attachments_dir)
    db = open_database(folder / "site.db", create=True)
    session = db.session()
    joined = enrolment.join(session, made.path, "secret-789", db.attachments_dir, folder)
    enrolment.accept(desk.session, desk.admin, joined.answer, joined.fingerprint)
    place = Place("second", db, session, joined.actor, folder)
    yield place, joined
    place.close()


@pytest.fixture
def window(workspace, qtbot, monkeypatch) -> MainWindow:
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    w = MainWindow(workspace, "政协测试县委员会")
    qtbot.addWidget(w)
    w.show()
    return w


def _conflict(desk, second_place) -> None:
    pid = desk.proposals[next(iter(desk.proposals))]
    entry.edit(desk.session, desk.admin, pid, title="关于盘活城区地下停车资源的建议")
    entry.edit(second_place.session, second_place.admin, pid, title="关于缓解城区停车难的建议")
    here = second_place.session.scalar(select(Site.id).where(Site.local.is_(False)))
    sent = exchange.send(second_place.session, second_place.admin, here, second_place.folder,
                         second_place.db.attachments_dir)
    exchange.receive(desk.session, desk.admin, sent.path, desk.db.attachments_dir, apply=True)


def test_the_sites_are_listed_with_the_fingerprint_both_clerks_read(window, second):
    window.show_view("数据交换")
    view = window.views["数据交换"]
    model = view.sites.model
    names = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert names == ["政协测试县委员会（本机）", "主任笔记本"]
    assert model.index(1, 3).data() == second[1].fingerprint


def test_a_package_is_previewed_then_imported_on_the_clerks_word(window, workspace, desk,
                                                                 second, qtbot):
    place, _ = second
    _conflict(desk, place)  # the office already has one package from the second PC
    pid = desk.proposals[next(iter(desk.proposals))]
    entry.edit(place.session, place.admin, pid, body="城区停车位缺口大。")
    here = place.session.scalar(select(Site.id).where(Site.local.is_(False)))
    sent = exchange.send(place.session, place.admin, here, place.folder, place.db.attachments_dir)

    dialog = ReceiveDialog(workspace, sent.path, window)
    qtbot.addWidget(dialog)
    assert dialog.ready
    shown = [dialog.model.index(r, 0).data() for r in range(dialog.model.rowCount())]
    assert shown == ["修改"]
    with desk.db.session() as session:
        assert session.get(Proposal, pid).body != "城区停车位缺口大。"  # nothing yet
    qtbot.mouseClick(dialog.go, Qt.MouseButton.LeftButton)
    with desk.db.session() as session:
        assert session.get(Proposal, pid).body == "城区停车位缺口大。"


def test_a_conflict_settled_with_take_mine_leaves_the_queue_and_the_count(window, desk, second,
                                                                         qtbot):
    _conflict(desk, second[0])
    window.show_view("数据交换")
    view = window.views["数据交换"]
    view.reload()
    item = window.navigation.item(window.screens.index("数据交换"))
    assert item.text() == "数据交换（1）"
    view.tabs.setCurrentWidget(view.conflicts)
    page = view.conflicts
    assert page.model.rowCount() == 1
    assert "关于盘活城区地下停车资源的建议" in page.model.index(0, 2).data()  # 本机的值
    page.table.selectRow(0)
    buttons = {b.text(): b for b in page.findChildren(QPushButton)}
    qtbot.mouseClick(buttons["采用本机"], Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 0
    assert item.text() == "数据交换"
    with desk.db.session() as session:
        pid = desk.proposals[next(iter(desk.proposals))]
        assert session.get(Proposal, pid).title == "关于盘活城区地下停车资源的建议"


def test_a_package_double_clicked_while_the_program_runs_opens_at_its_preview(
        window, qtbot, tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr(MainWindow, "receive_package", lambda self, path: opened.append(path))
    guard = InstanceGuard(f"tiantong-test-{tmp_path.name}")
    guard.opened.connect(lambda path: window.receive_package(path))
    package = tmp_path / "提案通交换-县教育局至政协测试县委员会.tian"
    package.write_bytes(b"")
    assert wake_running(f"tiantong-test-{tmp_path.name}", file=package)
    qtbot.waitUntil(lambda: bool(opened), timeout=3000)
    assert str(opened[0]) == str(package.resolve())
    guard.close()


def test_a_units_clerk_on_the_units_own_pc_exchanges_with_the_office(desk, tmp_path, qtbot,
                                                                       monkeypatch):
    folder = tmp_path / "bureau"
    made = enrolment.invite(desk.session, desk.admin, "县教育局", "unit", folder,
                            desk.db.attachments_dir, unit="县教育局")
    db = open_database(folder / "site.db", create=True)
    with db.session() as session:
        joined = enrolment.join(session, made.path, "secret-789", db.attachments_dir, folder)
    ws = Workspace(db, joined.actor, None)
    w = MainWindow(ws, "县教育局")
    qtbot.addWidget(w)
    assert [w.navigation.item(i).text() for i in range(w.navigation.count())] == [
        "首页", "办理跟踪", "统计", "数据交换"]
    w.show_view("数据交换")
    sites = w.views["数据交换"].sites
    names = [sites.model.index(r, 0).data() for r in range(sites.model.rowCount())]
    assert names == ["县教育局（本机）", "政协测试县委员会"]
    assert not [b for b in sites.findChildren(QPushButton) if b.text() == "邀请新站点…"]
    w.close()
    ws.deleteLater()
    db.close()
