"""The demo office: members, meetings, and each proposal from entry to decision."""
from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from desktop.domain import enums as e
from desktop.domain.clock import Clock, new_id
from desktop.domain.lifecycle import (
    ProposalFacts, ReviewFact, SubmissionFact, derive,
)
from desktop.domain.numbering import format_number
from desktop.store import pinyin
from desktop.store.changes import local_site
from desktop.store.models import (
    Category, Meeting, Member,
    Organisation, Proposal, Proposer, Review, SearchDocument, Sector, Submission,
    Term, Unit,
)
from desktop.store.office import load_settings

from ..base_data import meeting_name
from .handling import HandlingYear
from .people import person_name
from .plan import Plan, _text
from .prose import Prose


class DemoOffice(HandlingYear):
    def __init__(self, session: Session, seed: int, today: date) -> None:
        self.session = session
        self.rng = random.Random(seed)
        self.today = today
        self.text = _text()
        self.settings = load_settings(session)
        self.clock = Clock(local_site(session).id)
        self.units = {u.short_name: u for u in session.scalars(select(Unit).where(Unit.active))}
        self.categories = list(session.scalars(select(Category).order_by(Category.code)))
        self.prose = Prose(self.text, seed, self.units)
        self.answering_units()

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
        while len(existing) + len(rows) < count:
            name = person_name(self.rng, self.text)
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
        """The topic and title; these draws of the office's stream are the ones it has always
        made (the records after them depend on their number), the wording is the prose's."""
        topic = self.rng.choice(self.text["topics"][category.name])
        if self.rng.random() < 0.15:
            return topic, self.prose.title(topic, "", "", self.rng.choice(self.text["titles"]))
        verb, place = self.rng.choice(self.text["verbs"]), self.rng.choice(self.text["places"])
        return topic, self.prose.title(topic, verb, place, None)

    def body(self, topic: str, category: Category) -> tuple[str, str, list[list[str]]]:
        """The body, its search terms and its suggestions; the office's stream draws four of the
        eight general angles, as it always drew four of eight sentences, and the body takes the
        first."""
        angles = self.rng.sample(self.text["proposal"]["angles"], 4)
        return self.prose.body(topic, category.name, angles)

    def names_terms(self, names: list[str]) -> str:
        return " ".join(self.prose.terms(n) for n in names)

    def at(self, day: date) -> datetime:
        return datetime.combine(day, time(8, 30)) + timedelta(minutes=self.rng.randrange(540))

    def proposal(self, plan: Plan, ctx: dict, seq: int, finished: bool,
                 parent: dict | None = None, part: int = 0) -> dict:
        rng, today = self.rng, self.today
        meeting: Meeting = ctx["meeting"]
        category = parent["_category"] if parent else rng.choice(self.categories)
        topic, title = self.title(category)
        body, body_terms, points = self.body(topic, category)
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
        row["_topic"], row["_points"] = topic, points
        what, (lead_id, _) = proposers[0]
        row["sector_id"] = ctx["sectors"].get(lead_id)
        for position, (what, (ref_id, name)) in enumerate(proposers):
            plan.add(Proposer, proposal_id=row["id"], position=position, name=name,
                     role=e.ProposerRole.LEAD if position == 0 else e.ProposerRole.COSIGNER,
                     member_id=ref_id if what == "member" else None,
                     organisation_id=ref_id if what == "org" else None)
        plan.add(SearchDocument, proposal_id=row["id"], terms=" ‖ ".join(
            [self.prose.terms(title), body_terms,
             self.names_terms([n for _, (_, n) in proposers])]))
        facts = self.review(plan, ctx, row, registered, finished, parent is not None)
        row["status"] = (progress := derive(facts)).state
        row["review_level"] = progress.review_level
        del row["_category"], row["_proposers"], row["_topic"], row["_points"]
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
