"""Where a database file may live: on this PC's own disk.  SQLite's locking is unreliable over
network shares (two PCs writing one file damage it) and a USB stick pulled out mid-write leaves
half a transaction; the office exchanges data by file instead (docs/sync.md)."""
from __future__ import annotations

import os
import sys
from pathlib import Path

NETWORK_FILESYSTEMS = {
    "nfs", "nfs4", "cifs", "smb3", "smbfs", "sshfs", "fuse.sshfs", "9p", "afs", "ncpfs",
    "davfs", "fuse.davfs2", "glusterfs", "fuse.glusterfs", "ceph", "fuse.rclone", "fuse.smbnetfs",
}
REMOVABLE_MOUNTS = ("/media/", "/run/media/", "/mnt/usb")
_WINDOWS_REMOVABLE, _WINDOWS_REMOTE = 2, 4  # GetDriveTypeW


def _unescape(field: str) -> str:
    """/proc/mounts writes a space in a mount point as \\040."""
    return field.replace("\\040", " ").replace("\\011", "\t").replace("\\134", "\\")


def mount_of(path: Path, mounts: str) -> tuple[str, str, str] | None:
    """(device, mount point, file system type) of the mount holding ``path``, from the text of
    /proc/self/mounts: the longest mount point that is a prefix of the path."""
    best = None
    text = str(path)
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        device, point, kind = _unescape(fields[0]), _unescape(fields[1]), fields[2]
        inside = text == point or text.startswith(point.rstrip("/") + "/")
        if inside and (best is None or len(point) > len(best[1])):
            best = (device, point, kind)
    return best


def _removable_device(device: str) -> bool:
    """/dev/sdb1 → /sys/class/block/sdb1/../removable (the whole disk says it)."""
    if not device.startswith("/dev/"):
        return False
    block = Path("/sys/class/block") / Path(os.path.realpath(device)).name
    for flag in (block / "removable", block.resolve().parent / "removable"):
        try:
            return flag.read_text().strip() == "1"
        except OSError:
            continue
    return False


def classify(device: str, point: str, kind: str, removable: bool) -> str | None:
    if kind in NETWORK_FILESYSTEMS or device.startswith("//"):
        return "network"
    if removable or point.startswith(REMOVABLE_MOUNTS):
        return "removable"
    return None


def _windows_kind(path: Path) -> str | None:
    import ctypes

    drive = os.path.splitdrive(str(path))[0]
    if drive.startswith("\\\\"):
        return "network"  # \\server\share
    kind = ctypes.windll.kernel32.GetDriveTypeW(f"{drive}\\")  # type: ignore[attr-defined]
    return {_WINDOWS_REMOTE: "network", _WINDOWS_REMOVABLE: "removable"}.get(kind)


def kind_of(path: Path) -> str | None:
    """"network", "removable" or None (this PC's own disk) for where ``path`` lies."""
    if sys.platform == "win32":
        return _windows_kind(path)
    try:
        mounts = Path("/proc/self/mounts").read_text()
    except OSError:
        return None  # macOS and others: not judged
    found = mount_of(path, mounts)
    if found is None:
        return None
    device, point, kind = found
    return classify(device, point, kind, _removable_device(device))
