"""Writing a file whole or not at all: a crash, a full disk or a cancelled job leaves the old file
or the new one, never half of one, and no temporary behind."""
from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from desktop.domain.errors import DomainError

def problem_of_os(exc: BaseException) -> DomainError | None:
    """The clerk's sentence for the system refusing a file (a path too long, a full disk, no
    permission, a write-protected stick); None for anything else."""
    if not isinstance(exc, OSError):
        return None
    path = str(exc.filename or "")
    if len(path) > 80:  # the sentence names where, not the whole path
        path = f"{path[:40]}…{path[-30:]}"
    if exc.errno == errno.ENAMETOOLONG:
        return DomainError("path_too_long", path=path)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return DomainError("disk_full")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return DomainError("no_permission", path=path)
    if exc.errno == errno.EROFS:
        return DomainError("read_only_place", path=path)
    return None


@contextmanager
def write_atomically(target: Path, suffix: str = ".part") -> Iterator[Path]:
    """Yields a temporary path beside ``target`` (same folder, so the rename is atomic) for the
    caller to write; when the block ends well the file is flushed to disk, renamed onto
    ``target`` and the folder flushed too, so the new name survives a power cut.  On any
    exception, a cancel included, the temporary is removed and ``target`` stays as it was."""
    target = Path(target)
    partial = target.with_name(target.name + suffix)
    try:
        yield partial
        _flush(partial)
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    _flush_folder(target.parent)


def _flush(path: Path) -> None:
    with open(path, "rb+") as f:  # Windows flushes only a file opened for writing
        os.fsync(f.fileno())


def _flush_folder(folder: Path) -> None:
    """The rename itself is in the folder's entry; Windows cannot open a folder to flush it."""
    if os.name == "nt":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:  # some file systems (network shares) refuse: the rename is done regardless
        pass
    finally:
        os.close(fd)


_TEMP = "tmp"
_STALE_SECONDS = 24 * 3600


def _alive(pid: int) -> bool:
    if os.name == "nt":  # os.kill would end the process there; age alone decides
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


@contextmanager
def own_temporaries(data_dir: Path) -> Iterator[Path]:
    """Libraries' temporary files (openpyxl writes each sheet to one) go to a folder of this
    process under the data folder, removed when the block ends; the folders a killed process
    left behind are removed the next time, so a killed export leaks nothing for long."""
    import shutil
    import tempfile
    import time

    root = Path(data_dir) / _TEMP
    root.mkdir(parents=True, exist_ok=True)
    for old in root.iterdir():
        pid = old.name.split("-")[0]
        age = time.time() - old.stat().st_mtime
        if pid.isdigit() and int(pid) != os.getpid() and (
                not _alive(int(pid)) or age > _STALE_SECONDS):
            shutil.rmtree(old, ignore_errors=True)
    folder = Path(tempfile.mkdtemp(prefix=f"{os.getpid()}-", dir=root))
    before, tempfile.tempdir = tempfile.tempdir, str(folder)
    try:
        yield folder
    finally:
        tempfile.tempdir = before
        shutil.rmtree(folder, ignore_errors=True)
