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


def _path(username: str, folder: Path | None = None) -> Path:
    safe = re.sub(r"[^0-9A-Za-z_\-\u4e00-\u9fff]", "_", username) or "_"
    return (folder or data_dir() / "drafts") / f"{safe}.json"


def save(username: str, draft: dict, folder: Path | None = None) -> None:
    target = _path(username, folder)
    target.parent.mkdir(parents=True, exist_ok=True)
    with write_atomically(target, ".tmp") as partial, \
            open(partial, "w", encoding="utf-8") as f:
        json.dump(draft, f, ensure_ascii=False)


def load(username: str, folder: Path | None = None) -> dict | None:
    try:
        data = json.loads(_path(username, folder).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def clear(username: str, folder: Path | None = None) -> None:
    _path(username, folder).unlink(missing_ok=True)
