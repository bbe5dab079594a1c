"""PDF by LibreOffice, when the PC has it: a batch in few headless processes (starting
LibreOffice costs seconds; converting a letter, a fraction of one).

One process given hundreds of files stops part way (245 of 920 letters, and exits 0), so files
go to it in runs of ``RUN`` and a file a run left unconverted is tried once more in a run of its
own; what still has no PDF is reported by name, never passed over."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from desktop.domain.errors import Cancelled, DomainError
from desktop.local.files import write_atomically

_WINDOWS_PLACES = ("PROGRAMFILES", "PROGRAMFILES(X86)", "LOCALAPPDATA")
RUN = 60  # files per LibreOffice process


def find_libreoffice() -> Path | None:
    """soffice on the PATH, or where the Windows and macOS installers put it."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return Path(found)
    places = []
    if sys.platform == "win32":
        places = [Path(os.environ[v]) / "LibreOffice" / "program" / "soffice.exe"
                  for v in _WINDOWS_PLACES if os.environ.get(v)]
    elif sys.platform == "darwin":
        places = [Path("/Applications/LibreOffice.app/Contents/MacOS/soffice")]
    else:
        places = sorted(Path("/opt").glob("libreoffice*/program/soffice"))
    return next((p for p in places if p.exists()), None)


def _grid_of_lines(source: Path, copy: Path) -> None:
    """A copy whose grid counts lines only.  Word squeezes 28 三号 characters into the 156 mm
    line; LibreOffice cannot, and gives a character narrower than its cell two cells (14 a
    line).  Without the character grid it sets 27 a line, the nearest it can come."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(copy, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = re.sub(rb'w:type="linesAndChars"', b'w:type="lines"', data)
            zout.writestr(item, data)


def to_pdf(files: list[Path], folder: Path, profile: Path,
           progress: Callable[[int, int], None] | None = None,
           soffice: Path | None = None) -> tuple[list[Path], list[tuple[str, str]]]:
    """Converts ``files`` into ``folder``; returns the PDFs written and the files that failed.

    LibreOffice runs with a profile of its own (``profile``): a LibreOffice the clerk has open
    would otherwise take the job over and the command return before anything is written.
    """
    soffice = soffice or find_libreoffice()
    if soffice is None:
        raise DomainError("libreoffice_missing")
    folder.mkdir(parents=True, exist_ok=True)
    written, failed = [], []
    with tempfile.TemporaryDirectory(prefix="tian-pdf-") as work:
        copies, made = [], Path(work) / "pdf"
        (Path(work) / "docx").mkdir()
        for source in files:
            copy = Path(work) / "docx" / source.name
            if source.suffix.lower() == ".docx":
                _grid_of_lines(source, copy)
            else:
                shutil.copyfile(source, copy)
            copies.append(copy)
        done = 0
        for start in range(0, len(copies), RUN):
            run = copies[start:start + RUN]
            _convert(soffice, run, made, profile, _counted(progress, done, len(files)))
            missing = [c for c in run if not (made / (c.stem + ".pdf")).exists()]
            if missing:  # once more, in a process of their own
                _convert(soffice, missing, made, profile, None)
            done += len(run)
        for source in files:  # into place whole: LibreOffice would write over a PDF in place
            converted = made / (source.stem + ".pdf")
            if not converted.exists():
                failed.append((source.name, "LibreOffice 未能转换"))
                continue
            target = folder / converted.name
            try:
                with write_atomically(target) as part:
                    shutil.copyfile(converted, part)
            except PermissionError:
                failed.append((source.name, "PDF 文件正被打开，关闭后再转换"))
                continue
            written.append(target)
    return written, failed


def _counted(progress: Callable[[int, int], None] | None, before: int, total: int):
    """A run's progress as the batch's: its n-th file is the batch's (before + n)-th."""
    if progress is None:
        return None
    return lambda done, _run_total: progress(before + done, total)


def _convert(soffice: Path, files: list[Path], folder: Path, profile: Path,
             progress: Callable[[int, int], None] | None) -> None:
    command = [str(soffice), f"-env:UserInstallation={profile.resolve().as_uri()}",
               "--headless", "--norestore", "--nolockcheck", "--convert-to", "pdf",
               "--outdir", str(folder), *map(str, files)]
    done = 0
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          stdin=subprocess.DEVNULL, text=True, errors="replace") as started:
        try:
            for line in started.stdout:  # "convert X -> Y using filter : writer_pdf_Export"
                if line.startswith("convert "):
                    done += 1
                    if progress:
                        progress(done, len(files))
        except (Cancelled, KeyboardInterrupt):
            started.kill()
            raise
