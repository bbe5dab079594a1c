"""Screenshots of every screen, for looking at by eye (not a test; the PNGs stay out of git).

    xvfb-run -s "-screen 0 1366x768x24" .venv/bin/python -m tests.ui.screens OUT_DIR

Runs on a real X server (Xvfb) with the system's CJK font (fonts-noto-cjk), at 1366×768,
the common office laptop, on a demo database made in a temporary folder.
"""
from __future__ import annotations

import os
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget


def _settle(app: QApplication, ms: int = 150) -> None:
    done = []
    QTimer.singleShot(ms, lambda: done.append(1))
    while not done:
        app.processEvents()


def _shot(app: QApplication, widget: QWidget, out: Path, name: str) -> None:
    widget.show()
    _settle(app)
    widget.grab().save(str(out / f"{name}.png"))
    print(out / f"{name}.png")


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="tian-screens-"))
    os.environ["TIAN_HOME"] = str(home)
    from desktop.domain.actor import Actor
    from desktop.local.paths import base_data_dir, default_database
    from desktop.services import base_data, demo, setup, users
    from desktop.store.database import open_database
    from desktop.ui.dialogs.decisions import MergeDialog, NumberPreviewDialog, ReasonDialog
    from desktop.ui.dialogs.decisions import SplitDialog
    from desktop.ui.first_run import FirstRunWizard
    from desktop.ui.login import LoginDialog
    from desktop.ui.main_window import MainWindow
    from desktop.ui.start import Opening, make_application
    from desktop.ui.workspace import Workspace
    from desktop.wording.labels import REJECT_REASONS
    from desktop.domain.enums import HandlingStatus, State, UserRole
    from desktop.store.models import Assignment
    from desktop.ui.dialogs.evaluation import EvaluationDialog
    from desktop.ui.dialogs.handling import ContactDialog, ExtendDialog
    from desktop.ui.dialogs.reply import ReplyDialog
    from desktop.ui.dialogs.roster_import import RosterDialog
    from desktop.ui.dialogs.supervise import SuperviseDialog
    from openpyxl import Workbook
    from desktop.services import numbering, proposal_list, review

    app = make_application([])
    empty = open_database(home / "empty.db", create=True)
    wizard = FirstRunWizard(empty)
    wizard.resize(640, 460)
    _shot(app, wizard, out, "00_first_run_start")
    wizard.next()
    wizard.office_name.setText("政协××县委员会")
    _shot(app, wizard, out, "01_first_run")
    wizard.next()
    _shot(app, wizard, out, "02_first_run_meeting")
    wizard.next()
    _shot(app, wizard, out, "03_first_run_admin")

    database = open_database(default_database(), create=True)
    with database.session() as session:
        setup.initialize(session, "政协示范县委员会", "admin123", base_dir=base_data_dir())
        demo.generate(session, Actor.system("演示数据"), 600)
    from desktop.services import backups
    backups.automatic_backup(database, "启动")
    opening = Opening(database.path)
    opening.database = database
    login = LoginDialog(opening.authenticate, "政协示范县委员会", "admin")
    login.password.setText("wrong")
    login.log_in_button.click()
    _shot(app, login, out, "04_login_refused")
    with database.session() as session:
        actor = users.authenticate(session, "admin", "admin123")
        meeting = base_data.current_meeting(session)
    workspace = Workspace(database, actor, meeting.id)
    window = MainWindow(workspace, "政协示范县委员会")
    window.resize(1366, 768)
    window.show_view("录入")
    form = window.entry.form
    form.title.setText("关于盘活地下停车资源缓解城区停车难的建议")
    form.body.setPlainText("近年来，我县机动车保有量快速增长，城区停车难问题日益突出。")
    window.entry.similar.look_now()
    _shot(app, window, out, "05_entry")
    form.title.clear()
    form.show_error("请填写案由。", "title")
    _shot(app, window, out, "06_entry_required_field")
    form.show_error(None)
    window.show_view("审查立案")
    window.review.table.selectRow(0)
    _shot(app, window, out, "07_review_first_level")
    window.review.show_queue("终审")
    window.review.table.selectRow(0)
    _shot(app, window, out, "08_review_final_level")
    window.review.show_queue("已立案")
    _shot(app, window, out, "09_review_filed")
    reason = ReasonDialog("不予立案", "所选 1 件不予立案。理由（将告知提案人）：", "不予立案", REJECT_REASONS)
    _shot(app, reason, out, "10_reject_reason")
    rows = workspace.read_as(proposal_list.page, proposal_list.ProposalFilter(meeting.id),
                          limit=3)
    _shot(app, MergeDialog(rows), out, "11_merge")
    _shot(app, SplitDialog(rows[0].title, "一是……\n二是……"), out, "12_split")
    final = proposal_list.ProposalFilter(meeting.id, (State.IN_REVIEW,), 3)
    unnumbered = [r.id for r in workspace.read_as(proposal_list.page, final, limit=3)]
    workspace.act(review.file, unnumbered)
    preview = workspace.read_as(numbering.preview_numbers, unnumbered)
    by_id = {r.id: r for r in workspace.read_as(proposal_list.page_of_ids, [p for p, _ in preview])}
    _shot(app, NumberPreviewDialog([(by_id[p], n) for p, n in preview]), out, "13_numbers")
    window.search_box.setText("停车")
    window.search_box.returnPressed.emit()
    window.search_view.table.selectRow(0)
    _shot(app, window, out, "14_search")
    window.show_view("交办")
    assign = window.views["交办"]
    assign.table.selectRow(0)
    _shot(app, window, out, "15_assign")
    for index, shot in ((2, "16_assign_requests"), (3, "17_assign_list")):
        assign.tabs.setCurrentIndex(index)
        _shot(app, window, out, shot)
    window.show_view("办理跟踪")
    track = window.views["办理跟踪"]
    track.unsatisfied.setChecked(True)  # a year with 二次办理 has the longest timeline
    track.table.selectRow(0)
    _shot(app, window, out, "18_tracking")
    track.unsatisfied.setChecked(False)
    track.overdue.setChecked(True)
    track.table.selectRow(0)
    _shot(app, window, out, "19_tracking_overdue")
    track.overdue.setChecked(False)
    track.status.setCurrentIndex(track.status.findData(HandlingStatus.HANDLING))
    track.table.selectRow(0)
    view = track.pane.view
    for maker, shot in ((ReplyDialog, "20_reply"), (EvaluationDialog, "21_evaluation"),
                        (ContactDialog, "22_contact"), (ExtendDialog, "23_extend")):
        dialog = maker(workspace, view, window)
        if shot == "20_reply":
            dialog.accept()  # no category chosen: the sentence the clerk sees
        _shot(app, dialog, out, shot)
        dialog.close()
    with database.session() as session:
        unit_id = session.get(Assignment, view.assignment_id).unit_id
        clerk = users.create_user(session, Actor.system(), "unitclerk", "单位经办人",
                                  UserRole.UNIT, "secret-123", unit_id=unit_id)
        unit_actor = users.actor_of(clerk)
    unit_window = MainWindow(Workspace(database, unit_actor, meeting.id), "政协示范县委员会")
    unit_window.resize(1366, 768)
    unit_window.show_view("办理跟踪")
    unit_window.views["办理跟踪"].table.selectRow(0)
    _shot(app, unit_window, out, "24_tracking_unit_mode")
    window.show_view("重点督办")
    supervised = window.views["重点督办"]
    supervised.table.selectRow(0)
    _shot(app, window, out, "25_supervision")
    dialog = SuperviseDialog(workspace, None, window)
    dialog.find.setText("停车")
    _shot(app, dialog, out, "26_supervise")
    dialog.close()
    window.show_view("统计")
    _shot(app, window, out, "27_statistics")
    window.views["统计"].tabs.setCurrentIndex(1)
    _shot(app, window, out, "28_statistics_by_system")
    from desktop.ui.dialogs.excellent import ExcellentDialog
    from desktop.ui.dialogs.export_dialog import ExportDialog
    choosing = ExcellentDialog(workspace, meeting.id, window)
    choosing.model.ticked.update(row.id for row in choosing.model.rows[1:3])
    _shot(app, choosing, out, "28a_excellent_candidates")
    choosing.close()
    drafting = ExportDialog(workspace, "report", parent=window, meeting_id=meeting.id)
    _shot(app, drafting, out, "28b_report_draft")
    drafting.close()
    window.show_view("首页")
    _shot(app, window, out, "29_dashboard")
    unit_window.show_view("首页")
    _shot(app, unit_window, out, "30_dashboard_unit_mode")
    unit_window.close()
    window.show_view("基础数据")
    base = window.views["基础数据"]
    _shot(app, window, out, "31_base_members")
    book = Workbook()
    for row in (["政协示范县委员会委员名册"], ["序号", "姓 名", "界别", "工作单位及职务", "联系电话"],
                [1, "欧阳  明", "经济", "县供销社主任", 13912345678],
                [2, "周 红", "教育界", "县一中副校长", ""], [3, "王强", "无此界", "某单位", ""],
                [4, "", "医卫界", "县医院", ""], [5, "刘\u200b洋", "农业界", "县农业农村局", 5718888666],
                [6, "张三、李四", "经济界", "某公司", ""]):
        book.active.append(row)
    book.save(home / "名册.xlsx")
    importing = RosterDialog(workspace, window)
    importing.load(home / "名册.xlsx")
    _shot(app, importing, out, "32_roster_preview")
    importing.close()
    for title, shot in (("承办单位", "33_base_units"), ("用户和角色", "34_base_users"),
                        ("本会设置", "35_base_settings"), ("文书设置", "36_base_documents"),
                        ("备份与恢复", "40_base_backups")):
        base.show_tab(title)
        _shot(app, window, out, shot)
    _documents(app, window, workspace, home, out)
    _ledgers(app, window, workspace, home, out)
    _exchange(app, window, workspace, home, out)
    from desktop.ui.dialogs.about import AboutDialog
    _shot(app, AboutDialog(database.path, window), out, "41_about")


