"""One export from plan to report, as the command line and the 导出文书 dialog both run it: the
kinds said once, the clerk asked before anything is replaced, nothing to export said as such."""
from __future__ import annotations

from pathlib import Path

import docx
import pytest

from desktop.domain.errors import NotAllowed
from desktop.exporters.templates import REFERENCE_DIR
from desktop.services import document_setup
from desktop.services.batch import Planned
from desktop.services.export_pipeline import combine_for_print, run_export
from desktop.services.exports import DOCUMENT_KINDS, document_kind, template_names


def text(content: str):
    def write(path: Path) -> None:
        path.write_text(content, encoding="utf-8")
    return write


def in_place(steps: list[str]):
    def step(words: str, work):
        steps.append(words)
        return work(lambda done, total: None)
    return step


LETTERS = document_kind("letters")


def test_every_template_a_kind_names_is_one_the_program_has():
    names = template_names()
    assert sorted(names) == sorted(p.stem for p in REFERENCE_DIR.glob("*.docx"))
    assert [s.kind for s in document_setup.template_states(Path("/nowhere"))] == names


def test_what_a_units_clerk_may_export_and_what_may_be_narrowed_to_a_unit():
    assert [k.key for k in DOCUMENT_KINDS.values() if k.for_units] == [
        "letters", "forms", "ledger", "stats"]
    assert [k.key for k in DOCUMENT_KINDS.values() if not k.unit_filter] == [
        "proposals", "compilation", "report"]
    assert [k.key for k in DOCUMENT_KINDS.values() if k.system_filter] == ["report"]
    assert [k.key for k in DOCUMENT_KINDS.values() if not k.word] == [
        "ledger", "stats", "reply_ledgers"]
    with pytest.raises(NotAllowed):
        document_kind("letter")


def test_the_files_are_planned_written_and_reported(tmp_path):
    steps: list[str] = []
    plans = [Planned("答复函_第1号_县教育局.docx", text("一")),
             Planned("答复函_第2号_县水利局.docx", text("二"))]
    outcome = run_export(LETTERS, lambda: plans, tmp_path, lambda clash: pytest.fail(),
                         in_place(steps))
    assert steps == ["正在准备答复函……", "正在导出答复函（共 2 个文件）……"]
    assert [p.name for p in outcome.report.written] == [p.name for p in plans]
    assert outcome.pdfs is None and not outcome.empty


def test_nothing_to_export_writes_nothing_and_says_so(tmp_path):
    outcome = run_export(LETTERS, list, tmp_path / "out", lambda clash: pytest.fail(),
                         in_place([]))
    assert outcome.empty and outcome.report is None and not (tmp_path / "out").exists()


@pytest.mark.parametrize(("answer", "kept"), [(True, False), (False, True), (None, True)])
def test_the_clerk_is_asked_before_files_already_there_are_replaced(tmp_path, answer, kept):
    (tmp_path / "答复函_第1号_县教育局.docx").write_text("edited in Word", encoding="utf-8")
    plans = [Planned("答复函_第1号_县教育局.docx", text("new")),
             Planned("答复函_第2号_县水利局.docx", text("二"))]
    asked = []
    outcome = run_export(LETTERS, lambda: plans, tmp_path,
                         lambda clash: asked.append(clash) or answer, in_place([]))
    assert asked == [["答复函_第1号_县教育局.docx"]]
    edited = (tmp_path / "答复函_第1号_县教育局.docx").read_text(encoding="utf-8")
    assert (edited == "edited in Word") is kept
    if answer is None:  # thought again: nothing written at all
        assert outcome.report is None and not (tmp_path / "答复函_第2号_县水利局.docx").exists()


def test_an_out_path_with_the_suffix_names_the_one_file(tmp_path):
    ledger = document_kind("ledger")
    outcome = run_export(ledger, lambda: [Planned("提案办理台账.xlsx", text("x"))],
                         tmp_path / "台账2023.xlsx", lambda clash: False, in_place([]),
                         out_may_name_file=True)
    assert outcome.report.written == [tmp_path / "台账2023.xlsx"]


def test_excel_workbooks_are_not_turned_into_pdf(tmp_path):
    ledger = document_kind("ledger")
    outcome = run_export(ledger, lambda: [Planned("提案办理台账.xlsx", text("x"))], tmp_path,
                         lambda clash: False, in_place([]), pdf_profile=tmp_path / "profile")
    assert outcome.pdfs is None and not (tmp_path / "PDF").exists()


def test_a_batch_printed_twice_is_combined_under_names_of_its_own(tmp_path):
    from desktop.exporters.templates import build_reference

    letters = []
    for n in (1, 2):
        document = build_reference()
        document.add_paragraph(f"第{n}号", style="公文正文")
        letters.append(tmp_path / f"答复函_第{n}号_县教育局.docx")
        document.save(str(letters[-1]))
    first = combine_for_print(letters, tmp_path)
    second = combine_for_print(letters, tmp_path)
    assert first.name.startswith("合并打印_答复函_") and second != first
    assert len(docx.Document(str(second)).sections) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [p.name for p in letters] + [first.name, second.name])


def _letter(n: int):
    def write(path: Path) -> None:
        document = docx.Document()
        document.add_paragraph(f"第{n}号")
        document.save(str(path))
    return Planned(f"答复函_第{n}号_县教育局.docx", write)


def test_asked_again_for_pdfs_the_files_already_there_get_theirs(tmp_path, monkeypatch):
    """The second run skips the Word files it finds, and still makes the PDFs they lack."""
    from desktop.exporters import pdf

    from ..exporters.fake_office import fake_soffice
    soffice = fake_soffice(tmp_path / "lo", refuses="第2号")
    monkeypatch.setattr(pdf, "find_libreoffice", lambda: soffice)
    plans = [_letter(n) for n in (1, 2, 3)]
    first = run_export(LETTERS, lambda: plans, tmp_path / "out", lambda clash: False,
                       in_place([]), pdf_profile=tmp_path / "profile")
    assert [p.name for p in first.pdfs] == ["答复函_第1号_县教育局.pdf", "答复函_第3号_县教育局.pdf"]
    assert first.pdf_failed == ["答复函_第2号_县教育局.docx"]
    monkeypatch.setattr(pdf, "find_libreoffice", lambda: fake_soffice(tmp_path / "lo2"))
    again = run_export(LETTERS, lambda: plans, tmp_path / "out", lambda clash: False,
                       in_place([]), pdf_profile=tmp_path / "profile")
    assert again.report.written == [] and len(again.report.skipped) == 3
    assert [p.name for p in again.pdfs] == ["答复函_第2号_县教育局.pdf"] and not again.pdf_failed
