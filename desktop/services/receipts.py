"""What a package does, told per proposal: the counts, a line for each proposal it touches with
the worst that happened to it (refused, held, conflict, new, changed) and what arrived, and for
an entry laptop's papers which look typed twice and which go forward for 审查."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain import exchange as rules
from desktop.domain.actor import Actor
from desktop.store import fulltext, replica
from desktop.store.changes import next_stamp
from desktop.store.models import Assignment, Proposal, Submission

from .proposal_list import SIMILAR_AT_LEAST

LARGE_SHARE = 0.5  # an import deleting more than this share of some records asks twice
LARGE_AT_LEAST = 10  # … when that is more than a handful



@dataclass(frozen=True)
class ReceiptLine:
    proposal_id: str
    label: str  # 提案号 or 收文号, then 案由
    outcome: str  # new / changed / conflict / refused / held (wording.records.OUTCOMES)
    reasons: tuple[str, ...] = ()  # message codes (wording.records.WHY)
    records: tuple[str, ...] = ()  # the kinds of record written (tables: 答复, 沟通记录 …)


@dataclass
class Receipt:
    """What a package does (or did): counts, one line a proposal, and what needs a person."""
    package_id: str
    sender: str
    sender_kind: str
    made: str
    changes: int
    already_on: datetime | None = None
    known: int = 0
    new_rows: int = 0
    changed_rows: int = 0
    deleted_rows: int = 0
    conflicts: int = 0
    refused: int = 0
    held: int = 0
    lines: list[ReceiptLine] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (new paper, typed before)
    submitted: int = 0  # papers from an entry laptop put forward for 审查
    large_deletions: list[tuple[str, int, int]] = field(default_factory=list)
    applied: bool = False

    @property
    def nothing_to_do(self) -> bool:
        return self.already_on is not None or not (
            self.new_rows or self.changed_rows or self.deleted_rows or self.conflicts
            or self.refused or self.held)


def deletions(outcome: replica.Outcome, receipt: Receipt) -> None:
    counts: dict[str, int] = defaultdict(int)
    for table, _ in outcome.deleted:
        counts[table] += 1
    for table, deleted in sorted(counts.items()):
        before = outcome.rows_before.get(table, 0)
        if deleted >= LARGE_AT_LEAST and deleted > before * LARGE_SHARE:
            receipt.large_deletions.append((table, deleted, before))


def lines(session: Session, outcome: replica.Outcome, receipt: Receipt) -> None:
    """One line a proposal the package touches, with the worst of what happened to it."""
    about: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    written: dict[str, set[str]] = defaultdict(set)
    owner = _owners(session, outcome)
    for table, row in outcome.inserted:
        about[owner.get((table, row))]["new" if table == "proposal" else "changed"].add("")
        written[owner.get((table, row))].add(table)
    for table, row in outcome.updated | outcome.deleted:
        about[owner.get((table, row))]["changed"].add("")
        written[owner.get((table, row))].add(table)
    for table, row, _field, reason in outcome.conflicts:
        about[owner.get((table, row))]["conflict"].add(reason)
    for change, reason in outcome.refused:
        about[owner.get((change.table, change.row), _claimed(change))]["refused"].add(reason)
    for change in outcome.held:
        about[owner.get((change.table, change.row), _claimed(change))]["held"].add(
            "sync_held_clock")
    about.pop(None, None)
    labels = _labels(session, list(about))
    for pid, what in sorted(about.items(), key=lambda item: labels.get(item[0], "")):
        for outcome_name in ("refused", "held", "conflict", "new", "changed"):
            if outcome_name in what:
                reasons = tuple(sorted(r for r in what[outcome_name] if r))
                records = tuple(t for t in rules.TABLE_ORDER if t in written.get(pid, ()))
                receipt.lines.append(ReceiptLine(pid, labels.get(pid, pid), outcome_name,
                                                 reasons, records))
                break


def _claimed(change: replica.Travelling) -> str | None:
    value = change.value if isinstance(change.value, dict) else {}
    return change.row if change.table == "proposal" else value.get("proposal_id")


def _owners(session: Session, outcome: replica.Outcome) -> dict[tuple[str, str], str]:
    """(table, row) → the proposal it belongs to, for every row the package wrote."""
    found: dict[tuple[str, str], str] = {}
    wanted: dict[str, set[str]] = defaultdict(set)
    every = outcome.inserted | outcome.updated | outcome.deleted | {
        (t, r) for t, r, _, _ in outcome.conflicts} | {
        (c.table, c.row) for c, _ in outcome.refused} | {(c.table, c.row) for c in outcome.held}
    for table, row in every:
        if table == "proposal":
            found[(table, row)] = row
        else:
            wanted[table].add(row)
    tables = Proposal.metadata.tables
    assignment_of: dict[tuple[str, str], str] = {}
    for table_name, ids in wanted.items():
        table = tables.get(table_name)
        if table is None:
            continue
        key = table.c.get("proposal_id") if "proposal_id" in table.c else table.c.get(
            "assignment_id")
        if key is None:
            continue
        for row_id, parent in session.execute(select(table.c.id, key).where(
                table.c.id.in_(sorted(ids)))):
            if key.name == "proposal_id":
                found[(table_name, row_id)] = parent
            else:
                assignment_of[(table_name, row_id)] = parent
    parents = dict(session.execute(select(Assignment.id, Assignment.proposal_id).where(
        Assignment.id.in_(sorted(set(assignment_of.values()))))).all())
    for key, assignment_id in assignment_of.items():
        if assignment_id in parents:
            found[key] = parents[assignment_id]
    return found


def _labels(session: Session, proposal_ids: list[str]) -> dict[str, str]:
    rows = session.execute(select(Proposal.id, Proposal.number, Proposal.serial, Proposal.title)
                           .where(Proposal.id.in_(proposal_ids)))
    return {pid: f"{number or serial} {title}" for pid, number, serial, title in rows}


def entry_papers(session: Session, actor: Actor, outcome: replica.Outcome,
                  receipt: Receipt) -> None:
    """Papers typed on an entry laptop: the ones like a paper already here are flagged and left
    for the clerk; the others go forward for 审查 as the office's own act."""
    new = sorted(row for table, row in outcome.inserted if table == "proposal")
    if not new:
        return
    fresh = set(new)
    titles = dict(session.execute(select(Proposal.id, Proposal.title)
                                  .where(Proposal.id.in_(new))).all())
    submitted = set(session.scalars(select(Submission.proposal_id)
                                    .where(Submission.proposal_id.in_(new))))
    labels = _labels(session, new)
    for pid in new:
        twin = _likely_twin(session, titles[pid], pid, fresh)
        if twin is not None:
            receipt.duplicates.append((labels[pid], twin))
        elif pid not in submitted:
            session.add(Submission(proposal_id=pid, at=datetime.now(), user_id=actor.user_id,
                                   stamp=next_stamp(session)))
            receipt.submitted += 1


def _likely_twin(session: Session, title: str, pid: str, fresh: set[str]) -> str | None:
    """A proposal already here (not in this package) whose 案由 reads like this one's."""
    wanted = fulltext.title_terms(title)
    candidates = [c for c in fulltext.similar_title_candidates(session, title)
                  if c != pid and c not in fresh]
    if not wanted or not candidates:
        return None
    best = None
    for cid, other in session.execute(select(Proposal.id, Proposal.title)
                                      .where(Proposal.id.in_(candidates))):
        score = fulltext.title_likeness(wanted, fulltext.title_terms(other))
        if score >= SIMILAR_AT_LEAST and (best is None or score > best[0]):
            best = (score, cid)
    return None if best is None else _labels(session, [best[1]])[best[1]]
