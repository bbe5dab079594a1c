"""Where things live: the user's data folder, the bundled resources (also when frozen)."""
from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_cache_path, user_config_path, user_data_path

APP_NAME = "tiantong"
DATABASE_NAME = "tiantong.db"


def data_dir() -> Path:
    """The user's data folder; ``TIAN_HOME`` moves it (tests, portable installs)."""
    home = os.environ.get("TIAN_HOME")
    return Path(home) if home else user_data_path(APP_NAME, appauthor=False)


def config_dir() -> Path:
    home = os.environ.get("TIAN_HOME")
    return Path(home) / "config" if home else user_config_path(APP_NAME, appauthor=False)


def cache_dir() -> Path:
    """What may be thrown away and made again (LibreOffice's profile for PDFs), kept out of the
    data folder so that nothing but the office's own files stands beside the database."""
    home = os.environ.get("TIAN_HOME")
    return Path(home) / "cache" if home else user_cache_path(APP_NAME, appauthor=False)


def default_database() -> Path:
    return data_dir() / DATABASE_NAME


def resources_dir() -> Path:
    """Package data: the same place in the source tree, an installed wheel and the bundle."""
    return Path(__file__).resolve().parent.parent / "resources"


def base_data_dir() -> Path:
    return resources_dir() / "base"
