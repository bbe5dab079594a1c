"""Where one assignment stands, and which handling actions are open on it.

The proposal's state (lifecycle.derive) says whether handling is open at all; a 分办 proposal
answered by one unit and not by another needs the finer answer per assignment, which the
tracking list shows and its buttons follow.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .deadlines import days_left, is_overdue
from .enums import (
    DUE_ROLES, AssignmentEnd, AssignmentRole, HandlingStatus, ReplyCategory, State, UserRole,
)
from .permissions import Action, allowed

_ENDED = {AssignmentEnd.RETURNED: HandlingStatus.RETURNED,
          AssignmentEnd.ADJUSTED: HandlingStatus.ADJUSTED}
FOLLOWED_CATEGORIES = frozenset({ReplyCategory.B, ReplyCategory.C})


@dataclass(frozen=True)
class AssignmentSnapshot:
    """An assignment as its cached columns describe it (store.facts keeps them current)."""

    role: AssignmentRole
    accepted: bool
    ended: AssignmentEnd | None
    round: int
    due_on: date
    replied_round: int | None = None
    evaluated_round: int | None = None
    category: ReplyCategory | None = None  # of the latest reply

    @property
    def due(self) -> bool:
        return self.role in DUE_ROLES

    @property
    def answered(self) -> bool:
        """The current round has its reply (a 协办 unit owes none)."""
        return not self.due or self.replied_round == self.round

    @property
    def status(self) -> HandlingStatus:
        if self.ended is not None:
            return _ENDED[self.ended]
        if not self.accepted:
            return HandlingStatus.TO_ACCEPT
        if not self.due:
            return HandlingStatus.ASSISTING
        if self.replied_round != self.round:
            return HandlingStatus.REHANDLING if self.round > 1 else HandlingStatus.HANDLING
        if self.evaluated_round != self.round:
            return HandlingStatus.TO_EVALUATE
        return HandlingStatus.DONE

    def overdue(self, today: date) -> bool:
        """The office's 逾期: a live reply still owed after its deadline (statistics count alike)."""
        return self.ended is None and is_overdue(self.due_on, self.answered, today)

    def days_left(self, today: date) -> int | None:
        """Days to the deadline while a reply is owed; negative once overdue."""
        if self.ended is not None or self.answered:
            return None
        return days_left(self.due_on, today)


def open_actions(snapshot: AssignmentSnapshot, proposal_state: State, role: UserRole,
                 own: bool = True, adjustable: bool = True) -> set[Action]:
    """The handling actions a screen offers on this assignment to this user.

    ``own`` is False when a 承办单位经办人 looks at another unit's assignment: nothing is open.
    ``adjustable`` is False once the days for 退回 / 申请调整 have passed.  The services check
    all of it again (and dates and maxima) when the action is taken.
    """
    if snapshot.ended is not None or not own:
        return set()
    s = snapshot
    candidates = {
        Action.ACCEPT: not s.accepted,
        Action.RETURN_ASSIGNMENT: adjustable and s.replied_round is None,
        Action.REQUEST_ADJUSTMENT: adjustable and s.replied_round is None,
        Action.RECORD_CONTACT: s.accepted,
        Action.REPLY: s.accepted and s.due and not s.answered,
        Action.ASSIST_OPINION: s.accepted and not s.due,
        Action.EXTEND: s.due and not s.answered,
        Action.EVALUATE: s.due and s.answered and s.evaluated_round != s.round,
        Action.REHANDLE: s.due and s.answered,
        Action.FOLLOW_UP: s.category in FOLLOWED_CATEGORIES,
    }
    return {action for action, fits in candidates.items()
            if fits and allowed(action, proposal_state, role)}
