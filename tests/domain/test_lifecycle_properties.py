"""Random but allowed histories of one proposal, and what must hold after every step.

Each step picks a role, asks ``permissions.actions_for`` what that role may do in the derived
state, adds the checks the services make on top (final review level, one reply per round, …)
and records what the service would write.  Stamps come from a real hybrid logical clock whose
wall clock may jump back.
"""
from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from datetime import date
from decimal import Decimal

from hypothesis import event, given, note, settings
from hypothesis import strategies as st

from desktop.domain import statistics
from desktop.domain.enums import (
    ENDED_STATES, FILED_STATES, Decision, Rating, ReplyCategory, State, UserRole,
)
from desktop.domain.lifecycle import ProposalFacts, derive
from desktop.domain.permissions import Action, actions_for
from desktop.domain.statistics import percent, share_rounding_bound

from .story import Story

UNITS = ["住建局", "财政局", "教育局", "卫健局", "交通局", "人社局"]
# ADMIN twice: the office's own administrator does most of the work in a county office.
ROLES = [UserRole.ADMIN, UserRole.ADMIN, UserRole.STAFF, UserRole.REVIEWER, UserRole.UNIT,
         UserRole.LEADER]
FINAL = {
    Action.FILE: Decision.FILED, Action.REJECT: Decision.REJECTED,
    Action.REFER: Decision.REFERRED, Action.MERGE: Decision.MERGED, Action.SPLIT: Decision.SPLIT,
}

Move = tuple[Action, str, Callable[[st.DataObject], None]]


# -- the moves a role may make ---------------------------------------------------------------

def moves(story: Story, role: UserRole, levels: int) -> list[Move]:
    progress = story.progress()
    found: list[Move] = []
    for action in actions_for(progress.state, role):
        found += _moves_for(action, story, progress.review_level, levels)
    return found


def _moves_for(action: Action, story: Story, level: int, levels: int) -> list[Move]:
    live = story.live()
    if action is Action.SUBMIT:
        return [(action, "submit", lambda d: story.submit())]
    if action is Action.FORWARD and level < levels:
        return [(action, "forward", lambda d: story.forward())]
    if action in FINAL and level >= levels:  # services refuse these before the last level
        decision = FINAL[action]
        return [(action, decision.value, lambda d: story.decide(decision))]
    if action is Action.RETURN:
        return [(action, "return", lambda d: story.decide(Decision.RETURNED))]
    if action is Action.WITHDRAW:
        return [(action, "withdraw", lambda d: story.decide(Decision.WITHDRAWN))]
    if action is Action.UNDO_REVIEW and story.undoable():
        return [(action, "undo", lambda d: story.undo())]
    if action is Action.ASSIGN:
        return _assign_moves(story)
    if action is Action.ACCEPT:
        return [(action, f"accept {h.id}", lambda d, h=h: story.accept(h.id))
                for h in live if not h.accepted]
    if action is Action.RETURN_ASSIGNMENT:
        return [(action, f"return {h.id}", lambda d, h=h: story.end(h.id)) for h in live]
    if action is Action.DECIDE_ADJUSTMENT:
        return [(action, f"adjust {h.id}", lambda d, h=h: _adjust(d, story, h.id)) for h in live]
    if action is Action.REPLY:
        return [(action, f"reply {h.id}", lambda d, h=h: story.reply(
                    h.id, d.draw(st.sampled_from(ReplyCategory), label="category")))
                for h in story.due() if h.accepted and not story.has_current_reply(h)]
    if action is Action.EVALUATE:
        return [(action, f"evaluate {h.id}", lambda d, h=h: _evaluate(d, story, h.id))
                for h in live
                if story.has_current_reply(h) and story.current_evaluation(h) is None]
    if action is Action.REHANDLE:
        return [(action, f"rehandle {h.id}", lambda d, h=h: story.rehandle(h.id))
                for h in live if story.has_current_reply(h)]
    return []


def _free_units(story: Story) -> list[str]:
    taken = {h.unit for h in story.live()}
    return [u for u in UNITS if u not in taken]


