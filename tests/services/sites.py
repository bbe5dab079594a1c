"""Installations that exchange packages in the tests: the county office (``tests.office``) and
the sites it enrols through real invitation and answer files, each on its own SQLite file."""
from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain import exchange as rules
from desktop.domain.actor import Actor
from desktop.services import enrolment, exchange, receipts
from desktop.services.users import actor_of
from desktop.store.changes import to_json_value
from desktop.store.database import Database, open_database
from desktop.store.models import Base, Site, SyncConflict, User

from tests.office import Office, make_office

PASSWORD = "secret-789"


@dataclass
class Place:
    """One installation: its database, an open session and its administrator."""
    name: str
    db: Database
    session: Session
    admin: Actor
    folder: Path  # where its packages are written (a USB stick)

    @property
    def site_id(self) -> str:
        return self.session.scalar(select(Site.id).where(Site.local.is_(True)))

    def send(self, to: Place) -> Path:
        return exchange.send(self.session, self.admin, to.site_id, self.folder,
                             self.db.attachments_dir).path

    def receive(self, package: Path, apply: bool = True, **kw) -> receipts.Receipt:
        receipt = exchange.receive(self.session, self.admin, package, self.db.attachments_dir,
                                   apply=apply, **kw)
        self.session.expire_all()
        return receipt

    def close(self) -> None:
        self.session.close()
        self.db.close()


def office_place(tmp_path: Path, name: str = "office") -> tuple[Place, Office]:
    folder = tmp_path / name
    folder.mkdir(parents=True)
    db = open_database(folder / "office.db", create=True)
    office = make_office(db)
    return Place(name, db, office.session, office.admin, folder), office


def enrol(office: Place, tmp_path: Path, name: str, kind: str, unit: str | None = None,
          phones: bool = False) -> Place:
    """Invitation out, a new installation made from it, its answer accepted at the office."""
    folder = tmp_path / name
    folder.mkdir(parents=True)
    invitation = enrolment.invite(office.session, office.admin, name, kind, folder,
                                  office.db.attachments_dir, unit=unit, phones=phones)
    db = open_database(folder / "site.db", create=True)
    session = db.session()
    joined = enrolment.join(session, invitation.path, PASSWORD, db.attachments_dir, folder)
    enrolment.accept(office.session, office.admin, joined.answer, joined.fingerprint)
    admin = actor_of(session.scalar(select(User).where(User.username == joined.username)))
    return Place(name, db, session, admin, folder)


def exchange_both(a: Place, b: Place) -> None:
    """a sends to b and b to a, each package applied."""
    to_b, to_a = a.send(b), b.send(a)
    b.receive(to_b)
    a.receive(to_a)


def synced_rows(session: Session, tables=rules.TABLE_ORDER) -> dict[str, list[tuple]]:
    """Every row of every table that travels, every column (the caches too), sorted."""
    session.expire_all()
    found = {}
    for name in tables:
        table = Base.metadata.tables[name]
        found[name] = sorted(
            tuple(json.dumps(to_json_value(v), ensure_ascii=False, default=str) for v in row)
            for row in session.execute(select(table)))
    return found


def conflict_set(session: Session) -> set[tuple[str, str, str, str, str]]:
    return {(c.table_name, c.row_id, c.field, c.reason, c.heads)
            for c in session.scalars(select(SyncConflict))}


def copy_of(database: Database, target: Path) -> Path:
    """A copy of an open database as it is now (SQLite's backup: the -wal part included)."""
    with closing(sqlite3.connect(database.path)) as source, \
            closing(sqlite3.connect(target)) as copy:
        source.backup(copy)
    return target
