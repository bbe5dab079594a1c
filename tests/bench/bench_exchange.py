"""Exchange by file at the sizes an office meets: a package of some 10,000 changes, a unit's first
package (its 2,000 assignments), and 80 units' packages imported one after another.

Run: ``.venv/bin/python -m tests.bench.bench_exchange [--papers 1300] [--proposals 20000]
[--units 80]``.  Each figure is printed beside a baseline measured in the same run: the same
changes written to / read from a JSON-lines file with the standard library (what any exchange
has to do at least).  Not part of the default test run."""
from __future__ import annotations

import argparse
import json
import tempfile
import time
import zipfile
from datetime import timedelta
from pathlib import Path

from sqlalchemy import func, select, update

from desktop.domain.actor import Actor
from desktop.local.paths import base_data_dir
from desktop.domain.enums import ContactForm
from desktop.domain.errors import DomainError
from desktop.services import (
    assignment, base_data, demo, enrolment, entry, exchange, handling, setup,
)
from desktop.services.users import actor_of
from desktop.store.database import open_database
from desktop.store.models import Assignment, Member, Unit, User

from tests.services.sites import Place

def _timed(work) -> tuple[float, object]:
    began = time.perf_counter()
    result = work()
    return time.perf_counter() - began, result


def _baseline(package: Path) -> tuple[float, float]:
    """Seconds to write, then read back, the package's changes as JSON lines (stdlib only)."""
    lines = _raw_lines(package)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "changes.jsonl"
        began = time.perf_counter()
        with open(path, "w", encoding="utf-8") as out:
            for line in lines:
                out.write(json.dumps(line, ensure_ascii=False) + "\n")
        wrote = time.perf_counter() - began
        began = time.perf_counter()
        with open(path, encoding="utf-8") as source:
            read = [json.loads(line) for line in source]
        assert len(read) == len(lines)
        return wrote, time.perf_counter() - began


def _raw_lines(package: Path) -> list[dict]:
    with zipfile.ZipFile(package) as archive:
        return [json.loads(line) for line in archive.read("changes.jsonl").splitlines() if line]


def _office(folder: Path, proposals: int) -> Place:
    db = open_database(folder / "office.db", create=True)
    session = db.session()
    admin = setup.initialize(session, "政协示范县委员会", "admin123", base_dir=base_data_dir())
    demo.generate(session, Actor.system("bench"), proposals, seed=3)
    folder.joinpath("office").mkdir()
    return Place("office", db, session, admin, folder / "office")


def _join(office: Place, folder: Path, name: str, kind: str, unit: str | None = None
          ) -> tuple[Place, float, int]:
    where = folder / name
    where.mkdir()
    seconds, made = _timed(lambda: enrolment.invite(office.session, office.admin, name, kind,
                                                    where, office.db.attachments_dir, unit=unit))
    db = open_database(where / "site.db", create=True)
    session = db.session()
    joined = enrolment.join(session, made.path, "secret-789", db.attachments_dir, where)
    enrolment.accept(office.session, office.admin, joined.answer)
    admin = actor_of(session.scalar(select(User).where(User.username == joined.username)))
    return Place(name, db, session, admin, where), seconds, made.changes


def ten_thousand(office: Place, folder: Path, papers: int) -> list[str]:
    second, _, _ = _join(office, folder, "备用机", "office")
    meeting = base_data.current_meeting(second.session).id
    members = second.session.scalars(select(Member.id).limit(50)).all()
    for n in range(papers):
        entry.register(second.session, second.admin, entry.ProposalDraft(
            meeting, f"关于第{n}号测试事项的建议", [entry.ProposerInput(members[n % 50])]))
    seconds, sent = _timed(lambda: exchange.send(second.session, second.admin, office.site_id,
                                                 second.folder, second.db.attachments_dir))
    wrote, read = _baseline(sent.path)
    imported, _ = _timed(lambda: office.receive(sent.path))
    again, receipt = _timed(lambda: office.receive(sent.path))
    assert receipt.already_on is not None
    resent, _ = _timed(lambda: exchange.send(second.session, second.admin, office.site_id,
                                             second.folder / "again.tian",
                                             second.db.attachments_dir))
    known, receipt = _timed(lambda: office.receive(second.folder / "again.tian"))
    n = sent.changes
    second.close()
    return [
        f"| export a package of {n:,} changes ({papers:,} papers typed at a second office PC) | "
        f"{seconds:.2f} s | write them as JSON lines | {wrote:.2f} s | {seconds / wrote:.1f}× |",
        f"| import it (preview not included) | {imported:.2f} s | read them back as JSON lines "
        f"| {read:.2f} s | {imported / read:.1f}× |",
        f"| import the same file again (said so, nothing changed) | {again:.3f} s | read them "
        f"back as JSON lines | {read:.2f} s | {again / read:.2f}× |",
        f"| import a new package of the same {n:,} changes (all known: {receipt.known:,}) | "
        f"{known:.2f} s | read them back as JSON lines | {read:.2f} s | {known / read:.1f}× |",
        f"| (re-export for that: {resent:.2f} s) | | | | |",
    ]


