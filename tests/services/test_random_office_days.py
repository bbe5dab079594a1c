"""Any day at the office, in any order: status, audit trail and figures stay true to the records.

Hypothesis plays random sequences of service calls on a real SQLite file: mostly actions the
permission table offers in the proposal's current state (with arguments a clerk could pick),
sometimes one it does not offer, which must be refused with ``state_not_allowed`` and change
nothing.  A finer rule may still refuse an offered action (a reply before signing, a request
after the window …); such a refusal must change nothing either.
"""
from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import asdict
from datetime import date, timedelta
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from desktop.domain.enums import (
    DUE_ROLES, ContactForm, EvaluationMethod, FollowUpKind, Rating, ReplyCategory, State,
    UserRole,
)
from desktop.domain.errors import DomainError, NotAllowed
from desktop.domain.lifecycle import derive
from desktop.domain.permissions import Action, actions_for
from desktop.domain.clock import Stamp
from desktop.domain.statistics import handling_counts, share_rounding_bound
from desktop.services import assignment, entry, handling, numbering, review, supervision
from desktop.services.statistics import statistics
from desktop.store.database import open_database
from desktop.store.facts import facts_for
from desktop.store import statistics as queries
from desktop.store.models import (
    Assignment, AuditEntry, Change, Evaluation, Proposal, Reply, Site,
)

from tests.office import Office, make_office
from .flows import refused, snapshot

UNITS = ["教育局", "财政局", "人社局", "民政局", "住建局"]
NAMES = ["张三", "李四", "王五"]
ADMIN = UserRole.ADMIN
PROGRESS = {  # the action that takes a proposal in this state one step further
    State.REGISTERED: Action.SUBMIT, State.IN_REVIEW: Action.FORWARD, State.FILED: Action.ASSIGN,
    State.ASSIGNED: Action.ACCEPT, State.HANDLING: Action.REPLY, State.REPLIED: Action.EVALUATE,
}
Move = tuple[Callable[[], object], frozenset[str]]  # the call, and the finer refusals it may meet


