"""This PC's own settings (which database, who logged in last), declared once, typed, Qt-free.

Office settings that every installation of an office shares live in the database instead
(desktop.domain.office).  Window geometry is the screens' business (QSettings).
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from .files import write_atomically
from .paths import config_dir, default_database

SCHEMA_VERSION = 1
FILE_NAME = "settings.json"


@dataclass
class LocalSettings:
    database: str = ""  # empty: the default database in the data folder
    last_username: str = ""
    recent_databases: list[str] = field(default_factory=list)
    schema_version: int = SCHEMA_VERSION

    @property
    def database_path(self) -> Path:
        return Path(self.database) if self.database else default_database()


# schema_version → function upgrading the stored dict to the next version
_MIGRATIONS: dict[int, object] = {}


def load(folder: Path | None = None) -> LocalSettings:
    path = (folder or config_dir()) / FILE_NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return LocalSettings()
    version = data.get("schema_version", 1)
    while version in _MIGRATIONS:
        data = _MIGRATIONS[version](data)
        version = data["schema_version"]
    known = {f.name for f in fields(LocalSettings)}
    try:
        return LocalSettings(**{k: v for k, v in data.items() if k in known})
    except TypeError:
        return LocalSettings()


def save(settings: LocalSettings, folder: Path | None = None) -> None:
    """Write whole or not at all: a half-written settings file would lose the database path."""
    folder = folder or config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / FILE_NAME
    with write_atomically(target, ".tmp") as partial:
        partial.write_text(json.dumps(asdict(settings), ensure_ascii=False, indent=2),
                           encoding="utf-8")
