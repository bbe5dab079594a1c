"""The ``.tian`` package: a zip of ``manifest.json`` (who sends it to whom, the format, a SHA-256
of every other part), ``manifest.sig`` (the sender's Ed25519 signature of those exact bytes),
``changes.jsonl`` (one change a line) and ``attachments/<sha256>`` (letter files).

Opening checks, in this order and before any change is parsed: the archive's shape (the gate),
the parts' names, the signature by a sender this site knows and has not retired, the hash of
every part, the format, and that the package is addressed to this site.  Every refusal is one
sentence; nothing is written by opening."""
from __future__ import annotations

import hashlib
import json
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop.domain.clock import new_id
from desktop.domain.errors import InvalidInput
from desktop.gate import ArchiveLimits, inspect_archive
from desktop.gate.archive import MB
from desktop.local.files import write_atomically

from . import keys

FORMAT = 1  # raised when a reader of this version could no longer read what is written
WHAT = "提案通交换文件"
SUFFIX = ".tian"
PACKAGE_LIMITS = ArchiveLimits(file_bytes=1024 * MB, entries=200_000, unpacked_bytes=2048 * MB,
                               entry_bytes=512 * MB, ratio=200)
MANIFEST_BYTES = 4 * MB
LINE_BYTES = 4 * MB  # one change: a proposal's text is tens of KB
# one package's changes: a bigger export is written as parts (a 100,000-proposal office's first
# package to a second office PC is some 1.5 million changes); above this a package is refused
PART_CHANGES = 100_000
MAX_CHANGES = 250_000
_CHUNK = 1 << 20
_ATTACHMENT = re.compile(r"attachments/[0-9a-f]{64}")
_FIXED = ("manifest.json", "manifest.sig", "changes.jsonl")


@dataclass(frozen=True)
class KnownSite:
    """A site this installation has enrolled: its key, and whether it was retired."""
    site_id: str
    name: str
    public_key: str
    retired: bool = False


@dataclass(frozen=True)
class Sender:
    site_id: str
    name: str
    private_key: str


@dataclass(frozen=True)
class Package:
    """A package whose signature, hashes, format and addressee have been checked."""
    path: Path
    manifest: dict
    sender: KnownSite

    @property
    def package_id(self) -> str:
        return self.manifest["package"]

    def changes(self) -> Iterator[dict]:
        """The changes, one at a time (a package may hold millions)."""
        with zipfile.ZipFile(self.path) as archive, archive.open("changes.jsonl") as part:
            for number, line in enumerate(_lines(part), start=1):
                if number > self.manifest["changes"]:
                    raise _damaged(self.path, "changes.jsonl")
                try:
                    change = json.loads(line)
                except ValueError:
                    raise _damaged(self.path, f"changes.jsonl 第 {number} 行") from None
                if not isinstance(change, dict):
                    raise _damaged(self.path, f"changes.jsonl 第 {number} 行")
                yield change

    def attachment(self, sha256: str) -> bytes:
        with zipfile.ZipFile(self.path) as archive:
            return archive.read(f"attachments/{sha256}")