def _documents(app, window, workspace, home: Path, out: Path) -> None:
    """导出文书: the dialog, its report, and the PDFs previewed."""
    from desktop.exporters import pdf
    from desktop.services import exports
    from desktop.services.batch import write_batch
    from desktop.ui.dialogs.export_dialog import ExportDialog
    from desktop.ui.dialogs.export_report import ExportReport

    dialog = ExportDialog(workspace, "letters", parent=window)
    _shot(app, dialog, out, "37_export_dialog")
    dialog.close()
    request = exports.ExportRequest("forms", workspace.meeting_id)
    plans = workspace.read_as(exports.plan, request)[:6]
    folder = home / "导出"
    write_batch(plans, folder)
    report = write_batch(plans, folder)  # the second time: every file is already there
    report.written, report.skipped = [folder / p.name for p in plans[:4]], report.skipped[4:]
    pdfs = []
    if pdf.find_libreoffice():
        pdfs, _ = pdf.to_pdf(report.written[:2], folder / "PDF", home / "lo-profile")
    _shot(app, ExportReport(report, pdfs, window), out, "38_export_report")
    if pdfs:
        from desktop.ui.dialogs.pdf_preview import PdfPreview
        preview = PdfPreview(pdfs, window)
        preview.resize(700, 740)
        _settle(app, 600)
        _shot(app, preview, out, "39_pdf_preview")


