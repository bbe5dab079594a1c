"""发送数据 / 接收数据: a package for one enrolled site holding what it has not acknowledged, and
a package from one taken in after a preview — all or nothing, after a backup, never twice.

The preview is the import itself, run in a transaction that is then rolled back: what the
clerk is shown is exactly what confirming does."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.actor import Actor
from desktop.domain.enums import SiteKind
from desktop.domain.errors import DomainError, InvalidInput
from desktop.domain.permissions import Action, allowed
from desktop.local.files import write_atomically
from desktop.store import outbox, replica
from desktop.store.changes import local_site, write
from desktop.store.models import Site, SyncPackage
from desktop.sync.package import (
    PART_CHANGES, SUFFIX, Package, Sender, open_package, write_package,
)

from . import receipts
from .receipts import Receipt
from .sites import known_site, may_exchange

@dataclass(frozen=True)
class Sent:
    path: Path
    changes: int
    attachments: int
    missing_files: int  # attachments whose file is not in this PC's data folder
    paths: tuple[Path, ...] = ()  # every part, in the order they are to be imported


class _Preview(Exception):
    """Raised inside the import's transaction so it rolls back, carrying what it would do."""

    def __init__(self, receipt: Receipt) -> None:
        super().__init__("preview")
        self.receipt = receipt


def exchanges_here(session: Session, actor: Actor) -> bool:
    """Whether 数据交换 is this user's screen here (the screen's gate; may_exchange says why)."""
    try:
        may_exchange(session, actor)
    except DomainError:
        return False
    return True


def invites_here(session: Session, actor: Actor) -> bool:
    """Only an administrator at the office enrols sites."""
    return allowed(Action.ENROL, None, actor.role) and local_site(session).kind == SiteKind.OFFICE


def sender_of(session: Session) -> Sender:
    site = local_site(session)
    return Sender(site.id, site.name, site.private_key or "")


def package_target(out: Path, name: str) -> Path:
    """A .tian file named by the clerk, or a folder (a USB stick) to put ``name`` in; the folder
    is made if it is not there yet."""
    out = Path(out)
    if out.suffix.lower() != SUFFIX or out.is_dir():
        out = out / name
    out.parent.mkdir(parents=True, exist_ok=True)
    return out


def package_name(here: str, there: str, when: datetime | None = None) -> str:
    when = when or datetime.now()
    return f"提案通交换-{here}至{there}-{when:%Y%m%d-%H%M%S}{SUFFIX}"


def send(session: Session, actor: Actor, site_id: str, target: Path, files: Path) -> Sent:
    """Everything ``site_id`` has not acknowledged, to ``target`` (a folder or a .tian file)."""
    may_exchange(session, actor)
    site = _enrolled(session, site_id)
    with write(session, actor, "sync.log_all"):
        outbox.ensure_logged(session)
    destination = outbox.Destination(site.id, site.kind, site.unit_id, site.phones, site.acked_seq)
    target = package_target(target, package_name(sender_of(session).name, site.name))
    parts = write_parts(session, destination, target, files, kind="changes",
                        ack=site.received_seq, to_name=site.name)
    with write(session, actor, "sync.send"):
        for part in parts:
            session.add(SyncPackage(id=part.manifest["package"], site_id=site.id, outgoing=True,
                                    at=datetime.now(), changes=part.manifest["changes"],
                                    upto=part.manifest["upto"]))
    return Sent(parts[0].path, sum(p.manifest["changes"] for p in parts),
                sum(p.attachments for p in parts), sum(p.missing for p in parts),
                tuple(p.path for p in parts))


@dataclass(frozen=True)
class Part:
    path: Path
    manifest: dict
    attachments: int
    missing: int


def write_parts(session: Session, to: outbox.Destination, target: Path, files: Path,
                first: dict | None = None, **about: object) -> list[Part]:
    """The changes for ``to`` in packages of at most PART_CHANGES (most exports are one): each
    names the range of this site's log it carries (``after`` … ``upto``), so the receiver
    acknowledges only what it has in an unbroken run.  ``first`` adds to the first part."""
    top = outbox.top_seq(session)
    stream = iter(outbox.outgoing(session, to))
    here = sender_of(session)
    parts: list[Part] = []
    after, pending = to.acked_seq, next(stream, None)
    while True:
        part = _Streamed(stream, pending, after, files)
        path = target if not parts else target.with_name(f"{target.stem}-{len(parts) + 1}{SUFFIX}")
        extra = (first or {}) if not parts else {"kind": "changes"}
        manifest = write_package(path, here, to.site_id, part.lines(), part.attachments,
                                 lambda p=part: {"after": p.after, "upto": top if p.done
                                                 else p.upto}, **{**about, **extra})
        parts.append(Part(path, manifest, len(part.files), part.missing))
        pending = None if part.done else next(stream, None)
        if pending is None:
            return parts
        after = manifest["upto"]


