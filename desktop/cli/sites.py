"""``tian site list [--json]``: the sites this installation exchanges packages with."""
from __future__ import annotations

import argparse
import json

from desktop.domain.actor import Actor
from desktop.domain.enums import SiteKind
from desktop.services import sites
from desktop.store.database import Database
from desktop.wording.dates import chinese_moment
from desktop.wording.labels import label


def add_parser(sub, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("site", help="数据交换的站点（本机与已登记的站点、密钥指纹）")
    what = p.add_subparsers(dest="what", metavar="操作", required=True, parser_class=type(p))
    listing = what.add_parser("list", help="列出站点及其密钥指纹", parents=[common],
                              add_help=False)
    listing.add_argument("--json", action="store_true", help="以 JSON 输出")


def cmd_site(args: argparse.Namespace, database: Database) -> int:
    with database.session() as session:
        rows = sites.site_rows(session, Actor.system("命令行"))
    if args.json:
        print(json.dumps([{**row.__dict__, "last_sent": _iso(row.last_sent),
                           "last_received": _iso(row.last_received)} for row in rows],
                         ensure_ascii=False, indent=2))
        return 0
    for row in rows:
        where = "（本机）" if row.here else ("（已停用）" if row.retired else "")
        unit = f"，{row.unit}" if row.unit else ""
        print(f"{row.name}{where}：{label(SiteKind(row.kind))}{unit}")
        print(f"  密钥指纹：{row.fingerprint or '尚未收到'}")
        if not row.here:
            sent = chinese_moment(row.last_sent) if row.last_sent else "从未"
            received = chinese_moment(row.last_received) if row.last_received else "从未"
            print(f"  上次发送：{sent}；上次接收：{received}")
    return 0


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None
