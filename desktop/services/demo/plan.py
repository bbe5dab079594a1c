"""The rows a demo batch will insert, with ids that are the same for the same seed."""
from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from itertools import count


from desktop.local.paths import resources_dir
from desktop.store.models import (
    Assignment, Contact, Evaluation, FollowUp, Proposal, Proposer, Reply, Review, SearchDocument, Submission,
    Supervision,
)


BATCH = 5000
NO_ANSWER = {"replied_round": None, "category": None, "result": None, "evaluated_round": None,
             "unsatisfied": False, "face_to_face": False}


def _text() -> dict:
    return json.loads((resources_dir() / "demo" / "text.json").read_text(encoding="utf-8"))


@dataclass
class Plan:
    """What the generator has decided so far, kept for the bulk insert at the end of a batch."""

    ids: Iterator[str]
    rows: dict[type, list[dict]] = field(default_factory=dict)

    def add(self, model: type, **values: object) -> dict:
        if "id" not in values and model is not SearchDocument:
            values["id"] = next(self.ids)
        self.rows.setdefault(model, []).append(values)
        return values


def _ids(rng: random.Random, today: date) -> Iterator[str]:
    """Ids in ascending order (appended to the indexes, not scattered) and the same per seed."""
    prefix = f"{int(datetime.combine(today, time()).timestamp() * 1000):012x}7"
    for seq in count():
        yield f"{prefix}{seq:07x}{rng.getrandbits(48):012x}"


# tables in the order their foreign keys need
_ORDER = (Proposal, Proposer, Submission, Review, Assignment, Contact, Reply, Evaluation,
          FollowUp, Supervision, SearchDocument)
