"""导出文书 as a clerk uses it: choose the papers and the folder, watch it run, read the report;
asked before anything already there is replaced; a unit's clerk gets only the unit's papers."""
from __future__ import annotations

import docx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from desktop.domain.enums import UserRole
from desktop.services import users
from desktop.ui.dialogs import export_report, save_document
from desktop.ui.dialogs.export_dialog import ExportDialog
from desktop.ui.views.tracking_view import TrackingView
from desktop.ui.workspace import Workspace

from ...services.flows import two_replies
from .clerk import click_rows, show

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def answered(desk):
    two_replies(desk)
    desk.session.commit()
    return desk


@pytest.fixture
def reports(monkeypatch) -> list:
    """The report dialog is read, not waited for."""
    shown = []

    def exec_(dialog) -> int:
        shown.append(dialog)
        return 1
    monkeypatch.setattr(export_report.ExportReport, "exec", exec_)
    return shown


def dialog(qtbot, workspace, folder, kind="letters", **kw) -> ExportDialog:
    box = ExportDialog(workspace, kind, **kw)
    qtbot.addWidget(box)
    box.folder.setText(str(folder))
    box.to_pdf.setChecked(False)
    return box


def test_the_letters_of_the_meeting_go_into_the_chosen_folder(answered, workspace, qtbot,
                                                              tmp_path, reports):
    box = dialog(qtbot, workspace, tmp_path / "答复函")
    box.export()
    assert box.error.text() == "" and box.result() == ExportDialog.DialogCode.Accepted
    names = sorted(p.name for p in (tmp_path / "答复函").iterdir())
    assert len(names) == 3 and names[0] == "答复函_第1号_县教育局.docx"
    report = reports[0]
    assert report.summary.text().startswith("已写入 3 个文件到")
    assert report.details.toPlainText() == "没有跳过的文件。"
    assert docx.Document(str(tmp_path / "答复函" / names[0])).paragraphs[0].text == "测试县教育局"


def test_files_already_there_are_kept_when_the_clerk_says_skip(answered, workspace, qtbot,
                                                               tmp_path, reports, monkeypatch):
    tmp_path = tmp_path / "out"
    dialog(qtbot, workspace, tmp_path).export()
    edited = tmp_path / "答复函_第1号_县教育局.docx"
    edited.write_bytes(b"edited in Word")
    asked = []
    monkeypatch.setattr(ExportDialog, "_ask_overwrite",
                        lambda self, clash: asked.append(clash) or False)
    dialog(qtbot, workspace, tmp_path).export()
    assert len(asked[0]) == 3 and edited.read_bytes() == b"edited in Word"
    assert "跳过 答复函_第1号_县教育局.docx：文件已存在，未覆盖" in reports[-1].details.toPlainText()
    monkeypatch.setattr(ExportDialog, "_ask_overwrite", lambda self, clash: None)
    again = dialog(qtbot, workspace, tmp_path)
    again.export()  # the clerk thought again: nothing written, the dialog stays
    assert again.result() != ExportDialog.DialogCode.Accepted and len(reports) == 2


def test_nothing_to_export_is_said_under_the_form(desk, workspace, qtbot, tmp_path, reports):
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    box = dialog(qtbot, workspace, tmp_path)
    box.export()
    assert box.error.text() == "没有可导出的答复函：所选会议或单位还没有相关记录。"
    assert not reports and not list(tmp_path.iterdir())


def test_a_units_clerk_exports_only_the_units_papers(answered, qtbot, tmp_path, reports):
    tmp_path = tmp_path / "out"
    water = answered.unit("水利局")
    user = users.create_user(answered.session, answered.admin, "shuili", "水利局经办人",
                             UserRole.UNIT, "secret-456", unit_id=water.id)
    answered.session.commit()
    ws = Workspace(answered.db, users.actor_of(user), answered.meeting.id)
    box = dialog(qtbot, ws, tmp_path)
    kinds = [box.kind.itemData(i) for i in range(box.kind.count())]
    assert kinds == ["letters", "forms", "ledger", "stats"]
    assert not box.unit.isEnabled() and box.unit.currentData() == water.id
    box.export()
    assert [p.name for p in tmp_path.iterdir()] == ["答复函_第2号_县水利局.docx"]


