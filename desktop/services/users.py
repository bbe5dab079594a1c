"""Users, roles and logging in, with a lockout after repeated wrong passwords."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.domain.actor import Actor
from desktop.domain.enums import UserRole
from desktop.domain.errors import DomainError, InvalidInput, NotAllowed
from desktop.domain.permissions import Action, belongs_to_unit, require
from desktop.store.changes import write
from desktop.store.models import Unit, User
from desktop.store.office import load_settings

from .common import get, required_text
from .passwords import hash_password, verify_password

MIN_PASSWORD = 6


def check_password(password: str) -> None:
    if len(password or "") < MIN_PASSWORD:
        raise InvalidInput("password_too_short", length=MIN_PASSWORD)


def create_user(
    session: Session, actor: Actor, username: str, display_name: str, role: UserRole,
    password: str, unit_id: str | None = None,
) -> User:
    require(Action.MANAGE_USERS, None, actor.role)
    username = required_text(username, "username")
    check_password(password)
    if belongs_to_unit(role) and not unit_id:
        raise InvalidInput("unit_user_needs_unit")
    with write(session, actor, "users.create"):
        if session.scalar(select(User).where(User.username == username)):
            raise InvalidInput("username_taken", username=username)
        if unit_id:
            get(session, Unit, unit_id, "unit")
        user = User(username=username, display_name=display_name or username, role=role,
                    unit_id=unit_id if belongs_to_unit(role) else None,
                    password_hash=hash_password(password))
        session.add(user)
    return user


def actor_of(user: User) -> Actor:
    return Actor(user.id, user.username, user.role, user.unit_id)


def authenticate(session: Session, username: str, password: str,
                 now: datetime | None = None) -> Actor:
    """The actor for a correct password; counts failures and locks the account after too many."""
    now = now or datetime.now()
    settings = load_settings(session)
    user = session.scalar(select(User).where(User.username == username.strip()))
    if user is None or not user.active:
        raise DomainError("login_failed")
    with write(session, Actor(user.id, user.username, user.role, user.unit_id), "users.login"):
        # read again inside the write transaction: wrong passwords typed at the same moment
        # elsewhere (another window, another PC's program on this file) each count
        session.refresh(user)
        if user.locked_until is not None and user.locked_until > now:
            raise NotAllowed("account_locked", until=user.locked_until.strftime("%H:%M"))
        if verify_password(password, user.password_hash):
            if user.failed_logins or user.locked_until:
                user.failed_logins, user.locked_until = 0, None
            return actor_of(user)
        user.failed_logins += 1
        left = settings.lockout_attempts - user.failed_logins
        if left <= 0:
            user.locked_until = now + timedelta(minutes=settings.lockout_minutes)
            user.failed_logins = 0
    if left <= 0:
        raise NotAllowed("account_locked", until=user.locked_until.strftime("%H:%M"))
    raise DomainError("login_failed", attempts_left=left)


def change_password(session: Session, actor: Actor, user_id: str, new_password: str) -> None:
    if actor.user_id != user_id:
        require(Action.MANAGE_USERS, None, actor.role)
    check_password(new_password)
    with write(session, actor, "users.change_password"):
        user = get(session, User, user_id, "user")
        user.password_hash = hash_password(new_password)
        user.failed_logins, user.locked_until = 0, None


@dataclass(frozen=True)
class UserRow:
    id: str
    username: str
    display_name: str
    role: UserRole
    unit: str
    unit_id: str | None
    active: bool
    locked: bool


def user_rows(session: Session, now: datetime | None = None) -> list[UserRow]:
    now = now or datetime.now()
    units = dict(session.execute(select(Unit.id, Unit.name)).all())
    return [UserRow(u.id, u.username, u.display_name, u.role, units.get(u.unit_id, ""),
                    u.unit_id, u.active, bool(u.locked_until and u.locked_until > now))
            for u in session.scalars(select(User).order_by(User.active.desc(), User.username))]


def update_user(session: Session, actor: Actor, user_id: str, display_name: str,
                role: UserRole, unit_id: str | None, active: bool) -> User:
    """Role, unit and whether the account may log in; the last active 管理员 stays one."""
    require(Action.MANAGE_USERS, None, actor.role)
    if belongs_to_unit(role) and not unit_id:
        raise InvalidInput("unit_user_needs_unit")
    with write(session, actor, "users.update"):
        user = get(session, User, user_id, "user")
        if user.role is UserRole.ADMIN and (role is not UserRole.ADMIN or not active):
            others = session.scalar(select(func.count()).select_from(User).where(
                User.role == UserRole.ADMIN.value, User.active.is_(True), User.id != user.id))
            if not others:
                raise NotAllowed("last_admin")
        user.display_name = display_name.strip() or user.username
        user.role, user.active = role, active
        user.unit_id = unit_id if belongs_to_unit(role) else None
        user.failed_logins, user.locked_until = 0, None  # saving also unlocks
    return user
