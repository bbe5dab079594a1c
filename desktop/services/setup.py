"""Setting up an office's database: this site, its keys, settings, the administrator, base lists."""
from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.actor import Actor
from desktop.domain.enums import UnitSystem, UserRole
from desktop.domain.errors import DomainError
from desktop.domain.office import OfficeSettings
from desktop.store.changes import write
from desktop.store.models import Category, Sector, Site, Unit, User
from desktop.store.office import save_settings

from .base_data import add_meeting, add_term
from .passwords import hash_password
from .users import check_password

SYSTEM_NAMES = {
    "党委系统": UnitSystem.PARTY, "政府系统": UnitSystem.GOVERNMENT, "群团系统": UnitSystem.MASS,
    "政法系统": UnitSystem.LEGAL, "企事业单位": UnitSystem.ENTERPRISE, "乡镇": UnitSystem.TOWNSHIP,
    "民主党派": UnitSystem.PARTIES,
}


def is_initialized(session: Session) -> bool:
    return session.scalar(select(Site.id).where(Site.local.is_(True))) is not None


def initialize(
    session: Session, office_name: str, admin_password: str, *, base_dir: Path | None = None,
    term: int | None = None, meeting: int | None = None, meeting_opens_on: date | None = None,
    admin_username: str = "admin",
) -> Actor:
    """Make a fresh database usable; returns the administrator as the actor for what follows."""
    from cryptography.hazmat.primitives import serialization  # setting up is once per office
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    if is_initialized(session):
        raise DomainError("already_initialized")
    settings = OfficeSettings(office_name=office_name.strip())
    settings.check()
    check_password(admin_password)
    system = Actor.system("初始化")
    key = Ed25519PrivateKey.generate()
    site = Site(
        name=settings.office_name, local=True,
        private_key=key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                      serialization.NoEncryption()).decode(),
        public_key=key.public_key().public_bytes(serialization.Encoding.Raw,
                                                 serialization.PublicFormat.Raw).hex(),
    )
    with write(session, system, "setup.office"):  # all or nothing: killed midway, no office
        if is_initialized(session):  # another process set it up while this one waited
            raise DomainError("already_initialized")
        session.add(site)
        session.flush()
        save_settings(session, settings)
        admin = User(username=admin_username, display_name="管理员", role=UserRole.ADMIN,
                     password_hash=hash_password(admin_password))
        session.add(admin)
        if base_dir is not None:
            _load_base_lists(session, base_dir)
        session.flush()
        actor = Actor(admin.id, admin.username, admin.role)
        if term is not None:
            term_row = add_term(session, actor, term)
            if meeting is not None:
                add_meeting(session, actor, term_row.id, meeting,
                            meeting_opens_on or date.today())
    return actor


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(f)]


def _load_base_lists(session: Session, base_dir: Path) -> None:
    for i, row in enumerate(_rows(base_dir / "sectors.csv"), 1):
        session.add(Sector(name=row["name"], kind=row["kind"], position=i))
    for i, row in enumerate(_rows(base_dir / "units.csv"), 1):
        session.add(Unit(name=row["name"], short_name=row["short_name"],
                         system=SYSTEM_NAMES[row["system"]], position=i))
    for row in _rows(base_dir / "categories.csv"):
        session.add(Category(code=row["code"], name=row["name"]))
