"""PDF through LibreOffice (a batch in one process) and the check of the documents' fonts."""
from __future__ import annotations


import docx
import pytest

from desktop.domain.errors import DomainError
from desktop.exporters import fonts, pdf, reply_letter

from .samples import letter, pages



@pytest.mark.libreoffice
def test_a_batch_of_letters_becomes_pdfs_in_one_run(tmp_path):
    short, long = tmp_path / "答复函_第1号.docx", tmp_path / "答复函_第2号.docx"
    reply_letter.render(letter(1, 1)).save(str(short))
    reply_letter.render(letter(2, 20)).save(str(long))
    before = short.read_bytes()
    seen = []
    written, failed = pdf.to_pdf([short, long], tmp_path / "pdf", tmp_path / "profile",
                                 progress=lambda done, total: seen.append((done, total)))
    assert not failed and [p.name for p in written] == ["答复函_第1号.pdf", "答复函_第2号.pdf"]
    assert seen == [(1, 2), (2, 2)]  # one LibreOffice reporting both files
    assert pages(written[0]) == 1
    assert pages(written[1]) >= 3  # 20 paragraphs of 72 characters: about 55 lines
    assert short.read_bytes() == before  # the clerk's .docx is converted from a copy


def test_without_libreoffice_the_clerk_is_told_to_print_the_docx(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf, "find_libreoffice", lambda: None)
    with pytest.raises(DomainError) as refused:
        pdf.to_pdf([tmp_path / "a.docx"], tmp_path, tmp_path / "profile")
    assert refused.value.code == "libreoffice_missing"


def test_the_libreoffice_copy_keeps_the_line_grid_but_not_the_character_grid(tmp_path):
    source, copy = tmp_path / "a.docx", tmp_path / "b.docx"
    reply_letter.render(letter(1, 1)).save(str(source))
    pdf._grid_of_lines(source, copy)
    grid = docx.Document(str(copy)).sections[0]._sectPr.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}docGrid")
    assert grid.get(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}type") == "lines"
    assert grid.get(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}linePitch") == "579"


def test_a_stock_windows_pc_is_told_the_fallback_of_each_office_font():
    stock = ["宋体", "仿宋", "楷体", "黑体", "Arial"]
    checks = {c.font: c for c in fonts.check_fonts(stock)}
    assert set(checks) >= {"方正小标宋简体", "仿宋_GB2312", "楷体_GB2312", "黑体", "宋体"}
    assert checks["仿宋_GB2312"].sentence() == "仿宋_GB2312：未安装，将以仿宋代替"
    assert checks["楷体_GB2312"].fallback == "楷体"
    assert checks["方正小标宋简体"].sentence() == "方正小标宋简体：未安装，标题将以宋体加粗代替"
    assert checks["黑体"].present and checks["宋体"].present
    summary = fonts.missing_summary(list(checks.values()))
    assert summary.startswith("本机缺少公文字体：") and "仿宋_GB2312（以仿宋代替）" in summary
    assert "方正小标宋简体（以宋体加粗代替）" in summary
    assert "黑体" not in summary


def test_fonts_are_found_by_their_english_names_too():
    english = ["SimSun", "FangSong", "KaiTi", "SimHei", "STZhongsong", "FangSong_GB2312",
               "KaiTi_GB2312", "FZXiaoBiaoSong-B05S"]
    checks = fonts.check_fonts(english)
    assert all(c.present for c in checks)
    assert fonts.missing_summary(checks) == ""
    office = {c.font: c for c in fonts.check_fonts(["STZhongsong", "FangSong"])}
    assert office["方正小标宋简体"].fallback == "华文中宋"


def test_a_pc_with_no_chinese_fonts_hears_that_word_picks_its_default():
    checks = {c.font: c for c in fonts.check_fonts(["DejaVu Sans"])}
    assert checks["仿宋_GB2312"].sentence() == "仿宋_GB2312：未安装，也没有可代替的字体，Word 将用默认字体"
