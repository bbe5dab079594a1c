"""演示数据: a realistic county office's year, generated fast enough for 100,000 proposals.

The rows are built in memory and written with bulk inserts; each proposal's cached status comes
from the same lifecycle function the services use, so ``tian check`` holds for demo data too.
Demo rows get one audit entry for the whole batch and no change-log entries: they are local
sample data and never travel to another site.
"""
from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import count
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from desktop.domain import enums as e
from desktop.domain.actor import Actor
from desktop.domain.clock import Clock, new_id
from desktop.domain.lifecycle import (
    AssignmentFact, EvaluationFact, ProposalFacts, ReplyFact, ReviewFact, SubmissionFact, derive,
)
from desktop.domain.numbering import NumberContext, format_number
from desktop.domain.permissions import Action, require
from desktop.paths import resources_dir
from desktop.store import pinyin, search
from desktop.store.search import bulk_search_loading
from desktop.store.changes import local_site, write
from desktop.store.models import (
    Assignment, AuditEntry, Category, Contact, Counter, Evaluation, FollowUp, Meeting, Member,
    Organisation, Proposal, Proposer, Reply, Review, SearchDocument, Sector, Submission,
    Supervision, Term, Unit,
)
from desktop.store.office import load_settings

from .base_data import meeting_name

BATCH = 5000
NO_ANSWER = {"replied_round": None, "category": None, "result": None, "unsatisfied": False,
             "face_to_face": False}


def _text() -> dict:
    return json.loads((resources_dir() / "demo" / "text.json").read_text(encoding="utf-8"))


@dataclass
class Plan:
    """What the generator has decided so far, kept for the bulk insert at the end of a batch."""

    ids: Iterator[str]
    rows: dict[type, list[dict]] = field(default_factory=dict)

    def add(self, model: type, **values: object) -> dict:
        if "id" not in values and model is not SearchDocument:
            values["id"] = next(self.ids)
        self.rows.setdefault(model, []).append(values)
        return values


def _ids(rng: random.Random, today: date) -> Iterator[str]:
    """Ids in ascending order (appended to the indexes, not scattered) and the same per seed."""
    prefix = f"{int(datetime.combine(today, time()).timestamp() * 1000):012x}7"
    for seq in count():
        yield f"{prefix}{seq:07x}{rng.getrandbits(48):012x}"


# tables in the order their foreign keys need
_ORDER = (Proposal, Proposer, Submission, Review, Assignment, Contact, Reply, Evaluation,
          FollowUp, Supervision, SearchDocument)


