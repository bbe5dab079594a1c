"""``tian import roster|ledger FILE [--dry-run]``: what the import dialogs do, from the command line.

The preview is printed first; the import applies exactly those lines (the file is read once),
after an automatic backup, in one transaction."""
from __future__ import annotations

import argparse
from pathlib import Path

from desktop.domain.actor import Actor
from desktop.domain.errors import DomainError
from desktop.gate.workbook import column_name
from desktop.services import backups, base_data, ledger_files, ledger_returns, legacy_ledgers, roster
from desktop.services.legacy_ledgers import LegacyPreview
from desktop.sync.ledger_headers import FIELD_NAMES
from desktop.wording.labels import label
from desktop.services.ledger_returns import ReturnAction
from desktop.services.roster import ACTION_NAMES, LineAction
from desktop.store.database import Database

from .printing import print_statistics

SHOWN = 200  # lines printed before "另有 N 行": a roster of thousands is read in the dialog


def add_parser(sub, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("import", help="从 Excel 导入（委员名册、台账）")
    what = p.add_subparsers(dest="what", metavar="内容", required=True, parser_class=type(p))
    r = what.add_parser("roster", help="导入委员名册（.xlsx，第一个工作表）", parents=[common],
                        add_help=False)
    r.add_argument("file", help="名册文件（.xlsx）")
    r.add_argument("--dry-run", action="store_true", help="只列出将做的处理，不写入")
    ledger = what.add_parser("ledger", help="导入台账：承办单位交回的答复台账，或本委以往的台账",
                             parents=[common], add_help=False)
    ledger.add_argument("file", help="台账文件（.xlsx）")
    ledger.add_argument("--dry-run", action="store_true", help="只列出将做的处理，不写入")
    ledger.add_argument("--meeting", help="以往台账所属的会议，如 十届一次会议（答复台账不需要）")
    ledger.add_argument("--units", help="单位名单（.csv 或 .xlsx：单位名称、系统两列）")
    ledger.add_argument("--create-units", action="store_true",
                        help="新建台账中出现、名单中没有的承办单位（系统按名称推测，先用 --dry-run 核对）")


def _print_plan(plan: roster.RosterPreview) -> None:
    counts = "，".join(f"{ACTION_NAMES[a]} {plan.count(a)} 人" for a in LineAction if plan.count(a))
    print(f"工作表“{plan.sheet}”共 {len(plan.lines)} 行：{counts or '没有内容'}。")
    worth = [line for line in plan.lines if line.action is not LineAction.SAME]
    for line in worth[:SHOWN]:
        sector = f"（{line.sector}）" if line.sector else ""
        note = f"：{line.note}" if line.note else ""
        print(f"  第{line.row}行 {line.name or '（无姓名）'}{sector} {ACTION_NAMES[line.action]}{note}")
    if len(worth) > SHOWN:
        print(f"  ……另有 {len(worth) - SHOWN} 行")


def cmd_import(args: argparse.Namespace, database: Database) -> int:
    if args.what == "ledger":
        return _import_ledger(args, database)
    with database.session() as session:
        plan = roster.preview(session, Path(args.file))
    _print_plan(plan)
    if args.dry_run:
        print("（试运行，未写入任何内容）")
        return 0
    if not (plan.count(LineAction.NEW) or plan.count(LineAction.UPDATE)):
        print("没有需要导入的内容。")
        return 0
    if database.path is not None:
        backups.automatic_backup(database, "导入名册前")
    with database.session() as session:
        roster.import_roster(session, Actor.system("命令行导入名册"), plan)
    print(f"已导入：新增 {plan.count(LineAction.NEW)} 人，更新 {plan.count(LineAction.UPDATE)} 人。")
    return 0


def _print_return(plan: ledger_returns.ReturnPreview) -> None:
    print(f"{plan.unit}交回的答复台账（{plan.meeting}，{plan.exported}导出）：{plan.counts()}。")
    worth = [line for line in plan.lines if line.action is not ReturnAction.SAME or
             line.locked_changed]
    for line in worth[:SHOWN]:
        where = f"第{line.row}行" if line.row else "（已删去）"
        both = f"：本机 {line.office}，台账 {line.ledger}" if line.office or line.ledger else ""
        print(f"  {where} {line.proposal} {ledger_returns.ACTION_NAMES[line.action]}{both}"
              f"{'：' + line.note if line.note else ''}")
    if len(worth) > SHOWN:
        print(f"  ……另有 {len(worth) - SHOWN} 行")


def _import_ledger(args: argparse.Namespace, database: Database) -> int:
    actor = Actor.system("命令行导入台账")
    sheets, sealed = ledger_files.read_ledger(Path(args.file))
    if not sealed:
        return _import_legacy(args, database, actor, sheets)
    with database.session() as session:  # a dry run rehearses; an import reports afterwards
        plan = ledger_returns.preview_return(session, actor, Path(args.file), sheets,
                                             rehearse=args.dry_run)
    if args.dry_run or not plan.count(ReturnAction.FILL):
        _print_return(plan)
        print("（试运行，未写入任何内容）" if args.dry_run else "没有需要记录的内容。")
        return 0
    if database.path is not None:
        backups.automatic_backup(database, "导入答复台账前")
    with database.session() as session:
        done = ledger_returns.apply_return(session, actor, plan)
    _print_return(plan)
    print(f"已记录：答复 {done.replies} 件，沟通 {done.contacts} 次，签收 {done.accepted} 件"
          + (f"；{done.refused} 行在导入时被拒绝，见上" if done.refused else "") + "。")
    return 0


def _print_legacy(plan: LegacyPreview) -> None:
    print(f"以往台账 {plan.path.name} → {plan.meeting}：")
    for sheet in plan.sheets:
        if not sheet.taken:
            print(f"  工作表“{sheet.title}”：{sheet.why}")
            continue
        rows = "–".join(str(r) for r in (sheet.header.rows[0], sheet.header.rows[-1]))
        rows = rows if len(set(sheet.header.rows)) > 1 else str(sheet.header.rows[0])
        columns = "，".join(f"{FIELD_NAMES[f]}←{column_name(i)}（{sheet.header.names[i]}）"
                           for f, i in sorted(sheet.mapping.items(), key=lambda m: m[1]))
        decision = f"，整表按“{label(sheet.decision)}”导入" if sheet.decision else ""
        print(f"  工作表“{sheet.title}”：表头在第{rows}行{decision}；{columns}")
        print(f"    {len(sheet.proposals)} 件提案；跳过 {len(sheet.skipped)} 行，不能读的 "
              f"{len(sheet.unreadable)} 行")
        for skip in (sheet.skipped + sheet.unreadable)[:SHOWN]:
            print(f"    第{skip.row}行：{skip.why}")
    if plan.already:
        print(f"  本会议已有、不再导入：{len(plan.already)} 件（{'、'.join(plan.already[:5])}……）")
    if plan.new_units:
        verb = "将新建" if plan.create_units else "不在单位名单中（加 --create-units 新建）"
        print(f"  {verb}的承办单位 {len(plan.new_units)} 个：" + "；".join(
            f"{name}（{label(system)}）" for name, system in plan.new_units.items()))
    if plan.new_members:
        print(f"  将新建的委员 {len(plan.new_members)} 人：{'、'.join(list(plan.new_members)[:20])}")
    if plan.unknown_categories:
        print(f"  分类表中没有、将不分类的：{'、'.join(plan.unknown_categories)}")
    if plan.figures:
        print(f"导入后 {plan.meeting} 的统计：")
        print_statistics(plan.figures)


def _import_legacy(args: argparse.Namespace, database: Database, actor: Actor, sheets) -> int:
    if not args.meeting:
        raise DomainError("ledger_meeting_required")
    systems = ledger_files.read_unit_list(Path(args.units)) if args.units else {}
    with database.session() as session:
        meeting = base_data.find_meeting(session, args.meeting)
        plan = legacy_ledgers.preview_legacy(session, actor, Path(args.file), meeting.id, sheets,
                                             unit_systems=systems, create_units=args.create_units,
                                             figures=args.dry_run)  # the import gives them
    if args.dry_run or not plan.imported:
        _print_legacy(plan)
        print("（试运行，未写入任何内容）" if args.dry_run else "没有需要导入的提案。")
        return 0
    if plan.new_units and not plan.create_units:
        _print_legacy(plan)
        plan.check()
    if database.path is not None:
        backups.automatic_backup(database, "导入以往台账前")
    with database.session() as session:
        made = legacy_ledgers.apply_legacy(session, actor, plan)
    _print_legacy(plan)
    print(f"已导入 {made} 件提案。")
    return 0
