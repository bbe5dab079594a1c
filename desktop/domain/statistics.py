"""The maths of the published figures: counts in, rates and shares out (README §统计口径)."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from .deadlines import is_overdue
from .enums import Rating, ReplyCategory

CATEGORIES = tuple(c.value for c in ReplyCategory)


def percent(part: int, whole: int) -> float | None:
    """Two decimals, rounded half up as published (461/616 → 74.84); None when nothing to divide."""
    if whole <= 0:
        return None
    value = (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return float(value)


def share_rounding_bound(parts: int) -> float:
    """How far independently rounded shares may sum from 100: half a unit of the last place each."""
    return 0.005 * parts


@dataclass
class HandlingCounts:
    """What the assignments of one scope (all units, a system, a unit) add up to."""

    proposals_handled: int = 0  # filed proposals with a due assignment in scope
    units: int = 0  # units with a live assignment in scope
    assignments: int = 0
    lead: int = 0
    assist: int = 0
    separate: int = 0
    replies_due: int = 0
    replied: int = 0
    categories: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CATEGORIES, 0))
    face_to_face: int = 0  # proposals whose 主办 or 分办 unit in scope met the proposer (面商)
    evaluated: int = 0
    satisfied: int = 0
    basically_satisfied: int = 0
    unsatisfied: int = 0  # due assignments that were ever rated 不满意
    rehandled: int = 0  # due assignments in a second or later round
    overdue: int = 0


@dataclass
class IntakeCounts:
    """What the office received and decided for a meeting (the whole office, never a unit)."""

    received: int = 0
    received_session: int = 0
    received_interim: int = 0
    filed: int = 0
    rejected: int = 0
    referred: int = 0
    merged: int = 0
    withdrawn: int = 0
    split: int = 0
    in_review: int = 0
    government_handled: int = 0  # filed proposals with a due assignment to a 政府系统 unit


def handling_figures(c: HandlingCounts) -> dict:
    figures = asdict(c)
    figures["reply_rate"] = percent(c.replied, c.replies_due)
    figures["categories"] = {
        k: {"count": c.categories.get(k, 0), "percent": percent(c.categories.get(k, 0), c.replied)}
        for k in CATEGORIES
    }
    figures["face_to_face_rate"] = percent(c.face_to_face, c.proposals_handled)
    figures["satisfaction_rate"] = percent(c.satisfied + c.basically_satisfied, c.evaluated)
    return figures


def intake_figures(c: IntakeCounts) -> dict:
    figures = asdict(c)
    figures["filing_rate"] = percent(c.filed, c.received)
    figures["government_share"] = percent(c.government_handled, c.filed)
    return figures


def figures(intake: IntakeCounts, handling: HandlingCounts) -> dict:
    """The flat figure set of ``tian stats --json`` (without the breakdown tables)."""
    return {**intake_figures(intake), **handling_figures(handling)}


@dataclass(frozen=True)
class AssignmentRow:
    """One live assignment of a filed proposal, with what its records add up to."""

    proposal_id: str
    unit_id: str
    role: str
    round: int
    due_on: object  # datetime.date
    last_category: str | None  # the category of the latest reply
    last_reply_round: int | None
    last_result: str | None  # the 办理结果 of the latest evaluation
    unsatisfied_ever: bool
    face_to_face: bool
    last_result_round: int | None = None  # the round the latest evaluation rated

    @property
    def due(self) -> bool:
        return self.role != "assist"


def handling_counts(rows: list[AssignmentRow], today: object) -> HandlingCounts:
    """Count one scope's assignments as docs/design.md §1 and README §统计口径 define the figures.

    The reference definition: the store counts the same in SQL, and tests hold the two equal.
    """
    c = HandlingCounts()
    units, handled, face = set(), set(), set()
    for row in rows:
        units.add(row.unit_id)
        c.assignments += 1
        setattr(c, row.role, getattr(c, row.role) + 1)
        if not row.due:
            continue
        handled.add(row.proposal_id)
        if row.face_to_face:
            face.add(row.proposal_id)
        c.replies_due += 1
        if row.last_category is not None:
            c.replied += 1
            c.categories[row.last_category] += 1
        if row.last_result is not None:
            c.evaluated += 1
            if row.last_result == Rating.SATISFIED:
                c.satisfied += 1
            elif row.last_result == Rating.BASIC:
                c.basically_satisfied += 1
        c.unsatisfied += row.unsatisfied_ever
        c.rehandled += row.round > 1
        if is_overdue(row.due_on, row.last_reply_round == row.round, today):
            c.overdue += 1
    c.units, c.proposals_handled, c.face_to_face = len(units), len(handled), len(face)
    return c