def _ledgers(app, window, workspace, home: Path, out: Path) -> None:
    """台账: the sealed 答复台账 sent out, one come back, and a ledger of a past year mapped."""
    from openpyxl import load_workbook
    from sqlalchemy import select

    from desktop.services import ledger_files, ledger_returns, reply_ledgers
    from desktop.store.models import Assignment, Unit
    from desktop.ui.dialogs.export_dialog import ExportDialog
    from desktop.ui.dialogs.ledger_import import ReturnDialog
    from desktop.ui.dialogs.legacy_import import LegacyDialog
    from tests.sync.ledgers import Entry, per_proposal

    dialog = ExportDialog(workspace, "reply_ledgers", parent=window)
    _shot(app, dialog, out, "50_reply_ledger_export")
    dialog.close()
    with workspace.database.session() as session:
        unit_id = session.scalars(select(Assignment.unit_id).where(
            Assignment.meeting_id == workspace.meeting_id, Assignment.category.is_(None),
            Assignment.ended.is_(None), Assignment.role == "lead").join(
            Unit, Unit.id == Assignment.unit_id).order_by(Unit.position)).first()
        sent = reply_ledgers.export_for_reply(session, workspace.actor, unit_id,
                                              workspace.meeting_id, home / "台账")
    book = load_workbook(sent)
    sheet = book["答复台账"]
    header = [c.value for c in sheet[3]]
    done = 0
    for row in range(4, sheet.max_row + 1):
        cell = sheet.cell(row, header.index("答复类别") + 1)
        if cell.value or done >= 3:
            continue
        assigned = sheet.cell(row, header.index("交办日期") + 1).value
        sheet.cell(row, header.index("答复日期") + 1, assigned + timedelta(days=30))
        cell.value = "AB"[done % 2]
        sheet.cell(row, header.index("是否面商") + 1, "是")
        if done == 1:
            sheet.cell(row, header.index("案由") + 1, "（单位改过的案由）")
        done += 1
    book.save(home / "交回的答复台账.xlsx")
    sheets, _ = ledger_files.read_ledger(home / "交回的答复台账.xlsx")
    plan = workspace.read_as(ledger_returns.preview_return, home / "交回的答复台账.xlsx", sheets)
    returned = ReturnDialog(workspace, plan, window)
    returned.resize(1100, 600)
    _shot(app, returned, out, "51_reply_ledger_return")
    returned.close()
    entries = [Entry(f"{n:03d}", f"关于{topic}的建议", lead, [(unit, "主办")] + (
                   [("县财政局", "协办")] if n % 3 == 0 else []), "ABAC"[n % 4],
                     date(2022, 4, 1) + timedelta(days=7 * n), face=n % 5 != 0,
                     rating=("满意", "基本满意")[n % 2], sector="经济界")
               for n, (topic, lead, unit) in enumerate((
                   ("发展油茶产业", "张伟", "县农业农村局"), ("规范夜市经营", "王芳", "县夜市服务中心"),
                   ("改善农村学校食堂条件", "李娜", "县教育局"), ("治理城区停车难", "刘洋", "县公安局"),
                   ("加强河道保洁", "陈静", "县水利局")), start=1)]
    entries.append(Entry("006", "关于为某企业减免税费的建议", "欧阳明", decision="不予立案"))
    path = per_proposal(home / "2022年提案办理台账.xlsx", entries, meeting="十届一次会议")
    sheets, _ = ledger_files.read_ledger(path)
    legacy = LegacyDialog(workspace, path, sheets, window)
    legacy.resize(1100, 760)
    _shot(app, legacy, out, "52_legacy_ledger")
    legacy.close()


