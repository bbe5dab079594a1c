"""数据交换 → 冲突: both values, where and when each was made; 采用本机 / 采用对方 / 改为…, or
for a record edited here and deleted there (or a unit's late work) 保留 / 删除."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout, QInputDialog, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget,
)

from desktop.services import conflicts

from ..errors import explain
from ..models.row_table import RowColumn, RowTableModel
from ..widgets.form import ErrorLabel
from ..widgets.row_view import row_table
from ..workspace import Workspace


def _shown(choice) -> str:
    if choice is None:
        return ""
    where = "本机" if choice.here else choice.site
    return f"{choice.shown}（{where}，{choice.when:%-m月%-d日 %H:%M}）"


COLUMNS = (RowColumn("记录", lambda r: r.record, 300), RowColumn("项目", lambda r: r.field, 80),
           RowColumn("本机的值", lambda r: _shown(r.mine()), 220),
           RowColumn("对方的值", lambda r: _shown(r.theirs()), 220),
           RowColumn("原因", lambda r: r.sentence, 240))


class ConflictsPage(QWidget):
    settled = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = workspace
        self.model = RowTableModel(COLUMNS, self)
        self.table = row_table(self.model)
        self.note = QLabel("两处对同一项内容改得不同时，两个值都保留在这里，由您选定；在您选定之前，"
                           "各站点都暂时显示同一个值。您的选择会随下次交换发给其他站点。")
        self.note.setWordWrap(True)
        self.error = ErrorLabel()
        row = QHBoxLayout()
        for text, slot in (("采用本机", lambda: self.take(True)),
                           ("采用对方", lambda: self.take(False)), ("改为…", self.type_value),
                           ("保留记录", lambda: self.keep(True)),
                           ("删除记录", lambda: self.keep(False))):
            button = QPushButton(text)
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        self.held = QLabel()
        self.held.setWordWrap(True)
        self.held.setStyleSheet("color: #8a5a00")
        held_row = QHBoxLayout()
        held_row.addWidget(self.held, 1)
        self.release = QPushButton("时钟已校正，重新核对")
        self.release.clicked.connect(self.release_held)
        held_row.addWidget(self.release)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addLayout(held_row)
        layout.addWidget(self.error)
        layout.addLayout(row)
        self.refresh()

    def refresh(self) -> None:
        self.model.set_rows(self.ws.read_as(conflicts.open_conflicts))
        held = self.ws.read_as(conflicts.held_back)
        self.held.setText("；".join(
            f"“{site}”的 {count} 条修改暂未接收（时间最晚 {latest:%Y年%-m月%-d日}，超前本机一天以上），"
            "请对方核对电脑时钟后重新录入" for site, count, latest in held))
        self.held.setVisible(bool(held))
        self.release.setVisible(bool(held))

    def release_held(self) -> None:
        try:
            applied, still = self.ws.act(conflicts.release_held)
        except Exception as exc:  # noqa: BLE001
            self.error.say(explain(self, exc))
            return
        self.error.say(None)
        QMessageBox.information(self, "重新核对", f"已导入 {applied} 条；仍超前的 {still} 条继续暂不接收。")
        self.refresh()
        self.settled.emit()

    def _chosen(self, field_conflict: bool):
        row = self.model.row_at(self.table.currentIndex().row())
        if row is None:
            self.error.say("请先在列表中选中一条冲突。")
            return None
        if field_conflict != (row.reason == "sync_field_conflict"):
            self.error.say("这条冲突请用“采用本机”“采用对方”或“改为…”处理。" if not field_conflict
                           else "这条冲突关乎整条记录，请用“保留记录”或“删除记录”处理。")
            return None
        return row

    def take(self, here: bool) -> None:
        row = self._chosen(True)
        if row is None:
            return
        chosen = row.mine() if here else row.theirs()
        if chosen is None:
            self.error.say("这条冲突的两个值都来自其他站点，请用“采用对方”或“改为…”。")
            return
        self._settle(row, take=chosen.stamp)

    def type_value(self) -> None:
        row = self._chosen(True)
        if row is None:
            return
        if not row.typed:
            self.error.say("这一项只能从两个值中选一个。")
            return
        text, ok = QInputDialog.getText(self, "改为", f"{row.record}\n{row.field}改为：",
                                        text=row.choices[0].shown)
        if ok and text.strip():
            self._settle(row, value=text.strip())

    def keep(self, keep: bool) -> None:
        row = self._chosen(False)
        if row is not None:
            self._settle(row, keep=keep)

    def _settle(self, row, **choice) -> None:
        try:
            self.ws.act(conflicts.settle, row.conflict_id, **choice)
        except Exception as exc:  # noqa: BLE001
            self.error.say(explain(self, exc))
            self.refresh()
            return
        self.error.say(None)
        self.refresh()
        self.settled.emit()
