"""The life of a proposal (docs/design.md §3), derived from its records alone."""
from __future__ import annotations

import random

from desktop.domain.clock import Stamp
from desktop.domain.enums import AssignmentRole, Decision, Rating, ReplyCategory, State
from desktop.domain.lifecycle import (
    AssignmentFact, EvaluationFact, ProposalFacts, ReplyFact, ReviewFact, SubmissionFact,
    derive, derive_state,
)

from .story import Story


def at(wall_ms: int, counter: int, site: str) -> str:
    return Stamp(wall_ms, counter, site).encode()


def filed(levels: int = 3) -> Story:
    return Story().submit().review_to_final(levels).file()


def test_typed_proposal_waits_as_registered():
    assert Story().progress().state is State.REGISTERED
    assert Story().progress().review_level == 0


def test_submitted_proposal_waits_for_first_review():
    progress = Story().submit().progress()
    assert progress.state is State.IN_REVIEW
    assert progress.review_level == 1


def test_each_forward_moves_review_up_one_level():
    story = Story().submit()
    assert story.forward().progress().review_level == 2  # 复审
    assert story.forward().progress().review_level == 3  # 终审


def test_filed_proposal_waits_for_assignment():
    progress = filed().progress()
    assert progress.state is State.FILED
    assert progress.review_level == 0


def test_returned_proposal_is_registered_again_until_resubmitted():
    story = Story().submit().forward().decide(Decision.RETURNED)
    assert story.progress().state is State.REGISTERED
    assert story.progress().review_level == 0
    story.submit()
    progress = story.progress()
    assert progress.state is State.IN_REVIEW
    assert progress.review_level == 1, "a resubmitted proposal starts review again at 初审"


def test_decisions_before_a_return_no_longer_count():
    story = Story().submit().forward().forward().decide(Decision.RETURNED).submit()
    assert story.progress().review_level == 1
    story.review_to_final().file()
    assert story.state is State.FILED


def test_rejected_referred_and_merged_proposals_end():
    for decision, ended in [
        (Decision.REJECTED, State.REJECTED),
        (Decision.REFERRED, State.REFERRED),
        (Decision.MERGED, State.MERGED),
    ]:
        assert Story().submit().review_to_final().decide(decision).state is ended


def test_split_proposal_ends_its_own_life():
    story = Story().submit().review_to_final().decide(Decision.SPLIT)
    assert story.state is State.SPLIT
    assert story.progress().review_level == 0
    assert not story.undoable(), "a split cannot be undone: its parts live on"


def test_withdrawn_proposal_ends_whenever_withdrawn():
    assert Story().decide(Decision.WITHDRAWN).state is State.WITHDRAWN
    assert Story().submit().forward().decide(Decision.WITHDRAWN).state is State.WITHDRAWN
    assert filed().decide(Decision.WITHDRAWN).state is State.WITHDRAWN


def test_undone_decision_is_as_if_never_made():
    story = Story().submit().review_to_final()
    story.decide(Decision.REJECTED)
    assert story.undoable()
    story.undo()
    progress = story.progress()
    assert progress.state is State.IN_REVIEW
    assert progress.review_level == 3
    story.file()
    assert story.state is State.FILED


def test_undone_return_puts_proposal_back_in_review():
    story = Story().submit().forward().decide(Decision.RETURNED)
    story.undo()
    assert story.progress().state is State.IN_REVIEW
    assert story.progress().review_level == 2


def test_return_cannot_be_undone_once_resubmitted():
    story = Story().submit().decide(Decision.RETURNED).submit()
    assert not story.undoable()


def test_assigned_proposal_waits_for_units_to_sign():
    story = filed()
    lead, assist = story.assign_lead("住建局", "财政局")
    progress = story.progress()
    assert progress.state is State.ASSIGNED
    assert progress.waiting == (lead,)
    story.accept(assist)
    assert story.state is State.ASSIGNED, "only a unit that owes the reply starts handling"
    story.accept(lead)
    assert story.state is State.HANDLING


def test_assist_unit_owes_no_reply():
    story = filed()
    lead, assist = story.assign_lead("住建局", "财政局")
    story.accept(lead, assist)
    assert story.progress().waiting == (lead,)
    story.reply(lead, ReplyCategory.A)
    assert story.state is State.REPLIED
    story.evaluate(lead, Rating.SATISFIED)
    assert story.state is State.CLOSED


