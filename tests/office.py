"""The set-up county office the tests work in, shared by the fixtures of every folder."""
from __future__ import annotations

import os
import uuid
from dataclasses import dataclass, field
from datetime import date

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.orm import Session

from desktop.domain.actor import Actor
from desktop.local.paths import base_data_dir
from desktop.services import base_data, entry, setup
from desktop.store.database import Database
from desktop.store.models import Category, Meeting, Member, Sector, Unit

PG_URL = os.environ.get("TIAN_PG_URL")
REQUIRE_PG = os.environ.get("TIAN_REQUIRE_PG") == "1"


def postgres_database():
    """A new empty PostgreSQL database: (admin engine, its name, its URL); skips without a server."""
    if not PG_URL:
        if REQUIRE_PG:
            pytest.fail("TIAN_REQUIRE_PG=1 but TIAN_PG_URL is not set")
        pytest.skip("no PostgreSQL server (set TIAN_PG_URL)")
    name = f"tian_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = admin.url.set(database=name).render_as_string(hide_password=False)
    return admin, name, url


@dataclass
class Office:
    """A set-up county office: base lists loaded, 十届二次会议 open, the administrator logged in."""

    db: Database
    session: Session
    admin: Actor
    meeting: Meeting
    _members: dict[str, Member] = field(default_factory=dict)

    def unit(self, name: str) -> Unit:
        return base_data.find_unit(self.session, name)

    def units(self, system=None) -> list[Unit]:
        stmt = select(Unit).order_by(Unit.position)
        if system is not None:
            stmt = stmt.where(Unit.system == system)
        return list(self.session.scalars(stmt))

    def sector(self, name: str) -> Sector:
        return self.session.scalar(select(Sector).where(Sector.name == name))

    def category(self, name: str) -> Category:
        return self.session.scalar(select(Category).where(Category.name == name))

    def member(self, name: str, sector: str = "经济界") -> Member:
        if name not in self._members:
            self._members[name] = base_data.add_member(
                self.session, self.admin, name, self.sector(sector).id)
        return self._members[name]

    def register(self, title: str, *names: str, submit: bool = True, **kw) -> object:
        names = names or ("张三",)
        draft = entry.ProposalDraft(
            self.meeting.id, title, [entry.ProposerInput(self.member(n).id) for n in names],
            received_on=kw.pop("received_on", date(2023, 1, 12)), **kw)
        return entry.register(self.session, self.admin, draft, submit=submit)


def make_office(db: Database, review_levels: int = 3) -> Office:
    session = db.session()
    admin = setup.initialize(session, "政协测试县委员会", "secret-123", base_dir=base_data_dir(),
                             term=10, meeting=2, meeting_opens_on=date(2023, 1, 10))
    if review_levels != 3:
        base_data.update_settings(session, admin, review_levels=review_levels)
    meeting = base_data.current_meeting(session)
    return Office(db, session, admin, meeting)
