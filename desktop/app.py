"""Composition root: logging, then the screens (no command, or only --db/--demo) or the CLI."""
from __future__ import annotations

import sys

from desktop.local.log import setup_logging
from desktop.local.paths import data_dir


def _wants_screens(argv: list[str]) -> bool:
    """No command: the screens.  A .tian exchange file (double-clicked, the installers' file
    association) also opens the screens, at its preview on the 数据交换 screen."""
    rest = [a for a in argv if a not in ("--demo",) and not a.lower().endswith(".tian")]
    if rest[:1] == ["--db"]:
        rest = rest[2:]
    elif rest and rest[0].startswith("--db="):
        rest = rest[1:]
    return not rest


def _check_safe_xml() -> None:
    """Without defusedxml every workbook from outside is refused (desktop.gate); the log says
    why at once, rather than on the day a roster arrives."""
    from importlib.util import find_spec

    if find_spec("defusedxml") is None:
        import logging

        logging.getLogger(__name__).error("defusedxml is missing: workbooks will be refused")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv == ["--smoke"]:
        from desktop.ui.smoke import run as smoke

        return smoke()
    setup_logging(data_dir() / "logs")
    _check_safe_xml()
    if _wants_screens(argv):
        from pathlib import Path

        from desktop.local import settings as local_settings
        from desktop.ui.start import run

        db = next((a.split("=", 1)[1] for a in argv if a.startswith("--db=")), None)
        if "--db" in argv and argv.index("--db") + 1 < len(argv):
            db = argv[argv.index("--db") + 1]
        path = Path(db) if db else local_settings.load().database_path
        package = next((Path(a) for a in argv if a.lower().endswith(".tian")), None)
        return run(path, demo="--demo" in argv, package=package)
    from desktop.cli.commands import main as cli_main

    return cli_main(argv)
