"""The demo year after filing: assignments, contacts, replies, ratings, 二次办理."""
from __future__ import annotations

from datetime import date, timedelta
from itertools import accumulate

from desktop.domain import enums as e
from desktop.domain.tracking import FOLLOWED_CATEGORIES
from desktop.domain.lifecycle import (
    AssignmentFact, EvaluationFact, ReplyFact,
)
from desktop.store.models import (
    Assignment, Contact, Evaluation, FollowUp, Reply, Supervision, Unit,
)

from .plan import NO_ANSWER, Plan

# the draws' populations and cumulative weights made once: list(Enum) and the sums made anew for
# each of some 30,000 draws cost more than the draws (the same draws either way)
GRADES, RATINGS, METHODS = list(e.ReplyCategory), list(e.Rating), list(e.EvaluationMethod)
GRADE_ODDS = {1: list(accumulate((70, 22, 6, 2))), 2: list(accumulate((75, 25, 0, 0)))}
RATING_ODDS = {1: list(accumulate((82, 15, 3))), 2: list(accumulate((70, 30, 0)))}


class HandlingYear:
    """How units answer in the demo (mixed into DemoOffice)."""

    def answering_units(self) -> None:
        """Which units answer each field, all of them and the 政府系统 ones, listed once."""
        self.government = [u for u in self.units.values() if u.system is e.UnitSystem.GOVERNMENT]
        self.answering: dict[str, tuple[list[Unit], list[Unit]]] = {}
        for category, names in self.text["units_by_category"].items():
            likely = [self.units[n] for n in names if n in self.units]
            self.answering[category] = likely, [u for u in likely if u in self.government]

    def pick_units(self, category_name: str, count: int) -> list[Unit]:
        """Units that answer such matters; like real counties, mostly 政府系统 ones."""
        likely, governmental = self.answering.get(category_name, ([], []))
        if self.rng.random() < 0.9:
            likely = governmental
        if len(likely) < count or self.rng.random() < 0.1:
            likely = self.government
        return self.rng.sample(likely, count)

    def handle(self, plan: Plan, ctx: dict, row: dict, filed_on: date, finished: bool):
        rng, today = self.rng, self.today
        assigned_on = filed_on + timedelta(days=rng.randint(3, 12))
        if assigned_on > today:
            return (), (), ()
        category = row["_category"].name
        r = rng.random()
        if r < 0.05:
            units = self.pick_units(category, rng.randint(2, 3))
            plan_roles = [(u, e.AssignmentRole.SEPARATE) for u in units]
        elif r < 0.15:
            units = self.pick_units(category, rng.randint(2, 3))
            plan_roles = [(units[0], e.AssignmentRole.LEAD)] + [
                (u, e.AssignmentRole.ASSIST) for u in units[1:]]
        else:
            plan_roles = [(self.pick_units(category, 1)[0], e.AssignmentRole.LEAD)]
        if rng.random() < 0.01:
            self.returned(plan, ctx, row, plan_roles[0][0], plan_roles[0][1], assigned_on)
        facts_a, facts_r, facts_e = [], [], []
        for unit, role in plan_roles:
            a = self.assignment(plan, ctx, row, unit, role, assigned_on, finished)
            facts_a.append(AssignmentFact(a["id"], role, a["round"], a["accepted_on"] is not None))
            facts_r += a.pop("_replies")
            facts_e += a.pop("_evaluations")
        if rng.random() < 0.01 and finished is False:
            leader_title, leader = rng.choice(self.text["leaders"])
            row["key"] = True
            plan.add(Supervision, proposal_id=row["id"], leader=leader, leader_title=leader_title,
                     started_on=assigned_on, note=None, user_id=ctx["actor"].user_id)
        return tuple(facts_a), tuple(facts_r), tuple(facts_e)

    def returned(self, plan: Plan, ctx: dict, row: dict, unit: Unit, role: e.AssignmentRole,
                 assigned_on: date) -> None:
        """A unit that sent the proposal back in its first days; the office then reassigned it."""
        due = self.settings.deadlines.due_on(assigned_on, row["kind"])
        plan.add(Assignment, proposal_id=row["id"], meeting_id=row["meeting_id"],
                     unit_id=self.other_unit(unit).id, role=role,
                 round=1, round_reason=None, assigned_on=assigned_on, first_due_on=due, due_on=due,
                 assigned_by=ctx["actor"].user_id, stamp=self.stamp(self.at(assigned_on)),
                 accepted_on=None, accepted_by=None, ended=e.AssignmentEnd.RETURNED,
                 ended_on=assigned_on + timedelta(days=2), end_reason="不属于本单位职责范围",
                 adjustment_requested_on=None, adjustment_reason=None, adjustment_decision=None,
                 adjustment_decided_on=None, adjustment_note=None, extension_reason=None,
                 **NO_ANSWER)

    def other_unit(self, exclude: Unit) -> Unit:
        return self.rng.choice([u for u in self.units.values() if u.id != exclude.id])

    def assignment(self, plan: Plan, ctx: dict, row: dict, unit: Unit, role: e.AssignmentRole,
                   assigned_on: date, finished: bool) -> dict:
        rng, today, rules = self.rng, self.today, self.settings.deadlines
        due = rules.due_on(assigned_on, row["kind"])
        accepted = assigned_on + timedelta(days=rng.randint(0, 3))
        if accepted > today or (not finished and rng.random() < 0.02):
            accepted = None
        a = plan.add(Assignment, proposal_id=row["id"], meeting_id=row["meeting_id"],
                     unit_id=unit.id, role=role, round=1,
                     round_reason=None, assigned_on=assigned_on, first_due_on=due, due_on=due,
                     assigned_by=ctx["actor"].user_id, stamp=self.stamp(self.at(assigned_on)),
                     accepted_on=accepted, ended=None,
                     accepted_by=self.prose.contact(unit, accepted)[0] if accepted else None,
                     ended_on=None, end_reason=None, adjustment_requested_on=None,
                     adjustment_reason=None, adjustment_decision=None,
                     adjustment_decided_on=None, adjustment_note=None, extension_reason=None,
                     **NO_ANSWER)
        a["_replies"], a["_evaluations"] = [], []
        if accepted is None:
            return a
        contacted = accepted + timedelta(days=rng.randint(5, 40))
        if contacted <= today:
            form = e.ContactForm.FACE if rng.random() < 0.92 else rng.choice(list(e.ContactForm))
            a["face_to_face"] = form is e.ContactForm.FACE
            plan.add(Contact, assignment_id=a["id"], form=form, contacted_on=contacted,
                     members=row["_proposers"][0][1][1], unit_people=self.prose.unit_people(unit),
                     note=None, user_id=ctx["actor"].user_id, stamp=self.stamp(self.at(contacted)))
        if role is e.AssignmentRole.ASSIST:
            return a
        replied = contacted + timedelta(days=rng.randint(10, 70))
        if not finished and rng.random() < 0.04:
            return a  # the unit has not answered: overdue once its deadline passes
        self.answer(plan, ctx, row, a, unit, replied, 1)
        return a

    def answer(self, plan: Plan, ctx: dict, row: dict, a: dict, unit: Unit, replied: date,
               round_: int) -> None:
        rng, today = self.rng, self.today
        if replied > today:
            return
        category = rng.choices(GRADES, cum_weights=GRADE_ODDS[min(round_, 2)])[0]
        reply_stamp = self.stamp(self.at(replied))
        rng.randrange(10**9, 10**10)  # once the phone number: kept, so the draws after it stay
        prose, topic, you = self.prose, row["_topic"], _addressed(row["origin"])
        person, phone = prose.contact(unit, replied)
        plan.add(Reply, assignment_id=a["id"], round=round_, category=category, replied_on=replied,
                 signer=prose.signer(unit), disclosure=e.Disclosure.PUBLIC, disclosure_reason=None,
                 text=prose.reply(topic, row["_category"].name, unit, row["_points"], category,
                                  round_, replied, you),
                 contact_person=person, contact_phone=phone,
                 letter_sha256=None, letter_name=None, user_id=ctx["actor"].user_id,
                 stamp=reply_stamp)
        a["_replies"].append(ReplyFact(a["id"], round_, reply_stamp))
        a["replied_round"], a["category"] = round_, category
        if category in FOLLOWED_CATEGORIES and rng.random() < 0.5:
            followed = replied + timedelta(days=rng.randint(60, 150))
            if followed <= today:
                plan.add(FollowUp, assignment_id=a["id"], kind=e.FollowUpKind.CONTINUED,
                         followed_on=followed,
                         text=prose.follow_up(topic, row["_category"].name, unit, replied,
                                              followed, you),
                         category=None, user_id=ctx["actor"].user_id,
                         stamp=self.stamp(self.at(followed)))
        evaluated = replied + timedelta(days=rng.randint(5, 30))
        if evaluated > today or (not ctx["finished"] and rng.random() < 0.05):
            return  # the feedback form has not come back yet
        result = rng.choices(RATINGS, cum_weights=RATING_ODDS[min(round_, 2)])[0]
        attitude = e.Rating.SATISFIED if rng.random() < 0.9 else e.Rating.BASIC
        eval_stamp = self.stamp(self.at(evaluated))
        plan.add(Evaluation, assignment_id=a["id"], round=round_, attitude=attitude, result=result,
                 method=rng.choice(METHODS), evaluated_on=evaluated,
                 entered_by=ctx["actor"].user_id, note=None, stamp=eval_stamp)
        a["_evaluations"].append(EvaluationFact(a["id"], round_, result, eval_stamp))
        a["result"], a["evaluated_round"] = result, round_
        a["unsatisfied"] = a["unsatisfied"] or result is e.Rating.UNSATISFIED
        if result is e.Rating.UNSATISFIED:
            due = self.settings.deadlines.rehandle_due_on(evaluated)
            a["round"], a["first_due_on"], a["due_on"] = round_ + 1, due, due
            a["round_reason"] = "办理结果不满意"
            self.answer(plan, ctx, row, a, unit, evaluated + timedelta(days=rng.randint(10, 40)),
                        round_ + 1)


def _addressed(origin: e.Origin) -> str:
    """您 to one member; 你们 to several, or to a party or committee."""
    return "您" if origin is e.Origin.INDIVIDUAL else "你们"
