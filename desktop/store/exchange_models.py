"""The records of exchange by file: the change log, the sites, packages, conflicts, held changes."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.domain.clock import new_id

from .base import ID, Base, fk


class Change(Base):
    """The per-field change log of docs/sync.md: one entry per field a write changed, here or at
    another site (imported entries keep their op id, site, stamp and bases)."""

    __tablename__ = "change_log"
    __table_args__ = (Index("ix_change_field", "table_name", "row_id", "field", "stamp"),)
    op_id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    site_id: Mapped[str] = mapped_column(ID)
    stamp: Mapped[str] = mapped_column(String(80), index=True)
    table_name: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(ID)
    field: Mapped[str] = mapped_column(String(40))  # "*" a new row with all fields, "-" a tombstone
    value: Mapped[str | None] = mapped_column(Text)  # JSON
    # the stamps (space-separated) of the changes of this field it was made on top of, as this
    # site showed them when its clerk wrote it (domain.merge); empty for a first value
    bases: Mapped[str | None] = mapped_column(Text)
    # the order this installation learnt of it: what a site has acknowledged is "up to seq N"
    seq: Mapped[int] = mapped_column(Integer, index=True, default=0, server_default="0")


class Site(Base):
    """An installation: this one (``local``) and the ones it has enrolled."""

    __tablename__ = "site"
    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(60))
    local: Mapped[bool] = mapped_column(default=False)
    public_key: Mapped[str | None] = mapped_column(Text)  # None: invited, answer not accepted
    private_key: Mapped[str | None] = mapped_column(Text)
    clock_wall_ms: Mapped[int] = mapped_column(BigInteger, default=0)
    clock_counter: Mapped[int] = mapped_column(default=0)
    kind: Mapped[str] = mapped_column(String(16), default="office", server_default="office")
    unit_id: Mapped[str | None] = mapped_column(ID)  # a unit site: the 承办单位 it answers for
    prefix: Mapped[str | None] = mapped_column(String(8))  # an entry laptop's 收文号 prefix
    enrolled_at: Mapped[datetime | None]
    retired_at: Mapped[datetime | None]  # its packages are refused from then on
    # the highest of this installation's seq the site has said it holds: sent again until then
    acked_seq: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # the highest of the site's own seq this installation has applied: told back as its ack
    received_seq: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    phones: Mapped[bool] = mapped_column(default=False, server_default="0")  # unit sees phones


class SyncPackage(Base):
    """A package sent or received: received ones are never applied twice."""

    __tablename__ = "sync_package"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    site_id: Mapped[str] = fk("site")
    outgoing: Mapped[bool]
    at: Mapped[datetime]
    changes: Mapped[int]
    last_stamp: Mapped[str | None] = mapped_column(String(80))
    upto: Mapped[int | None] = mapped_column(Integer)  # the sender's seq it carries changes up to


class SyncConflict(Base):
    """A field (``-``: the row itself, edited here and deleted there) whose changes disagree,
    or a record the lifecycle refused on arrival; open until a person's choice settles it."""

    __tablename__ = "sync_conflict"
    __table_args__ = (Index("ix_conflict_row", "table_name", "row_id", "field", unique=True),)
    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    table_name: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(ID)
    field: Mapped[str] = mapped_column(String(40))
    reason: Mapped[str] = mapped_column(String(40))  # a message code: why it is a conflict
    heads: Mapped[str] = mapped_column(Text)  # the disagreeing stamps, space-separated
    opened_at: Mapped[datetime]


class HeldChange(Base):
    """A change stamped too far ahead of this PC's clock: kept, not applied, until reviewed."""

    __tablename__ = "held_change"
    op_id: Mapped[str] = mapped_column(ID, primary_key=True)
    package_id: Mapped[str] = mapped_column(ID)
    site_id: Mapped[str] = mapped_column(ID)
    stamp: Mapped[str] = mapped_column(String(80))
    change: Mapped[str] = mapped_column(Text)  # the change as it travelled (JSON)
    held_at: Mapped[datetime]
