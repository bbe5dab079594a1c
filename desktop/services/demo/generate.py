"""Writing a demo year in batches: one transaction, bulk inserts, one search-index rebuild."""
from __future__ import annotations

import gc
import json
import random
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desktop.domain.actor import Actor
from desktop.domain.clock import new_id
from desktop.domain.errors import DomainError
from desktop.domain.numbering import NumberContext
from desktop.domain.permissions import Action, require
from desktop.local.paths import resources_dir
from desktop.store.changes import local_site, write
from desktop.store.models import (
    AuditEntry, Counter, Meeting, Member,
    Organisation, Proposal,
)
from desktop.store.fulltext import bulk_search_loading

from .office import DemoOffice
from desktop.store.bulk import BATCH, Plan, insert_plan

from .plan import _ids


def generate(session: Session, actor: Actor, proposals: int, seed: int = 1,
             today: date | None = None, progress=None) -> dict:
    """Add ``proposals`` demo proposals: 40% to the last meeting (answered), 60% to the current.

    The records' ids follow from the seed (the same demo every time), so the same seed twice
    into one database is refused, whole, with the way out."""
    require(Action.MANAGE_BASE_DATA, None, actor.role)
    try:
        return _generate(session, actor, proposals, seed, today, progress)
    except IntegrityError as exc:
        raise DomainError("demo_seed_used", seed=seed) from exc


def _generate(session: Session, actor: Actor, proposals: int, seed: int, today: date | None,
              progress) -> dict:
    today = today or date.today()
    counts: dict[str, int] = {}
    with write(session, actor, "demo.generate"), bulk_search_loading(session), _no_cycle_scans():
        office = DemoOffice(session, seed, today)
        office.text["titles"] = (resources_dir() / "base" / "titles.txt").read_text(
            encoding="utf-8").split()
        meetings = office.meetings()
        members = office.members(max(60, min(400, proposals // 3 + 20)))
        orgs = office.organisations()
        done, ids = 0, _ids(random.Random(seed), today)
        for index, meeting in enumerate(meetings):
            finished = index < len(meetings) - 1
            share = round(proposals * 0.4) if finished else proposals - done
            ctx = _context(session, office, meeting, members, orgs, actor)
            ctx["finished"] = finished
            plan = Plan(ids)
            for _ in range(share):
                ctx["serial"] += 1
                office.proposal(plan, ctx, ctx["serial"], finished)
                done += 1
                if len(plan.rows[Proposal]) >= BATCH:
                    insert_plan(session, plan, counts)
                    plan = Plan(ids)
                    if progress:
                        progress(done, proposals)
            insert_plan(session, plan, counts)
            _save_counters(session, meeting, ctx)
        site = local_site(session)
        site.clock_wall_ms, site.clock_counter = office.clock.wall_ms, office.clock.counter
        session.add(AuditEntry(at=datetime.now(), user_id=actor.user_id, username=actor.username,
                               action="demo.generate", table_name="proposal", row_id=new_id(),
                               field=None, before=None,
                               after=json.dumps(counts, ensure_ascii=False)))
    if progress:
        progress(proposals, proposals)
    return counts


@contextmanager
def _no_cycle_scans() -> Iterator[None]:
    """The rows are plain dicts, freed a batch at a time: the cycle collector's full scans of
    them and of everything loaded before cost a tenth of a demo's time and find nothing."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _context(session: Session, office: DemoOffice, meeting: Meeting, members, orgs,
             actor: Actor) -> dict:
    counters = dict(session.execute(select(Counter.key, Counter.value).where(
        Counter.key.like(f"%:{meeting.id}%"))).all())
    return {
        "meeting": meeting, "members": members, "orgs": orgs, "actor": actor,
        "number_ctx": NumberContext(meeting.opens_on.year, meeting.term.number, meeting.number),
        "serial": counters.get(f"serial:{meeting.id}", 0), "counters": counters,
        "filed_by_category": {},
        "sectors": {**dict(session.execute(select(Member.id, Member.sector_id)).all()),
                    **dict(session.execute(select(Organisation.id, Organisation.sector_id)).all())},
    }


def _save_counters(session: Session, meeting: Meeting, ctx: dict) -> None:
    for key, value in {**ctx["counters"], f"serial:{meeting.id}": ctx["serial"]}.items():
        row = session.get(Counter, key)
        if row is None:
            session.add(Counter(key=key, value=value))
        else:
            row.value = max(row.value, value)


def proposal_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Proposal)) or 0