class DemoOffice:
    def __init__(self, session: Session, seed: int, today: date) -> None:
        self.session = session
        self.rng = random.Random(seed)
        self.today = today
        self.text = _text()
        self.settings = load_settings(session)
        self.clock = Clock(local_site(session).id)
        self.units = {u.short_name: u for u in session.scalars(select(Unit).where(Unit.active))}
        self.categories = list(session.scalars(select(Category).order_by(Category.code)))
        self.terms_cache: dict[tuple[str, str], str] = {}

    # --- base data -----------------------------------------------------------------------

    def meetings(self) -> list[Meeting]:
        """The meeting now under way and the one before it, created when missing."""
        meetings = list(self.session.scalars(select(Meeting).order_by(Meeting.opens_on)))
        if not meetings:
            term = Term(number=10, name="十届", starts_on=date(self.today.year - 1, 1, 8))
            self.session.add(term)
            self.session.flush()
            for number, year in ((1, self.today.year - 1), (2, self.today.year)):
                meetings.append(Meeting(term_id=term.id, number=number,
                                        name=meeting_name(10, number),
                                        opens_on=date(year, 1, 8), closes_on=date(year, 1, 11)))
            self.session.add_all(meetings)
            self.session.flush()
        return meetings[-2:]

    def members(self, count: int) -> list[tuple[str, str]]:
        existing = list(self.session.execute(select(Member.id, Member.name)))
        if len(existing) >= count:
            return existing
        sectors = list(self.session.scalars(select(Sector.id)))
        names = {n for _, n in existing}
        rows = []
        surnames = self.text["surnames"].replace("欧阳", "")
        while len(existing) + len(rows) < count:
            surname = "欧阳" if self.rng.random() < 0.01 else self.rng.choice(surnames)
            name = surname + "".join(self.rng.choice(self.text["given"])
                                     for _ in range(self.rng.choice((1, 2, 2))))
            if name in names:
                continue
            names.add(name)
            rows.append({"id": new_id(), "name": name, "sector_id": self.rng.choice(sectors),
                         "phone": f"13{self.rng.randrange(10**8, 10**9)}", "active": True,
                         "workplace": "县" + self.rng.choice(list(self.units)),
                         "initials": pinyin.initials(name), "pinyin": pinyin.full_pinyin(name)})
        self.session.execute(insert(Member), rows)
        return existing + [(r["id"], r["name"]) for r in rows]

    def organisations(self) -> list[tuple[str, str]]:
        have = list(self.session.execute(select(Organisation.id, Organisation.name)))
        if have:
            return have
        sectors = dict(self.session.execute(select(Sector.name, Sector.id)).all())
        rows = [{"id": new_id(), "name": n, "kind": "党派团体", "sector_id": sectors.get(s)}
                for n, s in self.text["organisations"]]
        self.session.execute(insert(Organisation), rows)
        return [(r["id"], r["name"]) for r in rows]

    # --- one proposal --------------------------------------------------------------------

    def stamp(self, when: datetime) -> str:
        return self.clock.tick(int(when.timestamp() * 1000)).encode()

    def title(self, category: Category) -> tuple[str, str]:
        topic = self.rng.choice(self.text["topics"][category.name])
        if self.rng.random() < 0.15:
            return topic, self.rng.choice(self.text["titles"])
        verb, place = self.rng.choice(self.text["verbs"]), self.rng.choice(self.text["places"])
        return topic, f"关于{verb}{place}{topic}的提案"

    def body_and_terms(self, topic: str) -> tuple[str, str]:
        sentences = self.rng.sample(self.text["body"], 4)
        parts, terms = [], []
        for s in sentences:
            key = (s, topic)
            if key not in self.terms_cache:
                self.terms_cache[key] = " ".join(search.terms_of(s.format(topic=topic)))
            parts.append(s.format(topic=topic))
            terms.append(self.terms_cache[key])
        return "".join(parts), " ".join(terms)

    def names_terms(self, names: list[str]) -> str:
        return " ".join(self._name_terms(n) for n in names)

    def _name_terms(self, name: str) -> str:
        key = ("name", name)
        if key not in self.terms_cache:
            self.terms_cache[key] = " ".join(search.terms_of(name))
        return self.terms_cache[key]

    def at(self, day: date) -> datetime:
        return datetime.combine(day, time(8, 30)) + timedelta(minutes=self.rng.randrange(540))

    def proposal(self, plan: Plan, ctx: dict, seq: int, finished: bool,
                 parent: dict | None = None, part: int = 0) -> dict:
        rng, today = self.rng, self.today
        meeting: Meeting = ctx["meeting"]
        category = parent["_category"] if parent else rng.choice(self.categories)
        topic, title = self.title(category)
        body, body_terms = self.body_and_terms(topic)
        if parent:
            kind, received = parent["kind"], parent["received_on"]
            proposers = parent["_proposers"]
            origin = parent["origin"]
        else:
            kind = e.Kind.INTERIM if rng.random() < 0.05 else e.Kind.SESSION
            offset = rng.randrange(4) if kind is e.Kind.SESSION else rng.randrange(15, 330)
            received = min(meeting.opens_on + timedelta(days=offset), today)
            r = rng.random()
            if r < 0.08:
                origin, proposers = e.Origin.COLLECTIVE, [("org", rng.choice(ctx["orgs"]))]
            elif r < 0.30:
                origin = e.Origin.JOINT
                proposers = [("member", m) for m in rng.sample(ctx["members"], rng.randint(2, 5))]
            else:
                origin, proposers = e.Origin.INDIVIDUAL, [("member", rng.choice(ctx["members"]))]
        serial = (f"{parent['serial']}-{part}" if parent
                  else format_number(self.settings.serial_pattern, seq, ctx["number_ctx"]))
        registered = self.at(received)
        row = plan.add(
            Proposal, meeting_id=meeting.id, serial=serial, serial_seq=seq, number=None,
            number_seq=None, kind=kind, origin=origin, title=title, body=body,
            category_id=category.id, key=False, received_on=received, registered_at=registered,
            registered_by=ctx["actor"].user_id, merged_into_id=None,
            split_from_id=parent["id"] if parent else None,
        )
        row["_category"], row["_proposers"] = category, proposers
        what, (lead_id, _) = proposers[0]
        row["sector_id"] = ctx["sectors"].get(lead_id)
        for position, (what, (ref_id, name)) in enumerate(proposers):
            plan.add(Proposer, proposal_id=row["id"], position=position, name=name,
                     role=e.ProposerRole.LEAD if position == 0 else e.ProposerRole.COSIGNER,
                     member_id=ref_id if what == "member" else None,
                     organisation_id=ref_id if what == "org" else None)
        plan.add(SearchDocument, proposal_id=row["id"], terms=" ‖ ".join(
            [" ".join(search.terms_of(title)), body_terms,
             self.names_terms([n for _, (_, n) in proposers])]))
        facts = self.review(plan, ctx, row, registered, finished, parent is not None)
        row["status"] = (progress := derive(facts)).state
        row["review_level"] = progress.review_level
        del row["_category"], row["_proposers"]
        return row

    def review(self, plan: Plan, ctx: dict, row: dict, registered: datetime, finished: bool,
               is_part: bool) -> ProposalFacts:
        rng, pid, levels = self.rng, row["id"], self.settings.review_levels
        subs, reviews = [], []
        stage = "decided" if finished or is_part else rng.choices(
            ("registered", "in_review", "decided"), (3, 4, 93))[0]
        if stage == "registered":
            return ProposalFacts()
        when = registered + timedelta(hours=1)

        def submit() -> None:
            stamp = self.stamp(when)
            plan.add(Submission, proposal_id=pid, at=when, user_id=ctx["actor"].user_id, stamp=stamp)
            subs.append(SubmissionFact(stamp))

        def decide(level: int, decision: e.Decision, reason: str | None = None,
                   target: str | None = None) -> None:
            stamp = self.stamp(when)
            plan.add(Review, proposal_id=pid, level=level, decision=decision, reason=reason,
                     target_id=target, suggested_units=None, at=when,
                     user_id=ctx["actor"].user_id, stamp=stamp, revoked_at=None,
                     revoked_by=None, revoke_reason=None)
            reviews.append(ReviewFact(stamp, level, decision))

        submit()
        if not is_part and rng.random() < 0.015:
            when += timedelta(days=1)
            decide(1, e.Decision.RETURNED, "请补充具体建议后重新提交")
            when += timedelta(days=2)
            submit()
        reached = levels if stage == "decided" else rng.randint(1, levels)
        for level in range(1, reached):
            when += timedelta(days=1)
            decide(level, e.Decision.FORWARD, "同意，送下一级审查")
        if stage == "in_review":
            return ProposalFacts(tuple(subs), tuple(reviews))
        when += timedelta(days=1)
        r = 1.0 if is_part else rng.random()
        filed_before = ctx["filed_by_category"].get(row["category_id"])
        if r < 0.12:
            decide(levels, e.Decision.REFERRED, rng.choice(self.text["reasons_referred"]))
        elif r < 0.16:
            decide(levels, e.Decision.REJECTED, rng.choice(self.text["reasons_rejected"]))
        elif r < 0.19 and filed_before:
            target = rng.choice(filed_before)
            decide(levels, e.Decision.MERGED, "内容相近，并案办理", target)
            row["merged_into_id"] = target
        elif r < 0.2:
            decide(levels, e.Decision.WITHDRAWN, "提案人申请撤回")
        elif r < 0.21:
            decide(levels, e.Decision.SPLIT, "一案多事，拆分办理")
            for part in (1, 2):
                self.proposal(plan, ctx, row["serial_seq"], finished, parent=row, part=part)
        else:
            decide(levels, e.Decision.FILED)
            ctx["filed_by_category"].setdefault(row["category_id"], []).append(row["id"])
            key = f"number:{row['meeting_id']}" + (
                f":{row['kind'].value}" if self.settings.number_per_kind else "")
            ctx["counters"][key] = ctx["counters"].get(key, 0) + 1
            row["number_seq"] = ctx["counters"][key]
            row["number"] = format_number(self.settings.number_pattern, row["number_seq"],
                                          ctx["number_ctx"])
            assignments, replies, evaluations = self.handle(plan, ctx, row, when.date(), finished)
            return ProposalFacts(tuple(subs), tuple(reviews), assignments, replies, evaluations)
        return ProposalFacts(tuple(subs), tuple(reviews))

    def pick_units(self, category_name: str, count: int) -> list[Unit]:
        likely = [self.units[n] for n in self.text["units_by_category"].get(category_name, [])
                  if n in self.units]
        pool = likely if len(likely) >= count and self.rng.random() < 0.85 else list(
            self.units.values())
        return self.rng.sample(pool, count)

    def handle(self, plan: Plan, ctx: dict, row: dict, filed_on: date, finished: bool):
        rng, today = self.rng, self.today
        assigned_on = filed_on + timedelta(days=rng.randint(3, 12))
        if assigned_on > today:
            return (), (), ()
        category = row["_category"].name
        r = rng.random()
        if r < 0.05:
            plan_roles = [(u, e.AssignmentRole.SEPARATE) for u in self.pick_units(category, rng.randint(2, 3))]
        elif r < 0.15:
            units = self.pick_units(category, rng.randint(2, 3))
            plan_roles = [(units[0], e.AssignmentRole.LEAD)] + [(u, e.AssignmentRole.ASSIST) for u in units[1:]]
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
                     accepted_on=accepted, accepted_by="经办人" if accepted else None, ended=None,
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
                     members=row["_proposers"][0][1][1], unit_people=f"{unit.short_name}分管负责人",
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
        weights = (70, 22, 6, 2) if round_ == 1 else (75, 25, 0, 0)
        category = rng.choices(list(e.ReplyCategory), weights)[0]
        topic = row["title"].removeprefix("关于").removesuffix("的提案")
        reply_stamp = self.stamp(self.at(replied))
        plan.add(Reply, assignment_id=a["id"], round=round_, category=category, replied_on=replied,
                 signer=f"{unit.short_name}局长" if unit.short_name.endswith("局") else "主要负责人",
                 disclosure=e.Disclosure.PUBLIC, disclosure_reason=None,
                 text="".join(s.format(topic=topic) for s in self.text["reply"]),
                 contact_person="经办人", contact_phone=f"0{rng.randrange(10**9, 10**10)}",
                 letter_sha256=None, letter_name=None, user_id=ctx["actor"].user_id,
                 stamp=reply_stamp)
        a["_replies"].append(ReplyFact(a["id"], round_, reply_stamp))
        a["replied_round"], a["category"] = round_, category
        if category in (e.ReplyCategory.B, e.ReplyCategory.C) and rng.random() < 0.5:
            followed = replied + timedelta(days=rng.randint(60, 150))
            if followed <= today:
                plan.add(FollowUp, assignment_id=a["id"], kind=e.FollowUpKind.CONTINUED,
                         followed_on=followed, text="续办进展：相关工作正在按计划推进。",
                         category=None, user_id=ctx["actor"].user_id,
                         stamp=self.stamp(self.at(followed)))
        evaluated = replied + timedelta(days=rng.randint(5, 30))
        if evaluated > today or (not ctx["finished"] and rng.random() < 0.05):
            return  # the feedback form has not come back yet
        result = rng.choices(list(e.Rating), (82, 15, 3) if round_ == 1 else (70, 30, 0))[0]
        attitude = e.Rating.SATISFIED if rng.random() < 0.9 else e.Rating.BASIC
        eval_stamp = self.stamp(self.at(evaluated))
        plan.add(Evaluation, assignment_id=a["id"], round=round_, attitude=attitude, result=result,
                 method=rng.choice(list(e.EvaluationMethod)), evaluated_on=evaluated,
                 entered_by=ctx["actor"].user_id, note=None, stamp=eval_stamp)
        a["_evaluations"].append(EvaluationFact(a["id"], round_, result, eval_stamp))
        a["result"] = result
        a["unsatisfied"] = a["unsatisfied"] or result is e.Rating.UNSATISFIED
        if result is e.Rating.UNSATISFIED:
            due = self.settings.deadlines.rehandle_due_on(evaluated)
            a["round"], a["first_due_on"], a["due_on"] = round_ + 1, due, due
            a["round_reason"] = "办理结果不满意"
            self.answer(plan, ctx, row, a, unit, evaluated + timedelta(days=rng.randint(10, 40)),
                        round_ + 1)


