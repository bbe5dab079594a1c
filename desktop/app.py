"""Composition root: sets up logging and hands over to the command line (the screens come next)."""
from __future__ import annotations

import sys

from desktop.logging_setup import setup_logging
from desktop.paths import data_dir


def main(argv: list[str] | None = None) -> int:
    setup_logging(data_dir() / "logs")
    from desktop.cli import main as cli_main

    return cli_main(sys.argv[1:] if argv is None else argv)
