"""This PC's own settings (which database, who logged in last), declared once, typed, Qt-free.

Office settings that every installation of an office shares live in the database instead
(desktop.domain.office).  Window geometry is the screens' business (QSettings).
"""
from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from .files import write_atomically
from .paths import config_dir, default_database

log = logging.getLogger(__name__)
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


def _fits(name: str, value: object) -> bool:
    """A stored value of the field's own type (a hand-edited file may hold anything)."""
    if name == "recent_databases":
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if name == "schema_version":
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, str)


def load(folder: Path | None = None) -> LocalSettings:
    """This PC's settings; a file that cannot be read, or a value of the wrong shape, is logged
    and its default used, so that neither the program nor a command is kept from starting."""
    path = (folder or config_dir()) / FILE_NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))  # Notepad may add a BOM
    except FileNotFoundError:
        return LocalSettings()
    except (OSError, ValueError) as exc:
        log.warning("%s cannot be read (%s); the default settings are used", path, exc)
        return LocalSettings()
    if not isinstance(data, dict):
        log.warning("%s holds no settings object; the default settings are used", path)
        return LocalSettings()
    version = data.get("schema_version", 1)
    while version in _MIGRATIONS:
        data = _MIGRATIONS[version](data)
        version = data["schema_version"]
    kept = {}
    for name in (f.name for f in fields(LocalSettings)):
        if name not in data:
            continue
        if _fits(name, data[name]):
            kept[name] = data[name]
        else:
            log.warning("%s: %s is %r, not of its shape; its default is used",
                        path, name, data[name])
    return LocalSettings(**kept)


def save(settings: LocalSettings, folder: Path | None = None) -> None:
    """Write whole or not at all: a half-written settings file would lose the database path."""
    folder = folder or config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / FILE_NAME
    with write_atomically(target, ".tmp") as partial:
        partial.write_text(json.dumps(asdict(settings), ensure_ascii=False, indent=2),
                           encoding="utf-8")
