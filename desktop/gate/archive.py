"""Zip archives from outside, judged from the central directory before anything is unpacked.

Python's zipfile stops unpacking an entry at the size its directory declares (and then fails its
CRC), so bounding the declared sizes bounds the work, whatever the entries really hold."""
from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from desktop.domain.errors import DomainError, InvalidInput

MB = 1024 * 1024
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, .doc, and password-protected Office files


@dataclass(frozen=True)
class ArchiveLimits:
    file_bytes: int  # the file as it lies on the disk
    entries: int
    unpacked_bytes: int  # all entries together
    entry_bytes: int  # any one entry
    ratio: int  # unpacked ÷ packed, for an entry of more than 1 MB


def _mb(size: int) -> str:
    return f"{size / MB:.0f} MB" if size >= MB else f"{size // 1024} KB"


def require_safe_xml() -> None:
    """openpyxl guards its XML parsing with defusedxml only when it is installed."""
    from openpyxl.xml import DEFUSEDXML

    if not DEFUSEDXML:
        raise DomainError("safe_xml_missing")


@dataclass(frozen=True)
class Archive:
    """The file as read once: what was checked is what is parsed, even if the file changes."""
    data: bytes
    entries: list[zipfile.ZipInfo]

    def open(self) -> zipfile.ZipFile:
        return zipfile.ZipFile(io.BytesIO(self.data))


def _read(path: Path, limit: int, what: str) -> bytes:
    try:
        if not path.is_file():
            raise InvalidInput("file_missing", path=str(path))
        if path.stat().st_size > limit:
            raise InvalidInput("file_too_big", path=path.name, what=what, limit=_mb(limit))
        with open(path, "rb") as f:
            data = f.read(limit + 1)
    except FileNotFoundError:
        raise InvalidInput("file_missing", path=str(path)) from None
    except OSError:
        raise InvalidInput("file_unreadable", path=path.name) from None
    if len(data) > limit:  # it grew since
        raise InvalidInput("file_too_big", path=path.name, what=what, limit=_mb(limit))
    return data


def admit_archive(path: Path, limits: ArchiveLimits, what: str) -> Archive:
    """The archive, read once, if it keeps within ``limits``; else one sentence naming the limit.

    ``what`` names the kind of file in that sentence (Excel 工作簿, Word 模板 …)."""
    path = Path(path)
    data = _read(path, limits.file_bytes, what)
    if data.startswith(_OLE2):
        raise InvalidInput("file_old_or_locked", path=path.name, what=what)
    return Archive(data, _entries(io.BytesIO(data), path, limits, what))


def inspect_archive(path: Path, limits: ArchiveLimits, what: str) -> list[zipfile.ZipInfo]:
    """The entries of an archive too large to hold in memory (an exchange package with its
    letters), judged the same way; its reader must check each part as it reads it (a package
    carries a signed hash of every part)."""
    path = Path(path)
    try:
        if not path.is_file():
            raise InvalidInput("file_missing", path=str(path))
        if path.stat().st_size > limits.file_bytes:
            raise InvalidInput("file_too_big", path=path.name, what=what,
                               limit=_mb(limits.file_bytes))
        with open(path, "rb") as f:
            return _entries(f, path, limits, what)
    except FileNotFoundError:
        raise InvalidInput("file_missing", path=str(path)) from None
    except OSError:
        raise InvalidInput("file_unreadable", path=path.name) from None


def _entries(source, path: Path, limits: ArchiveLimits, what: str) -> list[zipfile.ZipInfo]:
    try:
        with zipfile.ZipFile(source) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise InvalidInput("file_not_archive", path=path.name, what=what) from None
    if len(entries) > limits.entries:
        raise InvalidInput("file_too_many_parts", path=path.name, what=what, limit=limits.entries)
    unpacked = 0
    for entry in entries:
        if entry.file_size > limits.entry_bytes or (
                entry.file_size > MB and entry.file_size > limits.ratio * max(entry.compress_size, 1)):
            raise InvalidInput("file_bomb", path=path.name, what=what,
                               limit=_mb(limits.entry_bytes), ratio=limits.ratio)
        unpacked += entry.file_size
    if unpacked > limits.unpacked_bytes:
        raise InvalidInput("file_bomb", path=path.name, what=what,
                           limit=_mb(limits.unpacked_bytes), ratio=limits.ratio)
    return entries
