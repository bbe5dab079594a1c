"""A stand-in for LibreOffice's ``soffice --convert-to pdf`` that behaves as the real one does
at its worst: it converts at most ``stops_after`` files per process (the real one stopped after a
few hundred of 920 letters and exited 0) and never converts a file whose name holds ``refuses``.
It prints LibreOffice's own progress lines; its "PDF" is a one-line file."""
from __future__ import annotations

import sys
from pathlib import Path

SCRIPT = '''#!{python}
import sys
from pathlib import Path
args = sys.argv[1:]
out = Path(args[args.index("--outdir") + 1])
files = [a for a in args if a.endswith(".docx")]
out.mkdir(parents=True, exist_ok=True)
with open({log!r}, "a") as log:
    log.write(str(len(files)) + "\\n")
for n, name in enumerate(files):
    if n >= {stops_after}:
        break
    if {refuses!r} and {refuses!r} in Path(name).name:
        continue
    target = out / (Path(name).stem + ".pdf")
    target.write_bytes(b"%PDF-1.4 fake")
    print("convert " + name + " -> " + str(target) + " using filter : writer_pdf_Export", flush=True)
'''


def fake_soffice(folder: Path, stops_after: int = 10_000, refuses: str = "") -> Path:
    """An executable ``soffice`` in ``folder``; each run appends its file count to runs.log."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "soffice"
    path.write_text(SCRIPT.format(python=sys.executable, log=str(folder / "runs.log"),
                                  stops_after=stops_after, refuses=refuses), encoding="utf-8")
    path.chmod(0o755)
    return path


def runs(folder: Path) -> list[int]:
    log = folder / "runs.log"
    return [int(n) for n in log.read_text().split()] if log.exists() else []
