"""``tian site list|invite|accept|retire``: the sites this installation exchanges packages with,
and enrolling a new one (an invitation file out, its answer back after the fingerprints were
read to each other by phone)."""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from desktop.domain.actor import Actor
from desktop.domain.enums import SiteKind
from desktop.services import enrolment, exchange, sites
from desktop.store.database import Database
from desktop.wording.dates import chinese_moment
from desktop.wording.labels import label

_ACTOR = Actor.system("命令行")


def add_parser(sub, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("site", help="数据交换的站点（列出、邀请、接受回执、停用）")
    what = p.add_subparsers(dest="what", metavar="操作", required=True, parser_class=type(p))

    def command(name: str, text: str):
        return what.add_parser(name, help=text, parents=[common], add_help=False)

    command("list", "列出站点及其密钥指纹").add_argument("--json", action="store_true",
                                                      help="以 JSON 输出")
    invite = command("invite", "邀请新站点：生成邀请文件，新站点用它加入")
    invite.add_argument("--name", required=True, help="站点名称，如 县教育局、录入机A")
    invite.add_argument("--kind", required=True, choices=[k.value for k in SiteKind],
                        help="office（第二台提案委电脑）、entry（录入机）、unit（承办单位）")
    invite.add_argument("--unit", help="承办单位站点对应的单位，如 县教育局")
    invite.add_argument("--phones", action="store_true", help="承办单位也可看到委员的电话")
    invite.add_argument("--out", required=True, help="邀请文件（.tian）或存放它的文件夹")
    accept = command("accept", "接受新站点的回执（先与对方电话核对密钥指纹）")
    accept.add_argument("file", help="回执文件（.tian）")
    accept.add_argument("--fingerprint", help="电话中对方念的指纹；给出时必须一致")
    command("retire", "停用站点：以后不再接收它的数据，历史保留").add_argument(
        "name", help="站点名称")


def cmd_site(args: argparse.Namespace, database: Database) -> int:
    return {"list": _list, "invite": _invite, "accept": _accept, "retire": _retire}[args.what](
        args, database)


def _list(args: argparse.Namespace, database: Database) -> int:
    with database.session() as session:
        rows = sites.site_rows(session, _ACTOR)
    if args.json:
        print(json.dumps([{**row.__dict__, "last_sent": _iso(row.last_sent),
                           "last_received": _iso(row.last_received)} for row in rows],
                         ensure_ascii=False, indent=2))
        return 0
    for row in rows:
        where = "（本机）" if row.here else ("（已停用）" if row.retired else "")
        unit = f"，{row.unit}" if row.unit else ""
        print(f"{row.name}{where}：{label(SiteKind(row.kind))}{unit}")
        print(f"  密钥指纹：{row.fingerprint or '尚未收到回执'}")
        if not row.here:
            sent = chinese_moment(row.last_sent) if row.last_sent else "从未"
            received = chinese_moment(row.last_received) if row.last_received else "从未"
            print(f"  上次发送：{sent}；上次接收：{received}；上次确认后本机新增修改 {row.waiting} 条")
    return 0


def _invite(args: argparse.Namespace, database: Database) -> int:
    with database.session() as session:
        made = enrolment.invite(session, _ACTOR, args.name, args.kind, Path(args.out),
                                database.attachments_dir, unit=args.unit, phones=args.phones)
    print(f"已生成邀请文件：{made.path}（含 {made.changes} 条数据）")
    for path in made.more:
        print(f"  后续数据文件：{path}（新站点加入后用 tian sync import 按顺序导入）")
    print(f"本机密钥指纹：{made.fingerprint}")
    print("请把邀请文件带到新站点，用“加入本县提案系统”（tian init --join）创建；"
          "再把它生成的回执带回本机，用 tian site accept 接受。")
    return 0


def _accept(args: argparse.Namespace, database: Database) -> int:
    with database.session() as session:
        done = enrolment.accept(session, _ACTOR, Path(args.file), args.fingerprint)
    if done.already:
        print(f"站点“{done.name}”的回执此前已接受，未做改动。")
    else:
        print(f"已接受站点“{done.name}”，今后可与它交换数据。")
    print(f"对方密钥指纹：{done.fingerprint}（应与对方屏幕上显示的一致）")
    return 0


def _retire(args: argparse.Namespace, database: Database) -> int:
    with database.session() as session:
        site = exchange.find_site(session, args.name)
        enrolment.retire(session, _ACTOR, site.id)
    print(f"已停用站点“{args.name}”：今后它发来的交换文件将被拒收，历史记录保留。")
    return 0


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None
