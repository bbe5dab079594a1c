"""The program's version, from the installed package's metadata (pyproject.toml's)."""
from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version


def program_version() -> str:
    try:
        return version("tiantong")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "开发版"