def _exchange(app, window, workspace, home: Path, out: Path) -> None:
    """数据交换: the sites, a unit's package previewed, a conflict, inviting; joining a site."""
    from sqlalchemy import select

    from datetime import timedelta

    from desktop.domain.enums import AssignmentRole, ContactForm, ReplyCategory, State
    from desktop.services import assignment, base_data, enrolment, entry, exchange, handling
    from desktop.store.database import open_database
    from desktop.store.models import Assignment, Proposal
    from desktop.ui.dialogs.invite import InviteDialog
    from desktop.ui.dialogs.receive import ReceiveDialog
    from desktop.ui.first_run import FirstRunWizard
    from desktop.ui.main_window import MainWindow
    from desktop.ui.workspace import Workspace

    database, admin = workspace.database, workspace.actor

    def joined(name: str, kind: str, unit: str | None = None):
        folder = home / name
        with database.session() as session:
            made = enrolment.invite(session, admin, name, kind, folder, database.attachments_dir,
                                    unit=unit)
        site_db = open_database(folder / "site.db", create=True)
        with site_db.session() as session:
            done = enrolment.join(session, made.path, "secret-789", site_db.attachments_dir)
        with database.session() as session:
            enrolment.accept(session, admin, done.answer)
        return made, site_db, done.actor

    _, second, second_admin = joined("主任笔记本", "office")
    with database.session() as session:
        pid = session.scalar(select(Proposal.id).where(Proposal.status == State.IN_REVIEW))
        entry.edit(session, admin, pid, title="关于盘活城区地下停车资源的建议")
        to_second = exchange.send(session, admin, _site_of(second), home, database.attachments_dir)
    with second.session() as session:
        entry.edit(session, second_admin, pid, title="关于缓解城区停车难的建议")
        office_id = exchange.find_site(session, "政协示范县委员会").id
        back = exchange.send(session, second_admin, office_id, home, second.attachments_dir)
        exchange.receive(session, second_admin, to_second.path, second.attachments_dir,
                         apply=True)
    with database.session() as session:
        exchange.receive(session, admin, back.path, database.attachments_dir, apply=True)
    with database.session() as session:  # three papers just given to 县教育局
        bureau = base_data.find_unit(session, "县教育局").id
        for filed in session.scalars(select(Proposal.id).where(
                Proposal.status == State.FILED).limit(3)).all():
            assignment.assign(session, admin, filed, lead=bureau)
    _, unit_db, unit_admin = joined("县教育局", "unit", "县教育局")
    with unit_db.session() as session:
        rows = session.scalars(select(Assignment).where(
            Assignment.unit_id == unit_admin.unit_id, Assignment.role != AssignmentRole.ASSIST,
            Assignment.replied_round.is_(None), Assignment.ended.is_(None)).limit(3)).all()
        for row in rows:
            on = row.assigned_on + timedelta(3)
            if row.accepted_on is None:
                assignment.accept(session, unit_admin, row.id, on=on)
            handling.record_contact(session, unit_admin, row.id, ContactForm.FACE, on,
                                    members="提案人", unit_people="分管副局长")
            handling.reply(session, unit_admin, row.id, handling.ReplyInput(
                ReplyCategory.B, on + timedelta(5), signer="局长"))
        office_id = exchange.find_site(session, "政协示范县委员会").id
        from_unit = exchange.send(session, unit_admin, office_id, home, unit_db.attachments_dir)
    window.show_view("数据交换")
    view = window.views["数据交换"]
    view.reload()
    view.sites.table.selectRow(1)
    _shot(app, window, out, "42_exchange_sites")
    preview = ReceiveDialog(workspace, from_unit.path, window)
    _shot(app, preview, out, "43_exchange_receive_preview")
    preview.close()
    view.tabs.setCurrentWidget(view.conflicts)
    view.conflicts.table.selectRow(0)
    _shot(app, window, out, "44_exchange_conflicts")
    invite = InviteDialog(workspace, window)
    _shot(app, invite, out, "45_exchange_invite")
    invite.close()
    with database.session() as session:
        laptop = enrolment.invite(session, admin, "录入机A", "entry", home / "录入机A",
                                  database.attachments_dir)
    wizard = FirstRunWizard(open_database(home / "laptop.db", create=True))
    wizard.resize(640, 460)
    wizard.show()  # a wizard shown for the first time starts again at its first page
    wizard.joining.setChecked(True)
    wizard.next()
    wizard.invitation.setText(str(laptop.path))
    wizard.join_password.setText("secret-789")
    wizard.join_repeat.setText("secret-789")
    _shot(app, wizard, out, "46_first_run_join")
    wizard.next()
    _shot(app, wizard, out, "47_first_run_joined")
    unit_window = MainWindow(Workspace(unit_db, unit_admin, None), "县教育局")
    unit_window.resize(1366, 768)
    unit_window.show_view("数据交换")
    unit_window.views["数据交换"].sites.table.selectRow(1)
    _shot(app, unit_window, out, "48_exchange_unit_mode")
    unit_window.close()
    for site_db in (second, unit_db):
        site_db.close()


def _site_of(database) -> str:
    from sqlalchemy import select

    from desktop.store.models import Site
    with database.session() as session:
        return session.scalar(select(Site.id).where(Site.local.is_(True)))


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "screens"))