class Day:
    """One office, one meeting, a handful of proposals, a calendar that only moves forward."""

    def __init__(self, office: Office, levels: int) -> None:
        self.office, self.session, self.admin = office, office.session, office.admin
        self.levels = levels
        self.day = date(2023, 2, 1)
        self.ids: list[str] = []

    # -- what is there --------------------------------------------------------------------------
    def live(self, proposal: Proposal) -> list[Assignment]:
        return list(self.session.scalars(select(Assignment).where(
            Assignment.proposal_id == proposal.id, Assignment.ended.is_(None))
            .order_by(Assignment.stamp)))

    def replied(self, row: Assignment) -> list[Reply]:
        return list(self.session.scalars(select(Reply).where(Reply.assignment_id == row.id)))

    def rated(self, row: Assignment) -> bool:
        return self.session.scalar(select(Evaluation.id).where(
            Evaluation.assignment_id == row.id, Evaluation.round == row.round)) is not None

    def unit(self, short: str) -> str:
        return self.office.unit(short).id

    def free_units(self, proposal: Proposal) -> list[str]:
        taken = {a.unit_id for a in self.live(proposal)}
        return [u for u in UNITS if self.unit(u) not in taken]

    # -- moves a clerk could make in the proposal's state ---------------------------------------
    def move(self, action: Action, p: Proposal, data: st.DataObject) -> Move | None:
        s, a, pid, day = self.session, self.admin, p.id, self.day
        final = frozenset({"decision_needs_final_level"})
        if action is Action.EDIT:
            return lambda: entry.edit(s, a, pid, body=f"修改于{day}"), frozenset()
        if action is Action.SUBMIT:
            return lambda: entry.submit(s, a, [pid]), frozenset()
        if action is Action.FORWARD:
            return lambda: review.forward(s, a, [pid]), frozenset({"no_further_level"})
        if action is Action.FILE:
            return lambda: review.file(s, a, [pid]), final
        if action is Action.REJECT:
            return lambda: review.reject(s, a, [pid], "不属于提案范围"), final
        if action is Action.REFER:
            return lambda: review.refer(s, a, [pid], "转为意见建议"), final
        if action is Action.RETURN:
            return lambda: review.return_for_revision(s, a, [pid], "请补充"), frozenset()
        if action is Action.WITHDRAW:
            return lambda: review.withdraw(s, a, [pid], "提案人撤回"), frozenset()
        if action is Action.UNDO_REVIEW:
            return lambda: review.undo(s, a, pid, "误操作"), frozenset(
                {"nothing_to_undo", "undo_after_assignment", "undo_split"})
        if action is Action.NUMBER:
            return lambda: numbering.give_numbers(s, a, [pid]), frozenset()
        if action is Action.MARK_KEY:
            return lambda: supervision.mark_key(s, a, pid), frozenset()
        if action is Action.MARK_EXCELLENT:
            return lambda: supervision.mark_excellent(s, a, [pid]), frozenset()
        if action is Action.MERGE:
            mains = [q for q in self.ids if q != pid and s.get(Proposal, q).status in (
                State.IN_REVIEW, State.FILED, State.ASSIGNED, State.HANDLING)]
            if not mains:
                return None
            main = data.draw(st.sampled_from(mains), label="merge into")
            return lambda: review.merge(s, a, [pid], main), final
        if action is Action.SPLIT:
            def split() -> None:
                parts = [review.SplitPart(f"{p.title}（一）"), review.SplitPart(f"{p.title}（二）")]
                self.ids += [c.id for c in review.split(s, a, pid, parts, "一案一议")]
            return split, final
        if action is Action.ASSIGN:
            return self.assign(p, data)
        rows = self.live(p)
        if action is Action.ACCEPT:
            waiting = [r for r in rows if r.accepted_on is None]
            if not waiting:
                return None
            row = data.draw(st.sampled_from(waiting), label="sign")
            return lambda: assignment.accept(s, a, row.id, on=day), frozenset()
        if not rows:
            return None
        if action in (Action.RETURN_ASSIGNMENT, Action.REQUEST_ADJUSTMENT, Action.EXTEND,
                      Action.RECORD_CONTACT):
            row = data.draw(st.sampled_from(rows), label="assignment")
            form = data.draw(st.sampled_from([ContactForm.FACE, ContactForm.PHONE]), label="form")
            window = frozenset({"adjustment_window_closed"})
            return {
                Action.RETURN_ASSIGNMENT: (lambda: assignment.return_assignment(
                    s, a, row.id, "非本单位职责", on=day), window),
                Action.REQUEST_ADJUSTMENT: (lambda: assignment.request_adjustment(
                    s, a, row.id, "建议调整", on=day), window | {"adjustment_pending"}),
                Action.EXTEND: (lambda: assignment.extend(
                    s, a, row.id, row.due_on + timedelta(15), "需要协调"),
                    frozenset({"extension_beyond_maximum"})),
                Action.RECORD_CONTACT: (lambda: handling.record_contact(
                    s, a, row.id, form, day), frozenset()),
            }[action]
        if action is Action.DECIDE_ADJUSTMENT:
            pending = [r for r in rows if r.adjustment_requested_on and not r.adjustment_decision]
            if not pending:
                return None
            row = data.draw(st.sampled_from(pending), label="adjustment")
            approve = data.draw(st.booleans(), label="approve")
            free = self.free_units(p)
            new = self.unit(free[0]) if approve and free else None
            return lambda: assignment.decide_adjustment(s, a, row.id, approve, "审批",
                                                        new_unit_id=new, on=day), frozenset()
        due = [r for r in rows if r.role in DUE_ROLES]
        if action is Action.REPLY:
            open_ = [r for r in due if r.accepted_on and
                     not any(x.round == r.round for x in self.replied(r))]
            if not open_:
                return None
            row = data.draw(st.sampled_from(open_), label="reply")
            category = data.draw(st.sampled_from(list(ReplyCategory)), label="category")
            return lambda: handling.reply(s, a, row.id, handling.ReplyInput(category, day)), \
                frozenset()
        answered = [r for r in due if any(x.round == r.round for x in self.replied(r))]
        if action is Action.EVALUATE:
            unrated = [r for r in answered if not self.rated(r)]
            if not unrated:
                return None
            row = data.draw(st.sampled_from(unrated), label="rate")
            result = data.draw(st.sampled_from(list(Rating)), label="rating")
            return lambda: handling.evaluate(s, a, row.id, Rating.SATISFIED, result,
                                             EvaluationMethod.PAPER, day), frozenset()
        if action is Action.REHANDLE:
            if not answered:
                return None
            row = data.draw(st.sampled_from(answered), label="rehandle")
            return lambda: handling.rehandle(s, a, row.id, "答复不具体", on=day), frozenset()
        if action is Action.FOLLOW_UP:
            open_ = [r for r in rows if any(x.category in (ReplyCategory.B, ReplyCategory.C)
                                            for x in self.replied(r))]
            if not open_:
                return None
            row = data.draw(st.sampled_from(open_), label="follow up")
            return lambda: handling.follow_up(s, a, row.id, FollowUpKind.CONTINUED, day,
                                              "续办续复"), frozenset()
        return None

    def assign(self, p: Proposal, data: st.DataObject) -> Move | None:
        s, a, pid, day = self.session, self.admin, p.id, self.day
        free = self.free_units(p)
        if any(r.role in DUE_ROLES for r in self.live(p)):
            return (lambda: assignment.assign(s, a, pid, assist=[self.unit(free[0])],
                                              assigned_on=day), frozenset()) if free else None
        if len(free) < 2:
            return None
        if data.draw(st.booleans(), label="分办"):
            units = [self.unit(u) for u in free[:2]]
            return lambda: assignment.assign(s, a, pid, separate=units, assigned_on=day), frozenset()
        lead, assist = self.unit(free[0]), [self.unit(free[1])] if data.draw(st.booleans()) else []
        return lambda: assignment.assign(s, a, pid, lead=lead, assist=assist,
                                         assigned_on=day), frozenset()

    # -- moves the permission table does not offer in this state --------------------------------
    def closed_moves(self, p: Proposal) -> dict[Action, Callable[[], object]]:
        s, a, pid, day = self.session, self.admin, p.id, self.day
        calls = {
            Action.EDIT: lambda: entry.edit(s, a, pid, body="修改"),
            Action.SUBMIT: lambda: entry.submit(s, a, [pid]),
            Action.FORWARD: lambda: review.forward(s, a, [pid]),
            Action.FILE: lambda: review.file(s, a, [pid]),
            Action.REJECT: lambda: review.reject(s, a, [pid], "理由"),
            Action.RETURN: lambda: review.return_for_revision(s, a, [pid], "理由"),
            Action.WITHDRAW: lambda: review.withdraw(s, a, [pid], "理由"),
            Action.UNDO_REVIEW: lambda: review.undo(s, a, pid, "理由"),
            Action.NUMBER: lambda: numbering.give_numbers(s, a, [pid]),
            Action.ASSIGN: lambda: assignment.assign(s, a, pid, lead=self.unit("教育局"),
                                                     assigned_on=day),
            Action.SPLIT: lambda: review.split(s, a, pid, [review.SplitPart("甲"),
                                                          review.SplitPart("乙")]),
        }
        rows = list(self.session.scalars(select(Assignment).where(Assignment.proposal_id == pid)))
        if rows:
            row = rows[0]
            calls |= {
                Action.ACCEPT: lambda: assignment.accept(s, a, row.id, on=day),
                Action.REPLY: lambda: handling.reply(
                    s, a, row.id, handling.ReplyInput(ReplyCategory.A, day)),
                Action.EVALUATE: lambda: handling.evaluate(
                    s, a, row.id, Rating.SATISFIED, Rating.SATISFIED, EvaluationMethod.PAPER, day),
                Action.EXTEND: lambda: assignment.extend(s, a, row.id, row.due_on + timedelta(1),
                                                         "延期"),
            }
        offered = actions_for(p.status, ADMIN)
        return {action: call for action, call in calls.items() if action not in offered}

    # -- one step -------------------------------------------------------------------------------
    def step(self, data: st.DataObject) -> None:
        self.day += timedelta(days=data.draw(st.integers(0, 4), label="days pass"))
        if not self.ids or (len(self.ids) < 3 and data.draw(st.integers(0, 7)) == 0):
            names = data.draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=2,
                                       unique=True), label="proposers")
            submit = data.draw(st.booleans(), label="submit at once")
            self.ids.append(self.office.register(f"关于第{len(self.ids) + 1}件事的建议", *names,
                                                 submit=submit).id)
            return
        proposal = self.session.get(Proposal, data.draw(st.sampled_from(self.ids), label="which"))
        offered = actions_for(proposal.status, ADMIN)
        closed = self.closed_moves(proposal)
        if closed and data.draw(st.integers(0, 4), label="try a closed action") == 0:
            action = data.draw(st.sampled_from(sorted(closed)), label="closed action")
            before = snapshot(self.session)
            with refused(NotAllowed, "state_not_allowed", action=action.value,
                         state=proposal.status.value):
                closed[action]()
            assert snapshot(self.session) == before, f"refused {action} changed something"
            return
        choices = [c for c in offered if c not in (Action.REGISTER, Action.MANAGE_BASE_DATA,
                                                   Action.MANAGE_USERS, Action.SUPERVISE)]
        if not choices:
            return
        further = PROGRESS.get(proposal.status)
        if further is Action.FORWARD and proposal.review_level >= self.levels:
            further = Action.FILE
        if further in choices and data.draw(st.integers(0, 2), label="go on") > 0:
            action = further
        else:
            action = data.draw(st.sampled_from(choices), label="action")
        planned = self.move(action, proposal, data)
        if planned is None:
            return
        call, may_refuse = planned
        before = snapshot(self.session) if may_refuse else None
        try:
            call()
        except DomainError as error:
            assert error.code in may_refuse, f"{action} refused: {error!r}"
            assert snapshot(self.session) == before, f"refused {action} changed something"

    # -- what must always hold ------------------------------------------------------------------
    def check_states(self) -> None:
        self.session.rollback()
        proposals = list(self.session.scalars(select(Proposal)))
        facts = facts_for(self.session, [p.id for p in proposals])
        for p in proposals:
            progress = derive(facts[p.id])
            assert (p.status, p.review_level) == (progress.state, progress.review_level), p.serial

    def check_trail(self) -> None:
        """Every audit entry travels in the change log, stamped after all that came before."""
        audit_ids = set(self.session.scalars(select(AuditEntry.id)))
        logged = set(self.session.scalars(
            select(Change.row_id).where(Change.table_name == "audit_entry")))
        assert audit_ids == logged
        stamps = list(self.session.scalars(select(Change.stamp).order_by(Change.stamp)))
        assert len(stamps) == len(set(stamps)), "two changes with one stamp"
        site = self.session.scalar(select(Site).where(Site.local.is_(True)))
        assert Stamp.decode(stamps[-1]) <= Stamp(site.clock_wall_ms, site.clock_counter, site.id)

    def check_figures(self) -> None:
        figures = statistics(self.session, self.office.meeting.id, today=self.day)
        # the fast counts from the assignments' caches equal the reference read from the records
        reference = handling_counts(
            [row for row, _ in queries.assignment_rows(self.session, self.office.meeting.id
                                                       ).values()], self.day)
        for name, value in asdict(reference).items():
            if name != "categories":
                assert figures[name] == value, name
        assert {k: v["count"] for k, v in figures["categories"].items()} == reference.categories
        categories = figures["categories"]
        assert sum(c["count"] for c in categories.values()) == figures["replied"]
        if figures["replied"]:
            total = sum(c["percent"] for c in categories.values())
            assert abs(total - 100) <= share_rounding_bound(4) + 1e-9, categories
        live_due = self.session.scalar(
            select(func.count()).select_from(Assignment)
            .where(Assignment.ended.is_(None), Assignment.role.in_(list(DUE_ROLES))))
        assert figures["replies_due"] == live_due
        for rating in self.session.scalars(select(Evaluation).where(
                Evaluation.result == Rating.UNSATISFIED)):
            row = self.session.get(Assignment, rating.assignment_id)
            assert row.round > rating.round, "an unsatisfied rating opens the next round"


@settings(max_examples=15, deadline=None, suppress_health_check=[
    HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large])
@given(data=st.data(), levels=st.sampled_from([1, 2, 3]), steps=st.integers(6, 20))
def test_any_day_at_the_office_keeps_status_and_figures_true(data, levels, steps):
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder) / "office.db", create=True)
        office = make_office(db, review_levels=levels)
        try:
            day = Day(office, levels)
            for _ in range(steps):
                day.step(data)
                day.check_states()
            day.check_trail()
            day.check_figures()
            for state in set(office.session.scalars(select(Proposal.status))):
                event(f"a proposal ended the day {state.value}")
        finally:
            office.session.close()
            db.close()