def generate(session: Session, actor: Actor, proposals: int, seed: int = 1,
             today: date | None = None, progress=None) -> dict:  # noqa: ANN001
    """Add ``proposals`` demo proposals: 40% to the last meeting (answered), 60% to the current."""
    require(Action.MANAGE_BASE_DATA, None, actor.role)
    today = today or date.today()
    counts: dict[str, int] = {}
    with write(session, actor, "demo.generate"), bulk_search_loading(session):
        office = DemoOffice(session, seed, today)
        office.text["titles"] = (resources_dir() / "base" / "titles.txt").read_text(
            encoding="utf-8").split()
        meetings = office.meetings()
        members = office.members(max(60, min(400, proposals // 3 + 20)))
        orgs = office.organisations()
        done, ids = 0, _ids(random.Random(seed), today)
        for index, meeting in enumerate(meetings):
            finished = index < len(meetings) - 1
            share = round(proposals * 0.4) if finished else proposals - done
            ctx = _context(session, office, meeting, members, orgs, actor)
            ctx["finished"] = finished
            plan = Plan(ids)
            for _ in range(share):
                ctx["serial"] += 1
                office.proposal(plan, ctx, ctx["serial"], finished)
                done += 1
                if len(plan.rows[Proposal]) >= BATCH:
                    _flush(session, plan, counts)
                    plan = Plan(ids)
                    if progress:
                        progress(done, proposals)
            _flush(session, plan, counts)
            _save_counters(session, meeting, ctx)
        site = local_site(session)
        site.clock_wall_ms, site.clock_counter = office.clock.wall_ms, office.clock.counter
        session.add(AuditEntry(at=datetime.now(), user_id=actor.user_id, username=actor.username,
                               action="demo.generate", table_name="proposal", row_id=new_id(),
                               field=None, before=None,
                               after=json.dumps(counts, ensure_ascii=False)))
    if progress:
        progress(proposals, proposals)
    return counts


def _context(session: Session, office: DemoOffice, meeting: Meeting, members, orgs,
             actor: Actor) -> dict:  # noqa: ANN001
    counters = dict(session.execute(select(Counter.key, Counter.value).where(
        Counter.key.like(f"%:{meeting.id}%"))).all())
    return {
        "meeting": meeting, "members": members, "orgs": orgs, "actor": actor,
        "number_ctx": NumberContext(meeting.opens_on.year, meeting.term.number, meeting.number),
        "serial": counters.get(f"serial:{meeting.id}", 0), "counters": counters,
        "filed_by_category": {},
        "sectors": {**dict(session.execute(select(Member.id, Member.sector_id)).all()),
                    **dict(session.execute(select(Organisation.id, Organisation.sector_id)).all())},
    }


def _save_counters(session: Session, meeting: Meeting, ctx: dict) -> None:
    for key, value in {**ctx["counters"], f"serial:{meeting.id}": ctx["serial"]}.items():
        row = session.get(Counter, key)
        if row is None:
            session.add(Counter(key=key, value=value))
        else:
            row.value = max(row.value, value)


def _flush(session: Session, plan: Plan, counts: dict[str, int]) -> None:
    """Core inserts, one executemany per table (the ORM's bulk path splits batches by nulls)."""
    connection = session.connection()
    for model in _ORDER:
        rows = plan.rows.get(model)
        if rows:
            connection.execute(model.__table__.insert(), rows)
            counts[model.__tablename__] = counts.get(model.__tablename__, 0) + len(rows)


def proposal_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Proposal)) or 0