def test_the_ledger_button_of_the_tracking_list_starts_with_the_ledger(answered, workspace,
                                                                      qtbot, monkeypatch):
    opened = []
    monkeypatch.setattr(ExportDialog, "exec", lambda self: opened.append(
        (self.kind.currentData(), self.per_proposal.isVisibleTo(self))))
    view = show(qtbot, TrackingView(workspace), workspace)
    button = next(b for b in view.findChildren(type(view.pane.papers[0]))
                  if b.text() == "导出台账…")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert opened == [("ledger", True)]


def test_the_reply_letter_is_saved_where_the_clerk_says_and_opened(answered, workspace, qtbot,
                                                                  tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(tmp_path / "给张三的答复.docx"), ""))
    monkeypatch.setattr(save_document, "open_path", opened.append)
    view = show(qtbot, TrackingView(workspace), workspace)
    click_rows(qtbot, view.table, "关于改善农村学校食堂条件的建议")
    letter, _form = view.pane.papers
    assert letter.isEnabled()
    qtbot.mouseClick(letter, Qt.MouseButton.LeftButton)
    assert opened == [tmp_path / "给张三的答复.docx"]
    assert docx.Document(str(opened[0])).paragraphs[0].text == "测试县教育局"


@pytest.mark.libreoffice
def test_with_libreoffice_the_batch_is_also_made_pdf_and_previewed(answered, workspace, qtbot,
                                                                   tmp_path, reports):
    tmp_path = tmp_path / "out"
    box = dialog(qtbot, workspace, tmp_path, kind="forms")
    box.to_pdf.setChecked(True)
    box.export()
    pdfs = sorted((tmp_path / "PDF").glob("*.pdf"))
    assert len(pdfs) == 3 and sorted(reports[0].pdfs) == pdfs
    from desktop.ui.dialogs.pdf_preview import PdfPreview
    preview = PdfPreview(pdfs)
    qtbot.addWidget(preview)
    assert preview.document.pageCount() == 1  # a 征询意见表 is one page
    assert preview.pages.text() == "共 1 页"


def test_the_assignment_list_offers_the_units_notice(answered, workspace, qtbot, monkeypatch):
    from desktop.ui.views.assign_pages import ListPage

    opened = []
    monkeypatch.setattr(ExportDialog, "exec", lambda self: opened.append(
        (self.kind.currentData(), self.notice.currentData(), self.unit.currentText())))
    page = show(qtbot, ListPage(workspace), workspace)
    page.refresh()
    page.unit.setCurrentIndex(page.unit.findData(answered.unit("教育局").id))
    qtbot.mouseClick(page.notice, Qt.MouseButton.LeftButton)
    assert opened == [("notices", "交办", "县教育局")]


def test_the_statistics_workbook_covers_what_the_statistics_screen_shows(
        answered, workspace, qtbot, tmp_path, reports, monkeypatch):
    from datetime import date

    import openpyxl

    from desktop.ui.views.statistics_view import StatisticsView
    from desktop.ui.widgets.form import to_qdate

    view = show(qtbot, StatisticsView(workspace), workspace)
    view.meeting.setCurrentIndex(0)  # 全部会议
    view.today.setDate(to_qdate(date(2023, 12, 31)))

    def run(self) -> int:
        self.folder.setText(str(tmp_path / "out"))
        self.export()
        return 1
    monkeypatch.setattr(ExportDialog, "exec", run)
    qtbot.mouseClick(view.export, Qt.MouseButton.LeftButton)
    [book] = (tmp_path / "out").glob("*.xlsx")
    assert book.name == "提案统计表_全部会议.xlsx"
    title = openpyxl.load_workbook(book)["总体"]["A1"].value
    assert title.startswith("全部会议 提案统计（截至2023年12月31日）")


def test_printing_a_batch_sends_one_combined_document(answered, workspace, qtbot, tmp_path,
                                                      monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    box = dialog(qtbot, workspace, tmp_path / "out")
    shown = []
    monkeypatch.setattr(export_report.ExportReport, "exec", lambda self: shown.append(self))
    box.export()
    printed, asked = [], []
    monkeypatch.setattr(export_report, "print_paths", printed.extend)
    monkeypatch.setattr(QMessageBox, "question", lambda _p, _t, text, *a: asked.append(text)
                        or QMessageBox.StandardButton.Yes)
    shown[0].print_all()
    assert asked[0].startswith("共 3 个文件，将合并为一个文件")
    [combined] = printed
    assert combined.name.startswith("合并打印_答复函_") and combined.parent == tmp_path / "out"
    assert len(docx.Document(str(combined)).sections) == 3