def _lines(part) -> Iterator[bytes]:
    pending = b""
    while chunk := part.read(_CHUNK):
        pending += chunk
        *whole, pending = pending.split(b"\n")
        if len(pending) > LINE_BYTES:
            raise InvalidInput("package_line_too_long", limit=LINE_BYTES // MB)
        yield from (line for line in whole if line.strip())
    if pending.strip():
        yield pending


def _damaged(path: Path, part: str) -> InvalidInput:
    return InvalidInput("package_damaged", path=path.name, part=part)


def write_package(target: Path, sender: Sender, to: str, changes: Iterable[dict],
                  attachments: dict[str, bytes] | Callable[[], dict[str, bytes]] | None = None,
                  late: Callable[[], dict] | None = None, **about: object) -> dict:
    """Writes the package whole or not at all; returns its manifest.  ``about`` adds fields to
    the manifest (acknowledgements, the kind of package …), and ``late`` those known only once
    the changes are written (they are streamed: a package may hold many); ``attachments`` may
    likewise be asked for after the changes, which name them."""
    members: dict[str, dict] = {}
    count = 0
    with write_atomically(Path(target)) as partial, \
            zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
        digest, size = hashlib.sha256(), 0
        with archive.open("changes.jsonl", "w", force_zip64=True) as part:
            for change in changes:
                line = json.dumps(change, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"
                digest.update(line)
                size += len(line)
                part.write(line)
                count += 1
        members["changes.jsonl"] = {"sha256": digest.hexdigest(), "size": size}
        if callable(attachments):
            attachments = attachments()
        for sha, data in sorted((attachments or {}).items()):
            if hashlib.sha256(data).hexdigest() != sha:
                raise ValueError(f"attachment {sha} does not match its content")
            archive.writestr(f"attachments/{sha}", data)
            members[f"attachments/{sha}"] = {"sha256": sha, "size": len(data)}
        manifest = {"format": FORMAT, "package": new_id(), "from": sender.site_id,
                    "from_name": sender.name, "to": to, "made": datetime.now().isoformat(),
                    "changes": count, "members": members, **about, **(late() if late else {})}
        raw = json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=1).encode()
        archive.writestr("manifest.json", raw)
        archive.writestr("manifest.sig", keys.sign(sender.private_key, raw))
    return manifest


def open_package(path: Path, known: Callable[[str], KnownSite | None] | None,
                 here: str | None) -> Package:
    """The package, once everything about it but its changes has been checked.

    ``known`` None: the package introduces its sender (an invitation or its answer) and is
    checked against the key it carries — which the clerks then confirm by its fingerprint; and
    ``here`` None: this installation has no identity yet (it is being made from an invitation)."""
    path = Path(path)
    entries = inspect_archive(path, PACKAGE_LIMITS, WHAT)
    names = [entry.filename for entry in entries]
    for name in names:
        if name not in _FIXED and not _ATTACHMENT.fullmatch(name):
            raise InvalidInput("package_bad_part", path=path.name, part=name[:80])
    if len(set(names)) != len(names) or not set(_FIXED) <= set(names):
        raise InvalidInput("package_not_ours", path=path.name)
    with zipfile.ZipFile(path) as archive:
        raw = _small(archive, "manifest.json", MANIFEST_BYTES, path)
        signature = _small(archive, "manifest.sig", 1024, path)
        try:
            manifest = json.loads(raw)
            sender_id = manifest["from"]
        except (ValueError, KeyError, TypeError):
            raise InvalidInput("package_not_ours", path=path.name) from None
        sender = known(str(sender_id)) if known is not None else _introduced(manifest)
        if sender is None:
            raise InvalidInput("package_unknown_sender", path=path.name,
                               sender=str(manifest.get("from_name", sender_id))[:40])
        if sender.retired:
            raise InvalidInput("package_retired_sender", path=path.name, sender=sender.name)
        if not keys.signed_by(sender.public_key, raw, signature):
            raise InvalidInput("package_signature_wrong", path=path.name, sender=sender.name)
        _check_parts(archive, manifest, names, path)
    if not isinstance(manifest.get("format"), int) or manifest["format"] > FORMAT:
        raise InvalidInput("package_newer", path=path.name)
    if here is not None and manifest.get("to") != here:
        raise InvalidInput("package_not_for_here", path=path.name, sender=sender.name)
    if not isinstance(manifest.get("changes"), int) or manifest["changes"] > MAX_CHANGES:
        raise InvalidInput("package_too_many_changes", path=path.name, limit=MAX_CHANGES)
    return Package(path, manifest, sender)


def _introduced(manifest: dict) -> KnownSite | None:
    key = manifest.get("public_key")
    if not isinstance(key, str) or len(key) != 64 or not set(key) <= set("0123456789abcdef"):
        return None
    return KnownSite(str(manifest["from"]), str(manifest.get("from_name", ""))[:60], key)


def _small(archive: zipfile.ZipFile, name: str, limit: int, path: Path) -> bytes:
    info = archive.getinfo(name)
    if info.file_size > limit:
        raise InvalidInput("package_not_ours", path=path.name)
    try:
        return archive.read(name)
    except (zipfile.BadZipFile, OSError, EOFError):
        raise _damaged(path, name) from None


def _check_parts(archive: zipfile.ZipFile, manifest: dict, names: list[str], path: Path) -> None:
    """Every part as signed: the same set of parts, each with its signed SHA-256 and size."""
    members = manifest.get("members")
    if not isinstance(members, dict) or set(members) != set(names) - {"manifest.json",
                                                                      "manifest.sig"}:
        raise _damaged(path, "部件清单")
    for name, signed in members.items():
        digest, size = hashlib.sha256(), 0
        try:
            with archive.open(name) as part:
                while chunk := part.read(_CHUNK):
                    digest.update(chunk)
                    size += len(chunk)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError):
            raise _damaged(path, name) from None
        if not isinstance(signed, dict) or (signed.get("sha256"), signed.get("size")) != (
                digest.hexdigest(), size):
            raise _damaged(path, name)