def _assign_moves(story: Story) -> list[Move]:
    free = _free_units(story)
    if not free:
        return []
    if story.due():  # a 主办 or 分办 is in place: only 协办 units may be added
        return [(Action.ASSIGN, "add assist", lambda d: story.add_assist(
            d.draw(st.sampled_from(free), label="assist")))]

    def lead(d: st.DataObject) -> None:
        units = d.draw(st.lists(st.sampled_from(free), min_size=1, max_size=3, unique=True),
                       label="lead and assist")
        story.assign_lead(*units)

    def separate(d: st.DataObject) -> None:
        units = d.draw(st.lists(st.sampled_from(free), min_size=1, max_size=3, unique=True),
                       label="separate")
        story.assign_separately(*units)

    return [(Action.ASSIGN, "assign lead", lead), (Action.ASSIGN, "assign separately", separate)]


def _adjust(d: st.DataObject, story: Story, aid: str) -> None:
    free = _free_units(story)
    new_unit = d.draw(st.sampled_from([None, *free]), label="new unit")
    if new_unit is None:
        story.end(aid)
    else:
        story.adjust(aid, new_unit)


def _evaluate(d: st.DataObject, story: Story, aid: str) -> None:
    result = d.draw(st.sampled_from(Rating), label="result")
    story.evaluate(aid, result, open_next_round=False)
    if result is Rating.UNSATISFIED:
        # Between the rating and the service opening round 2, the proposal is in hand again.
        assert story.state is State.HANDLING
        story.rehandle(aid)


# -- the invariants --------------------------------------------------------------------------

def check(story: Story, levels: int, before: State, action: Action | None, rng: random.Random):
    progress = derive(story.facts)  # never raises
    state = progress.state
    due = story.due()
    due_ids = {h.id for h in due}

    if state is State.IN_REVIEW:
        assert 1 <= progress.review_level <= levels
    else:
        assert progress.review_level == 0
    assert set(progress.waiting) <= due_ids
    assert len(set(progress.waiting)) == len(progress.waiting)

    # 不满意 on the current round always puts the proposal back in hand.
    if any((e := story.current_evaluation(h)) and e.result is Rating.UNSATISFIED for h in due):
        assert state is State.HANDLING

    # Once ended, nothing but an undo changes the state.
    if before in ENDED_STATES and action is not Action.UNDO_REVIEW:
        assert state is before
    # Once filed, only an undo (before assignment) or a withdrawal leaves the filed states.
    if before in FILED_STATES and state not in FILED_STATES:
        assert action in (Action.UNDO_REVIEW, Action.WITHDRAW)
        assert not any(h.due for h in story.live())  # the services also refuse live 协办

    if state is State.CLOSED:
        assert due
        for h in due:
            evaluation = story.current_evaluation(h)
            assert story.has_current_reply(h)
            assert evaluation is not None and evaluation.result is not Rating.UNSATISFIED
    if state is State.REPLIED:
        assert due and all(story.has_current_reply(h) for h in due)
        assert any(story.current_evaluation(h) is None for h in due)
    if state is State.HANDLING:
        assert any(h.accepted for h in due)
        assert set(progress.waiting) == {
            h.id for h in due
            if not story.has_current_reply(h)
            or ((e := story.current_evaluation(h)) and e.result is Rating.UNSATISFIED)
        }
        assert progress.waiting
    if state is State.ASSIGNED:
        assert due and not any(h.accepted for h in due)
    if state is State.FILED:  # nobody owes a reply: never assigned, returned, or 协办 left alone
        assert not due

    # The category counts of each due assignment's last reply add up to the replied ones.
    last = [story.last_answer(h) for h in due]
    counts = Counter(a.category for a in last if a is not None)
    assert sum(counts.values()) == sum(1 for a in last if a is not None)
    assert set(counts) <= set(ReplyCategory)

    # The order the records arrive in does not matter: the stamps order them.
    facts = story.facts
    shuffled = ProposalFacts(*(tuple(rng.sample(part, len(part))) for part in (
        facts.submissions, facts.reviews, facts.assignments, facts.replies, facts.evaluations)))
    again = derive(shuffled)
    assert (again.state, again.review_level, set(again.waiting)) == (
        state, progress.review_level, set(progress.waiting))
    return progress


