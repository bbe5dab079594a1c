"""以往台账导入: the office's own ledger of a past year.  Each sheet's columns are shown with the
field each was taken for, and the clerk may change any; units the office has not entered are
listed with the system guessed from their names, to confirm; rows that cannot be read are
listed with why; and the figures the meeting will show are given before anything is written."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QPushButton,
    QScrollArea, QTableWidget, QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget,
)

from desktop.domain.enums import UnitSystem
from desktop.gate.workbook import Sheet, column_name
from desktop.services import backups, base_data, legacy_ledgers
from desktop.services.legacy_ledgers import FIELD_NAMES, LegacyPreview, SheetPlan
from desktop.wording import figures_text
from desktop.wording.labels import label

from ..errors import explain
from ..models.row_table import RowColumn, RowTableModel
from ..widgets.row_view import row_table
from ..worker import run_with_progress
from ..workspace import Workspace
from .action import WorkDialog

LEFT_ALONE = "（不导入）"
ROW_COLUMNS = (
    RowColumn("工作表", lambda r: r[0], 120),
    RowColumn("行号", lambda r: str(r[1].row), 44),
    RowColumn("说明", lambda r: r[1].why, 520),
)


class LegacyDialog(WorkDialog):
    def __init__(self, workspace: Workspace, path: Path, sheets: list[Sheet],
                 parent: QWidget | None = None) -> None:
        super().__init__(workspace, "导入以往的提案台账", "导入",
                         f"{path.name}：请核对每列对应的内容（可以改），确认要新建的承办单位，再导入。"
                         "已在所选会议中的提案（提案号或案由相同）不会重复导入；导入前自动备份。", parent)
        self.setMinimumSize(1000, 680)
        self.path, self.sheets = path, sheets
        self.plan: LegacyPreview | None = None
        self.imported = 0
        self.meeting = QComboBox()
        for meeting_id, name in workspace.read(base_data.meetings):
            self.meeting.addItem(name, meeting_id)
        self.meeting.setCurrentIndex(max(0, self.meeting.findData(workspace.meeting_id)))
        self.meeting.currentIndexChanged.connect(self._stale)
        again = QPushButton("按所选重新预览(&P)")
        again.clicked.connect(self.preview)
        top = QHBoxLayout()
        top.addWidget(self.meeting, 1)
        top.addWidget(again)
        self.tabs = QTabWidget()
        self.units = QTableWidget(0, 2)
        self.units.setHorizontalHeaderLabels(["承办单位（名单中没有）", "系统（按名称推测，可改）"])
        self.units.horizontalHeader().setStretchLastSection(True)
        self.units.setColumnWidth(0, 260)
        self.create_units = QCheckBox("新建以上承办单位（请先核对系统）")
        self.rows = RowTableModel(ROW_COLUMNS, self)
        self.rows_view = row_table(self.rows)
        self.rows_view.verticalHeader().hide()
        self.totals = QLabel()
        self.totals.setWordWrap(True)
        self.form.addRow("导入到会议(&M)：", top)
        self.form.addRow(self.tabs)
        self.form.addRow(self.units)
        self.form.addRow(self.create_units)
        self.form.addRow("跳过和不能读的行：", self.rows_view)
        self.form.addRow("导入后的统计：", self.totals)
        self.ok = self.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        self.combos: dict[str, list[QComboBox]] = {}
        self.preview()

    def mappings(self) -> dict[str, dict[str, int]]:
        """The clerk's mapping of each sheet, read off its column boxes."""
        chosen = {}
        for title, boxes in self.combos.items():
            chosen[title] = {box.currentData(): index for index, box in enumerate(boxes)
                             if box.currentData()}
        return chosen

    def systems(self) -> dict[str, UnitSystem]:
        return {self.units.item(row, 0).text(): self.units.cellWidget(row, 1).currentData()
                for row in range(self.units.rowCount())}

    def preview(self) -> None:
        """The import run and rolled back: what it would add and the figures it would give."""
        self.error.say(None)
        mappings = self.mappings() or None
        systems = self.systems()
        try:
            plan = run_with_progress(self, "正在读取台账……", lambda _p: self.ws.read_as(
                legacy_ledgers.preview_legacy, self.path, self.meeting.currentData(),
                self.sheets, mappings, systems), cancellable=False)
        except Exception as exc:  # noqa: BLE001 - one sentence under the form
            self.error.say(explain(self, exc))
            return
        self.plan = plan
        self._show(plan)

    def _show(self, plan: LegacyPreview) -> None:
        current = self.tabs.currentIndex()
        self.tabs.clear()
        self.combos.clear()
        for sheet in plan.sheets:
            self.tabs.addTab(self._sheet_page(sheet), sheet.title)
        self.tabs.setCurrentIndex(max(current, 0))
        self.units.setRowCount(len(plan.new_units))
        for row, (name, system) in enumerate(plan.new_units.items()):
            self.units.setItem(row, 0, QTableWidgetItem(name))
            box = QComboBox()
            for value in UnitSystem:
                box.addItem(label(value), value)
            box.setCurrentIndex(box.findData(system))
            self.units.setCellWidget(row, 1, box)
        self.units.setVisible(bool(plan.new_units))
        self.create_units.setVisible(bool(plan.new_units))
        self.rows.set_rows([(s.title, r) for s in plan.sheets for r in s.unreadable + s.skipped])
        already = f"所选会议已有、不再导入 {len(plan.already)} 件。" if plan.already else ""
        members = f"将新建委员 {len(plan.new_members)} 人。" if plan.new_members else ""
        unknown = (f"分类表中没有、将不分类：{'、'.join(plan.unknown_categories)}。"
                   if plan.unknown_categories else "")
        self.totals.setText(f"将导入 {plan.imported} 件提案。{already}{members}{unknown}<br>"
                            + "<br>".join(figures_text.summary_lines(plan.figures)))
        self.ok.setEnabled(plan.imported > 0)

    def _sheet_page(self, sheet: SheetPlan) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        if not sheet.taken:
            layout.addWidget(QLabel(sheet.why))
            if sheet.header is None:
                return page
        rows = sheet.header.rows
        where = f"第{rows[0]}–{rows[-1]}行" if len(rows) > 1 else f"第{rows[0]}行"
        decision = f"；整表按“{label(sheet.decision)}”导入" if sheet.decision else ""
        layout.addWidget(QLabel(f"表头在{where}{decision}；{len(sheet.proposals)} 件提案。"))
        grid = QWidget()
        form = QFormLayout(grid)
        boxes = []
        used = {index: field for field, index in sheet.mapping.items()}
        for index, words in enumerate(sheet.header.names):
            box = QComboBox()
            box.addItem(LEFT_ALONE, None)
            for field, name in FIELD_NAMES.items():
                box.addItem(name, field)
            box.setCurrentIndex(max(0, box.findData(used.get(index))))
            box.currentIndexChanged.connect(lambda _i, b=box, t=sheet.title: self._one_each(t, b))
            box.currentIndexChanged.connect(self._stale)
            form.addRow(f"{column_name(index)} 列“{words or '（无表头）'}”：", box)
            boxes.append(box)
        self.combos[sheet.title] = boxes
        scroll = QScrollArea()
        scroll.setWidget(grid)
        scroll.setWidgetResizable(True)
        layout.addWidget(scroll, 1)
        return page

    def _stale(self, *_args: object) -> None:
        """What is shown no longer follows the choices: import only after a new preview."""
        self.ok.setEnabled(False)
        self.totals.setText("已改动所选，请按“按所选重新预览”查看结果后再导入。")

    def _one_each(self, title: str, changed: QComboBox) -> None:
        """A field is taken from one column: choosing it here leaves it elsewhere."""
        field = changed.currentData()
        for box in self.combos[title]:
            if box is not changed and field and box.currentData() == field:
                box.setCurrentIndex(0)

    def perform(self) -> None:
        plan = self.plan
        if plan is None:
            return
        plan.new_units = self.systems()
        plan.create_units = self.create_units.isChecked()
        plan.check()

        def work(_progress) -> int:
            if self.ws.database.path is not None:
                backups.automatic_backup(self.ws.database, "导入以往台账前")
            return self.ws.act(legacy_ledgers.apply_legacy, plan)

        self.imported = run_with_progress(self, "正在导入台账……", work, cancellable=False)
