"""The office's everyday work, told through the services, for the tests that check it (the
``county`` and ``desk`` fixtures these steps work on are in tests/conftest.py)."""
from __future__ import annotations

import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.domain.actor import Actor
from desktop.domain.enums import ReplyCategory, State, UserRole
from desktop.domain.errors import DomainError
from desktop.services import assignment, handling, numbering, review, users
from desktop.store.facts import progress_of
from desktop.store.models import Assignment, Base, Counter, Proposal, Site
from desktop.store.office import load_settings

from tests.office import Office

RECEIVED_ON = date(2023, 1, 12)  # Office.register's default
ASSIGNED_ON = date(2023, 3, 1)
PASSWORD = "secret-456"

_names = itertools.count(1)


def unique(name: str) -> str:
    """A username or unit name no other test of the shared office has taken."""
    return f"{name}{next(_names)}"


def person(office: Office, role: UserRole, unit_id: str | None = None,
           name: str | None = None) -> Actor:
    """A user of the office with ``role``, logged in (the actor the services are called with)."""
    user = users.create_user(office.session, office.admin, unique(name or role.value),
                             name or role.value, role, PASSWORD, unit_id=unit_id)
    return users.actor_of(user)


def known(office: Office, *names: str) -> None:
    """The members are already on the office's list (so that a refused entry adds none)."""
    for name in names:
        office.member(name)


# -- states -------------------------------------------------------------------------------------

def assert_state(office: Office, proposal: Proposal, state: State, level: int = 0) -> None:
    """The cached status and the status derived afresh from the records agree, and are ``state``."""
    progress = progress_of(office.session, proposal)
    cached = (proposal.status, proposal.review_level)
    derived = (progress.state, progress.review_level)
    assert cached == derived == (state, level), f"cached {cached}, derived {derived}"


# -- refusals -----------------------------------------------------------------------------------

@contextmanager
def refused(kind: type[DomainError], code: str, **params: object) -> Iterator[None]:
    """The action is refused with this error class, code and (at least these) parameters."""
    with pytest.raises(DomainError) as caught:
        yield
    error = caught.value
    assert type(error) is kind, f"{error!r} is not a {kind.__name__}"
    assert error.code == code, f"{error!r} instead of {code}"
    for key, value in params.items():
        assert error.params.get(key) == value, f"{error!r}: {key} should be {value!r}"


def snapshot(session: Session) -> dict[str, object]:
    """How many rows every table holds, the counters, the clock and every proposal's status."""
    session.rollback()
    tables = Base.metadata.sorted_tables
    counts = session.execute(select(*[
        select(func.count()).select_from(t).scalar_subquery().label(t.name) for t in tables
    ])).one()._asdict()
    counts["counters"] = dict(session.execute(select(Counter.key, Counter.value)).all())
    counts["states"] = {pid: (state, level) for pid, state, level in session.execute(
        select(Proposal.id, Proposal.status, Proposal.review_level))}
    counts["clock"] = tuple(session.execute(
        select(Site.clock_wall_ms, Site.clock_counter).where(Site.local.is_(True))).one())
    return counts


@contextmanager
def leaves_no_trace(office: Office) -> Iterator[None]:
    """A refused action writes nothing: no record, no audit entry, no change, no counter."""
    before = snapshot(office.session)
    yield
    after = snapshot(office.session)
    changed = {k for k in before if before[k] != after[k]}
    assert not changed, f"a refused action changed {sorted(changed)}"


# -- the life of a proposal ---------------------------------------------------------------------

def to_final_level(office: Office, ids: list[str], actor: Actor | None = None) -> None:
    """初审 and 复审 send the proposals on to 终审."""
    actor = actor or office.admin
    for _ in range(load_settings(office.session).review_levels - 1):
        review.forward(office.session, actor, ids, opinion="同意送审")


def in_final_review(office: Office, title: str, *names: str, **kw) -> Proposal:
    proposal = office.register(title, *names, **kw)
    to_final_level(office, [proposal.id])
    return proposal


def filed(office: Office, title: str, *names: str, **kw) -> Proposal:
    proposal = in_final_review(office, title, *names, **kw)
    review.file(office.session, office.admin, [proposal.id])
    return proposal


def assigned(office: Office, title: str, lead: str | None = None, assist: tuple[str, ...] = (),
             separate: tuple[str, ...] = (), on: date = ASSIGNED_ON
             ) -> tuple[Proposal, list[Assignment]]:
    """A filed proposal sent to units named by their short names (主办 + 协办, or 分办)."""
    proposal = filed(office, title)
    rows = assignment.assign(
        office.session, office.admin, proposal.id,
        lead=office.unit(lead).id if lead else None,
        assist=[office.unit(u).id for u in assist],
        separate=[office.unit(u).id for u in separate], assigned_on=on)
    return proposal, rows


def answer(office: Office, row: Assignment, category: ReplyCategory = ReplyCategory.A,
           on: date | None = None, actor: Actor | None = None) -> None:
    """The unit signs for the assignment two days after it and replies on ``on``."""
    actor = actor or office.admin
    if row.accepted_on is None:
        assignment.accept(office.session, actor, row.id, on=row.assigned_on + timedelta(2))
    handling.reply(office.session, actor, row.id, handling.ReplyInput(
        category, on or row.assigned_on + timedelta(40), signer="局长"))


def two_replies(office: Office) -> None:
    """第1号 answered by 教育局 alone; 第2号 answered by 水利局 and 自然资源局 separately (分办):
    three letters to write."""
    first, rows = assigned(office, "关于改善农村学校食堂条件的建议", lead="教育局")
    answer(office, rows[0])
    second, rows = assigned(office, "关于治理河道污染的建议", separate=("水利局", "自然资源局"))
    for row in rows:
        answer(office, row)
    numbering.give_numbers(office.session, office.admin, [first.id, second.id])
