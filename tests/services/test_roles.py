"""Who may do what: 领导 read, 承办单位经办人 handle their own unit's work, passwords lock out."""
from __future__ import annotations

import threading
from datetime import date, datetime, timedelta

from sqlalchemy import select

from desktop.domain.enums import (
    ContactForm, EvaluationMethod, Rating, ReplyCategory, State, UserRole,
)
from desktop.domain.errors import DomainError, NotAllowed
from desktop.services import assignment, handling, review, users
from desktop.store.models import User
from desktop.store.office import load_settings

from .flows import (
    ASSIGNED_ON, PASSWORD, assert_state, assigned, filed, in_final_review, leaves_no_trace,
    person, refused, unique,
)


def test_leader_cannot_file_or_assign(desk):
    leader = person(desk, UserRole.LEADER, name="县政协副主席")
    waiting = in_final_review(desk, "关于甲的建议")
    ready = filed(desk, "关于乙的建议")
    with refused(NotAllowed, "role_not_allowed", action="file", role="leader",
                 proposal="收文0001号"), leaves_no_trace(desk):
        review.file(desk.session, leader, [waiting.id])
    with refused(NotAllowed, "role_not_allowed", action="assign", role="leader"), \
            leaves_no_trace(desk):
        assignment.assign(desk.session, leader, ready.id, lead=desk.unit("教育局").id,
                          assigned_on=ASSIGNED_ON)
    assert_state(desk, waiting, State.IN_REVIEW, level=3)
    assert_state(desk, ready, State.FILED)


def test_unit_clerk_signs_and_replies_only_for_their_own_unit(desk):
    clerk = person(desk, UserRole.UNIT, unit_id=desk.unit("教育局").id, name="教育局经办人")
    proposal, [lead, assist] = assigned(desk, "关于改善农村学校办学条件的建议", lead="教育局",
                                        assist=("财政局",))
    with refused(NotAllowed, "other_unit", unit="县财政局"), leaves_no_trace(desk):
        assignment.accept(desk.session, clerk, assist.id, on=date(2023, 3, 2))

    assignment.accept(desk.session, clerk, lead.id, on=date(2023, 3, 2))
    assert (lead.accepted_on, lead.accepted_by) == (date(2023, 3, 2), clerk.username)
    assert_state(desk, proposal, State.HANDLING)
    handling.record_contact(desk.session, clerk, lead.id, ContactForm.FACE, date(2023, 3, 20),
                            members="张三", unit_people="分管副局长")
    with refused(NotAllowed, "other_unit", unit="县财政局"), leaves_no_trace(desk):
        handling.record_contact(desk.session, clerk, assist.id, ContactForm.PHONE,
                                date(2023, 3, 20))
    handling.reply(desk.session, clerk, lead.id,
                   handling.ReplyInput(ReplyCategory.A, date(2023, 4, 20), signer="局长"))
    assert_state(desk, proposal, State.REPLIED)

    with refused(NotAllowed, "role_not_allowed", action="evaluate", role="unit"), \
            leaves_no_trace(desk):
        handling.evaluate(desk.session, clerk, lead.id, Rating.SATISFIED, Rating.SATISFIED,
                          EvaluationMethod.PAPER, date(2023, 5, 1))
    with refused(NotAllowed, "role_not_allowed", action="extend", role="unit"):
        assignment.extend(desk.session, clerk, lead.id, date(2023, 6, 20), "需要更多时间")


def test_unit_clerk_cannot_review(desk):
    clerk = person(desk, UserRole.UNIT, unit_id=desk.unit("教育局").id)
    proposal = in_final_review(desk, "关于甲的建议")
    with refused(NotAllowed, "role_not_allowed", action="forward", role="unit"), \
            leaves_no_trace(desk):
        review.forward(desk.session, clerk, [desk.register("关于乙的建议").id])
    for decide in (lambda: review.file(desk.session, clerk, [proposal.id]),
                   lambda: review.reject(desk.session, clerk, [proposal.id], "不予立案"),
                   lambda: review.undo(desk.session, clerk, proposal.id, "撤销")):
        with refused(NotAllowed, "role_not_allowed", role="unit"), leaves_no_trace(desk):
            decide()
    assert_state(desk, proposal, State.IN_REVIEW, level=3)


def test_reviewer_decides_but_does_not_assign(desk):
    reviewer = person(desk, UserRole.REVIEWER)
    proposal = filed(desk, "关于甲的建议")
    with refused(NotAllowed, "role_not_allowed", action="assign", role="reviewer"):
        assignment.assign(desk.session, reviewer, proposal.id, lead=desk.unit("教育局").id,
                          assigned_on=ASSIGNED_ON)


def test_login_with_the_right_password_forgets_earlier_wrong_ones(desk):
    name = unique("zhangke")
    user = users.create_user(desk.session, desk.admin, name, "张科", UserRole.STAFF, PASSWORD)
    attempts = load_settings(desk.session).lockout_attempts
    with refused(DomainError, "login_failed", attempts_left=attempts - 1):
        users.authenticate(desk.session, name, "wrong-password")
    assert user.failed_logins == 1

    actor = users.authenticate(desk.session, f" {name} ", PASSWORD)
    assert (actor.user_id, actor.username, actor.role) == (user.id, name, UserRole.STAFF)
    assert user.failed_logins == 0
    with refused(DomainError, "login_failed", attempts_left=attempts - 1):
        users.authenticate(desk.session, name, "wrong-password")
    with refused(DomainError, "login_failed"):
        users.authenticate(desk.session, "nobody", PASSWORD)


def test_wrong_passwords_count_down_then_lock_the_account(desk):
    name = unique("lisi")
    user = users.create_user(desk.session, desk.admin, name, "李四", UserRole.STAFF, PASSWORD)
    settings = load_settings(desk.session)
    at = datetime(2023, 3, 1, 9, 0)

    for left in range(settings.lockout_attempts - 1, 0, -1):
        with refused(DomainError, "login_failed", attempts_left=left):
            users.authenticate(desk.session, name, "wrong-password", now=at)
    assert user.failed_logins == settings.lockout_attempts - 1
    with refused(NotAllowed, "account_locked", until="09:15"):
        users.authenticate(desk.session, name, "wrong-password", now=at)
    assert user.locked_until == at + timedelta(minutes=settings.lockout_minutes)

    with refused(NotAllowed, "account_locked", until="09:15"):
        users.authenticate(desk.session, name, PASSWORD, now=at + timedelta(minutes=14))
    actor = users.authenticate(desk.session, name, PASSWORD, now=at + timedelta(minutes=16))
    assert actor.user_id == user.id
    assert (user.failed_logins, user.locked_until) == (0, None)


def test_wrong_passwords_typed_at_the_same_moment_each_count(sqlite_office):
    """Four windows (or four programs on the same file) try a wrong password at once."""
    office = sqlite_office
    name = unique("wangwu")
    users.create_user(office.session, office.admin, name, "王五", UserRole.STAFF, PASSWORD)
    office.session.commit()
    tries = 4
    assert load_settings(office.session).lockout_attempts > tries
    start = threading.Barrier(tries)
    answers: list[str] = []

    def wrong_password() -> None:
        with office.db.session() as session:
            start.wait()
            try:
                users.authenticate(session, name, "wrong-password")
            except DomainError as exc:
                answers.append(exc.code)

    threads = [threading.Thread(target=wrong_password) for _ in range(tries)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == ["login_failed"] * tries
    with office.db.session() as session:
        user = session.scalar(select(User).where(User.username == name))
        assert user.failed_logins == tries
