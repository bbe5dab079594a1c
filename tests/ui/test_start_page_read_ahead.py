"""The start page is read while the password is typed; the clerk sees it only if it is still
true: nothing committed since, and a user who sees the whole office."""
from __future__ import annotations

from desktop.domain.enums import UserRole
from desktop.services import base_data
from desktop.services.dashboard import dashboard
from desktop.ui.start import Opening, _main_window
from desktop.ui.views.dashboard_view import DashboardView

from tests.services.flows import person


def _opened_ahead(desk) -> Opening:
    """An Opening whose loader has read the start page of the shared office, as behind the login."""
    opening = Opening(desk.db.path)
    opening.database = desk.db  # the fixture closes it
    opening.load_in_background(open_ahead=True)
    opening.open()
    assert opening.ahead is not None
    return opening


def _to_do(window, key: str) -> int:
    view: DashboardView = window.view("首页")
    return next(t.count for t in view.data.todos if t.key == key)


def test_the_office_start_page_read_behind_the_login_is_the_one_shown(desk, qtbot):
    desk.session.rollback()
    opening = _opened_ahead(desk)
    ahead = opening.ahead
    window = _main_window(opening, desk.admin)
    qtbot.addWidget(window)
    assert window.view("首页").data is ahead.result
    with desk.db.session() as session:
        meeting = base_data.current_meeting(session)
        fresh = dashboard(session, desk.admin, meeting.id if meeting else None)
    assert window.view("首页").data == fresh


def test_a_paper_filed_after_the_read_ahead_shows_on_the_start_page(desk, qtbot):
    desk.session.rollback()
    opening = _opened_ahead(desk)
    before = next(t.count for t in opening.ahead.result.todos if t.key == "in_review")
    desk.register("关于在开学前完成校舍安全检查的建议", "张三")  # a commit after the read
    window = _main_window(opening, desk.admin)
    qtbot.addWidget(window)
    assert window.view("首页").data is not opening.ahead
    assert _to_do(window, "in_review") == before + 1


def test_a_units_clerk_never_sees_the_office_wide_read(desk, qtbot):
    desk.session.rollback()
    unit = desk.unit("教育局")
    clerk = person(desk, UserRole.UNIT, unit.id)
    opening = _opened_ahead(desk)
    office_wide = opening.ahead.result
    window = _main_window(opening, clerk)
    qtbot.addWidget(window)
    shown = window.view("首页").data
    assert shown is not office_wide
    assert {t.key for t in shown.todos} == {"to_accept", "overdue", "due_soon"}
