"""导入台账 from 办理跟踪: a unit's 答复台账 previewed row by row then recorded, and an office's
ledger of a past year mapped column by column, its new units confirmed, then imported."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton
from sqlalchemy import select

from desktop.domain.enums import ReplyCategory, UnitSystem
from desktop.services import reply_ledgers, statistics
from desktop.store.models import Reply, Unit
from desktop.ui.dialogs.legacy_import import LEFT_ALONE
from desktop.ui.views.tracking_view import TrackingView

from ...services.flows import assigned
from ...services.test_ledger_returns import fill
from ...sync.ledgers import Entry, figures, per_proposal
from .clerk import show

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def press_import(qtbot, view, monkeypatch, path) -> list[str]:
    """导入台账… with the file chosen in the file dialog; the closing message is kept."""
    told: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(path), ""))
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    [button] = [b for b in view.findChildren(QPushButton) if b.text() == "导入台账…"]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    return told


def test_a_units_reply_ledger_is_previewed_then_recorded(
        workspace, desk, qtbot, answer_dialogs, monkeypatch, tmp_path):
    _, rows = assigned(desk, "关于加强城区学校周边交通安全的建议", lead="教育局")
    sent = reply_ledgers.export_for_reply(desk.session, desk.admin, desk.unit("教育局").id,
                                          desk.meeting.id, tmp_path)
    replied = rows[0].assigned_on + timedelta(days=25)
    path = fill(sent, tmp_path / "交回.xlsx", {0: {"答复日期": replied, "答复类别": "A类",
                                                   "是否面商": "是", "案由": "改了"}})
    view = show(qtbot, TrackingView(workspace), workspace)
    seen = {}

    def look_then_import(dialog) -> None:
        seen["rows"] = [[dialog.model.index(r, c).data() for c in (0, 2)]
                        for r in range(dialog.model.rowCount())]
        seen["note"] = dialog.model.index(0, 5).data()
        seen["written before"] = desk.session.scalars(select(Reply)).first()
        dialog.accept()
    answer_dialogs.append(look_then_import)
    told = press_import(qtbot, view, monkeypatch, path)
    assert seen["rows"] == [["4", "将记录"]] and seen["written before"] is None
    assert "灰色列的改动未采用：案由" in seen["note"]
    assert told == ["已记录答复 1 件、沟通 1 次、签收 1 件。"]
    desk.session.rollback()  # the look before the import held a read snapshot
    reply = desk.session.scalars(select(Reply)).one()
    assert (reply.replied_on, reply.category) == (replied, ReplyCategory.A)


def test_a_past_years_ledger_is_mapped_its_units_confirmed_and_imported(
        workspace, desk, qtbot, answer_dialogs, monkeypatch, tmp_path):
    entries = [Entry("1", "关于发展油茶产业的建议", "张伟", [("县农业农村局", "主办")], "A",
                     date(2023, 4, 1), face=True, rating="满意", sector="农业界"),
               Entry("2", "关于规范夜市经营的建议", "王芳", [("县夜市管理服务中心", "主办")], "B",
                     date(2023, 5, 6), rating="基本满意"),
               Entry("3", "关于改善乡村道路的建议", "李娜", decision="不予立案")]
    path = per_proposal(tmp_path / "2022年台账.xlsx", entries)
    view = show(qtbot, TrackingView(workspace), workspace)
    seen = {}

    def map_confirm_import(dialog) -> None:
        boxes = dialog.combos["立案提案"]
        seen["C"] = boxes[2].currentText()
        seen["units"] = dialog.systems()
        boxes[4].setCurrentIndex(boxes[4].findText(LEFT_ALONE))  # 界别 not wanted
        seen["ok after a change"] = dialog.ok.isEnabled()
        dialog.preview()
        seen["ok after preview"] = dialog.ok.isEnabled()
        seen["totals"] = dialog.totals.text()
        dialog.accept()  # the unit not yet confirmed: refused, the dialog stays
        seen["refused"] = dialog.error.text()
        dialog.units.cellWidget(0, 1).setCurrentIndex(
            dialog.units.cellWidget(0, 1).findData(UnitSystem.GOVERNMENT))
        dialog.create_units.setChecked(True)
        dialog.accept()
    answer_dialogs.append(map_confirm_import)
    press_import(qtbot, view, monkeypatch, path)
    assert seen["C"] == "案由"
    assert seen["units"] == {"县夜市管理服务中心": UnitSystem.GOVERNMENT}
    assert (seen["ok after a change"], seen["ok after preview"]) == (False, True)
    assert "将导入 3 件提案" in seen["totals"]
    assert "不在单位名单中" in seen["refused"]
    desk.session.expire_all()
    assert desk.session.scalars(select(Unit).where(Unit.name == "县夜市管理服务中心")).one()
    f = statistics.statistics(desk.session, desk.meeting.id)
    want = figures(entries)
    assert (f["rejected"], f["replied"], f["satisfied"]) == (
        want["rejected"], want["replied"], want["satisfied"])
