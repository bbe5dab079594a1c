"""The entry form's autosaved draft: a crash or a closed laptop loses nothing typed.

One small JSON file per user in the data folder, written whole then renamed, so a draft is
either the old one or the new one, never half of each.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from desktop.local.files import write_atomically
from desktop.local.paths import data_dir


def folder() -> Path:
    """Where drafts go on this PC; a screen takes it once, when it is built, so a draft is
    written where its screen was opened even if the data folder changes later."""
    return data_dir() / "drafts"


def path(username: str, where: Path) -> Path:
    safe = re.sub(r"[^0-9A-Za-z_\-\u4e00-\u9fff]", "_", username) or "_"
    return where / f"{safe}.json"


def save(username: str, draft: dict, where: Path) -> None:
    target = path(username, where)
    target.parent.mkdir(parents=True, exist_ok=True)
    with write_atomically(target, ".tmp") as partial, \
            open(partial, "w", encoding="utf-8") as f:
        json.dump(draft, f, ensure_ascii=False)


def load(username: str, where: Path) -> dict | None:
    try:
        data = json.loads(path(username, where).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def clear(username: str, where: Path) -> None:
    path(username, where).unlink(missing_ok=True)
