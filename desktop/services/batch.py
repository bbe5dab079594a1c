"""Writing a batch of documents into a folder: readable names, never an unasked overwrite, never a
half-written file, and a report of what was written and what was skipped and why."""
from __future__ import annotations

import errno
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from desktop.domain.errors import Cancelled, DomainError
from desktop.local.files import write_atomically

Progress = Callable[[int, int], None]

_ILLEGAL = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


NAME_BYTES = 200  # of the 255 a file name may have (bytes on Linux, UTF-16 units on Windows),
# leaving room for the (2) of a second file of the same name and a partial file's suffix


def file_name(*parts: str, suffix: str = ".docx") -> str:
    """答复函_第123号_县教育局.docx: parts joined by _, characters Windows refuses replaced, cut
    to a length every file system takes (a Chinese character is three bytes in UTF-8)."""
    stem = "_".join(p.strip() for p in parts if p and p.strip())
    stem = _ILLEGAL.sub("－", stem)
    while len(stem.encode("utf-8")) + len(suffix) > NAME_BYTES:
        stem = stem[:-1]
    return stem.rstrip(". ") + suffix


@dataclass(frozen=True)
class Planned:
    """One file of a batch: its name and how to write it (called with the path to write; a
    ``long`` one, such as a compilation of thousands of pages, also with the progress)."""

    name: str
    write: Callable[..., None]
    long: bool = False


@dataclass
class BatchReport:
    folder: Path
    written: list[Path] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # file name, reason
    cancelled: bool = False
    disk_full: int = 0  # files not written because the disk filled up (the batch stopped)

    def summary(self) -> str:
        text = f"已写入 {len(self.written)} 个文件到 {self.folder}"
        if self.skipped:
            text += f"，跳过 {len(self.skipped)} 个"
        if self.cancelled:
            text += "（已取消，其余未写）"
        if self.disk_full:
            text += f"；磁盘空间不足，其余 {self.disk_full} 个未写入，请清理空间后重新导出"
        return text + "。"


def distinct(plans: list[Planned]) -> list[Planned]:
    """Two plans with one name (a unit's two rounds of reply) become 名称_2, 名称_3."""
    seen: dict[str, int] = {}
    out = []
    for plan in plans:
        count = seen.get(plan.name, 0) + 1
        seen[plan.name] = count
        if count > 1:
            stem, dot, suffix = plan.name.rpartition(".")
            plan = Planned(f"{stem}_{count}{dot}{suffix}", plan.write, plan.long)
        out.append(plan)
    return out


def existing(folder: Path, plans: list[Planned]) -> list[str]:
    """The names that are already in the folder: the clerk is asked before they are replaced."""
    return [p.name for p in plans if (folder / p.name).exists()]


ALREADY_THERE = "文件已存在，未覆盖"


def usable_folder(folder: Path) -> None:
    """The folder exists (made if missing) and takes a file; else one sentence before anything
    is written (a path naming a file, a read-only folder, a stick pulled out)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".tian-", suffix=".probe"):
            pass
    except OSError:
        raise DomainError("export_folder_unusable", folder=str(folder)) from None


def write_batch(plans: list[Planned], folder: Path, overwrite: bool = False,
                progress: Progress | None = None) -> BatchReport:
    """Each file is written beside itself as .part and renamed when whole; a file already there
    is skipped unless ``overwrite``; a file open in Word is skipped with that reason; a full disk
    stops the batch.  Cancelling (progress raising :class:`Cancelled`) keeps what was written."""
    usable_folder(folder)
    report = BatchReport(folder)
    total = len(plans)
    for done, plan in enumerate(plans):
        try:
            if progress:
                progress(done, total)
        except Cancelled:
            report.cancelled = True
            report.skipped += [(p.name, "已取消") for p in plans[done:]]
            return report
        target = folder / plan.name
        if target.exists() and not overwrite:
            report.skipped.append((plan.name, ALREADY_THERE))
            continue
        try:
            with write_atomically(target) as part:
                if plan.long and progress:
                    plan.write(part, progress)
                else:
                    plan.write(part)
        except PermissionError:
            report.skipped.append((plan.name, "文件正被 Word 或 WPS 打开，关闭后再导出"))
            continue
        except OSError as exc:
            if exc.errno == errno.ENOSPC:
                report.disk_full = total - done
                return report
            raise
        except Cancelled:
            report.cancelled = True
            report.skipped += [(p.name, "已取消") for p in plans[done:]]
            return report
        report.written.append(target)
    if progress:
        progress(total, total)
    return report
