"""A ``.tian`` package is opened only when it is whole, signed by a site this office knows and
has not retired, of a format it reads, and addressed to it; anything else is one sentence and
nothing parsed."""
from __future__ import annotations

import hashlib
import json
import time
import zipfile
from pathlib import Path

import pytest

from desktop.domain.errors import InvalidInput
from desktop.sync import keys
from desktop.sync.package import KnownSite, Sender, open_package, write_package

OFFICE, UNIT, STRANGER = "01" * 16, "02" * 16, "03" * 16


def _site(site_id: str, name: str) -> tuple[Sender, KnownSite]:
    private = keys.new_private_key()
    return (Sender(site_id, name, private),
            KnownSite(site_id, name, keys.public_key_of(private)))


SENDER, KNOWN = _site(UNIT, "县教育局")
STRANGER_SENDER, _ = _site(STRANGER, "某某站点")
CHANGES = [{"table": "reply", "row": f"{i:032x}", "field": "*", "value": {"category": "A"},
            "stamp": f"1700000000000.{i:09d}.{UNIT}"} for i in range(50)]
LETTER = "答复函".encode() * 100
LETTER_SHA = hashlib.sha256(LETTER).hexdigest()


def known(site_id: str) -> KnownSite | None:
    return KNOWN if site_id == UNIT else None


def _package(tmp_path: Path, sender: Sender = SENDER, to: str = OFFICE) -> Path:
    path = tmp_path / "县教育局.tian"
    write_package(path, sender, to, CHANGES, {LETTER_SHA: LETTER}, acks={OFFICE: "0"})
    return path


def _rewrite(path: Path, change) -> Path:
    """The package with its parts passed through ``change(name, data) -> (name, data) | None``."""
    with zipfile.ZipFile(path) as archive:
        parts = [(info.filename, archive.read(info)) for info in archive.infolist()]
    spoiled = path.with_name("改动.tian")
    with zipfile.ZipFile(spoiled, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts:
            kept = change(name, data)
            if kept:
                archive.writestr(*kept)
    return spoiled


def test_a_package_opens_and_gives_back_its_changes_and_letters(tmp_path):
    package = open_package(_package(tmp_path), known, OFFICE)
    assert list(package.changes()) == CHANGES
    assert package.attachment(LETTER_SHA) == LETTER
    assert package.sender.name == "县教育局" and package.manifest["acks"] == {OFFICE: "0"}


def _replaced(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _flip_changes(name, data):
    return (name, data.replace(b'"A"', b'"D"', 1) if name == "changes.jsonl" else data)


def _forge_manifest(name, data):
    if name != "manifest.json":
        return name, data
    manifest = json.loads(data)
    manifest["to"] = "04" * 16
    return name, json.dumps(manifest).encode()


REFUSED = {
    "a changed reply": (lambda p: _rewrite(p, _flip_changes), "package_damaged"),
    "a forged addressee": (lambda p: _rewrite(p, _forge_manifest), "package_signature_wrong"),
    "a letter taken out": (lambda p: _rewrite(p, lambda n, d: None if n.startswith("attach")
                                              else (n, d)), "package_damaged"),
    "a part added by path traversal": (lambda p: _rewrite(
        p, lambda n, d: ("../../etc/cron.d/x", d) if n.startswith("attach") else (n, d)),
        "package_bad_part"),
    "truncated": (lambda p: _replaced(p, p.read_bytes()[:-300]), "file_not_archive"),
    "not a zip": (lambda p: _replaced(p, b"hello"), "file_not_archive"),
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_a_damaged_or_forged_package_is_refused_in_one_sentence(tmp_path, name):
    spoil, code = REFUSED[name]
    path = spoil(_package(tmp_path))
    with pytest.raises(InvalidInput) as refused:
        open_package(path, known, OFFICE)
    assert refused.value.code == code


def test_a_package_from_an_unknown_or_retired_site_or_for_another_is_refused(tmp_path):
    stranger = tmp_path / "stranger"
    stranger.mkdir()
    with pytest.raises(InvalidInput) as refused:
        open_package(_package(stranger, STRANGER_SENDER), known, OFFICE)
    assert (refused.value.code, refused.value.params["sender"]) == ("package_unknown_sender",
                                                                    "某某站点")
    with pytest.raises(InvalidInput) as refused:
        open_package(_package(tmp_path), lambda _: KnownSite(UNIT, "县教育局", KNOWN.public_key,
                                                             retired=True), OFFICE)
    assert refused.value.code == "package_retired_sender"
    with pytest.raises(InvalidInput) as refused:
        open_package(_package(tmp_path), known, "05" * 16)
    assert refused.value.code == "package_not_for_here"


def test_a_zip_bomb_named_tian_is_refused_quickly(tmp_path):
    path = tmp_path / "炸弹.tian"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("changes.jsonl", "w", force_zip64=True) as part:
            block = bytes(1 << 20)
            for _ in range(600):
                part.write(block)
    began = time.perf_counter()
    with pytest.raises(InvalidInput) as refused:
        open_package(path, known, OFFICE)
    assert refused.value.code == "file_bomb" and time.perf_counter() - began < 2


def test_the_fingerprint_is_six_groups_of_four_digits_the_same_on_both_sides():
    shown = keys.fingerprint(KNOWN.public_key)
    assert len(shown.split(" ")) == 6 and all(len(g) == 4 and g.isdigit() for g in shown.split())
    assert shown == keys.fingerprint(keys.public_key_of(SENDER.private_key))
    assert shown != keys.fingerprint(keys.public_key_of(STRANGER_SENDER.private_key))
