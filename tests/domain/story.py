"""A proposal's records told as the office's work, turned into the facts ``derive`` reads.

Each method appends the record the matching service would write, stamped by a real hybrid
logical clock, so the tests exercise the lifecycle with stamps shaped like the store's.
It only records: whether an action is allowed is for the test (and permissions) to decide.
"""
from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, replace

from desktop.domain.clock import Clock
from desktop.domain.enums import DUE_ROLES, AssignmentRole, Decision, Rating, ReplyCategory, State
from desktop.domain.lifecycle import (
    AssignmentFact, EvaluationFact, ProposalFacts, Progress, ReplyFact, ReviewFact,
    SubmissionFact, active_reviews, derive,
)


@dataclass
class Handling:
    """One assignment as the office sees it, mutable like the store's row."""

    id: str
    unit: str
    role: AssignmentRole
    round: int = 1
    accepted: bool = False
    ended: bool = False

    @property
    def due(self) -> bool:
        return self.role in DUE_ROLES and not self.ended

    def fact(self) -> AssignmentFact:
        return AssignmentFact(self.id, self.role, self.round, self.accepted, self.ended)


@dataclass(frozen=True)
class Answer:
    reply: ReplyFact
    category: ReplyCategory


class Story:
    def __init__(self, wall: Callable[[], int] | None = None, site: str = "office") -> None:
        ticks = itertools.count(1_700_000_000_000)
        self.wall = wall or (lambda: next(ticks))
        self.clock = Clock(site)
        self.last_stamp = ""
        self.submissions: list[SubmissionFact] = []
        self.reviews: list[ReviewFact] = []
        self.handlings: dict[str, Handling] = {}
        self.answers: list[Answer] = []
        self.evaluations: list[EvaluationFact] = []
        self._ids = itertools.count(1)

    # -- stamps -----------------------------------------------------------------------------
    def stamp(self) -> str:
        text = self.clock.tick(self.wall()).encode()
        assert text > self.last_stamp, "the site's stamps must strictly increase"
        self.last_stamp = text
        return text

    # -- facts ------------------------------------------------------------------------------
    @property
    def facts(self) -> ProposalFacts:
        return ProposalFacts(
            tuple(self.submissions),
            tuple(self.reviews),
            tuple(h.fact() for h in self.handlings.values()),
            tuple(a.reply for a in self.answers),
            tuple(self.evaluations),
        )

    def progress(self) -> Progress:
        return derive(self.facts)

    @property
    def state(self) -> State:
        return self.progress().state

    # -- entry and review -------------------------------------------------------------------
    def submit(self) -> Story:
        self.submissions.append(SubmissionFact(self.stamp()))
        return self

    def decide(self, decision: Decision) -> Story:
        level = self.progress().review_level
        self.reviews.append(ReviewFact(self.stamp(), level, decision))
        return self

    def forward(self) -> Story:
        return self.decide(Decision.FORWARD)

    def file(self) -> Story:
        return self.decide(Decision.FILED)

    def review_to_final(self, levels: int = 3) -> Story:
        for _ in range(levels - 1):
            self.forward()
        return self

    def undoable(self) -> bool:
        """What services.review.undo checks beyond the permission table."""
        reviews = active_reviews(self.facts)
        last_submission = max((s.stamp for s in self.submissions), default="")
        return bool(
            reviews
            and reviews[-1].stamp >= last_submission
            and not self.handlings
            and reviews[-1].decision is not Decision.SPLIT
        )

    def undo(self) -> Story:
        """撤销 the last active decision: it stays in the trail, marked revoked."""
        last = active_reviews(self.facts)[-1]
        self.reviews[self.reviews.index(last)] = replace(last, revoked=True)
        return self

    # -- assignment -------------------------------------------------------------------------
    def _assign(self, unit: str, role: AssignmentRole) -> str:
        self.stamp()  # the assignment row carries a stamp of its own in the store
        handling = Handling(f"a{next(self._ids)}", unit, role)
        self.handlings[handling.id] = handling
        return handling.id

    def assign_lead(self, unit: str, *assist: str) -> list[str]:
        ids = [self._assign(unit, AssignmentRole.LEAD)]
        return ids + [self._assign(u, AssignmentRole.ASSIST) for u in assist]

    def assign_separately(self, *units: str) -> list[str]:
        return [self._assign(u, AssignmentRole.SEPARATE) for u in units]

    def add_assist(self, unit: str) -> str:
        return self._assign(unit, AssignmentRole.ASSIST)

    def accept(self, *ids: str) -> Story:
        for aid in ids:
            self.handlings[aid].accepted = True
        return self

    def end(self, aid: str) -> Story:
        """退回交办, or an approved 申请调整 without a replacement."""
        self.handlings[aid].ended = True
        return self

    def adjust(self, aid: str, new_unit: str) -> str:
        """An approved 申请调整: the assignment ends and a new unit takes the same role."""
        self.end(aid)
        return self._assign(new_unit, self.handlings[aid].role)

    # -- handling ---------------------------------------------------------------------------
    def reply(self, aid: str, category: ReplyCategory = ReplyCategory.A) -> Story:
        handling = self.handlings[aid]
        self.answers.append(Answer(ReplyFact(aid, handling.round, self.stamp()), category))
        return self

    def evaluate(self, aid: str, result: Rating, *, open_next_round: bool = True) -> Story:
        """The proposer's 办理结果; 不满意 opens the next round as services.handling does."""
        handling = self.handlings[aid]
        self.evaluations.append(EvaluationFact(aid, handling.round, result, self.stamp()))
        if result is Rating.UNSATISFIED and open_next_round:
            handling.round += 1
        return self

    def rehandle(self, aid: str) -> Story:
        """二次办理 opened by the office itself."""
        self.handlings[aid].round += 1
        return self

    # -- what the figures read --------------------------------------------------------------
    def live(self) -> list[Handling]:
        return [h for h in self.handlings.values() if not h.ended]

    def due(self) -> list[Handling]:
        return [h for h in self.handlings.values() if h.due]

    def has_current_reply(self, h: Handling) -> bool:
        return any(a.reply.assignment_id == h.id and a.reply.round == h.round for a in self.answers)

    def current_evaluation(self, h: Handling) -> EvaluationFact | None:
        mine = [e for e in self.evaluations if e.assignment_id == h.id and e.round == h.round]
        return max(mine, key=lambda e: e.stamp) if mine else None

    def last_answer(self, h: Handling) -> Answer | None:
        mine = [a for a in self.answers if a.reply.assignment_id == h.id]
        return max(mine, key=lambda a: a.reply.stamp) if mine else None

    def last_evaluation(self, h: Handling) -> EvaluationFact | None:
        mine = [e for e in self.evaluations if e.assignment_id == h.id]
        return max(mine, key=lambda e: e.stamp) if mine else None
