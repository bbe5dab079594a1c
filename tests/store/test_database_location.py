"""A database on a network share or a USB stick is refused with what to do instead."""
from __future__ import annotations

import pytest

from desktop.domain.errors import DomainError
from desktop.wording.messages import describe
from desktop.store import location
from desktop.store.database import open_database

MOUNTS = """\
sysfs /sys sysfs rw,nosuid 0 0
/dev/nvme0n1p2 / ext4 rw,relatime 0 0
/dev/nvme0n1p1 /boot/efi vfat rw 0 0
//fileserver/提案委 /mnt/share cifs rw,vers=3.0 0 0
fileserver:/export /home/clerk/nfs nfs4 rw 0 0
/dev/sdb1 /media/clerk/KINGSTON vfat rw,nosuid 0 0
/dev/sdc1 /mnt/data\\040disk ext4 rw 0 0
"""


@pytest.mark.parametrize(("path", "kind"), [
    ("/home/clerk/提案通/tiantong.db", None),
    ("/mnt/share/tiantong.db", "network"),
    ("/home/clerk/nfs/office/tiantong.db", "network"),
    ("/media/clerk/KINGSTON/tiantong.db", "removable"),
    ("/mnt/data disk/tiantong.db", None),
])
def test_where_a_file_lies_is_read_from_the_mount_table(path, kind):
    from pathlib import Path

    device, point, fstype = location.mount_of(Path(path), MOUNTS)
    assert location.classify(device, point, fstype, removable=False) == kind


def test_a_stick_the_kernel_calls_removable_is_refused_wherever_it_is_mounted():
    assert location.classify("/dev/sdc1", "/srv/stick", "ext4", removable=True) == "removable"


@pytest.mark.parametrize("kind", ["network", "removable"])
def test_opening_a_database_there_is_refused_with_the_reason(tmp_path, monkeypatch, kind):
    monkeypatch.setattr(location, "kind_of", lambda path: kind)
    with pytest.raises(DomainError) as refused:
        open_database(tmp_path / "office.db", create=True)
    assert refused.value.code == f"database_on_{kind}"
    sentence = describe(refused.value)
    assert str(tmp_path / "office.db") in sentence
    assert ("本机磁盘" in sentence) and not (tmp_path / "office.db").exists()


def test_this_machines_own_temporary_folder_is_a_local_disk(tmp_path):
    assert location.kind_of(tmp_path) is None