class _Streamed:
    """One part as it is written: its changes counted as they stream by, the letters they name
    gathered after."""

    def __init__(self, stream, first, after: int, folder: Path) -> None:
        self.stream, self.first, self.after, self.folder = stream, first, after, folder
        self.upto, self.count, self.done = after, 0, False
        self.shas: set[str] = set()
        self.files: dict[str, bytes] = {}
        self.missing = 0

    def lines(self):
        change = self.first
        while change is not None:
            if change.table == "attachment" and change.field == "*":
                self.shas.add(change.value.get("sha256") or "")
            self.upto = max(self.upto, change.seq)
            self.count += 1
            yield change.as_line()
            if self.count >= PART_CHANGES:
                return
            change = next(self.stream, None)
        self.done = True

    def attachments(self) -> dict[str, bytes]:
        self.files, self.missing = attachment_files(self.folder, self.shas)
        return self.files


def attachment_files(folder: Path, shas: set[str]) -> tuple[dict[str, bytes], int]:
    found, missing = {}, 0
    for sha in sorted(s for s in shas if len(s) == 64):
        path = folder / sha[:2] / sha
        if path.is_file():
            found[sha] = path.read_bytes()
        else:
            missing += 1
    return found, missing


def _enrolled(session: Session, site_id: str) -> Site:
    site = session.get(Site, site_id)
    if site is None or site.local:
        raise InvalidInput("site_unknown")
    if site.retired_at is not None:
        raise DomainError("site_retired", site=site.name)
    if not site.public_key:
        raise DomainError("site_not_answered", site=site.name)
    return site


def find_site(session: Session, name: str) -> Site:
    """A site by its name (the command line names sites as the clerk does)."""
    site = session.scalar(select(Site).where(Site.name == name.strip(), Site.local.is_(False)))
    if site is None:
        raise InvalidInput("site_not_found", site=name)
    return site


def open_received(session: Session, path: Path) -> Package:
    """The package checked (signature, hashes, format, addressee); nothing read into the data."""
    package = open_package(Path(path), lambda sid: known_site(session, sid), local_site(session).id)
    if package.manifest.get("kind") != "changes":
        raise InvalidInput("package_wrong_kind", path=Path(path).name)
    return package


def receive(session: Session, actor: Actor, path: Path, files: Path, *, apply: bool,
            confirm_deletions: bool = False,
            backup: Callable[[], object] | None = None) -> Receipt:
    """The preview (``apply=False``), or the import: one transaction after ``backup``."""
    may_exchange(session, actor)
    package = open_received(session, path)
    site = session.get(Site, package.sender.site_id)
    manifest = package.manifest
    receipt = Receipt(package.package_id, site.name, site.kind, str(manifest.get("made", "")),
                      int(manifest["changes"]))
    seen = session.get(SyncPackage, package.package_id)
    if seen is not None and not seen.outgoing:
        receipt.already_on = seen.at
        return receipt
    changes = [replica.from_line(line, n) for n, line in enumerate(package.changes(), start=1)]
    if apply and backup is not None:
        backup()
    try:
        with write(session, actor, "sync.receive"):
            _take(session, actor, package, site, changes, receipt)
            if not apply or (receipt.large_deletions and not confirm_deletions):
                raise _Preview(receipt)
            store_files(package, files)
    except _Preview as preview:
        session.expire_all()
        return preview.receipt
    receipt.applied = True
    return receipt


def _take(session: Session, actor: Actor, package: Package, site: Site,
          changes: list[replica.Travelling], receipt: Receipt) -> None:
    sender = replica.SenderSite(site.id, site.kind, site.unit_id)
    outcome = replica.take(session, sender, changes, package.package_id)
    receipt.known = outcome.known
    receipt.new_rows, receipt.changed_rows = len(outcome.inserted), len(outcome.updated)
    receipt.deleted_rows = len(outcome.deleted)
    receipt.conflicts, receipt.refused = len(outcome.conflicts), len(outcome.refused)
    receipt.held = len(outcome.held)
    receipts.deletions(outcome, receipt)
    receipts.lines(session, outcome, receipt)
    if site.kind == SiteKind.ENTRY:
        receipts.entry_papers(session, actor, outcome, receipt)
    manifest = package.manifest
    ack = manifest.get("ack")
    if isinstance(ack, int) and 0 <= ack <= outbox.top_seq(session):
        site.acked_seq = max(site.acked_seq, ack)
    upto, after = manifest.get("upto"), manifest.get("after", 0)
    if isinstance(upto, int) and isinstance(after, int) and after <= site.received_seq:
        site.received_seq = max(site.received_seq, upto)
    # the receipt is the package's record (sync_package), kept here: an entry in the 操作日志
    # would travel back and make every exchange carry something new
    session.add(SyncPackage(id=package.package_id, site_id=site.id, outgoing=False,
                            at=datetime.now(), changes=int(manifest["changes"]),
                            upto=upto if isinstance(upto, int) else None,
                            last_stamp=max((c.stamp for c in changes), default=None)))


def store_files(package: Package, folder: Path) -> None:
    """Letters and papers the package carries, into the data folder under their SHA-256."""
    for name in package.manifest.get("members", {}):
        if not name.startswith("attachments/"):
            continue
        sha = name.split("/", 1)[1]
        target = folder / sha[:2] / sha
        if target.exists():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        with write_atomically(target) as partial:
            partial.write_bytes(package.attachment(sha))
