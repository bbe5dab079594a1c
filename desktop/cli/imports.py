"""``tian import roster FILE [--dry-run]``: what the import dialog does, from the command line.

The preview is printed first; the import applies exactly those lines (the file is read once),
after an automatic backup, in one transaction."""
from __future__ import annotations

import argparse
from pathlib import Path

from desktop.domain.actor import Actor
from desktop.services import backups, roster
from desktop.services.roster import ACTION_NAMES, LineAction
from desktop.store.database import Database

SHOWN = 200  # lines printed before "另有 N 行": a roster of thousands is read in the dialog


def add_parser(sub, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("import", help="从 Excel 导入（委员名册）")
    what = p.add_subparsers(dest="what", metavar="内容", required=True, parser_class=type(p))
    r = what.add_parser("roster", help="导入委员名册（.xlsx，第一个工作表）", parents=[common],
                        add_help=False)
    r.add_argument("file", help="名册文件（.xlsx）")
    r.add_argument("--dry-run", action="store_true", help="只列出将做的处理，不写入")


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
