"""``tian export letters|forms|notices|proposals|compilation|ledger|stats|report --out PATH``."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop.domain.actor import Actor
from desktop.domain.errors import DomainError
from desktop.services import base_data, reply_ledgers
from desktop.services.batch import ALREADY_THERE
from desktop.services.document_setup import templates_folder
from desktop.services.export_pipeline import PDF_FOLDER, pdf_profile, run_export
from desktop.services.exports import DOCUMENT_KINDS, ExportRequest, document_kind, plan
from desktop.store.database import Database
from desktop.wording.messages import describe

from .usage import system_of


def add_parser(sub, date_type) -> None:
    kinds = "、".join(f"{k.key}（{k.label}）" for k in DOCUMENT_KINDS.values())
    p = sub.add_parser("export", help="导出文书和表格（答复函、通知、征询意见表、汇编、台账、统计表、"
                                      "工作报告草稿）")
    p.add_argument("kind", choices=list(DOCUMENT_KINDS), metavar="种类", help=f"可选：{kinds}")
    p.add_argument("--out", required=True, help="导出到的文件夹（台账、统计表、汇编也可写文件名）")
    p.add_argument("--meeting", help="会议名称，如 十届二次会议（默认：当前会议）")
    p.add_argument("--unit", help="只导出某承办单位的，如 县教育局")
    p.add_argument("--system", help="工作报告：只写某系统的办理情况，如 政府系统")
    p.add_argument("--per-proposal", action="store_true", help="台账每件提案一行（默认每个承办单位一行）")
    p.add_argument("--today", type=date_type, default=None, help="催办和统计的截止日期（默认今天）")
    p.add_argument("--notice", choices=list(document_kind("notices").notices), metavar="通知",
                   help="只导出一种通知：交办、不予立案（含转意见建议）、催办（默认全部）")
    p.add_argument("--pdf", action="store_true",
                   help="同时用 LibreOffice 转为 PDF（在输出文件夹的 PDF 子文件夹中）")
    p.add_argument("--overwrite", action="store_true", help="覆盖已存在的同名文件（默认跳过）")
    p.add_argument("--for-reply", action="store_true",
                   help="台账：生成交给承办单位填写答复的答复台账（须同时用 --unit 指明单位）")


def _for_reply(args: argparse.Namespace, session, meeting_id: str, unit_id: str | None) -> int:
    if args.kind != "ledger" or unit_id is None:
        raise DomainError("reply_ledger_usage")
    out = Path(args.out)
    target = out if out.suffix.lower() == ".xlsx" else None
    if target is not None and target.exists() and not args.overwrite:
        print(f"{target} 已存在，未覆盖（加 --overwrite 覆盖）。", file=sys.stderr)
        return 2
    made = reply_ledgers.export_for_reply(session, Actor.system("cli"), unit_id, meeting_id, out)
    print(f"已导出答复台账：{made}")
    return 0


SHOWN = 30  # skipped files named one by one before "……另有 N 个"


def _options_fit(args: argparse.Namespace, kind) -> None:
    """An option the kind has no use for is refused, not silently ignored."""
    uses = {"--notice": lambda k: bool(k.notices), "--per-proposal": lambda k: k.per_proposal,
            "--unit": lambda k: k.unit_filter, "--system": lambda k: k.system_filter}
    for option, given in (("--notice", args.notice), ("--per-proposal", args.per_proposal),
                          ("--unit", args.unit), ("--system", args.system)):
        if given and not uses[option](kind):
            users = [k.label for k in DOCUMENT_KINDS.values() if uses[option](k)]
            raise DomainError("export_option_not_for_kind", option=option, kind=kind.label,
                              kinds="、".join(users))


def cmd_export(args: argparse.Namespace, database: Database) -> int:
    kind = document_kind(args.kind)
    if not args.for_reply:
        _options_fit(args, kind)
    with database.session() as session:
        if args.meeting:
            meeting = base_data.find_meeting(session, args.meeting)
        else:
            meeting = base_data.current_meeting(session)
            if meeting is None:
                print("还没有会议，请先在基础数据中添加届次和会议，或用 --meeting 指定。",
                      file=sys.stderr)
                return 2
        unit_id = base_data.find_unit(session, args.unit).id if args.unit else None
        if args.for_reply:
            return _for_reply(args, session, meeting.id, unit_id)
        request = ExportRequest(args.kind, meeting.id, unit_id, args.per_proposal, args.today,
                                templates_folder(database.data_dir), args.notice,
                                system_of(args.system))

        def ask_overwrite(clash: list[str]) -> bool:
            if not args.overwrite:
                print(f"{len(clash)} 个文件已存在，将跳过（加 --overwrite 覆盖）。", file=sys.stderr)
            return args.overwrite

        def progress(done: int, total: int) -> None:
            if total > 20 and done % 50 == 0 and done:
                print(f"  {done}/{total}", flush=True)  # stderr keeps its one sentence
        outcome = run_export(
            kind, lambda: plan(session, Actor.system("cli"), request), Path(args.out),
            ask_overwrite, lambda _text, work: work(progress),
            pdf_profile() if args.pdf else None, out_may_name_file=True)
    if outcome.empty:
        print(f"没有可导出的{kind.label}（所选会议或单位还没有相关记录）。")
        return 0
    report = outcome.report
    if outcome.pdfs is not None:
        print(f"已转出 PDF {len(outcome.pdfs)} 个到 {report.folder / PDF_FOLDER}。")
    print(report.summary())
    there = [name for name, reason in report.skipped if reason == ALREADY_THERE]
    if there:  # a re-run of 920 letters says so once, not 920 times
        print(f"  跳过已存在的文件 {len(there)} 个（如 {there[0]}；加 --overwrite 覆盖）")
    others = [(name, reason) for name, reason in report.skipped if reason != ALREADY_THERE]
    for name, reason in others[:SHOWN]:
        print(f"  跳过 {name}：{reason}")
    if len(others) > SHOWN:
        print(f"  ……另有 {len(others) - SHOWN} 个")
    if outcome.pdf_failed:
        print(describe(DomainError("pdf_incomplete", count=len(outcome.pdf_failed),
                                   first=outcome.pdf_failed[0])), file=sys.stderr)
        return 2
    if report.disk_full:
        print(describe(DomainError("disk_full_export", left=report.disk_full, folder=report.folder)),
              file=sys.stderr)
        return 2
    return 0
