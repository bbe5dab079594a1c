"""Headless commands over the same services the screens use (``tian init|demo|stats|…``)."""
from __future__ import annotations

import argparse
import json
import re
import logging
import os
import sys
import time
from functools import partial
from datetime import date
from pathlib import Path

from desktop.local import settings as local_settings
from desktop.domain.actor import Actor
from desktop.domain.errors import DomainError
from desktop.wording.messages import describe
from desktop.local.paths import base_data_dir, data_dir
from desktop.services import backups, base_data, demo, enrolment, integrity, setup
from desktop.services.search import search_everything
from desktop.services.statistics import statistics_for
from desktop.local.files import problem_of_os
from desktop.store.sqlite import problem_of
from desktop.store.database import Database, open_database

from . import exchange as cli_exchange
from . import export as cli_export
from . import imports as cli_imports
from . import sites as cli_sites
from .printing import print_search, print_statistics
from .usage import UsageError, system_of

log = logging.getLogger(__name__)
DEMO_OFFICE = "政协示范县委员会"
DEMO_PASSWORD = "admin123"


class _ChineseHelp(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None) -> None:
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class ChineseParser(argparse.ArgumentParser):
    """argparse in Chinese: its help headings and its complaints."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", _ChineseHelp)
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"

    def error(self, message: str) -> None:
        for english, chinese in _ARGPARSE_WORDS:
            message = re.sub(english, chinese, message)
        raise UsageError(f"命令参数有误：{message}。可用 tian --help 查看用法。")


_ARGPARSE_WORDS = (
    (r"^argument (\S+): ", r"\1 "),
    (r"the following arguments are required: ", "缺少参数 "),
    (r"unrecognized arguments: ", "无法识别的参数 "),
    (r"invalid choice: (\S+) \(choose from (.*)\)", r"没有 \1 这个命令（可用：\2）"),
    (r"expected one argument", "需要一个值"),
)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”不是日期，请写作 2023-05-20") from None


_LARGEST = 1_000_000  # no count on the command line means more (SQLite's integers end at 2**63)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”不是数字，请输入整数") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"“{text}”不能为负数")
    if value > _LARGEST:
        raise argparse.ArgumentTypeError(f"“{text}”太大，最多为 {_LARGEST}")
    return value


def build_parser() -> argparse.ArgumentParser:
    common = ChineseParser(add_help=False)
    common.add_argument("-h", "--help", action="help", help="显示本帮助")
    common.add_argument("--db", default=argparse.SUPPRESS,
                        help="数据库文件路径（默认：用户数据目录中的 tiantong.db）")
    parser = ChineseParser(prog="tian", description="提案通：政协提案全流程管理（命令行）",
                           add_help=False, parents=[common])
    sub = parser.add_subparsers(dest="command", parser_class=ChineseParser, metavar="命令")
    sub.add_parser = partial(sub.add_parser, parents=[common], add_help=False)

    p = sub.add_parser("init", help="创建并初始化数据库")
    p.add_argument("--office", default="政协××县委员会", help="政协名称")
    p.add_argument("--password", help="管理员密码（不少于 6 位）")
    p.add_argument("--term", type=_positive, default=None, help="当前届次，如 10")
    p.add_argument("--meeting", type=_positive, default=None, help="当前次会议，如 2")
    p.add_argument("--opens", type=_date, default=None, help="会议开幕日期 2023-01-10")
    p.add_argument("--no-base-data", action="store_true", help="不载入单位、界别、类别基础数据")
    p.add_argument("--join", metavar="邀请文件",
                   help="加入本县提案系统：用提案委发来的邀请文件创建本站点")
    p.add_argument("--answer-out", metavar="回执文件",
                   help="加入时生成的回执文件或文件夹（默认放在邀请文件旁）")
    p.add_argument("--username", help="加入时本站点管理员的用户名（默认 admin-站点代号）")

    p = sub.add_parser("demo", help="生成演示数据（数据库不存在时先创建）")
    p.add_argument("--proposals", type=_positive, default=300, help="提案件数")
    p.add_argument("--seed", type=int, default=1, help="随机种子（同一种子生成相同数据）")
    p.add_argument("--today", type=_date, default=None, help=argparse.SUPPRESS)

    p = sub.add_parser("stats", help="统计（与公开发布的口径一致）")
    p.add_argument("--meeting", help="会议名称，如 十届二次会议（默认：当前会议）")
    p.add_argument("--all", action="store_true", help="统计全部会议")
    p.add_argument("--system", help="只统计某系统，如 政府系统")
    p.add_argument("--unit", help="只统计某单位，如 县教育局")
    p.add_argument("--today", type=_date, default=None, help="统计截止日期（默认今天）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")

    p = sub.add_parser("search", help="全文检索提案、按拼音首字母查委员")
    p.add_argument("text", help="检索词，如 停车、养老、zs")
    p.add_argument("--limit", type=_positive, default=20, help="最多显示条数")

    sub.add_parser("check", help="检查数据库完整性和业务规则")

    p = sub.add_parser("backup", help="备份数据库")
    p.add_argument("--out", required=True,
                   help="备份文件或文件夹（以 / 结尾的视为文件夹，不存在时创建）")
    p.add_argument("--overwrite", action="store_true", help="替换已存在的同名文件（默认不替换）")

    p = sub.add_parser("restore", help="从备份恢复（当前数据库会先另存）")
    p.add_argument("file", help="备份文件")

    cli_export.add_parser(sub, _date)
    cli_imports.add_parser(sub, common)
    cli_sites.add_parser(sub, common)
    cli_exchange.add_parser(sub, common)
    return parser


def _database_path(args: argparse.Namespace) -> Path:
    db = getattr(args, "db", None)
    return Path(db) if db else local_settings.load().database_path


def _open(args: argparse.Namespace, create: bool = False) -> Database:
    return open_database(_database_path(args), create=create)


def cmd_init(args: argparse.Namespace) -> int:
    path = _database_path(args)
    if not args.password:
        raise UsageError("请用 --password 指定管理员密码（不少于 6 位）。")
    if args.join:
        return _join(args, path)
    database = open_database(path, create=True)
    with database.session() as session:
        setup.initialize(session, args.office, args.password,
                         base_dir=None if args.no_base_data else base_data_dir(),
                         term=args.term, meeting=args.meeting if args.term else None,
                         meeting_opens_on=args.opens)
    database.close()
    print(f"已创建数据库：{path}")
    print("管理员用户名：admin")
    return 0


def _join(args: argparse.Namespace, path: Path) -> int:
    invitation = Path(args.join)
    if not invitation.is_file():
        raise DomainError("file_missing", path=str(invitation))
    database = open_database(path, create=True)
    try:
        with database.session() as session:
            joined = enrolment.join(session, invitation, args.password, database.attachments_dir,
                                    Path(args.answer_out) if args.answer_out else None,
                                    args.username)
    finally:
        database.close()
    print(f"已加入“{joined.office_name}”的提案系统，本站点：{joined.site_name}。数据库：{path}")
    print(f"管理员用户名：{joined.username}")
    print(f"提案委的密钥指纹：{joined.office_fingerprint}（请与提案委电话核对）")
    print(f"本站点的密钥指纹：{joined.fingerprint}（请念给提案委核对）")
    print(f"回执文件：{joined.answer}（带回提案委，用 tian site accept 接受）")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    path = _database_path(args)
    database = open_database(path, create=True)
    with database.session() as session:
        try:  # two demos started at once: one sets the office up, the other finds it set up
            setup.initialize(session, DEMO_OFFICE, DEMO_PASSWORD, base_dir=base_data_dir())
        except DomainError as exc:
            if exc.code != "already_initialized":
                raise
        else:
            print(f"已创建演示数据库：{path}")
            print(f"管理员用户名：admin，密码：{DEMO_PASSWORD}（仅供演示，正式使用前请修改）")
        started = time.perf_counter()
        counts = demo.generate(session, Actor.system("演示数据"), args.proposals, seed=args.seed,
                               today=args.today)
        elapsed = time.perf_counter() - started
    database.close()
    print(f"已生成演示提案 {counts.get('proposal', 0)} 件（含拆分后的提案），"
          f"用时 {elapsed:.1f} 秒。")
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    database = _open(args)
    with database.session() as session:
        meeting_id = None
        if args.meeting:
            meeting_id = base_data.find_meeting(session, args.meeting).id
        elif not args.all:
            current = base_data.current_meeting(session)
            meeting_id = current.id if current else None
        system = system_of(args.system)
        unit_id = base_data.find_unit(session, args.unit).id if args.unit else None
        figures = statistics_for(session, Actor.system("命令行"), meeting_id, system, unit_id,
                                 today=args.today)
    database.close()
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=2))
    else:
        print_statistics(figures)
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    database = _open(args)
    with database.session() as session:
        print_search(search_everything(session, Actor.system("命令行"), args.text, args.limit), args.text)
    database.close()
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    database = _open(args)
    problems = integrity.check(database)
    database.close()
    if problems:
        print(f"发现 {len(problems)} 个问题：")
        for problem in problems[:200]:
            print(f"  - {problem}")
        return 3
    print("检查完毕：数据库完整，业务数据前后一致。")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    database = _open(args)
    try:
        target = backups.backup(database, args.out, overwrite=args.overwrite)
    finally:
        database.close()
    print(f"已备份到：{target}（已校验）")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    path = _database_path(args)
    kept = backups.restore(path, Path(args.file))
    open_database(path).close()  # upgrades an older backup, after its own safety copy
    print(f"已从备份恢复：{path}")
    print(f"恢复前的数据库已另存为：{kept}")
    return 0


def _on_database(command):
    """A command of another module, run on the database it names and closed after."""
    def run(args: argparse.Namespace) -> int:
        database = _open(args)
        try:
            return command(args, database)
        finally:
            database.close()
    return run


COMMANDS = {"export": _on_database(cli_export.cmd_export),
            "import": _on_database(cli_imports.cmd_import), "init": cmd_init, "demo": cmd_demo,
            "stats": cmd_stats, "search": cmd_search, "check": cmd_check, "backup": cmd_backup,
            "restore": cmd_restore, "site": _on_database(cli_sites.cmd_site),
            "sync": _on_database(cli_exchange.cmd_sync)}


def _undecodable(argv: list[str]) -> bool:
    """Bytes that are not UTF-8 reach Python as lone surrogates (a terminal in GBK, say)."""
    return any("\udc80" <= ch <= "\udcff" for arg in argv for ch in arg)


def _log_unraisable(unraisable) -> None:
    """A file object closed late on a full disk ("Exception ignored in …") goes to the log: the
    clerk reads one sentence on stderr, not a traceback after it."""
    log.warning("ignored: %s", unraisable.exc_value, exc_info=(
        unraisable.exc_type, unraisable.exc_value, unraisable.exc_traceback))


def main(argv: list[str] | None = None) -> int:
    sys.unraisablehook = _log_unraisable
    parser = build_parser()
    argv = sys.argv[1:] if argv is None else argv
    try:
        if _undecodable(argv):
            raise DomainError("argument_not_utf8")
        args = parser.parse_args(argv)
        if args.command is None:
            parser.print_help()
            return 0
        return COMMANDS[args.command](args)
    except UsageError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except DomainError as exc:
        print(describe(exc), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("已取消。", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader (| head) has stopped listening: nothing to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # the log has the details; the user gets one sentence
        problem = problem_of(exc) or problem_of_os(exc)
        if problem is not None:  # SQLite refusing: another program, read-only, a full disk
            log.warning("tian %s: %s", argv, exc)
            print(describe(problem), file=sys.stderr)
            return 2
        log.exception("unexpected error in tian %s", argv)
        print(f"出现意外错误，操作未完成。详细信息已记入日志：{data_dir() / 'logs'}",
              file=sys.stderr)
        return 1
