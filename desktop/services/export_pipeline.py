"""One export from plan to report, for ``tian export`` and the 导出文书 dialog alike: plan the
files, ask before replacing any already there, write the batch, turn the Word files into PDF,
and hand back the report.

The caller says how a long step runs (the screens: on the worker behind a progress dialog whose
cancel makes ``progress`` raise :class:`Cancelled`; the command line: in place, printing its
progress) and how the clerk is asked about replacing files; the question is asked between two
steps, in the caller's own thread.  Nothing here knows Qt."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from desktop.domain.errors import Cancelled
from desktop.exporters import combine, pdf
from desktop.local.files import own_temporaries, write_atomically
from desktop.local.paths import cache_dir, data_dir

from .batch import BatchReport, Planned, Progress, existing, write_batch
from .exports import DocumentKind

# runs ``work(progress)`` under the words that say what it does, and returns its result
Step = Callable[[str, Callable[[Progress], Any]], Any]
PDF_FOLDER = "PDF"  # inside the export's folder


@dataclass
class ExportOutcome:
    """What happened, for the caller to say in its own words: nothing to export (``empty``),
    the clerk thought again (no ``report``), or the report and the PDFs made, if any."""

    report: BatchReport | None = None
    pdfs: list[Path] | None = None  # None: no PDF asked for, or no Word file written
    empty: bool = False  # the meeting or unit has nothing of the kind
    pdf_failed: list[str] | None = None  # Word files that did not become PDF: the run failed


def pdf_profile() -> Path:
    """LibreOffice's own profile (see :func:`pdf.to_pdf`), in the cache folder: never beside
    the database."""
    return cache_dir() / "libreoffice-profile"


def can_make_pdf() -> bool:
    return pdf.find_libreoffice() is not None


def one_file(plans: list[Planned], out: Path) -> tuple[list[Planned], Path]:
    """``--out 台账.xlsx`` names the one file a ledger, workbook or compilation is."""
    if len(plans) == 1 and out.suffix.lower() == Path(plans[0].name).suffix:
        return [Planned(out.name, plans[0].write, plans[0].long)], out.parent
    return plans, out


def run_export(kind: DocumentKind, planned: Callable[[], list[Planned]], out: Path,
               ask_overwrite: Callable[[list[str]], bool | None], step: Step,
               pdf_profile: Path | None = None, out_may_name_file: bool = False,
               ) -> ExportOutcome:
    """``ask_overwrite(names)`` of the files already there: True replaces them, False skips
    them, None stops before anything is written.  ``pdf_profile`` asks for PDFs too; a cancel
    while converting keeps the Word files and says so in the report."""
    plans = step(f"正在准备{kind.label}……", lambda progress: planned())
    if not plans:
        return ExportOutcome(empty=True)
    plans, folder = one_file(plans, out) if out_may_name_file else (plans, out)
    clash = existing(folder, plans)
    overwrite = ask_overwrite(clash) if clash else False
    if overwrite is None:
        return ExportOutcome()
    with own_temporaries(data_dir()):
        report = step(f"正在导出{kind.label}（共 {len(plans)} 个文件）……",
                      lambda progress: write_batch(plans, folder, overwrite, progress))
    documents = [p for p in report.written if p.suffix == ".docx"] + _without_pdf(report, folder)
    if pdf_profile is None or not kind.word or not documents:
        return ExportOutcome(report)
    try:
        pdfs, failed = step(f"正在转为 PDF（共 {len(documents)} 个文件）……",
                            lambda progress: pdf.to_pdf(documents, folder / PDF_FOLDER,
                                                        pdf_profile, progress))
    except Cancelled:
        report.skipped.append(("PDF", "转换已取消，Word 文件已保存"))
        return ExportOutcome(report, [])
    report.skipped += [(name, f"{reason}（PDF）") for name, reason in failed]
    return ExportOutcome(report, pdfs, pdf_failed=[name for name, _ in failed])


def _without_pdf(report: BatchReport, folder: Path) -> list[Path]:
    """Word files of this batch already in the folder (not replaced) that have no PDF yet: asked
    for PDFs again, the clerk gets them."""
    kept = [folder / name for name, _ in report.skipped if name.endswith(".docx")]
    return [p for p in kept if p.exists() and not (folder / PDF_FOLDER / f"{p.stem}.pdf").exists()]


def combined_name(folder: Path, first: Path) -> Path:
    """合并打印_答复函_20261129_1945.docx: a name of its own, never one of the batch's."""
    kind = first.stem.split("_")[0]
    stem = f"合并打印_{kind}_{datetime.now():%Y%m%d_%H%M}"
    target, n = folder / f"{stem}.docx", 1
    while target.exists():
        n += 1
        target = folder / f"{stem}_{n}.docx"
    return target


def combine_for_print(documents: list[Path], folder: Path,
                      progress: Progress | None = None) -> Path:
    """A batch's Word files as one document in ``folder``, so they print as one job."""
    target = combined_name(folder, documents[0])
    with write_atomically(target) as part:
        combine.combined(documents, progress).save(str(part))
    return target
