"""登记站点: two files and a phone call.  The office writes an invitation (the new site's kind,
name and unit, the office's public key, and the data the site starts from); the new
installation is made from it and answers with its own public key; the office accepts the answer
once both clerks have read the same fingerprint to each other.  A retired site's packages are
refused from then on; its history stays."""
from __future__ import annotations

import string
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.actor import Actor
from desktop.domain.clock import new_id
from desktop.domain.enums import SiteKind, UserRole
from desktop.domain.errors import DomainError, InvalidInput, NotAllowed
from desktop.domain.office import OfficeSettings
from desktop.domain.permissions import Action, require
from desktop.store import outbox, pinyin, replica
from desktop.store.changes import local_site, write
from desktop.store.models import Site, SyncPackage, User
from desktop.store.office import load_settings, save_settings
from desktop.sync import keys
from desktop.sync.package import SUFFIX, Sender, open_package, write_package

from .base_data import find_unit
from .exchange import package_target, store_files, write_parts
from .passwords import hash_password
from .setup import is_initialized
from .users import check_password

SITE_NAME_CHARS = 30


@dataclass(frozen=True)
class Invitation:
    path: Path
    site_id: str
    name: str
    kind: str
    changes: int
    fingerprint: str  # this office's: the new site's clerk reads it back by phone
    more: tuple[Path, ...] = ()  # further parts, imported by 接收数据 once the site is made


@dataclass(frozen=True)
class Joined:
    site_name: str
    kind: str
    office_name: str
    office_fingerprint: str
    fingerprint: str  # this installation's: the office's clerk compares it before accepting
    username: str
    answer: Path
    actor: Actor  # the new administrator, logged in


@dataclass(frozen=True)
class Accepted:
    name: str
    fingerprint: str
    already: bool = False


def invite(session: Session, actor: Actor, name: str, kind: str, out: Path, files: Path, *,
           unit: str | None = None, phones: bool = False) -> Invitation:
    """A new site, and the file its installation is made from."""
    require(Action.ENROL, None, actor.role)
    here = local_site(session)
    if here.kind != SiteKind.OFFICE:
        raise NotAllowed("invite_only_office")
    name = (name or "").strip()
    if not name or len(name) > SITE_NAME_CHARS:
        raise InvalidInput("site_name_invalid", limit=SITE_NAME_CHARS)
    try:
        kind = SiteKind(kind)
    except ValueError:
        raise InvalidInput("site_kind_invalid", kind=kind) from None
    unit_id = None
    if kind is SiteKind.UNIT:
        if not unit:
            raise InvalidInput("site_unit_missing")
        unit_id = find_unit(session, unit).id
    if session.scalar(select(Site.id).where(Site.name == name)) is not None:
        raise InvalidInput("site_name_taken", site=name)
    site = Site(id=new_id(), name=name, local=False, kind=kind.value, unit_id=unit_id,
                prefix=_next_prefix(session) if kind is SiteKind.ENTRY else None, phones=phones,
                acked_seq=0, received_seq=0)
    code = site.prefix.lower() if site.prefix else str(_count_sites(session))
    with write(session, actor, "sync.log_all"):
        outbox.ensure_logged(session)
    destination = outbox.Destination(site.id, site.kind, site.unit_id, site.phones, 0)
    out = package_target(out, f"提案通邀请-{name}{SUFFIX}")
    settings = load_settings(session)
    if site.prefix:  # an entry laptop's 收文号 say where they were typed: A-0012
        settings = replace(settings, serial_pattern=f"{site.prefix}-{{n:04}}")
    parts = write_parts(session, destination, out, files, first={
        "kind": "invitation", "public_key": here.public_key,
        "invite": {"name": name, "kind": site.kind, "unit_id": unit_id, "prefix": site.prefix,
                   "phones": phones, "office_kind": here.kind, "settings": settings.to_dict(),
                   "code": code}}, ack=0, to_name=name)
    with write(session, actor, "sync.invite"):  # the site exists once its invitation does
        if session.scalar(select(Site.id).where(Site.name == name)) is not None:
            raise InvalidInput("site_name_taken", site=name)
        session.add(site)
        session.flush()
        for part in parts:
            session.add(SyncPackage(id=part.manifest["package"], site_id=site.id, outgoing=True,
                                    at=datetime.now(), changes=part.manifest["changes"],
                                    upto=part.manifest["upto"]))
    return Invitation(out, site.id, name, site.kind, sum(p.manifest["changes"] for p in parts),
                      keys.fingerprint(here.public_key), tuple(p.path for p in parts[1:]))


def _next_prefix(session: Session) -> str:
    taken = set(session.scalars(select(Site.prefix).where(Site.prefix.is_not(None))))
    for letter in string.ascii_uppercase:
        if letter not in taken:
            return letter
    raise InvalidInput("site_prefixes_used")


def _count_sites(session: Session) -> int:
    return len(session.scalars(select(Site.id)).all())


