"""The paper proposal form, field by field in the order of the paper, keyboard only."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget,
    QListWidgetItem, QPlainTextEdit, QPushButton, QSizePolicy, QVBoxLayout, QWidget,
)

from desktop.domain.enums import Kind, Origin
from desktop.domain.errors import DomainError
from desktop.wording.labels import LABELS
from desktop.wording.messages import describe
from desktop.services import base_data, search
from desktop.services.entry import ProposalDraft, ProposerInput, derived_origin
from desktop.services.search import ProposerChoice

from ..dialogs.add_member import AddMemberDialog
from ..widgets.form import ErrorLabel, date_edit, from_qdate, to_qdate
from ..widgets.proposer_picker import ProposerPicker
from ..workspace import Workspace

# which field a refusal belongs next to
_FIELD_OF_CODE = {
    "title_too_long": "title", "proposer_required": "lead",
    "collective_needs_organisation": "lead", "individual_has_cosigners": "origin",
    "joint_needs_cosigners": "cosigners", "proposer_twice": "cosigners",
    "date_in_future": "received_on",
}
_FIELD_OF_PARAM = {"title": "title", "proposer": "lead", "received_on": "received_on"}


def _choice_dict(choice: ProposerChoice) -> dict:
    return {"name": choice.name, "member_id": choice.member_id,
            "organisation_id": choice.organisation_id, "sector": choice.sector}


class EntryForm(QWidget):
    """``changed`` fires on every edit (for the draft); ``title_changed`` for the look-alikes."""

    changed = Signal()
    title_changed = Signal(str)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws = workspace
        self._lead: dict | None = None
        self._origin_touched = False
        self.attachments: list[str] = []
        self.errors: dict[str, ErrorLabel] = {}

        self.title = QLineEdit()
        self.title.setPlaceholderText("关于……的建议")
        self.title.setMaxLength(300)
        self.kind = QComboBox()
        for kind in Kind:
            self.kind.addItem(LABELS[Kind][kind.value], kind.value)
        self.lead = ProposerPicker(workspace, "姓名或拼音首字母，如 张三 / zs；集体提案输入组织名称")
        self.lead_note = QLabel()
        self.lead_note.setStyleSheet("color: #555;")
        self.cosigner = ProposerPicker(workspace, "联名人：姓名或拼音首字母，回车加入")
        self.cosigners = QListWidget()
        self.cosigners.setFixedHeight(64)
        self.cosigners.setToolTip("Delete 删除所选联名人；Alt+↑/↓ 调整顺序")
        self.origin = QComboBox()
        for origin in Origin:
            self.origin.addItem(LABELS[Origin][origin.value], origin.value)
        self.category = QComboBox()
        self.category.addItem("（未分类）", None)
        for category_id, name in workspace.read(base_data.categories):
            self.category.addItem(name, category_id)
        self.received_on = date_edit(date.today())
        self.body = QPlainTextEdit()
        self.body.setTabChangesFocus(True)
        self.body.setPlaceholderText("提案内容（从 Word 粘贴时只保留文字）")
        self.attach_button = QPushButton("添加附件(&F)…")
        self.attach_list = QLabel()
        self.attach_list.setWordWrap(True)
        self.general = ErrorLabel()

        lead_row = QHBoxLayout()
        lead_row.addWidget(self.lead, 1)
        lead_row.addWidget(self.lead_note)
        attach_row = QHBoxLayout()
        attach_row.addWidget(self.attach_button)
        attach_row.addWidget(self.attach_list, 1)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("案由(&T)：", self._with_error("title", self.title))
        form.addRow("提案类型(&K)：", self._with_error("kind", self.kind))
        form.addRow("领衔提案人(&L)：", self._with_error("lead", lead_row))
        form.addRow("联名提案人(&J)：", self._with_error("cosigners", self.cosigner, self.cosigners))
        form.addRow("提案形式(&O)：", self._with_error("origin", self.origin))
        form.addRow("类别(&C)：", self._with_error("category", self.category))
        form.addRow("收文日期(&D)：", self._with_error("received_on", self.received_on))
        form.addRow("内容(&B)：", self._with_error("body", self.body))
        form.addRow("附件：", attach_row)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form, 1)
        layout.addWidget(self.general)

        for first, second in ((self.title, self.kind), (self.kind, self.lead),
                              (self.lead, self.cosigner), (self.cosigner, self.cosigners),
                              (self.cosigners, self.origin), (self.origin, self.category),
                              (self.category, self.received_on), (self.received_on, self.body),
                              (self.body, self.attach_button)):
            QWidget.setTabOrder(first, second)

        self.lead.picked.connect(self._take_lead)
        self.lead.textEdited.connect(self._lead_edited)
        self.lead.unknown.connect(lambda name: self._offer_member(name, lead=True))
        self.cosigner.picked.connect(self._add_cosigner)
        self.cosigner.unknown.connect(lambda name: self._offer_member(name, lead=False))
        QShortcut(QKeySequence.StandardKey.Delete, self.cosigners, self._remove_cosigner,
                  context=Qt.ShortcutContext.WidgetShortcut)
        QShortcut(QKeySequence("Alt+Up"), self.cosigners, lambda: self._move_cosigner(-1),
                  context=Qt.ShortcutContext.WidgetShortcut)
        QShortcut(QKeySequence("Alt+Down"), self.cosigners, lambda: self._move_cosigner(1),
                  context=Qt.ShortcutContext.WidgetShortcut)
        self.origin.activated.connect(lambda _i: setattr(self, "_origin_touched", True))
        self.attach_button.clicked.connect(self._choose_attachments)
        self.title.textChanged.connect(self.title_changed)
        for signal in (self.title.textChanged, self.kind.currentIndexChanged,
                       self.origin.currentIndexChanged, self.category.currentIndexChanged,
                       self.received_on.dateChanged, self.body.textChanged,
                       self.lead.textEdited):
            signal.connect(self._edited)

    def _with_error(self, key: str, *parts) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        for part in parts:
            if isinstance(part, QWidget):
                column.addWidget(part)
            else:
                column.addLayout(part)
        self.errors[key] = ErrorLabel()
        column.addWidget(self.errors[key])
        if key != "body":  # only the content grows with the window
            box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        return box

    def _edited(self, *_args: object) -> None:
        self.changed.emit()

    # -- proposers ----------------------------------------------------------------------
    def _take_lead(self, choice: ProposerChoice) -> None:
        self._set_lead(_choice_dict(choice))
        self.cosigner.setFocus()

    def _set_lead(self, lead: dict | None) -> None:
        self._lead = lead
        self.lead.setText(lead["name"] if lead else "")
        self.lead_note.setText(("界别：" + lead["sector"]) if lead and lead.get("sector") else "")
        self._derive_origin()
        self.errors["lead"].say(None)
        self.changed.emit()

    def _lead_edited(self, text: str) -> None:
        if self._lead and text != self._lead["name"]:
            self._lead = None
            self.lead_note.setText("")
            self._derive_origin()

    def _add_cosigner(self, choice: ProposerChoice | dict) -> None:
        data = choice if isinstance(choice, dict) else _choice_dict(choice)
        item = QListWidgetItem(data["name"] + (f"（{data['sector']}）" if data.get("sector") else ""))
        item.setData(Qt.ItemDataRole.UserRole, data)
        self.cosigners.addItem(item)
        self.cosigner.clear()
        self._derive_origin()
        self.errors["cosigners"].say(None)
        self.changed.emit()

    def _remove_cosigner(self) -> None:
        row = self.cosigners.currentRow()
        if row >= 0:
            self.cosigners.takeItem(row)
            self._derive_origin()
            self.changed.emit()

    def _move_cosigner(self, step: int) -> None:
        row = self.cosigners.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.cosigners.count():
            return
        item = self.cosigners.takeItem(row)
        self.cosigners.insertItem(target, item)
        self.cosigners.setCurrentRow(target)
        self.changed.emit()

    def cosigner_list(self) -> list[dict]:
        return [self.cosigners.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.cosigners.count())]

    def _derive_origin(self) -> None:
        """个人 / 联名 / 集体 follows the proposers until the clerk picks it by hand."""
        if self._origin_touched:
            return
        origin = derived_origin(bool(self._lead and self._lead.get("organisation_id")),
                                1 + self.cosigners.count())
        self.origin.setCurrentIndex(self.origin.findData(origin.value))

    def _offer_member(self, name: str, lead: bool) -> None:
        dialog = AddMemberDialog(self._ws, name, self)
        if dialog.exec() != AddMemberDialog.DialogCode.Accepted or not dialog.member_id:
            return
        data = {"name": dialog.name.text().strip(), "member_id": dialog.member_id,
                "organisation_id": None, "sector": dialog.sector_name}
        if lead:
            self._set_lead(data)
            self.cosigner.setFocus()
        else:
            self._add_cosigner(data)

    def settle_proposers(self) -> tuple[str, str] | None:
        """Before saving: names typed but not taken with Enter (Tab or Ctrl+S instead).

        The roster's one member of exactly that name is taken, as Enter would; initials, part
        of a name or a co-signer left in its box are refused rather than saved unlinked
        ("zs" as a proposer) or dropped.  Returns (sentence, field) or None.
        """
        typed = self.lead.text().strip()
        if typed and not self._lead:
            choices = self._ws.read_as(search.proposer_choices, typed, 12)
            exact = [c for c in choices if c.name == typed]
            if len(exact) == 1:
                self._set_lead(_choice_dict(exact[0]))
            elif choices:
                return f"领衔提案人“{typed}”尚未选定，请在该栏按回车从名单中选择。", "lead"
        typed = self.cosigner.text().strip()
        if typed:
            exact = [c for c in self._ws.read_as(search.proposer_choices, typed, 12)
                     if c.name == typed]
            if len(exact) != 1:
                return f"联名提案人“{typed}”尚未加入，请在该栏按回车加入，或清空该栏。", "cosigners"
            self._add_cosigner(exact[0])
        return None

    # -- attachments --------------------------------------------------------------------
    def _choose_attachments(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, "选择附件", "", "文档和图片 (*.doc *.docx *.pdf *.jpg *.png *.wps);;所有文件 (*)")
        self.add_attachments(paths)

    def add_attachments(self, paths: list[str]) -> None:
        for path in paths:
            if path not in self.attachments:
                self.attachments.append(path)
        self._show_attachments()
        self.changed.emit()

    def _show_attachments(self) -> None:
        self.attach_list.setText("、".join(Path(p).name for p in self.attachments))

    # -- the whole form -----------------------------------------------------------------
    def draft(self, meeting_id: str) -> ProposalDraft:
        proposers = []
        if self._lead:
            proposers.append(ProposerInput(self._lead.get("member_id"),
                                           self._lead.get("organisation_id")))
        elif self.lead.text().strip():
            proposers.append(ProposerInput(name=self.lead.text().strip()))
        proposers += [ProposerInput(c.get("member_id"), c.get("organisation_id"),
                                    None if c.get("member_id") or c.get("organisation_id")
                                    else c["name"]) for c in self.cosigner_list()]
        return ProposalDraft(
            meeting_id=meeting_id, title=self.title.text(), proposers=proposers,
            kind=Kind(self.kind.currentData()), origin=Origin(self.origin.currentData()),
            body=self.body.toPlainText(), category_id=self.category.currentData(),
            received_on=from_qdate(self.received_on.date()))

    def state(self) -> dict:
        return {"title": self.title.text(), "kind": self.kind.currentData(),
                "lead": self._lead, "lead_text": self.lead.text(),
                "cosigners": self.cosigner_list(), "origin": self.origin.currentData(),
                "origin_touched": self._origin_touched, "category": self.category.currentData(),
                "received_on": from_qdate(self.received_on.date()).isoformat(),
                "body": self.body.toPlainText(), "attachments": list(self.attachments)}

    def is_empty(self) -> bool:
        return not (self.title.text().strip() or self.body.toPlainText().strip() or self._lead
                    or self.lead.text().strip() or self.cosigners.count() or self.attachments)

    def set_state(self, state: dict) -> None:
        self.blockSignals(True)
        try:
            self.title.setText(state.get("title", ""))
            self.kind.setCurrentIndex(max(0, self.kind.findData(state.get("kind"))))
            self._set_lead(state.get("lead"))
            if not state.get("lead"):
                self.lead.setText(state.get("lead_text", ""))
            self.cosigners.clear()
            for cosigner in state.get("cosigners", []):
                self._add_cosigner(cosigner)
            self._origin_touched = bool(state.get("origin_touched"))
            self.origin.setCurrentIndex(max(0, self.origin.findData(state.get("origin"))))
            self.category.setCurrentIndex(max(0, self.category.findData(state.get("category"))))
            if state.get("received_on"):
                self.received_on.setDate(to_qdate(date.fromisoformat(state["received_on"])))
            self.body.setPlainText(state.get("body", ""))
            self.attachments = list(state.get("attachments", []))
            self._show_attachments()
        finally:
            self.blockSignals(False)

    def clear(self, keep: tuple[str, ...] = ("kind", "category", "received_on")) -> None:
        """Empty for the next paper; the fields a pile of papers shares stay as they were."""
        kept = {k: v for k, v in self.state().items() if k in keep}
        self._origin_touched = False
        self.set_state({"origin": Origin.INDIVIDUAL.value, **kept})
        self.show_error(None)
        self.title.setFocus()

    def show_error(self, error: DomainError | str | None, field: str | None = None) -> None:
        """Put the sentence next to the field it is about; clear every other one."""
        for label in (*self.errors.values(), self.general):
            label.say(None)
        if error is None:
            return
        if isinstance(error, DomainError):
            field = _FIELD_OF_CODE.get(error.code) or _FIELD_OF_PARAM.get(
                str(error.params.get("field", "")))
            error = describe(error)
        target = self.errors.get(field or "", self.general)
        target.say(error)
        widget = {"title": self.title, "lead": self.lead, "cosigners": self.cosigner,
                  "received_on": self.received_on, "origin": self.origin}.get(field or "")
        if widget is not None:
            widget.setFocus()