def unit_first_package(office: Place, folder: Path, assignments: int) -> list[str]:
    unit = office.session.scalar(select(Unit).where(Unit.name == "县教育局"))
    ids = office.session.scalars(select(Assignment.id).where(Assignment.unit_id != unit.id)
                                 .limit(assignments - _count(office, unit.id))).all()
    for start in range(0, len(ids), 500):  # the bench's own setting-up, not what is measured
        office.session.execute(update(Assignment).where(Assignment.id.in_(ids[start:start + 500]))
                               .values(unit_id=unit.id))
    office.session.commit()
    held = _count(office, unit.id)
    place, seconds, changes = _join(office, folder, "县教育局", "unit", unit="县教育局")
    path = next(place.folder.glob("提案通邀请-*.tian"))
    wrote, _ = _baseline(path)
    place.close()
    return [f"| a unit's first package (invitation): {held:,} assignments, {changes:,} changes | "
            f"{seconds:.2f} s | write them as JSON lines | {wrote:.2f} s | "
            f"{seconds / wrote:.1f}× |"]


def _count(office: Place, unit_id: str) -> int:
    return office.session.scalar(select(func.count()).select_from(Assignment)
                                 .where(Assignment.unit_id == unit_id)) or 0


def eighty_units(office: Place, folder: Path, count: int) -> list[str]:
    units = office.session.execute(
        select(Unit.name, func.count(Assignment.id)).join(Assignment, Assignment.unit_id == Unit.id)
        .where(Unit.name != "县教育局").group_by(Unit.id).order_by(func.count(Assignment.id).desc())
    ).all()
    places = []
    for name, _ in units[:count]:  # a county has 30–80 units; the demo's lists some 55
        place, _, _ = _join(office, folder, f"站点{name}", "unit", unit=name)
        places.append(place)
    packages = []
    for place in places:  # each unit signs for what it has not yet signed for, and talks
        packages.append(_unit_work(office, place, ContactForm.PHONE))
    for place in places[:max(0, count - len(places))]:  # fewer units than packages asked
        packages.append(_unit_work(office, place, ContactForm.MEETING))  # their next ones
    times = []
    for sent in packages:
        seconds, _ = _timed(lambda s=sent: office.receive(s.path))
        times.append(seconds)
    changes = sum(s.changes for s in packages) / len(packages)
    read = sum(_baseline(s.path)[1] for s in packages) / len(packages)
    for place in places:
        place.close()
    half = len(times) // 2

    def per_change(part: slice) -> float:
        return sum(times[part]) * 1000 / max(1, sum(s.changes for s in packages[part]))

    mean = sum(times) / len(times)
    return [f"| {len(times)} unit packages from {len(places)} units imported one after another "
            f"(≈{changes:.0f} changes each; {per_change(slice(0, half)):.1f} ms a change in the "
            f"first {half}, {per_change(slice(half, None)):.1f} ms in the last "
            f"{len(times) - half}) | {mean:.3f} s each | read each as JSON lines | "
            f"{read:.4f} s | {mean / read:.0f}× |"]


def _unit_work(office: Place, place: Place, form: ContactForm):
    """签收 of what the unit has not signed for, a contact on what it has not answered; sent."""
    mine = place.session.scalars(select(Assignment).where(
        Assignment.unit_id == place.admin.unit_id, Assignment.ended.is_(None))).all()
    for row in mine:
        try:
            if row.accepted_on is None:
                assignment.accept(place.session, place.admin, row.id,
                                  on=row.assigned_on + timedelta(1))
            elif row.replied_round is None:
                handling.record_contact(place.session, place.admin, row.id, form,
                                        row.accepted_on + timedelta(3))
        except DomainError:
            continue  # a proposal whose state takes neither (the bench's own data)
    return exchange.send(place.session, place.admin, office.site_id, place.folder,
                         place.db.attachments_dir)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--papers", type=int, default=1300)
    parser.add_argument("--proposals", type=int, default=20000)
    parser.add_argument("--assignments", type=int, default=2000)
    parser.add_argument("--units", type=int, default=80)
    parser.add_argument("--only", choices=["package", "unit", "units"], help="one part only")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as where:
        folder = Path(where)
        office = _office(folder, args.proposals)
        rows = ["| measure | 提案通 | baseline (same run) | baseline | ratio |", "|---|---|---|---|---|"]
        print("\n".join(rows), flush=True)
        parts = {"package": lambda: ten_thousand(office, folder, args.papers),
                 "unit": lambda: unit_first_package(office, folder, args.assignments),
                 "units": lambda: eighty_units(office, folder, args.units)}
        for name, part in parts.items():
            if args.only not in (None, name):
                continue
            made = part()
            print("\n".join(made), flush=True)
        office.close()


if __name__ == "__main__":
    main()
