"""The rows a demo batch will insert, with ids that are the same for the same seed."""
from __future__ import annotations

import json
import random
from collections.abc import Iterator
from datetime import date, datetime, time
from itertools import count


from desktop.local.paths import resources_dir
from desktop.store.bulk import BATCH, Plan

__all__ = ["BATCH", "NO_ANSWER", "Plan"]


NO_ANSWER = {"replied_round": None, "category": None, "result": None, "evaluated_round": None,
             "unsatisfied": False, "face_to_face": False}


def _text() -> dict:
    return json.loads((resources_dir() / "demo" / "text.json").read_text(encoding="utf-8"))


def _ids(rng: random.Random, today: date) -> Iterator[str]:
    """Ids in ascending order (appended to the indexes, not scattered) and the same per seed."""
    prefix = f"{int(datetime.combine(today, time()).timestamp() * 1000):012x}7"
    for seq in count():
        yield f"{prefix}{seq:07x}{rng.getrandbits(48):012x}"

