"""The first start on an empty database (首次使用设置), then 登录 with its lockout."""
from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QMessageBox, QWizard

from desktop.domain.enums import UserRole
from desktop.services import base_data, enrolment, setup, users
from desktop.store.database import open_database
from desktop.ui.first_run import FirstRunWizard
from desktop.ui.login import LoginDialog
from desktop.ui.start import Opening
from tests.office import make_office

OFFICE = "政协某某县委员会"

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def click(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


@pytest.fixture
def wizard(sqlite_database, qtbot) -> FirstRunWizard:
    w = FirstRunWizard(sqlite_database)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def next_page(qtbot, w: FirstRunWizard) -> None:
    click(qtbot, w.button(QWizard.WizardButton.NextButton))


def fill_in(qtbot, w: FirstRunWizard, password: str, repeat: str) -> None:
    assert w.new_office.isChecked()  # 新建 is what a first start means, unless told otherwise
    next_page(qtbot, w)
    w.office_name.setText(OFFICE)
    next_page(qtbot, w)
    assert w.currentPage() is not w.office_page
    w.term.setValue(11)
    w.meeting.setValue(3)
    w.opens_on.setDate(QDate(2024, 1, 8))
    next_page(qtbot, w)
    assert w.currentPage() is w.admin_page
    w.password.setText(password)
    w.repeat.setText(repeat)


def initialized(database) -> bool:
    with database.session() as session:
        return setup.is_initialized(session)


def log_in(qtbot, dialog: LoginDialog, password: str) -> None:
    dialog.password.setText(password)
    click(qtbot, dialog.log_in_button)


def login_dialog(qtbot, database, username: str = "admin") -> LoginDialog:
    with database.session() as session:
        office = base_data.office_name(session)
    opening = Opening(database.path)
    opening.database = database  # as after the first try; the fixture closes it
    dialog = LoginDialog(opening.authenticate, office, username)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


# -- 首次使用 -----------------------------------------------------------------------------
def test_the_wizard_sets_up_the_office_and_the_administrator_can_log_in(wizard, qtbot,
                                                                         sqlite_database):
    assert wizard.button(QWizard.WizardButton.NextButton).text() == "下一步"
    fill_in(qtbot, wizard, "mima-2024", "mima-2024")
    assert wizard.button(QWizard.WizardButton.FinishButton).text() == "完成"
    click(qtbot, wizard.button(QWizard.WizardButton.FinishButton))

    assert wizard.result() == QDialog.DialogCode.Accepted
    assert wizard.actor is not None and wizard.actor.role is UserRole.ADMIN
    with sqlite_database.session() as session:
        assert base_data.office_name(session) == OFFICE
        assert [name for _, name in base_data.meetings(session)] == ["十一届三次会议"]
        assert base_data.current_meeting(session).opens_on == date(2024, 1, 8)

    dialog = login_dialog(qtbot, sqlite_database)
    assert any(OFFICE in label.text() for label in dialog.findChildren(QLabel))
    log_in(qtbot, dialog, "mima-2024")
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.actor.username == "admin"


def test_passwords_that_differ_are_refused_and_nothing_is_created(wizard, qtbot,
                                                                  sqlite_database):
    fill_in(qtbot, wizard, "mima-2024", "mima-2025")
    click(qtbot, wizard.button(QWizard.WizardButton.FinishButton))

    page = wizard.admin_page
    assert page.error.isVisible()
    assert page.error.text() == "两次输入的密码不一致，请重新输入。"
    assert wizard.isVisible() and wizard.currentPage() is page
    assert wizard.repeat.text() == ""
    assert wizard.actor is None
    assert not initialized(sqlite_database)

    wizard.repeat.setText("mima-2024")  # corrected: now it goes through
    click(qtbot, wizard.button(QWizard.WizardButton.FinishButton))
    assert wizard.result() == QDialog.DialogCode.Accepted
    assert initialized(sqlite_database)


def test_a_short_password_is_refused_with_the_rule(wizard, qtbot, sqlite_database):
    fill_in(qtbot, wizard, "12345", "12345")
    click(qtbot, wizard.button(QWizard.WizardButton.FinishButton))
    assert wizard.admin_page.error.text() == "密码至少需要 6 位。"
    assert wizard.currentPage() is wizard.admin_page
    assert not initialized(sqlite_database)


def test_the_office_name_is_required(wizard, qtbot, sqlite_database):
    next_page(qtbot, wizard)
    wizard.office_name.setText("   ")
    next_page(qtbot, wizard)
    assert wizard.currentPage() is wizard.office_page
    assert wizard.office_page.error.isVisible()
    assert wizard.office_page.error.text() == "请填写政协名称。"

    wizard.office_name.setText(OFFICE)
    next_page(qtbot, wizard)
    assert wizard.currentPage() is not wizard.office_page
    assert not wizard.office_page.error.isVisible()
    assert not initialized(sqlite_database)


def test_the_office_name_box_holds_no_more_than_the_name_may_have(wizard):
    """40 characters: pasted or typed further (an input method inserts whole words), the box
    takes no more; the service refuses more too."""
    wizard.office_name.insert("政协" + "某" * 60 + "委员会")
    assert len(wizard.office_name.text()) == 40


def test_cancelling_the_wizard_leaves_the_database_empty(wizard, qtbot, sqlite_database):
    cancel = wizard.button(QWizard.WizardButton.CancelButton)
    assert cancel.text() == "取消"
    wizard.office_name.setText(OFFICE)
    click(qtbot, cancel)
    assert wizard.result() == QDialog.DialogCode.Rejected
    assert wizard.actor is None
    assert not initialized(sqlite_database)


# -- 登录 ---------------------------------------------------------------------------------
def test_the_login_buttons_say_log_in_and_cancel(desk, qtbot):
    dialog = login_dialog(qtbot, desk.db)
    texts = [b.text() for b in dialog.findChild(QDialogButtonBox).buttons()]
    assert sorted(texts) == sorted(["登录", "取消"])
    assert dialog.log_in_button.isDefault()  # Enter in the password field logs in


def test_qts_own_buttons_speak_chinese(qtbot):
    box = QMessageBox(QMessageBox.Icon.Question, "提案通", "确定删除？",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
                      | QMessageBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    texts = {box.button(b).text().replace("&", "") for b in (
        QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Cancel)}
    assert texts == {"是(Y)", "否(N)", "取消"}


def test_the_right_password_logs_in(desk, qtbot):
    dialog = login_dialog(qtbot, desk.db)
    assert dialog.username.text() == "admin"
    log_in(qtbot, dialog, "secret-123")
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.actor is not None
    assert dialog.actor.user_id == desk.admin.user_id
    assert dialog.actor.role is UserRole.ADMIN


def test_a_wrong_password_says_how_many_tries_are_left(desk, qtbot):
    dialog = login_dialog(qtbot, desk.db)
    log_in(qtbot, dialog, "wrong-one")
    assert dialog.isVisible()
    assert dialog.actor is None
    assert dialog.error.isVisible()
    assert dialog.error.text() == "用户名或密码不正确，还可尝试 4 次。"
    assert dialog.password.text() == "", "the wrong password is cleared for the next try"
    log_in(qtbot, dialog, "wrong-two")
    assert dialog.error.text() == "用户名或密码不正确，还可尝试 3 次。"

    log_in(qtbot, dialog, "secret-123")
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_an_unknown_user_is_told_the_same_as_a_wrong_password(desk, qtbot):
    dialog = login_dialog(qtbot, desk.db, username="nobody")
    log_in(qtbot, dialog, "secret-123")
    assert dialog.error.text() == "用户名或密码不正确，请重新输入。"
    assert dialog.actor is None


def test_repeated_failures_lock_the_account_as_the_office_set(desk, qtbot):
    base_data.update_settings(desk.session, desk.admin, lockout_attempts=3, lockout_minutes=20)
    dialog = login_dialog(qtbot, desk.db)
    log_in(qtbot, dialog, "wrong-one")
    assert dialog.error.text() == "用户名或密码不正确，还可尝试 2 次。"
    log_in(qtbot, dialog, "wrong-two")
    assert dialog.error.text() == "用户名或密码不正确，还可尝试 1 次。"
    log_in(qtbot, dialog, "wrong-three")
    assert dialog.error.text().startswith("密码错误次数过多，账户已锁定至 ")
    assert "请稍后再试或请管理员解锁" in dialog.error.text()

    log_in(qtbot, dialog, "secret-123")  # locked: even the right password waits
    assert dialog.actor is None and dialog.isVisible()
    assert dialog.error.text().startswith("密码错误次数过多，账户已锁定至 ")

    users.change_password(desk.session, desk.admin, desk.admin.user_id, "new-secret")  # 解锁
    log_in(qtbot, dialog, "new-secret")
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_cancel_closes_the_login_without_anyone_logged_in(desk, qtbot):
    dialog = login_dialog(qtbot, desk.db)
    dialog.password.setText("secret-123")
    click(qtbot, dialog.cancel_button)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert dialog.actor is None


def test_a_laptop_joins_from_the_offices_invitation_and_shows_both_fingerprints(
        wizard, qtbot, sqlite_database, tmp_path):
    office_db = open_database(tmp_path / "county" / "office.db", create=True)
    office = make_office(office_db)
    made = enrolment.invite(office.session, office.admin, "录入机A", "entry", tmp_path,
                            office_db.attachments_dir)
    wizard.joining.setChecked(True)
    next_page(qtbot, wizard)
    assert wizard.currentPage() is wizard.join_page
    wizard.invitation.setText(str(made.path))
    wizard.join_password.setText("mima-2024")
    wizard.join_repeat.setText("mima-2024")
    assert wizard.button(QWizard.WizardButton.CommitButton).text() == "加入"
    click(qtbot, wizard.button(QWizard.WizardButton.CommitButton))

    assert wizard.join_page.error.text() == ""
    shown = wizard.joined_text.text()
    assert made.fingerprint in shown and "admin-a" in shown
    answer = tmp_path / "提案通回执-录入机A.tian"
    assert answer.is_file() and str(answer) in shown
    click(qtbot, wizard.button(QWizard.WizardButton.FinishButton))
    assert wizard.result() == QDialog.DialogCode.Accepted
    assert wizard.actor.username == "admin-a"
    accepted = enrolment.accept(office.session, office.admin, answer)
    assert accepted.fingerprint in shown
    office.session.close()
    office_db.close()


def test_joining_without_an_invitation_says_what_is_missing(wizard, qtbot, sqlite_database):
    wizard.joining.setChecked(True)
    next_page(qtbot, wizard)
    wizard.join_password.setText("mima-2024")
    wizard.join_repeat.setText("mima-2024")
    click(qtbot, wizard.button(QWizard.WizardButton.CommitButton))
    assert wizard.currentPage() is wizard.join_page
    assert wizard.join_page.error.text() == "请先选择提案委发来的邀请文件。"
    assert not initialized(sqlite_database)
