"""The one table of who may do what, in which state (permissions.ALLOWED)."""
from __future__ import annotations

import pytest

from desktop.domain.enums import ENDED_STATES, FILED_STATES, State, UserRole
from desktop.domain.errors import NotAllowed
from desktop.domain.permissions import ALLOWED, Action, actions_for, allowed, require

REVIEW_DECISIONS = [
    Action.FORWARD, Action.FILE, Action.REJECT, Action.REFER, Action.RETURN, Action.MERGE,
    Action.SPLIT,
]
# What happens to one proposal (as opposed to base data, users, or registering a new one).
PROPOSAL_ACTIONS = frozenset(Action) - {
    Action.REGISTER, Action.MANAGE_BASE_DATA, Action.MANAGE_USERS, Action.EXCHANGE, Action.ENROL,
}


def test_every_action_has_a_row_in_the_table():
    assert set(ALLOWED) == set(Action)


def test_leader_may_not_file():
    assert not allowed(Action.FILE, State.IN_REVIEW, UserRole.LEADER)
    with pytest.raises(NotAllowed) as refused:
        require(Action.FILE, State.IN_REVIEW, UserRole.LEADER)
    assert refused.value.code == "role_not_allowed"
    assert refused.value.params == {"action": "file", "role": "leader"}


@pytest.mark.parametrize("state", list(State) + [None])
def test_leader_only_reads(state):
    assert actions_for(state, UserRole.LEADER) == []


@pytest.mark.parametrize("action", REVIEW_DECISIONS + [Action.UNDO_REVIEW])
def test_unit_clerk_cannot_review(action):
    assert not allowed(action, State.IN_REVIEW, UserRole.UNIT)
    with pytest.raises(NotAllowed) as refused:
        require(action, State.IN_REVIEW, UserRole.UNIT)
    assert refused.value.code == "role_not_allowed"


@pytest.mark.parametrize("action", REVIEW_DECISIONS)
def test_office_staff_register_but_only_reviewers_decide(action):
    assert allowed(Action.SUBMIT, State.REGISTERED, UserRole.STAFF)
    assert not allowed(action, State.IN_REVIEW, UserRole.STAFF)
    assert allowed(action, State.IN_REVIEW, UserRole.REVIEWER)
    assert allowed(action, State.IN_REVIEW, UserRole.ADMIN)


def test_reviewer_does_not_assign_or_rate():
    assert not allowed(Action.ASSIGN, State.FILED, UserRole.REVIEWER)
    assert not allowed(Action.EVALUATE, State.REPLIED, UserRole.REVIEWER)


def test_unit_clerk_signs_and_replies_but_the_office_enters_the_rating():
    assert allowed(Action.ACCEPT, State.ASSIGNED, UserRole.UNIT)
    assert allowed(Action.REPLY, State.HANDLING, UserRole.UNIT)
    assert allowed(Action.REQUEST_ADJUSTMENT, State.ASSIGNED, UserRole.UNIT)
    assert not allowed(Action.DECIDE_ADJUSTMENT, State.ASSIGNED, UserRole.UNIT)
    assert not allowed(Action.EVALUATE, State.REPLIED, UserRole.UNIT)
    assert not allowed(Action.EXTEND, State.HANDLING, UserRole.UNIT)


def test_reply_is_refused_once_the_proposal_is_closed():
    with pytest.raises(NotAllowed) as refused:
        require(Action.REPLY, State.CLOSED, UserRole.UNIT)
    assert refused.value.code == "state_not_allowed"
    assert refused.value.params == {"action": "reply", "state": "closed"}


def test_role_is_checked_before_state():
    with pytest.raises(NotAllowed) as refused:
        require(Action.REPLY, State.CLOSED, UserRole.LEADER)
    assert refused.value.code == "role_not_allowed"


def test_without_a_proposal_only_the_role_counts():
    require(Action.REGISTER, None, UserRole.STAFF)
    assert Action.MANAGE_USERS in actions_for(None, UserRole.ADMIN)
    assert Action.MANAGE_USERS not in actions_for(None, UserRole.STAFF)


def test_withdrawal_is_possible_until_assignment():
    for state in (State.REGISTERED, State.IN_REVIEW, State.FILED):
        assert allowed(Action.WITHDRAW, state, UserRole.STAFF)
    for state in (State.ASSIGNED, State.HANDLING, State.REPLIED, State.CLOSED):
        assert not allowed(Action.WITHDRAW, state, UserRole.ADMIN)


@pytest.mark.parametrize("state", sorted(ENDED_STATES))
@pytest.mark.parametrize("role", list(UserRole))
def test_ended_proposal_offers_nothing_but_undo(state, role):
    offered = set(actions_for(state, role)) & PROPOSAL_ACTIONS
    assert offered <= {Action.UNDO_REVIEW}
    if state is State.SPLIT:
        assert not offered, "a split proposal lives on in its parts; it cannot be undone"


def test_numbers_key_marks_and_supervision_belong_to_filed_proposals():
    for action in (Action.NUMBER, Action.MARK_KEY, Action.MARK_EXCELLENT, Action.SUPERVISE):
        assert {s for s in State if allowed(action, s, UserRole.ADMIN)} == FILED_STATES


def test_actions_for_lists_actions_in_table_order():
    offered = actions_for(State.IN_REVIEW, UserRole.ADMIN)
    assert offered == [a for a in Action if a in offered]
    assert Action.FILE in offered and Action.REPLY not in offered
