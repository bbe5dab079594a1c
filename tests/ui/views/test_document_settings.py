"""文书设置 as the office's administrator uses it: the letters' details, its own templates."""
from __future__ import annotations


import pytest
from PySide6.QtWidgets import QFileDialog

from desktop.exporters import templates
from desktop.services import base_data
from desktop.ui.dialogs.export_dialog import templates_folder
from desktop.ui.views.documents_page import DocumentsPage

from .clerk import show


pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def page(workspace, qtbot) -> DocumentsPage:
    return show(qtbot, DocumentsPage(workspace), workspace)


def test_a_units_own_document_number_and_the_copies_are_saved(page, workspace):
    page.unit_numbers.setPlainText("县教育局＝县教函〔{year}〕{n}号\n财政局=县财函〔{year}〕{n}号")
    page.copies_to.setPlainText("县政协提案委员会\n县政府督查室\n")
    page.print_disclosure.setChecked(False)
    page.rehandled_reply_title.setText("关于{meeting}{number}提案的再次答复")
    page.notice_number.setText("{county}政协提字〔{year}〕{n}号")
    page.office_contact.setText("王芳")
    page.category_names.setPlainText("C＝留作参考")
    page.save()
    assert page.error.text() == "" and page.saved.text().startswith("文书设置已保存")
    saved = workspace.read(base_data.office_settings).documents
    assert saved.doc_numbers_by_unit == {"县教育局": "县教函〔{year}〕{n}号",
                                         "县财政局": "县财函〔{year}〕{n}号"}
    assert saved.copies_to == ("县政协提案委员会", "县政府督查室")
    assert not saved.print_disclosure and saved.office_contact == "王芳"
    assert saved.rehandled_reply_title == "关于{meeting}{number}提案的再次答复"
    assert saved.notice_number == "{county}政协提字〔{year}〕{n}号"
    assert saved.category_names == {"C": "留作参考"}


def test_a_wrong_pattern_or_unit_is_refused_and_the_typing_stays(page, workspace):
    page.doc_number.setText("{short}函〔{yaer}〕{n}号")
    page.save()
    assert "{short}函〔{yaer}〕{n}号" in page.error.text()
    assert page.doc_number.text() == "{short}函〔{yaer}〕{n}号"
    page.doc_number.setText("{short}函〔{year}〕{n}号")
    page.unit_numbers.setPlainText("县不存在局＝县函〔{year}〕{n}号")
    page.save()
    assert page.error.text() == "没有名为“县不存在局”的单位，请检查单位名称或简称。"
    assert workspace.read(base_data.office_settings).documents.doc_numbers_by_unit == {}


def test_an_offices_template_without_a_style_is_refused_naming_it(page, workspace, tmp_path,
                                                                  monkeypatch):
    broken = templates.build_reference()
    broken.styles["版记"].delete()
    path = tmp_path / "我们的答复函.docx"
    broken.save(str(path))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    page.choose_template("答复函")
    assert page.error.text() == ("模板 我们的答复函.docx 缺少样式“版记”，请在模板中添加同名样式，"
                                 "或改用程序自带的模板。")
    assert not (templates_folder(workspace) / "答复函.docx").exists()
    good = tmp_path / "好模板.docx"
    templates.build_reference().save(str(good))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(good), ""))
    page.choose_template("答复函")
    assert (templates_folder(workspace) / "答复函.docx").read_bytes() == good.read_bytes()
    assert page.saved.text() == "答复函已改用本单位模板。"
    page.reset_template("答复函")
    assert not (templates_folder(workspace) / "答复函.docx").exists()


def test_the_page_says_which_document_fonts_this_pc_lacks(page):
    text = page.fonts.text()
    for font in ("方正小标宋简体", "仿宋_GB2312", "楷体_GB2312", "黑体"):
        assert font in text
