"""``tian sync export|import|conflicts``: 发送数据, 接收数据 and the conflict queue, exactly as
the 数据交换 screen does them.  An import prints its preview first; it applies after an
automatic backup, in one transaction, and exits 2 with one sentence when it is refused."""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from desktop.domain.actor import Actor
from desktop.services import backups, conflicts, exchange, receipts
from desktop.store.database import Database
from desktop.wording.records import OUTCOMES, receipt_counts, table_name, why

_ACTOR = Actor.system("命令行")
SHOWN = 200  # lines printed before "另有 N 件"


def add_parser(sub, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("sync", help="与其他站点交换数据（发送、接收、冲突）")
    what = p.add_subparsers(dest="what", metavar="操作", required=True, parser_class=type(p))
    export = what.add_parser("export", help="发送数据：为一个站点生成交换文件",
                             parents=[common], add_help=False)
    export.add_argument("--to", required=True, help="对方站点名称（tian site list 可查）")
    export.add_argument("--out", required=True, help="交换文件（.tian）或存放它的文件夹（如 U 盘）")
    receive = what.add_parser("import", help="接收数据：先列出将做的处理，再导入",
                              parents=[common], add_help=False)
    receive.add_argument("file", help="对方发来的交换文件（.tian）")
    receive.add_argument("--dry-run", action="store_true", help="只列出将做的处理，不写入")
    receive.add_argument("--confirm-deletions", action="store_true",
                         help="确认导入会删除大量记录的交换文件（第二次确认）")
    queue = what.add_parser("conflicts", help="列出待处理的冲突", parents=[common],
                            add_help=False)
    queue.add_argument("--json", action="store_true", help="以 JSON 输出")
    held = what.add_parser("held", help="因时钟超前暂未接收的修改：重新核对或舍弃",
                           parents=[common], add_help=False)
    choice = held.add_mutually_exclusive_group()
    choice.add_argument("--release", action="store_true",
                        help="时钟已校正后重新核对：不再超前的修改即导入")
    choice.add_argument("--discard", metavar="站点", help="舍弃该站点暂未接收的修改")


def cmd_sync(args: argparse.Namespace, database: Database) -> int:
    return {"export": _export, "import": _import, "conflicts": _conflicts,
            "held": _held}[args.what](args, database)


def _export(args: argparse.Namespace, database: Database) -> int:
    with database.session() as session:
        site = exchange.find_site(session, args.to)
        sent = exchange.send(session, _ACTOR, site.id, Path(args.out), database.attachments_dir)
    if len(sent.paths) > 1:
        print(f"修改较多，已分为 {len(sent.paths)} 个交换文件，请对方按顺序导入：")
        for path in sent.paths:
            print(f"  {path}")
    else:
        print(f"已生成交换文件：{sent.path}")
    print(f"含修改 {sent.changes} 条、附件 {sent.attachments} 个。")
    if sent.missing_files:
        print(f"另有 {sent.missing_files} 个附件在本机数据文件夹中找不到，未附上。")
    return 0


def _import(args: argparse.Namespace, database: Database) -> int:
    path = Path(args.file)
    with database.session() as session:
        preview = exchange.receive(session, _ACTOR, path, database.attachments_dir, apply=False)
    _print(preview)
    if preview.already_on is not None:
        return 0
    if args.dry_run:
        print("（试运行，未写入任何内容）")
        return 0
    if preview.nothing_to_do:
        with database.session() as session:  # recorded, so the sender stops resending it
            exchange.receive(session, _ACTOR, path, database.attachments_dir, apply=True)
        print("没有需要导入的新内容。")
        return 0
    if preview.large_deletions and not args.confirm_deletions:
        print("这个交换文件会删除大量记录，未导入；核实无误后请加 --confirm-deletions 再次导入。")
        return 2
    with database.session() as session:
        done = exchange.receive(
            session, _ACTOR, path, database.attachments_dir, apply=True,
            confirm_deletions=args.confirm_deletions,
            backup=(lambda: backups.automatic_backup(database, "接收数据前"))
            if database.path is not None else None)
    print(f"已导入：新增 {done.new_rows} 条、修改 {done.changed_rows} 条、删除 {done.deleted_rows} 条记录"
          f"{'，新增冲突 ' + str(done.conflicts) + ' 条' if done.conflicts else ''}。")
    return 0


def _print(receipt: receipts.Receipt) -> None:
    print(f"交换文件来自“{receipt.sender}”，含修改 {receipt.changes} 条。")
    if receipt.already_on is not None:
        print(f"这个交换文件已于 {receipt.already_on:%Y年%-m月%-d日 %H:%M} 导入过，本次不做任何改动。")
        return
    counts = receipt_counts(receipt)
    print("，".join(f"{name} {n}" for name, n in counts) + "。" if counts else "没有内容。")
    for line in receipt.lines[:SHOWN]:
        said = "；".join(why(r) for r in line.reasons) or "、".join(
            table_name(t) for t in line.records)
        print(f"  [{OUTCOMES[line.outcome]}] {line.label}{'：' + said if said else ''}")
    if len(receipt.lines) > SHOWN:
        print(f"  ……另有 {len(receipt.lines) - SHOWN} 件")
    for new, before in receipt.duplicates:
        print(f"  [疑似重复] {new} —— 与已录入的 {before} 相似，留待核对，未提交审查")
    if receipt.submitted:
        print(f"录入机提交的 {receipt.submitted} 件提案将进入审查。")
    for table, deleted, before in receipt.large_deletions:
        print(f"注意：将删除{table_name(table)} {deleted} 条（本机共 {before} 条）。")


def _conflicts(args: argparse.Namespace, database: Database) -> int:
    with database.session() as session:
        rows = conflicts.open_conflicts(session, _ACTOR)
        held = conflicts.held_back(session, _ACTOR)
    if not args.json:
        for site, count, latest in held:
            print(f"“{site}”的 {count} 条修改暂未接收：其时间（最晚 {latest:%Y年%-m月%-d日}）"
                  "超前本机一天以上，请对方核对电脑时钟后重新录入。")
    if args.json:
        print(json.dumps([{
            "id": r.conflict_id, "reason": r.reason, "sentence": r.sentence, "record": r.record,
            "field": r.field, "opened_at": r.opened_at.isoformat(),
            "choices": [{"value": c.value, "shown": c.shown, "site": c.site,
                         "when": c.when.isoformat(), "here": c.here} for c in r.choices],
        } for r in rows], ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print("没有待处理的冲突。")
        return 0
    print(f"待处理的冲突 {len(rows)} 条：")
    for r in rows:
        print(f"  {r.record}（{r.field}）：{r.sentence}")
        for c in r.choices:
            print(f"    {'本机' if c.here else c.site}（{c.when:%Y年%-m月%-d日 %H:%M}）：{c.shown}")
    return 0


def _held(args: argparse.Namespace, database: Database) -> int:
    with database.session() as session:
        if args.release:
            applied, still = conflicts.release_held(session, _ACTOR)
            print(f"已导入 {applied} 条；仍超前、继续暂不接收 {still} 条。")
            return 0
        if args.discard:
            gone = conflicts.discard_held(session, _ACTOR, args.discard)
            print(f"已舍弃“{args.discard}”暂未接收的修改 {gone} 条。")
            return 0
        held = conflicts.held_back(session, _ACTOR)
    if not held:
        print("没有暂未接收的修改。")
    for site, count, latest in held:
        print(f"“{site}”：{count} 条，时间最晚为 {latest:%Y年%-m月%-d日 %H:%M}")
    return 0
