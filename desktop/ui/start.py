"""Starting the program: one instance, Chinese dialogs, first-run wizard or login, main window.

On a set-up database the login dialog shows first, with nothing loaded but Qt and the office's
name read by the standard library (store/glance.py); the database layer and the screens load on a
thread while the user types the password, so that most of the start-up (SQLAlchemy alone is a
fifth of a second) passes unseen.  Hence the imports inside the functions below.
"""
from __future__ import annotations

import logging
import os
import sys
import threading
import time
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from desktop.local import settings as local_settings
from desktop.domain.actor import Actor
from desktop.local.paths import base_data_dir, config_dir, resources_dir
from desktop.store.glance import file_state, office_name_of_ready_file

from .errors import explain, sentence_for
from .i18n import install_chinese
from .input_method import choose_input_module
from .login import LoginDialog
from .single_instance import InstanceGuard, server_name, wake_running

if TYPE_CHECKING:
    from desktop.store.database import Database

    from .workspace import ReadAhead

log = logging.getLogger(__name__)
DEMO_OFFICE = "政协示范县委员会"
DEMO_PASSWORD = "admin123"
DEMO_HINT = f"演示数据库：用户名 admin，密码 {DEMO_PASSWORD}（正式使用前请修改密码）"


def make_application(argv: list[str]) -> QApplication:
    if QApplication.instance() is None:
        choose_input_module()
    app = QApplication.instance() or QApplication(argv)
    app.setOrganizationName("tiantong")
    app.setApplicationName("tiantong")
    app.setApplicationDisplayName("提案通")
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "tiantong-256.png")))
    use_settings_folder(config_dir())
    install_chinese(app)
    return app


def use_settings_folder(folder: Path) -> None:
    """QSettings (window geometry, table columns) beside settings.json, as an .ini file."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))


def _load_program() -> None:
    import desktop.services.base_data
    import desktop.services.users
    import desktop.store.database  # noqa: F401

    from . import main_window  # noqa: F401


def _read_start_page(database: Database) -> ReadAhead:
    """The office-wide start page, read while the password is typed: the first screen of a user
    who sees the whole office shows it when nothing was written since; for anyone else the
    read has still configured SQLAlchemy's mappers, compiled its statements and brought the
    file's pages into the system's cache."""
    from desktop.services import base_data
    from desktop.services.dashboard import dashboard

    from .workspace import ReadAhead

    files = file_state(database.path)
    with database.session() as session:
        meeting = base_data.current_meeting(session)
        args = (meeting.id if meeting else None, date.today())
        return ReadAhead(dashboard, args, dashboard(session, Actor.system(), *args), files)


class Opening:
    """The database of this start, opened once the program behind the login has loaded.

    Behind the login dialog a thread loads the program and, for an office already set up, opens
    the database and reads the start page once; a failure there is kept and raised by ``open``
    on the main thread, as if it had happened there."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.database: Database | None = None
        self._failure: BaseException | None = None
        self._open_ahead = False
        self.ahead: ReadAhead | None = None
        self._loader = threading.Thread(target=self._load, name="tian-load", daemon=True)

    def _load(self) -> None:
        _load_program()
        if not self._open_ahead:
            return
        try:
            from desktop.store.database import open_database

            self.database = self.database or open_database(self.path)
            self.ahead = _read_start_page(self.database)
        except Exception as exc:  # noqa: BLE001  (raised again by open(), on the main thread)
            self._failure = exc

    def load_in_background(self, open_ahead: bool = False) -> None:
        if self._loader.ident is None:
            self._open_ahead = open_ahead
            self._loader.start()

    def open(self, create: bool = False) -> Database:
        """The database, after the loading thread (a failed import then raises here, in full)."""
        self.load_in_background()
        self._loader.join()
        if self._failure is not None:
            failure, self._failure = self._failure, None
            if self.database is None:  # it could not be opened: say why, as opening would
                raise failure
            log.warning("reading the start page ahead failed", exc_info=failure)
        if self.database is None:
            from desktop.store.database import open_database

            self.database = open_database(self.path, create=create)
        return self.database

    def authenticate(self, username: str, password: str) -> Actor:
        from desktop.services import users

        with self.open().session() as session:
            return users.authenticate(session, username, password)

    def close(self) -> None:
        if self.database is not None:
            self.database.close()


def log_in(opening: Opening, office: str, username: str, hint: str = "") -> Actor | None:
    login = LoginDialog(opening.authenticate, office, username, hint)
    QTimer.singleShot(0, lambda: opening.load_in_background(open_ahead=True))  # once it shows
    return login.actor if login.exec() == QDialog.DialogCode.Accepted else None


