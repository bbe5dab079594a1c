"""数据交换的站点: this installation and the ones it exchanges packages with, with the key
fingerprints two clerks compare by phone before one trusts the other's packages."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.domain.actor import Actor
from desktop.domain.enums import SiteKind, UserRole
from desktop.domain.errors import NotAllowed
from desktop.domain.permissions import Action, require
from desktop.store.changes import local_site
from desktop.store.models import Change, Site, SyncPackage, Unit
from desktop.sync import keys
from desktop.sync.package import KnownSite


@dataclass(frozen=True)
class SiteRow:
    site_id: str
    name: str
    kind: str  # SiteKind's value: office / entry / unit (label() words it: 提案委 …)
    unit: str  # the 承办单位 a unit site answers for
    fingerprint: str  # six groups of four digits; "" until its key is known
    here: bool  # this installation
    retired: bool
    last_sent: datetime | None
    last_received: datetime | None
    waiting: int = 0  # changes here since the site's last acknowledgement (not only its share)


def may_exchange(session: Session, actor: Actor) -> None:
    """发送 / 接收 / 冲突: the office's staff; a unit's clerk only on the unit's own installation
    (at the office PC, what arrives and the conflicts concern every unit)."""
    require(Action.EXCHANGE, None, actor.role)
    if actor.role is UserRole.UNIT and local_site(session).kind != SiteKind.UNIT:
        raise NotAllowed("role_not_allowed", action=Action.EXCHANGE.value, role=actor.role.value)


def site_rows(session: Session, actor: Actor) -> list[SiteRow]:
    """This installation first, then the enrolled sites by name."""
    may_exchange(session, actor)
    units = dict(session.execute(select(Unit.id, Unit.name)).all())
    last = {(site_id, outgoing): at for site_id, outgoing, at in session.execute(
        select(SyncPackage.site_id, SyncPackage.outgoing, func.max(SyncPackage.at))
        .group_by(SyncPackage.site_id, SyncPackage.outgoing))}
    sites = sorted(session.scalars(select(Site)), key=lambda s: (not s.local, s.name))
    return [SiteRow(s.id, s.name, s.kind, units.get(s.unit_id, "") if s.unit_id else "",
                    keys.fingerprint(s.public_key) if s.public_key else "", s.local,
                    s.retired_at is not None, last.get((s.id, True)), last.get((s.id, False)),
                    0 if s.local else _waiting(session, s))
            for s in sites]


def _waiting(session: Session, site: Site) -> int:
    return session.scalar(select(func.count()).select_from(Change).where(
        Change.seq > site.acked_seq, Change.site_id != site.id)) or 0


def known_site(session: Session, site_id: str) -> KnownSite | None:
    """An enrolled site whose key is known: the only senders whose packages are opened."""
    site = session.get(Site, site_id)
    if site is None or site.local or not site.public_key:
        return None
    return KnownSite(site.id, site.name, site.public_key, site.retired_at is not None)