def test_separate_assignments_each_owe_a_reply():
    story = filed()
    first, second, third = story.assign_separately("教育局", "卫健局", "人社局")
    story.accept(first, second)
    progress = story.progress()
    assert progress.state is State.HANDLING
    assert set(progress.waiting) == {first, second, third}
    story.reply(first, ReplyCategory.A).reply(second, ReplyCategory.B)
    assert story.progress().waiting == (third,)
    story.accept(third).reply(third, ReplyCategory.C)
    assert story.state is State.REPLIED
    story.evaluate(first, Rating.SATISFIED).evaluate(second, Rating.BASIC)
    assert story.state is State.REPLIED, "one 分办 unit's reply is still unrated"
    story.evaluate(third, Rating.SATISFIED)
    assert story.state is State.CLOSED


def test_unsatisfied_evaluation_reopens_handling():
    story = filed()
    (lead,) = story.assign_lead("交通局")
    story.accept(lead).reply(lead, ReplyCategory.C)
    story.evaluate(lead, Rating.UNSATISFIED, open_next_round=False)
    progress = story.progress()
    assert progress.state is State.HANDLING, "不满意 reopens even before the next round opens"
    assert progress.waiting == (lead,)

    story.rehandle(lead)  # the service opens round 2 with the unsatisfied rating
    assert story.progress().state is State.HANDLING
    assert story.progress().waiting == (lead,)
    story.reply(lead, ReplyCategory.B)
    assert story.state is State.REPLIED
    story.evaluate(lead, Rating.BASIC)
    assert story.state is State.CLOSED


def test_satisfied_rating_of_an_earlier_round_does_not_close_the_second():
    story = filed()
    (lead,) = story.assign_lead("交通局")
    story.accept(lead).reply(lead).evaluate(lead, Rating.SATISFIED)
    assert story.state is State.CLOSED
    story.rehandle(lead)  # the office reopens on its own (二次办理)
    assert story.state is State.HANDLING
    story.reply(lead)
    assert story.state is State.REPLIED


def test_returned_assignment_no_longer_owes_a_reply():
    story = filed()
    first, second = story.assign_separately("教育局", "卫健局")
    story.accept(first, second).reply(first)
    story.end(second)
    assert story.state is State.REPLIED
    assert story.progress().waiting == ()


def test_all_assignments_returned_brings_proposal_back_to_filed():
    story = filed()
    (lead,) = story.assign_lead("教育局")
    story.end(lead)
    assert story.state is State.FILED


def test_adjusted_assignment_waits_for_the_new_unit():
    story = filed()
    (lead,) = story.assign_lead("教育局")
    story.accept(lead)
    new = story.adjust(lead, "科技局")
    progress = story.progress()
    assert progress.state is State.ASSIGNED
    assert progress.waiting == (new,)


def test_records_are_ordered_by_stamp_not_by_list_order():
    story = Story().submit().forward().decide(Decision.RETURNED).submit().forward()
    facts = story.facts
    expected = derive(facts)
    rng = random.Random(7)
    for _ in range(20):
        reviews = list(facts.reviews)
        submissions = list(facts.submissions)
        rng.shuffle(reviews)
        rng.shuffle(submissions)
        shuffled = ProposalFacts(tuple(submissions), tuple(reviews))
        assert derive(shuffled) == expected


def test_records_of_two_sites_interleave_by_stamp():
    # 提案委 (site "a") submits and files; a laptop (site "b") had forwarded in between.
    facts = ProposalFacts(
        submissions=(SubmissionFact(at(1700000000000, 0, "a")),),
        reviews=(
            ReviewFact(at(1700000000500, 0, "a"), 2, Decision.FORWARD),
            ReviewFact(at(1700000000100, 3, "b"), 1, Decision.FORWARD),
        ),
    )
    assert derive(facts).review_level == 3


def test_latest_rating_of_a_round_is_the_one_that_counts():
    facts = ProposalFacts(
        submissions=(SubmissionFact("01"),),
        reviews=(ReviewFact("02", 1, Decision.FILED),),
        assignments=(AssignmentFact("x", AssignmentRole.LEAD, accepted=True),),
        replies=(ReplyFact("x", 1, "03"),),
        evaluations=(
            EvaluationFact("x", 1, Rating.SATISFIED, "05"),
            EvaluationFact("x", 1, Rating.UNSATISFIED, "04"),
        ),
    )
    assert derive_state(facts) is State.CLOSED


def test_first_decision_by_stamp_wins_when_two_laptops_decide():
    # 终审 on two laptops before they synced: one filed, the other rejected a moment later.
    filed_first = ReviewFact(at(1700000000200, 0, "a"), 3, Decision.FILED)
    rejected_later = ReviewFact(at(1700000000300, 0, "b"), 3, Decision.REJECTED)
    for reviews in [(filed_first, rejected_later), (rejected_later, filed_first)]:
        facts = ProposalFacts(submissions=(SubmissionFact(at(1700000000100, 0, "a")),),
                              reviews=reviews)
        assert derive_state(facts) is State.FILED
