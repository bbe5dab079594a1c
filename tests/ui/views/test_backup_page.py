"""备份与恢复 as the administrator uses it."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from desktop.services import backups, base_data
from desktop.store.database import open_database
from desktop.ui.views.backup_page import BackupPage

from .clerk import show


pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def page(workspace, qtbot, desk) -> BackupPage:
    backups.automatic_backup(desk.db, "启动")
    return show(qtbot, BackupPage(workspace), workspace)


def test_the_automatic_backups_are_listed_newest_first(page, desk):
    backups.automatic_backup(desk.db, "导入名册前", now=datetime.now() + timedelta(minutes=1))
    page.refresh()
    reasons = [page.model.index(r, 1).data() for r in range(page.model.rowCount())]
    assert reasons == ["导入名册前", "启动"]


def test_a_file_that_is_no_backup_is_refused_and_nothing_changes(page, tmp_path, monkeypatch):
    wrong = tmp_path / "名册.db"
    wrong.write_bytes(b"not a database")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(wrong), ""))
    page.restore_other()
    assert "不是" in page.error.text() or "备份" in page.error.text()
    assert page.ws.read(base_data.office_name)  # still open and working


def test_restoring_puts_the_backup_in_place_keeps_the_current_file_and_closes(
        page, desk, qtbot, monkeypatch):
    desk.session.close()
    path = desk.db.path
    page.ws.act(base_data.update_settings, office_name="政协改名县委员会")
    said, exited = [], []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: next(
        b for b in box.buttons() if b.text().startswith("恢复并关闭")).click() or 0)
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: said.append(text))
    monkeypatch.setattr(QApplication, "exit", staticmethod(lambda code=0: exited.append(code)))
    page.table.selectRow(0)
    page.restore_chosen()
    assert page.error.text() == ""
    assert exited == [0] and said[0].startswith("已从 提案通自动备份_")
    restored = open_database(path)
    try:
        with restored.session() as session:
            assert base_data.office_name(session) == "政协测试县委员会"  # as it was at the backup
    finally:
        restored.close()
    kept = [p for p in path.parent.glob("*_恢复前_*.db")]
    assert len(kept) == 1
