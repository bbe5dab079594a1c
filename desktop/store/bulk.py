"""Many records written at once (the demo year, an office's ledgers of past years): rows kept
as plain values, then one executemany per table in the order the foreign keys need.

Rows written this way bypass the per-field change log; a package to another site logs them
first (store.outbox.ensure_logged), and the caller writes one audit entry for the whole load."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from . import sqlite
from .models import (
    Assignment, Contact, Evaluation, FollowUp, Proposal, Proposer, Reply, Review, SearchDocument,
    Submission, Supervision,
)

BATCH = 5000
# tables in the order their foreign keys need
ORDER = (Proposal, Proposer, Submission, Review, Assignment, Contact, Reply, Evaluation,
         FollowUp, Supervision, SearchDocument)


@dataclass
class Plan:
    """The records decided so far, kept for the bulk insert at the end of a batch."""

    ids: Iterator[str]
    rows: dict[type, list[dict]] = field(default_factory=dict)

    def add(self, model: type, **values: object) -> dict:
        if "id" not in values and model is not SearchDocument:
            values["id"] = next(self.ids)
        self.rows.setdefault(model, []).append(values)
        return values


def insert_plan(session: Session, plan: Plan, counts: dict[str, int]) -> None:
    """Core inserts, one executemany per table (the ORM's bulk path splits batches by nulls)."""
    connection = session.connection()
    on_sqlite = connection.dialect.name == "sqlite"
    for model in ORDER:
        rows = plan.rows.get(model)
        if rows:
            if on_sqlite:
                sqlite.insert_many(connection, model.__table__, rows)
            else:
                connection.execute(model.__table__.insert(), rows)
            counts[model.__tablename__] = counts.get(model.__tablename__, 0) + len(rows)
