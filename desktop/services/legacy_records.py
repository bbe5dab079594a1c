"""The records one proposal of a past year's ledger becomes: the proposal and its proposers, its
submission and final decision, its assignments with their 签收, 面商, 答复 and rating — with the
cached status and answer the statistics read, derived by the same rules as every other
proposal (domain.lifecycle), so `tian stats` gives the figures the ledger implies."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from desktop.domain import enums as e
from desktop.domain.clock import Clock
from desktop.domain.lifecycle import (
    AssignmentFact, EvaluationFact, ProposalFacts, ReplyFact, ReviewFact, SubmissionFact, derive,
)
from desktop.domain.numbering import NumberContext, format_number
from desktop.domain.office import OfficeSettings
from desktop.store.bulk import Plan
from desktop.store.fulltext import document_terms
from desktop.store.models import (
    Assignment, Contact, Evaluation, Proposal, Proposer, Reply, Review, SearchDocument, Submission,
)
from desktop.sync.legacy_ledger import LegacyAssignment, LegacyProposal

IMPORTED = "据以往台账导入"


@dataclass
class Context:
    """What every record of one import shares."""
    meeting_id: str
    opens_on: date
    closes_on: date
    settings: OfficeSettings
    user_id: str | None
    clock: Clock
    units: dict[str, str]  # name in the ledger → unit id
    members: dict[tuple[str, str], str]  # (name, 界别) → member id
    sectors: dict[str, str]  # 界别 → sector id
    categories: dict[str, str | None]  # 分类 in the ledger → category id
    member_sectors: dict[str, str | None]  # member id → the 界别 it is counted under
    serial: int  # the meeting's 收文号 so far
    numbers: NumberContext


def _stamp(ctx: Context) -> str:
    """A stamp of now: the records are written now, whatever day the ledger gives them."""
    return ctx.clock.tick().encode()


def _digits(number: str, fallback: int) -> int:
    digits = "".join(ch if ch.isdigit() else " " for ch in number).split()
    return int(digits[-1]) if digits else fallback


def add_proposal(plan: Plan, ctx: Context, proposal: LegacyProposal) -> dict:
    first = proposal.first
    kind = first.kind or e.Kind.SESSION
    ctx.serial += 1
    dates = [d for a in proposal.assignments for d in (a.assigned_on, a.replied_on) if d]
    received = first.received_on or min([ctx.opens_on, *dates])
    names = [first.lead, *first.cosigners] if first.lead else list(first.cosigners)
    lead_sector = ctx.sectors.get(first.sector) if first.sector else None
    member_of = {name: ctx.members.get((name, first.sector if i == 0 else ""))
                 or ctx.members.get((name, "")) for i, name in enumerate(names)}
    row = plan.add(
        Proposal, meeting_id=ctx.meeting_id,
        serial=format_number(ctx.settings.serial_pattern, ctx.serial, ctx.numbers),
        serial_seq=ctx.serial, number=first.number or None,
        number_seq=_digits(first.number, ctx.serial) if first.number else None, kind=kind,
        origin=e.Origin.JOINT if len(names) > 1 else e.Origin.INDIVIDUAL, title=first.title,
        body="", category_id=ctx.categories.get(first.category), key=False, received_on=received,
        registered_at=datetime.combine(received, time(9)), registered_by=ctx.user_id,
        merged_into_id=None, split_from_id=None, sector_id=lead_sector)
    for position, name in enumerate(names):
        plan.add(Proposer, proposal_id=row["id"], position=position, name=name,
                 role=e.ProposerRole.LEAD if position == 0 else e.ProposerRole.COSIGNER,
                 member_id=member_of[name], organisation_id=None)
    if row["sector_id"] is None and names:
        row["sector_id"] = ctx.member_sectors.get(member_of[names[0]])
    plan.add(SearchDocument, proposal_id=row["id"],
             terms=document_terms(first.title, "", names))
    submitted = _stamp(ctx)
    plan.add(Submission, proposal_id=row["id"], at=datetime.combine(received, time(9)),
             user_id=ctx.user_id, stamp=submitted)
    decided_on = max(received, min([ctx.closes_on, *dates]) if dates else received)
    decided = _stamp(ctx)
    plan.add(Review, proposal_id=row["id"], level=ctx.settings.review_levels,
             decision=proposal.decision, reason=IMPORTED, target_id=None, suggested_units=None,
             at=datetime.combine(decided_on, time(9)), user_id=ctx.user_id, stamp=decided,
             revoked_at=None, revoked_by=None, revoke_reason=None)
    facts = ProposalFacts((SubmissionFact(submitted),),
                          (ReviewFact(decided, ctx.settings.review_levels, proposal.decision),))
    found = [_add_assignment(plan, ctx, row, a, kind, decided_on) for a in proposal.assignments]
    facts = ProposalFacts(facts.submissions, facts.reviews,
                          tuple(f[0] for f in found), tuple(r for f in found for r in f[1]),
                          tuple(v for f in found for v in f[2]))
    progress = derive(facts)
    row["status"], row["review_level"] = progress.state, progress.review_level
    return row


def _add_assignment(plan: Plan, ctx: Context, proposal: dict, a: LegacyAssignment,
                    kind: e.Kind, decided_on: date):
    assigned = a.assigned_on or min(d for d in (decided_on, a.replied_on or decided_on) if d)
    due = a.due_on or ctx.settings.deadlines.due_on(assigned, kind)
    answered = a.role is not e.AssignmentRole.ASSIST and a.answer is not None
    replied = (a.replied_on or due) if answered else None
    touched = answered or a.face or a.form is not None
    accepted = a.accepted_on or (assigned if touched else None)
    row = plan.add(
        Assignment, proposal_id=proposal["id"], meeting_id=ctx.meeting_id,
        unit_id=ctx.units[a.unit], role=a.role, round=1, round_reason=None, assigned_on=assigned,
        first_due_on=due, due_on=due, assigned_by=ctx.user_id, stamp=_stamp(ctx),
        accepted_on=accepted, accepted_by=IMPORTED if accepted else None, ended=None,
        ended_on=None, end_reason=None, adjustment_requested_on=None, adjustment_reason=None,
        adjustment_decision=None, adjustment_decided_on=None, adjustment_note=None,
        extension_reason=None, replied_round=None, category=None, result=None,
        evaluated_round=None, unsatisfied=False, face_to_face=False)
    fact = AssignmentFact(row["id"], a.role, 1, accepted is not None)
    forms = ([e.ContactForm.FACE] if a.face or a.form is e.ContactForm.FACE else []) + (
        [a.form] if a.form and a.form is not e.ContactForm.FACE else [])
    on = max(assigned, replied or assigned)  # the ledger gives no day for the contact
    for form in forms:
        plan.add(Contact, assignment_id=row["id"], form=form, contacted_on=on, members=None,
                 unit_people=None, note=IMPORTED, user_id=ctx.user_id, stamp=_stamp(ctx))
    row["face_to_face"] = e.ContactForm.FACE in forms
    if not answered:
        return fact, (), ()
    replied = max(replied, assigned)
    reply_stamp = _stamp(ctx)
    plan.add(Reply, assignment_id=row["id"], round=1, category=a.answer, replied_on=replied,
             signer=None, disclosure=e.Disclosure.PUBLIC, disclosure_reason=None, text=None,
             contact_person=None, contact_phone=None, letter_sha256=None, letter_name=None,
             user_id=ctx.user_id, stamp=reply_stamp)
    row["replied_round"], row["category"] = 1, a.answer
    replies = (ReplyFact(row["id"], 1, reply_stamp),)
    if a.result is None:
        return fact, replies, ()
    rated_stamp = _stamp(ctx)
    plan.add(Evaluation, assignment_id=row["id"], round=1, attitude=a.attitude or a.result,
             result=a.result, method=e.EvaluationMethod.PAPER, evaluated_on=replied,
             entered_by=ctx.user_id, note=IMPORTED, stamp=rated_stamp)
    row["result"], row["evaluated_round"] = a.result, 1
    row["unsatisfied"] = a.result is e.Rating.UNSATISFIED
    return fact, replies, (EvaluationFact(row["id"], 1, a.result, rated_stamp),)
