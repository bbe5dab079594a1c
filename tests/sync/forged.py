"""Packages a damaged stick, a careless program or a forger could hand the office, made from a
real one or signed with a real site's key, each lying in exactly the way its name says."""
from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

from desktop.domain.clock import new_id
from desktop.sync import keys
from desktop.sync.package import FORMAT, Sender, write_package


def flipped_byte(real: Path, out: Path) -> Path:
    """One byte of the changes changed, the archive otherwise intact (a bad sector)."""
    with zipfile.ZipFile(real) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "changes.jsonl":
                middle = len(data) // 2
                data = data[:middle] + bytes([data[middle] ^ 0x01]) + data[middle + 1:]
            copy.writestr(info.filename, data)
    return out


def truncated(real: Path, out: Path) -> Path:
    """Copied to a stick pulled out halfway."""
    data = real.read_bytes()
    out.write_bytes(data[: len(data) // 2])
    return out


def unknown_sender(to: str, out: Path) -> Path:
    stranger = Sender(new_id(), "某某单位", keys.new_private_key())
    write_package(out, stranger, to, [], kind="changes", upto=0, after=0, ack=0)
    return out


def addressed_elsewhere(sender: Sender, out: Path) -> Path:
    write_package(out, sender, new_id(), [], kind="changes", upto=0, after=0, ack=0)
    return out


def newer_format(sender: Sender, to: str, out: Path) -> Path:
    write_package(out, sender, to, [], kind="changes", upto=0, after=0, ack=0,
                  format=FORMAT + 1)
    return out


def zip_bomb(out: Path, megabytes: int = 1024) -> Path:
    """A gigabyte of zeros as the changes (a few MB on the stick)."""
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("changes.jsonl", "w", force_zip64=True) as part:
            block = b"\0" * (1 << 20)
            for _ in range(megabytes):
                part.write(block)
        archive.writestr("manifest.json", b"{}")
        archive.writestr("manifest.sig", b"")
    return out


def path_traversal(real: Path, out: Path) -> Path:
    shutil.copy(real, out)
    with zipfile.ZipFile(out, "a") as archive:
        archive.writestr("../../../Windows/System32/evil.dll", b"MZ")
    return out


def million_changes(sender: Sender, to: str, out: Path, count: int = 1_000_000) -> Path:
    """Signed by an enrolled site, each line well formed: refused by its count alone."""
    site = sender.site_id

    def lines():
        for n in range(count):
            yield {"op": f"{n:032x}", "site": site, "stamp": f"{n:013d}.000000000.{site}",
                   "table": "member", "row": f"{n:032x}", "field": "phone", "value": "1",
                   "bases": []}

    write_package(out, sender, to, lines(), kind="changes", upto=count, after=0, ack=0)
    return out


def read_manifest(path: Path) -> dict:
    with zipfile.ZipFile(path) as archive:
        return json.loads(archive.read("manifest.json"))


def every_kind(real: Path, unit_db: Path, folder: Path) -> dict[str, Path]:
    """Each bad package, made from a real unit's package ``real`` or signed with the key of the
    unit whose database is ``unit_db`` (as a forger who stole it, or a buggy program, would)."""
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(unit_db)) as db:
        sender = Sender(*db.execute(
            "SELECT id, name, private_key FROM site WHERE local = 1").fetchone())
        office = db.execute("SELECT id FROM site WHERE local = 0").fetchone()[0]
    folder.mkdir(parents=True, exist_ok=True)
    return {
        "one byte flipped in the changes": flipped_byte(real, folder / "1.tian"),
        "truncated (a stick pulled out halfway)": truncated(real, folder / "2.tian"),
        "from an unknown site": unknown_sender(office, folder / "3.tian"),
        "addressed to another site": addressed_elsewhere(sender, folder / "4.tian"),
        "a newer format": newer_format(sender, office, folder / "5.tian"),
        "zip bomb: 1 GB of zeros as the changes": zip_bomb(folder / "6.tian"),
        "a part named ../../../Windows/System32/evil.dll": path_traversal(real, folder / "7.tian"),
        "1,000,000 changes, signed by the unit": million_changes(sender, office,
                                                                 folder / "8.tian"),
    }