def sign_in(opening: Opening, demo: bool, username: str) -> Actor | None:
    """The wizard on an empty database (or the demo office with --demo), else the login."""
    from desktop.services import base_data
    from desktop.services.setup import is_initialized

    from .first_run import DEMO_PROPOSALS, FirstRunWizard, load_demo  # first start only

    database = opening.open()
    with database.session() as session:
        ready = is_initialized(session)
    if not ready and not demo:
        wizard = FirstRunWizard(database)
        return wizard.actor if wizard.exec() == QDialog.DialogCode.Accepted else None
    if not ready:
        from desktop.services import setup

        with database.session() as session:
            setup.initialize(session, DEMO_OFFICE, DEMO_PASSWORD, base_dir=base_data_dir())
        load_demo(None, database, DEMO_PROPOSALS)
    with database.session() as session:
        office = base_data.office_name(session)
    return log_in(opening, office, username or ("admin" if demo else ""),
                  DEMO_HINT if demo else "")


def _bring_forward() -> None:
    """A second start: the dialog being answered (login, wizard) or else the main window."""
    from .main_window import MainWindow

    widget = QApplication.activeModalWidget()
    if widget is None:
        widget = next((w for w in QApplication.topLevelWidgets()
                       if isinstance(w, MainWindow) and w.isVisible()), None)
    if isinstance(widget, MainWindow):
        widget.bring_forward()
    elif widget is not None:
        widget.raise_()
        widget.activateWindow()


def _receive(path: Path) -> None:
    """A .tian file handed over by a second start: to the main window once it is up."""
    from .main_window import MainWindow

    window = next((w for w in QApplication.topLevelWidgets()
                   if isinstance(w, MainWindow) and w.isVisible()), None)
    if window is not None:
        window.receive_package(path)
    else:
        _bring_forward()


def _main_window(opening: Opening, actor: Actor):
    from desktop.services import base_data

    from .main_window import MainWindow
    from .workspace import Workspace

    database = opening.open()
    with database.session() as session:
        meeting = base_data.current_meeting(session)
        office = base_data.office_name(session)
    workspace = Workspace(database, actor, meeting.id if meeting else None)
    workspace.ahead, opening.ahead = opening.ahead, None
    return MainWindow(workspace, office)


def backup_in_background(database: Database, window) -> None:
    """The start's automatic backup, on a thread once the window shows; a failure is said in
    the status bar (and logged), never in the clerk's way."""
    from concurrent.futures import ThreadPoolExecutor

    from desktop.services.backups import automatic_backup

    pool = ThreadPoolExecutor(1, thread_name_prefix="backup")
    done = pool.submit(automatic_backup, database, "启动")
    pool.shutdown(wait=False)

    def check() -> None:
        if not done.done():
            QTimer.singleShot(300, check)
            return
        failure = done.exception()
        if failure is not None:
            log.warning("automatic backup at start failed", exc_info=failure)
            sentence = sentence_for(failure) or "请查看日志"
            window.say(f"启动时的自动备份没有完成：{sentence}", 120)
    QTimer.singleShot(300, check)


class _FirstPaint(QObject):
    """TIAN_STARTUP_PROBE=1 (benchmarks of the installed program): the wall-clock time the
    first window is painted goes to stdout, and the program ends there."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint and isinstance(watched, QWidget) and \
                watched.isWindow():
            print(f"first-paint {time.time():.3f}", flush=True)
            os._exit(0)
        return False


def run(database_path: Path, demo: bool = False, package: Path | None = None) -> int:
    app = make_application(sys.argv[:1])
    if os.environ.get("TIAN_STARTUP_PROBE") == "1":
        probe = _FirstPaint(app)
        app.installEventFilter(probe)
    name = server_name(database_path)
    if wake_running(name, file=package):
        print("提案通已在运行，已切换到已打开的窗口。", file=sys.stderr)
        return 0
    guard = InstanceGuard(name)
    guard.woken.connect(_bring_forward)
    guard.opened.connect(lambda path: _receive(Path(path)))
    opening = Opening(database_path)
    try:
        stored = local_settings.load()
        office = office_name_of_ready_file(database_path)
        if office is not None:
            actor = log_in(opening, office, stored.last_username or ("admin" if demo else ""),
                           DEMO_HINT if demo else "")
        else:
            try:
                opening.open(create=True)
            except Exception as exc:  # noqa: BLE001 - a file that cannot be opened: say, quit
                QMessageBox.critical(None, "提案通", explain(None, exc) or "数据库无法打开。")
                return 2
            actor = sign_in(opening, demo, stored.last_username)
        if actor is None:
            return 0
        stored.last_username = actor.username
        local_settings.save(stored)
        window = _main_window(opening, actor)
        window.show()
        if package is not None:
            QTimer.singleShot(0, lambda: window.receive_package(package))
        if opening.database.path is not None:
            backup_in_background(opening.database, window)
        return app.exec()
    finally:
        guard.close()
        opening.close()
