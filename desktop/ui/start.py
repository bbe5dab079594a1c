"""Starting the program: one instance, Chinese dialogs, first-run wizard or login, main window."""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from desktop import settings as local_settings
from desktop.domain.actor import Actor
from desktop.paths import base_data_dir, config_dir
from desktop.services import base_data
from desktop.services.setup import is_initialized
from desktop.store.database import Database, open_database

from .errors import explain
from .i18n import install_chinese
from .login import LoginDialog
from .main_window import MainWindow
from .single_instance import InstanceGuard, server_name, wake_running
from .workspace import Workspace

DEMO_OFFICE = "政协示范县委员会"
DEMO_PASSWORD = "admin123"


def make_application(argv: list[str]) -> QApplication:
    app = QApplication.instance() or QApplication(argv)
    app.setOrganizationName("tiantong")
    app.setApplicationName("tiantong")
    app.setApplicationDisplayName("提案通")
    use_settings_folder(config_dir())
    install_chinese(app)
    return app


def use_settings_folder(folder: Path) -> None:
    """QSettings (window geometry, table columns) beside settings.json, as an .ini file."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))


def sign_in(database: Database, demo: bool, username: str) -> Actor | None:
    """The wizard on an empty database (or the demo office with --demo), else the login."""
    from .first_run import DEMO_PROPOSALS, FirstRunWizard, load_demo  # first start only

    with database.session() as session:
        ready = is_initialized(session)
    hint = ""
    if not ready and not demo:
        wizard = FirstRunWizard(database)
        return wizard.actor if wizard.exec() == QDialog.DialogCode.Accepted else None
    if not ready:
        from desktop.services import setup

        with database.session() as session:
            setup.initialize(session, DEMO_OFFICE, DEMO_PASSWORD, base_dir=base_data_dir())
        load_demo(None, database, DEMO_PROPOSALS)
    if demo:
        hint = f"演示数据库：用户名 admin，密码 {DEMO_PASSWORD}（正式使用前请修改密码）"
        username = username or "admin"
    with database.session() as session:
        office = base_data.office_name(session)
    login = LoginDialog(database, office, username, hint)
    return login.actor if login.exec() == QDialog.DialogCode.Accepted else None


def _bring_forward() -> None:
    """A second start: the dialog being answered (login, wizard) or else the main window."""
    widget = QApplication.activeModalWidget()
    if widget is None:
        widget = next((w for w in QApplication.topLevelWidgets()
                       if isinstance(w, MainWindow) and w.isVisible()), None)
    if isinstance(widget, MainWindow):
        widget.bring_forward()
    elif widget is not None:
        widget.raise_()
        widget.activateWindow()


def run(database_path: Path, demo: bool = False) -> int:
    app = make_application(sys.argv[:1])
    name = server_name(database_path)
    if wake_running(name):
        print("提案通已在运行，已切换到已打开的窗口。", file=sys.stderr)
        return 0
    guard = InstanceGuard(name)
    guard.woken.connect(_bring_forward)
    try:
        database = open_database(database_path, create=True)
    except Exception as exc:  # noqa: BLE001 - a sentence, then quit
        QMessageBox.critical(None, "提案通", explain(None, exc) or "数据库无法打开。")
        return 2
    try:
        stored = local_settings.load()
        actor = sign_in(database, demo, stored.last_username)
        if actor is None:
            return 0
        stored.last_username = actor.username
        local_settings.save(stored)
        with database.session() as session:
            meeting = base_data.current_meeting(session)
            office = base_data.office_name(session)
        workspace = Workspace(database, actor, meeting.id if meeting else None)
        window = MainWindow(workspace, office)
        window.show()
        return app.exec()
    finally:
        guard.close()
        database.close()
