"""UI fixtures: real widgets on a real SQLite office, Qt's settings in the test's own folder.

Shared by every file under tests/ui:

* ``qsettings_dir`` (autouse): QSettings (window geometry, table columns) write an .ini file
  under the test's temporary folder, never the user's; Qt's own dialogs speak Chinese.
* ``desk``: the set-up office (tests.office.Office) on a SQLite file with a few proposals
  in different states; ``desk.proposals`` maps each title to its id.
* ``workspace``: what the main window hands every view, as the administrator, in the
  office's current meeting.
"""
from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QSettings

from desktop.services import review
from desktop.ui.i18n import install_chinese
from desktop.ui.start import use_settings_folder
from desktop.ui.workspace import Workspace
from tests.office import Office, make_office

# (title, lead proposer, received on, what happens after it is typed in, body)
DESK_PROPOSALS = [
    ("关于缓解县城停车难的建议", "张三", date(2023, 1, 11), "submitted", ""),
    ("关于加强农村饮水安全保障的建议", "李四", date(2023, 1, 9), "registered", ""),
    ("关于规范老旧小区停车管理的建议", "王五", date(2023, 1, 12), "second_level", ""),
    ("关于发展乡村旅游的建议", "张三", date(2023, 1, 10), "second_level", ""),
    ("关于提升中小学课后服务质量的建议", "赵六", date(2023, 1, 8), "filed", ""),
    ("关于推进垃圾分类的建议", "李四", date(2023, 1, 13), "submitted",
     "建议在各小区停车场出入口设置分类投放点。"),
]


@pytest.fixture(scope="session")
def _chinese(qapp):
    """Qt's own buttons and dialogs in Chinese (取消, 确定), installed once per test run."""
    return install_chinese(qapp)


@pytest.fixture(autouse=True)
def qsettings_dir(qapp, _chinese, tmp_path):
    """QSettings go to <tmp>/qsettings/tiantong/tiantong.ini, as the program names them."""
    qapp.setOrganizationName("tiantong")
    qapp.setApplicationName("tiantong")
    qapp.setApplicationDisplayName("提案通")
    folder = tmp_path / "qsettings"
    use_settings_folder(folder)
    yield folder
    QSettings().sync()


@pytest.fixture(autouse=True)
def _nothing_outlives_its_test(qapp):
    """Windows a test left open are closed and deleted before the next one starts, so none of
    their timers (the entry form's autosave) fires into another test's folder."""
    yield
    for widget in qapp.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    qapp.processEvents()


@pytest.fixture
def desk(sqlite_database) -> Office:
    """十届二次会议 with six proposals: registered, at 初审, at 复审 and one filed.

    停车 is in two titles and one body; 张三 (zs) leads two proposals.
    """
    office = make_office(sqlite_database)
    office.proposals = {}
    for title, lead, received_on, what, body in DESK_PROPOSALS:
        proposal = office.register(title, lead, submit=what != "registered",
                                   received_on=received_on, body=body)
        office.proposals[title] = proposal.id
        if what in ("second_level", "filed"):
            review.forward(office.session, office.admin, [proposal.id])
        if what == "filed":
            review.forward(office.session, office.admin, [proposal.id])
            review.file(office.session, office.admin, [proposal.id])
    yield office
    office.session.close()


@pytest.fixture
def workspace(desk, qapp) -> Workspace:
    ws = Workspace(desk.db, desk.admin, desk.meeting.id)
    yield ws
    ws.deleteLater()
