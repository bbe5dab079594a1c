"""PDFs for a batch of hundreds: LibreOffice given too many files at once stops part way and
exits 0, so files go to it in runs, a file a run left is tried again, and a file that still has
no PDF is reported by name — the count of PDFs is the count of files, or the run says which."""
from __future__ import annotations

from pathlib import Path

import docx

from desktop.exporters import pdf

from .fake_office import fake_soffice, runs


def letters(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(1, count + 1):
        document = docx.Document()
        document.add_paragraph(f"第{n}号提案的答复")
        path = folder / f"答复函_第{n}号_县教育局.docx"
        document.save(str(path))
        paths.append(path)
    return paths


def test_a_batch_larger_than_one_libreoffice_run_is_converted_whole(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf, "RUN", 30)
    soffice = fake_soffice(tmp_path / "lo", stops_after=25)  # stops part way, as the real one
    files = letters(tmp_path / "docx", 70)
    seen = []
    written, failed = pdf.to_pdf(files, tmp_path / "PDF", tmp_path / "profile",
                                 lambda done, total: seen.append((done, total)), soffice=soffice)
    assert failed == [] and len(written) == 70
    assert sorted(p.stem for p in written) == sorted(p.stem for p in files)
    assert runs(tmp_path / "lo") == [30, 5, 30, 5, 10]  # each run, then what it left
    assert seen[-1] == (70, 70) and all(total == 70 for _, total in seen)


def test_a_file_libreoffice_cannot_convert_is_named_not_passed_over(tmp_path):
    soffice = fake_soffice(tmp_path / "lo", refuses="第7号")
    files = letters(tmp_path / "docx", 12)
    written, failed = pdf.to_pdf(files, tmp_path / "PDF", tmp_path / "profile", soffice=soffice)
    assert len(written) == 11
    assert failed == [("答复函_第7号_县教育局.docx", "LibreOffice 未能转换")]