def join(session: Session, path: Path, password: str, files: Path, answer: Path | None = None,
         username: str | None = None) -> Joined:
    """Make this (empty) installation the site an invitation names, and write its answer."""
    if is_initialized(session):
        raise DomainError("already_initialized")
    check_password(password)
    package = open_package(Path(path), None, None)
    manifest = package.manifest
    invite = manifest.get("invite")
    if manifest.get("kind") != "invitation" or not isinstance(invite, dict):
        raise InvalidInput("package_not_invitation", path=Path(path).name)
    private = keys.new_private_key()
    public = keys.public_key_of(private)
    settings = OfficeSettings.from_dict(invite.get("settings") or {})
    username = (username or _username(invite)).strip()
    office = package.sender
    system = Actor.system("加入")
    with write(session, system, "setup.join"):
        if is_initialized(session):
            raise DomainError("already_initialized")
        here = Site(id=manifest["to"], name=str(invite["name"]), local=True, kind=invite["kind"],
                    unit_id=invite.get("unit_id"), prefix=invite.get("prefix"),
                    private_key=private, public_key=public, enrolled_at=datetime.now())
        sender = Site(id=office.site_id, name=office.name, local=False,
                      kind=invite.get("office_kind", SiteKind.OFFICE.value),
                      public_key=office.public_key, enrolled_at=datetime.now(),
                      received_seq=int(manifest.get("upto") or 0))
        session.add_all([here, sender])
        session.flush()
        save_settings(session, settings)
        changes = [replica.from_line(line, n) for n, line in enumerate(package.changes(), 1)]
        replica.take(session, replica.SenderSite(sender.id, sender.kind, None), changes,
                     package.package_id)
        if session.scalar(select(User.id).where(User.username == username)) is not None:
            raise InvalidInput("username_taken", username=username)
        unit_site = invite["kind"] == SiteKind.UNIT.value  # runs in unit mode: its own work
        admin = User(username=username, display_name="经办人" if unit_site else "管理员",
                     role=UserRole.UNIT if unit_site else UserRole.ADMIN,
                     unit_id=invite.get("unit_id"), password_hash=hash_password(password))
        session.add(admin)
        session.flush()
        actor = Actor(admin.id, admin.username, admin.role, admin.unit_id)
        session.add(SyncPackage(id=package.package_id, site_id=sender.id, outgoing=False,
                                at=datetime.now(), changes=int(manifest["changes"]),
                                upto=sender.received_seq))
    store_files(package, files)
    target = package_target(Path(answer) if answer else Path(path).parent,
                            f"提案通回执-{here.name}{SUFFIX}")
    write_package(target, Sender(here.id, here.name, private), office.site_id, [], kind="answer",
                  public_key=public, ack=sender.received_seq, upto=0,
                  invitation=package.package_id)
    return Joined(here.name, here.kind, office.name, keys.fingerprint(office.public_key),
                  keys.fingerprint(public), username, target, actor)


def read_answer(session: Session, actor: Actor, path: Path) -> Accepted:
    """Who an answer comes from and its fingerprint, for the clerk to compare before accepting."""
    require(Action.ENROL, None, actor.role)
    package = open_package(Path(path), None, local_site(session).id)
    if package.manifest.get("kind") != "answer":
        raise InvalidInput("package_not_answer", path=Path(path).name)
    site = session.get(Site, package.sender.site_id)
    if site is None or site.local:
        raise InvalidInput("answer_not_invited", path=Path(path).name)
    return Accepted(site.name, keys.fingerprint(package.sender.public_key),
                    already=site.public_key == package.sender.public_key)


def _username(invite: dict) -> str:
    """The first account's name: a unit's clerk logs in with the unit's initials (县教育局 →
    xjyj); a laptop or a second office PC has an administrator, admin-a / admin-3."""
    if invite.get("kind") == SiteKind.UNIT.value:
        initials = pinyin.initials(str(invite.get("name", ""))).split("|")[0]
        if initials.isascii() and initials.isalnum():
            return initials
    return f"admin-{invite.get('code', '1')}"


def accept(session: Session, actor: Actor, path: Path, fingerprint: str | None = None) -> Accepted:
    """The new site's answer: its key is trusted from now on (after the fingerprints matched)."""
    require(Action.ENROL, None, actor.role)
    package = open_package(Path(path), None, local_site(session).id)
    manifest = package.manifest
    if manifest.get("kind") != "answer":
        raise InvalidInput("package_not_answer", path=Path(path).name)
    site = session.get(Site, package.sender.site_id)
    if site is None or site.local:
        raise InvalidInput("answer_not_invited", path=Path(path).name)
    if site.retired_at is not None:
        raise DomainError("site_retired", site=site.name)
    shown = keys.fingerprint(package.sender.public_key)
    if fingerprint is not None and _digits(fingerprint) != _digits(shown):
        raise InvalidInput("fingerprint_differs", site=site.name)
    if site.public_key:
        if site.public_key != package.sender.public_key:
            raise InvalidInput("answer_other_key", site=site.name)
        return Accepted(site.name, shown, already=True)
    with write(session, actor, "sync.accept"):
        site.public_key = package.sender.public_key
        site.enrolled_at = datetime.now()
        ack = manifest.get("ack")
        if isinstance(ack, int) and ack <= outbox.top_seq(session):
            site.acked_seq = max(site.acked_seq, ack)
    return Accepted(site.name, shown)


def retire(session: Session, actor: Actor, site_id: str) -> None:
    require(Action.ENROL, None, actor.role)
    site = session.get(Site, site_id)
    if site is None or site.local:
        raise InvalidInput("site_unknown")
    with write(session, actor, "sync.retire"):
        site.retired_at = site.retired_at or datetime.now()


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())