def play(data: st.DataObject, after_step: Callable[[Story], None] = lambda s: None) -> Story:
    levels = data.draw(st.integers(1, 3), label="review levels")
    wall = {"ms": 1_700_000_000_000}

    def wall_clock() -> int:  # a laptop's clock, which now and then is set back a little
        wall["ms"] += data.draw(st.integers(-3, 5), label="wall step")
        return wall["ms"]

    story = Story(wall=wall_clock)
    rng = data.draw(st.randoms(use_true_random=False), label="shuffle")
    steps = data.draw(st.integers(0, 80), label="steps")
    visited: set[State] = set()
    reopened = False
    for _ in range(steps):
        before = story.state
        role = data.draw(st.sampled_from(ROLES), label="role")
        offered = moves(story, role, levels)
        if before in ENDED_STATES:
            assert {action for action, _, _ in offered} <= {Action.UNDO_REVIEW}
        if not offered:
            continue
        action, label, move = _choose(data, offered)
        note(f"{role.value}: {label}")
        move(data)
        check(story, levels, before, action, rng)
        after_step(story)
        visited.add(story.state)
        reopened |= action is Action.EVALUATE and any(h.round > 1 for h in story.handlings.values())
    for state in sorted(visited):
        event(f"reached {state.value}")
    if reopened:
        event("reopened after 不满意")
    return story


# Endings and detours are rarer than the ordinary next step, as in an office's year; the
# ordinary steps come first so that shrinking leads towards the plain path.
DETOURS = {
    Action.REJECT: 1, Action.REFER: 1, Action.MERGE: 1, Action.SPLIT: 1, Action.WITHDRAW: 1,
    Action.RETURN: 2, Action.UNDO_REVIEW: 2, Action.RETURN_ASSIGNMENT: 2,
    Action.DECIDE_ADJUSTMENT: 2, Action.REHANDLE: 2,
}
ORDINARY = 12


def _choose(data: st.DataObject, offered: list[Move]) -> Move:
    ranked = sorted(offered, key=lambda m: m[0] in DETOURS)
    weights = [DETOURS.get(m[0], ORDINARY) for m in ranked]
    pick = data.draw(st.integers(0, sum(weights) - 1), label="move")
    for move, weight in zip(ranked, weights):
        if pick < weight:
            return move
        pick -= weight
    raise AssertionError("unreachable")


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_allowed_histories_keep_the_lifecycle_rules(data):
    play(data)


# -- the figures of random histories ---------------------------------------------------------

def _rows(story: Story) -> list:
    """The statistics rows of a story's live assignments, as the store would build them."""
    rows = []
    for h in story.live():
        answer = story.last_answer(h)
        evaluation = story.last_evaluation(h)
        rows.append(statistics.AssignmentRow(
            proposal_id="p1", unit_id=h.unit, role=h.role.value, round=h.round,
            due_on=date(2023, 6, 1),
            last_category=answer.category.value if answer else None,
            last_reply_round=answer.reply.round if answer else None,
            last_result=evaluation.result.value if evaluation else None,
            unsatisfied_ever=any(e.assignment_id == h.id and e.result is Rating.UNSATISFIED
                                 for e in story.evaluations),
            face_to_face=False,
        ))
    return rows


def _check_figures(story: Story) -> None:
    counts = statistics.handling_counts(_rows(story), date(2023, 5, 1))
    due = story.due()
    assert counts.replies_due == len(due)
    assert sum(counts.categories.values()) == counts.replied
    assert counts.replied == sum(1 for h in due if story.last_answer(h) is not None)
    assert counts.replied <= counts.replies_due
    assert counts.rehandled == sum(1 for h in due if h.round > 1)
    if story.state in (State.REPLIED, State.CLOSED):
        assert counts.replied == counts.replies_due
    shares = statistics.handling_figures(counts)["categories"]
    if counts.replied:
        printed = sum(Decimal(str(v["percent"])) for v in shares.values())
        nonzero = sum(1 for v in shares.values() if v["count"])
        assert abs(printed - 100) <= Decimal(str(share_rounding_bound(nonzero)))


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_figures_of_allowed_histories_add_up(data):
    play(data, after_step=_check_figures)


# -- shares of random category counts ---------------------------------------------------------

@given(st.lists(st.integers(0, 5000), min_size=4, max_size=4).filter(any))
def test_four_category_shares_sum_to_100_within_rounding_bound(counts):
    whole = sum(counts)
    printed = sum(Decimal(str(percent(c, whole))) for c in counts)
    nonzero = sum(1 for c in counts if c)
    assert abs(printed - 100) <= Decimal(str(share_rounding_bound(nonzero)))
    if whole < 32:
        assert abs(printed - 100) <= Decimal("0.01")
