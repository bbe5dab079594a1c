"""A proposal's timeline, read from its records: who did what, when, for which unit.

Entries come from the rows themselves (reviews, assignments, contacts, replies, ratings,
follow-ups); deadline changes, which overwrite a column, come from the 操作日志 that kept
the value before and after.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.actor import Actor
from desktop.domain.permissions import unit_scope
from desktop.wording.dates import chinese_date
from desktop.wording.labels import CATEGORY_MEANINGS, LABELS, REVIEW_LEVELS, label, serial_label
from desktop.store.models import (
    Assignment, AssistOpinion, AuditEntry, Change, Contact, Evaluation, FollowUp, Proposal,
    Reply, Review, Site, Submission, Supervision, Unit, User,
)

from .common import readable_proposal


@dataclass(frozen=True)
class TimelineEntry:
    on: date
    what: str  # 交办, 签收, 面商, 答复 …
    detail: str
    by: str = ""
    unit: str = ""
    crossed: bool = False  # a review decision later revoked
    order: tuple = ()  # the clock stamp (or time) that orders entries of the same day


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def _clock(at: datetime) -> str:
    """A time of day as a clock stamp's leading digits, to order it among stamped records."""
    return f"{int(at.timestamp() * 1000):013d}"


class _Reader:
    """Collects entries for one proposal; an actor of a unit reads only that unit's handling."""

    def __init__(self, session: Session, proposal: Proposal, actor: Actor) -> None:
        self.session = session
        self.proposal = proposal
        self.users = dict(session.execute(select(User.id, User.display_name)).all())
        only = unit_scope(actor)
        stmt = select(Assignment).where(Assignment.proposal_id == proposal.id)
        if only:
            stmt = stmt.where(Assignment.unit_id == only)
        self.assignments = {a.id: a for a in session.scalars(stmt)}
        self.units = dict(session.execute(select(Unit.id, Unit.name).where(
            Unit.id.in_({a.unit_id for a in self.assignments.values()}))).all())
        self.entries: list[TimelineEntry] = []
        self.sources: list[tuple[str, str, str] | None] = []

    def add(self, on: date | datetime, what: str, detail: str = "", by: str | None = "",
            assignment: Assignment | None = None, order: tuple = (), crossed: bool = False,
            source: tuple[str, str, str] | None = None) -> None:
        """``source``: the table, row and field the entry is read from, to say which site it came
        from when another installation wrote it."""
        unit = self.units.get(assignment.unit_id, "") if assignment else ""
        self.entries.append(TimelineEntry(_day(on), what, detail, by or "", unit, crossed, order))
        self.sources.append(source)

    def mark_origins(self) -> None:
        """Entries written at another site (a unit's 签收 and replies, papers from an entry
        laptop) say where they came from: ``by`` reads 经办人（县教育局）."""
        wanted = {s for s in self.sources if s}
        if not wanted:
            return
        here = self.session.scalar(select(Site.id).where(Site.local.is_(True)))
        names = dict(self.session.execute(select(Site.id, Site.name)).all())
        origin: dict[tuple[str, str, str], str] = {}
        tables: dict[str, set[str]] = {}
        for table, row_id, _ in wanted:
            tables.setdefault(table, set()).add(row_id)
        for table, rows in tables.items():
            for row_id, name, site_id in self.session.execute(
                    select(Change.row_id, Change.field, Change.site_id).where(
                        Change.table_name == table, Change.row_id.in_(rows),
                        Change.field.in_({f for t, _, f in wanted if t == table}))
                    .order_by(Change.stamp)):
                origin[(table, row_id, name)] = site_id  # the latest change of the field
        for i, (entry, source) in enumerate(zip(self.entries, self.sources)):
            site = origin.get(source) if source else None
            if site and site != here and site in names:
                by = f"{entry.by}（{names[site]}）" if entry.by else names[site]
                self.entries[i] = replace(entry, by=by)

    def who(self, user_id: str | None) -> str:
        return self.users.get(user_id, "") if user_id else ""

    def of(self, model: type) -> list:
        ids = list(self.assignments)
        return list(self.session.scalars(select(model).where(model.assignment_id.in_(ids))))

    # -- the proposal's own records ------------------------------------------------------
    def intake(self) -> None:
        p = self.proposal
        self.add(p.registered_at, "录入", serial_label(p.serial), self.who(p.registered_by),
                 order=(_clock(p.registered_at),), source=("proposal", p.id, "*"))
        for s in self.session.scalars(select(Submission).where(Submission.proposal_id == p.id)):
            self.add(s.at, "提交审查", "", self.who(s.user_id), order=(s.stamp,),
                     source=("submission", s.id, "*"))
        for r in self.session.scalars(select(Review).where(Review.proposal_id == p.id)):
            detail = r.reason or ""
            if r.suggested_units:
                detail = "；".join(x for x in (detail, f"建议承办单位：{r.suggested_units}") if x)
            if r.revoked_at:
                detail += f"（{chinese_date(_day(r.revoked_at))}已撤销：{r.revoke_reason or ''}）"
            self.add(r.at, f"{REVIEW_LEVELS.get(r.level, '')}·{LABELS[type(r.decision)][r.decision.value]}",
                     detail, self.who(r.user_id), order=(r.stamp,), crossed=r.revoked_at is not None)
        for s in self.session.scalars(select(Supervision).where(Supervision.proposal_id == p.id)):
            leader = f"{s.leader_title or ''}{s.leader}"
            self.add(s.started_on, "领衔督办", f"{leader}督办" + (f"：{s.note}" if s.note else ""),
                     self.who(s.user_id), order=("~",))

    # -- each unit's handling ------------------------------------------------------------
    def handling(self) -> None:
        for a in self.assignments.values():
            self.add(a.assigned_on, "交办", f"{label(a.role)}，办理时限{chinese_date(a.first_due_on)}",
                     self.who(a.assigned_by), a, order=(a.stamp,))
            if a.accepted_on:
                self.add(a.accepted_on, "签收", "", a.accepted_by, a, order=(a.stamp, 1),
                         source=("assignment", a.id, "accepted_on"))
            if a.adjustment_requested_on:
                self.add(a.adjustment_requested_on, "申请调整", a.adjustment_reason or "", "", a,
                         order=(a.stamp, 2), source=("assignment", a.id, "adjustment_requested_on"))
            if a.adjustment_decided_on and a.adjustment_decision:
                self.add(a.adjustment_decided_on, label(a.adjustment_decision),
                         a.adjustment_note or "", "", a, order=(a.stamp, 3))
            if a.ended and not (a.ended.value == "adjusted" and a.adjustment_decided_on):
                self.add(a.ended_on or a.assigned_on, label(a.ended), a.end_reason or "", "", a,
                         order=(a.stamp, 4), source=("assignment", a.id, "ended"))
        for c in self.of(Contact):
            people = "；".join(x for x in (
                f"委员：{c.members}" if c.members else "",
                f"单位：{c.unit_people}" if c.unit_people else "", c.note or "") if x)
            self.add(c.contacted_on, label(c.form), people, self.who(c.user_id),
                     self.assignments[c.assignment_id], order=(c.stamp,), source=("contact", c.id, "*"))
        for o in self.of(AssistOpinion):
            self.add(o.sent_on, "协办意见", o.text, self.who(o.user_id),
                     self.assignments[o.assignment_id], order=(o.stamp,),
                     source=("assist_opinion", o.id, "*"))
        for r in self.of(Reply):
            parts = [f"第{r.round}轮" if r.round > 1 else "",
                     f"{r.category.value}类（{CATEGORY_MEANINGS[r.category.value]}）",
                     f"签发人：{r.signer}" if r.signer else "", label(r.disclosure)
                     + (f"（{r.disclosure_reason}）" if r.disclosure_reason else ""),
                     f"答复函：{r.letter_name}" if r.letter_name else ""]
            self.add(r.replied_on, "答复", "，".join(p for p in parts if p), self.who(r.user_id),
                     self.assignments[r.assignment_id], order=(r.stamp,), source=("reply", r.id, "*"))
        for e in self.of(Evaluation):
            detail = (f"{'第' + str(e.round) + '轮，' if e.round > 1 else ''}"
                      f"办理态度{label(e.attitude)}，办理结果{label(e.result)}"
                      f"（{label(e.method)}）" + (f"：{e.note}" if e.note else ""))
            assignment = self.assignments[e.assignment_id]
            self.add(e.evaluated_on, "评价", detail, self.who(e.entered_by), assignment,
                     order=(e.stamp,))
            if e.result.value == "unsatisfied":
                self.add(e.evaluated_on, "二次办理", "办理结果不满意，重新办理", "", assignment,
                         order=(e.stamp, 1))
        for f in self.of(FollowUp):
            detail = (f.text or "") + (f"（已达{f.category.value}类）" if f.category else "")
            self.add(f.followed_on, label(f.kind), detail, self.who(f.user_id),
                     self.assignments[f.assignment_id], order=(f.stamp,), source=("follow_up", f.id, "*"))

    def logged_changes(self) -> None:
        """Extensions and office-opened 二次办理: the log kept the deadline before and after.

        Ordered by the clock stamp the log entry itself was written with (its change-log
        line), not by its wall time: two writes within one millisecond keep their order.
        """
        rows = list(self.session.scalars(select(AuditEntry).where(
            AuditEntry.row_id.in_(list(self.assignments)),
            AuditEntry.action.in_(["assignment.extend", "handling.rehandle"]),
            AuditEntry.field == "due_on")))
        stamps = dict(self.session.execute(select(Change.row_id, Change.stamp).where(
            Change.table_name == "audit_entry", Change.row_id.in_([e.id for e in rows]))).all())
        for entry in rows:
            assignment = self.assignments[entry.row_id]
            change = f"办理时限由{chinese_date(date.fromisoformat(entry.before))}改为" \
                     f"{chinese_date(date.fromisoformat(entry.after))}" if entry.before else ""
            what = "延期" if entry.action == "assignment.extend" else "二次办理"
            self.add(entry.at, what, change, entry.username, assignment,
                     order=(stamps.get(entry.id) or _clock(entry.at),))


def timeline(session: Session, actor: Actor, proposal_id: str) -> list[TimelineEntry]:
    """Oldest first; within a day in the order the records were written.  A unit's clerk reads
    only their unit's proposals, and of those only their own unit's handling."""
    reader = _Reader(session, readable_proposal(session, actor, proposal_id), actor)
    reader.intake()
    reader.handling()
    reader.logged_changes()
    reader.mark_origins()
    return sorted(reader.entries, key=lambda e: (e.on, e.order))
