"""The forms of 基础数据: a member, a name (界别, 类别), a unit and its merger, a user."""
from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QWidget

from desktop.domain.enums import UnitSystem, UserRole
from desktop.domain.errors import InvalidInput
from desktop.domain.permissions import belongs_to_unit
from desktop.wording.labels import label
from desktop.services import base_data, users
from desktop.services.base_data import MemberRow, NamedRow, UnitRow
from desktop.services.users import UserRow

from ..widgets.form import chosen_enum
from ..workspace import Workspace
from .action import WorkDialog


def _combo(items: list[tuple[object, str]], current: object = None,
           none: str | None = None) -> QComboBox:
    box = QComboBox()
    if none is not None:
        box.addItem(none, None)
    for value, text in items:
        box.addItem(text, value)
    box.setCurrentIndex(max(box.findData(current), 0))
    return box


class MemberDialog(WorkDialog):
    """A new member (``row`` None) or a change to one; 拼音首字母 follow the name."""

    def __init__(self, workspace: Workspace, row: MemberRow | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(workspace, "修改委员" if row else "新增委员", "保存", "", parent)
        self.row = row
        self.name = QLineEdit(row.name if row else "")
        self.sector = _combo(workspace.read(base_data.sectors), row.sector_id if row else None,
                             "（未填界别）")
        self.workplace = QLineEdit(row.workplace if row else "")
        self.phone = QLineEdit(row.phone if row else "")
        self.active = QCheckBox("本届在任（停用后录入时不再提示）")
        self.active.setChecked(row.active if row else True)
        self.form.addRow("姓名(&N)：", self.name)
        self.form.addRow("界别(&S)：", self.sector)
        self.form.addRow("工作单位及职务(&W)：", self.workplace)
        self.form.addRow("联系电话(&P)：", self.phone)
        if row:
            self.form.addRow("", self.active)

    def perform(self) -> None:
        values = (self.name.text(), self.sector.currentData(), self.phone.text().strip(),
                  self.workplace.text().strip())
        if self.row is None:
            self.ws.act(base_data.add_member, *values)
        else:
            self.ws.act(base_data.update_member, self.row.id, *values,
                        active=self.active.isChecked())


class NameDialog(WorkDialog):
    """A 界别 or a 类别: added with its kind or code, or renamed (a 类别 may also be retired)."""

    def __init__(self, workspace: Workspace, what: str, row: NamedRow | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(workspace, f"修改{what}" if row else f"新增{what}", "保存", "", parent)
        self.what, self.row = what, row
        self.name = QLineEdit(row.name if row else "")
        self.extra = QLineEdit(row.extra if row else ("界别" if what == "界别" else ""))
        self.active = QCheckBox("可选用（停用后新提案不能再选，已有提案保留）")
        self.active.setChecked(row.active if row else True)
        self.form.addRow("名称(&N)：", self.name)
        if row is None:
            self.form.addRow("类型(&K)：" if what == "界别" else "代码(&C)：", self.extra)
        elif what == "类别":
            self.form.addRow("", self.active)

    def perform(self) -> None:
        if self.what == "界别":
            if self.row is None:
                self.ws.act(base_data.add_sector, self.name.text(), self.extra.text().strip()
                            or "界别")
            else:
                self.ws.act(base_data.rename_sector, self.row.id, self.name.text())
        elif self.row is None:
            self.ws.act(base_data.add_category, self.extra.text(), self.name.text())
        else:
            self.ws.act(base_data.update_category, self.row.id, self.name.text(),
                        self.active.isChecked())


class UnitDialog(WorkDialog):
    def __init__(self, workspace: Workspace, row: UnitRow | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(workspace, "修改承办单位" if row else "新增承办单位", "保存", "", parent)
        self.row = row
        self.name = QLineEdit(row.name if row else "")
        self.name.setPlaceholderText("列表和交办用的名称，如：县教育局")
        self.full = QLineEdit(row.full_name if row and row.full_name_written else "")
        self.full.setPlaceholderText(
            (f"不填则为：{row.full_name}" if row else "如：清河县教育局；不填则由名称推出")
            + "（答复函版头和落款用）")
        self.short = QLineEdit(row.short_name if row else "")
        self.short.setPlaceholderText("简称，如：教育局（交办时可按简称查找）")
        self.system = _combo([(s, label(s)) for s in UnitSystem],
                             row.system if row else UnitSystem.GOVERNMENT)
        self.form.addRow("单位名称(&N)：", self.name)
        self.form.addRow("全称(&F)：", self.full)
        self.form.addRow("简称(&S)：", self.short)
        self.form.addRow("所属系统(&Y)：", self.system)

    def perform(self) -> None:
        system = chosen_enum(self.system, UnitSystem)
        if self.row is None:
            self.ws.act(base_data.add_unit, self.name.text(), system, self.short.text().strip(),
                        self.full.text())
        else:
            self.ws.act(base_data.update_unit, self.row.id, self.name.text(), self.short.text(),
                        system, self.full.text())


class MergeUnitDialog(WorkDialog):
    """机构改革: the old unit takes no new assignments; what it handled stays under its name."""

    def __init__(self, workspace: Workspace, row: UnitRow, parent: QWidget | None = None) -> None:
        super().__init__(workspace, "单位并入", "并入",
                         f"将“{row.name}”并入另一单位。并入后不再向它交办新提案；"
                         f"它以往承办的 {row.assignments} 件仍在原单位名下，统计和台账照旧可查。",
                         parent)
        self.row = row
        targets = [(uid, name) for uid, name in workspace.read(base_data.units, True)
                   if uid != row.id]
        self.into = _combo(targets, none="（请选择）")
        self.form.addRow("并入(&I)：", self.into)

    def perform(self) -> None:
        if self.into.currentData() is None:
            raise InvalidInput("field_required", field="merge_into")
        self.ws.act(base_data.merge_unit, self.row.id, self.into.currentData())


class UserDialog(WorkDialog):
    """A new account with its first password, or a change of name, role, unit or state."""

    def __init__(self, workspace: Workspace, row: UserRow | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(workspace, "修改用户" if row else "新增用户", "保存", "", parent)
        self.row = row
        self.username = QLineEdit(row.username if row else "")
        self.username.setEnabled(row is None)
        self.display = QLineEdit(row.display_name if row else "")
        self.role = _combo([(r, label(r)) for r in UserRole], row.role if row else UserRole.STAFF)
        self.unit = _combo(workspace.read(base_data.units, True), row.unit_id if row else None,
                           "（不属于承办单位）")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.active = QCheckBox("可以登录")
        self.active.setChecked(row.active if row else True)
        self.form.addRow("用户名(&U)：", self.username)
        self.form.addRow("姓名(&N)：", self.display)
        self.form.addRow("角色(&R)：", self.role)
        self.form.addRow("所属单位(&D)：", self.unit)
        if row is None:
            self.form.addRow("初始密码(&P)：", self.password)
        else:
            self.form.addRow("", self.active)
        self.role.currentIndexChanged.connect(self._role_changed)
        self._role_changed()

    def _role_changed(self, *_args: object) -> None:
        self.unit.setEnabled(belongs_to_unit(chosen_enum(self.role, UserRole)))

    def perform(self) -> None:
        role = chosen_enum(self.role, UserRole)
        unit_id = self.unit.currentData() if belongs_to_unit(role) else None
        if self.row is None:
            self.ws.act(users.create_user, self.username.text(), self.display.text().strip(),
                        role, self.password.text(), unit_id=unit_id)
        else:
            self.ws.act(users.update_user, self.row.id, self.display.text(), role, unit_id,
                        self.active.isChecked())


class PasswordDialog(WorkDialog):
    def __init__(self, workspace: Workspace, row: UserRow, parent: QWidget | None = None) -> None:
        super().__init__(workspace, "重设密码", "重设", f"为用户“{row.username}”设置新密码，"
                         "并解除因输错密码造成的锁定。", parent)
        self.row = row
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit()
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.form.addRow("新密码(&P)：", self.password)
        self.form.addRow("再输一次(&A)：", self.again)

    def perform(self) -> None:
        if self.password.text() != self.again.text():
            raise InvalidInput("passwords_differ")
        self.ws.act(users.change_password, self.row.id, self.password.text())
