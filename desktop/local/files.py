"""Writing a file whole or not at all: a crash, a full disk or a cancelled job leaves the old file
or the new one, never half of one, and no temporary behind."""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


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
