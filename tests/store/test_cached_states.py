"""The cached status of a proposal and the cached answer of an assignment follow every write,
whichever action wrote the record: ``write()`` rebuilds them before it commits."""
from __future__ import annotations

from datetime import date

from desktop.domain.enums import HandlingStatus, ReplyCategory, State
from desktop.store.changes import next_stamp, write
from desktop.store.models import Reply
from desktop.store.tracking import snapshot_of

from tests.services.flows import assert_state, assigned


def test_a_reply_written_by_an_action_no_service_knows_still_answers_the_proposal(desk):
    proposal, (row,) = assigned(desk, "关于加强乡村道路养护的建议", lead="交通运输局")
    with write(desk.session, desk.admin, "test.accept"):
        row.accepted_on = date(2023, 3, 3)
    assert snapshot_of(row).status is HandlingStatus.HANDLING
    assert_state(desk, proposal, State.HANDLING)

    with write(desk.session, desk.admin, "test.reply_by_hand"):
        desk.session.add(Reply(assignment_id=row.id, round=1, category=ReplyCategory.B,
                               replied_on=date(2023, 4, 10), signer="局长",
                               stamp=next_stamp(desk.session)))
    desk.session.expire_all()
    assert (row.replied_round, row.category) == (1, ReplyCategory.B)
    assert snapshot_of(row).status is HandlingStatus.TO_EVALUATE
    assert_state(desk, proposal, State.REPLIED)


def test_removing_the_reply_in_a_later_action_takes_the_answer_back(desk):
    proposal, (row,) = assigned(desk, "关于规范城区停车收费的建议", lead="交通运输局")
    with write(desk.session, desk.admin, "test.accept_and_reply"):
        row.accepted_on = date(2023, 3, 3)
        desk.session.add(Reply(assignment_id=row.id, round=1, category=ReplyCategory.A,
                               replied_on=date(2023, 4, 10), signer="局长",
                               stamp=next_stamp(desk.session)))
    assert_state(desk, proposal, State.REPLIED)
    with write(desk.session, desk.admin, "test.remove_reply"):
        for reply in desk.session.query(Reply).filter_by(assignment_id=row.id):
            desk.session.delete(reply)
    desk.session.expire_all()
    assert (row.replied_round, row.category) == (None, None)
    assert_state(desk, proposal, State.HANDLING)
