"""The state of a proposal, derived from its records by one pure function (docs/design.md §3).

Records are ordered by ``stamp`` (the site's hybrid logical clock), which is strictly
increasing for the writes of one site, so ties cannot reorder a proposal's history.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .enums import DUE_ROLES, AssignmentRole, Decision, Rating, State


@dataclass(frozen=True)
class SubmissionFact:
    stamp: str


@dataclass(frozen=True)
class ReviewFact:
    stamp: str
    level: int
    decision: Decision
    revoked: bool = False

    def __post_init__(self) -> None:  # facts read from JSON carry plain strings
        object.__setattr__(self, "decision", Decision(self.decision))


@dataclass(frozen=True)
class AssignmentFact:
    id: str
    role: AssignmentRole
    round: int = 1
    accepted: bool = False
    ended: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "role", AssignmentRole(self.role))

    @property
    def due(self) -> bool:
        """Whether this assignment owes a reply of its own (主办 and 分办 do, 协办 does not)."""
        return self.role in DUE_ROLES and not self.ended


@dataclass(frozen=True)
class ReplyFact:
    assignment_id: str
    round: int
    stamp: str


@dataclass(frozen=True)
class EvaluationFact:
    assignment_id: str
    round: int
    result: Rating
    stamp: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "result", Rating(self.result))


@dataclass(frozen=True)
class ProposalFacts:
    submissions: tuple[SubmissionFact, ...] = ()
    reviews: tuple[ReviewFact, ...] = ()
    assignments: tuple[AssignmentFact, ...] = ()
    replies: tuple[ReplyFact, ...] = ()
    evaluations: tuple[EvaluationFact, ...] = ()


@dataclass(frozen=True)
class Progress:
    state: State
    review_level: int = 0  # the level now waiting (1 初审 … 3 终审); 0 outside review
    waiting: tuple[str, ...] = field(default=())  # due assignments without a current reply


_ENDING = {
    Decision.REJECTED: State.REJECTED,
    Decision.REFERRED: State.REFERRED,
    Decision.MERGED: State.MERGED,
    Decision.SPLIT: State.SPLIT,
    Decision.WITHDRAWN: State.WITHDRAWN,
}


def active_reviews(facts: ProposalFacts) -> list[ReviewFact]:
    return sorted((r for r in facts.reviews if not r.revoked), key=lambda r: r.stamp)


def derive(facts: ProposalFacts) -> Progress:
    reviews = active_reviews(facts)
    for review in reviews:
        if review.decision is Decision.WITHDRAWN:
            return Progress(State.WITHDRAWN)
    last_return = max(
        (r.stamp for r in reviews if r.decision is Decision.RETURNED), default=""
    )
    submitted = [s.stamp for s in facts.submissions if s.stamp > last_return]
    if not submitted:
        return Progress(State.REGISTERED)
    since = min(submitted)
    current = [r for r in reviews if r.stamp > since]
    for review in current:
        if review.decision in _ENDING:
            return Progress(_ENDING[review.decision])
        if review.decision is Decision.FILED:
            return _handling_progress(facts)
    level = 1 + sum(1 for r in current if r.decision is Decision.FORWARD)
    return Progress(State.IN_REVIEW, review_level=level)


def derive_state(facts: ProposalFacts) -> State:
    return derive(facts).state


def _handling_progress(facts: ProposalFacts) -> Progress:
    due = [a for a in facts.assignments if a.due]
    if not due:  # nobody owes a reply (never assigned, returned, or 协办 left alone): to assign
        return Progress(State.FILED)
    if not any(a.accepted for a in due):
        return Progress(State.ASSIGNED, waiting=tuple(a.id for a in due))
    waiting = []
    unevaluated = False
    for assignment in due:
        if not _has_reply(facts, assignment) or _reopened(facts, assignment):
            waiting.append(assignment.id)
        elif _current_evaluation(facts, assignment) is None:
            unevaluated = True
    if waiting:
        return Progress(State.HANDLING, waiting=tuple(waiting))
    return Progress(State.REPLIED if unevaluated else State.CLOSED)


def _has_reply(facts: ProposalFacts, assignment: AssignmentFact) -> bool:
    return any(
        r.assignment_id == assignment.id and r.round == assignment.round for r in facts.replies
    )


def _current_evaluation(facts: ProposalFacts, assignment: AssignmentFact) -> EvaluationFact | None:
    mine = [
        e
        for e in facts.evaluations
        if e.assignment_id == assignment.id and e.round == assignment.round
    ]
    return max(mine, key=lambda e: e.stamp) if mine else None


def _reopened(facts: ProposalFacts, assignment: AssignmentFact) -> bool:
    """不满意 reopens handling even before the office has opened the second round."""
    evaluation = _current_evaluation(facts, assignment)
    return evaluation is not None and evaluation.result is Rating.UNSATISFIED
