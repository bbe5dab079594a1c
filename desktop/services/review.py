"""审查立案: decisions at 初审 / 复审 / 终审, merging, splitting, withdrawing, undoing a mistake."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.actor import Actor
from desktop.domain.enums import FILED_STATES, FINAL_DECISIONS, Decision, Origin, ProposerRole, State
from desktop.domain.errors import InvalidInput, NotAllowed
from desktop.domain.lifecycle import active_reviews
from desktop.domain.permissions import Action
from desktop.store import fulltext
from desktop.store.changes import next_stamp, write
from desktop.store.facts import facts_for, progress_of
from desktop.store.models import Proposal, Proposer, Review, Submission
from desktop.store.office import load_settings

from .common import get, label_of, proposal_for, required_text
from .entry import ProposerInput, check_title, origin_for, proposer_rows, lead_sector

_ACTIONS = {
    Decision.FORWARD: Action.FORWARD, Decision.FILED: Action.FILE,
    Decision.REJECTED: Action.REJECT, Decision.REFERRED: Action.REFER,
    Decision.RETURNED: Action.RETURN, Decision.MERGED: Action.MERGE,
    Decision.SPLIT: Action.SPLIT, Decision.WITHDRAWN: Action.WITHDRAW,
}
_NEEDS_REASON = {Decision.REJECTED, Decision.REFERRED, Decision.RETURNED, Decision.WITHDRAWN}


def _decide(session: Session, actor: Actor, proposal_id: str, decision: Decision,
            reason: str | None = None, target_id: str | None = None,
            suggested_units: str | None = None) -> Proposal:
    proposal, progress = proposal_for(session, actor, proposal_id, _ACTIONS[decision])
    if decision in _NEEDS_REASON:
        reason = required_text(reason, "reason")
    level = progress.review_level
    last = load_settings(session).review_levels
    if decision in FINAL_DECISIONS and level and level < last:
        raise NotAllowed("decision_needs_final_level", proposal=label_of(proposal), level=level)
    if decision is Decision.FORWARD and level >= last:
        raise NotAllowed("no_further_level", proposal=label_of(proposal))
    session.add(Review(proposal_id=proposal.id, level=level, decision=decision, reason=reason,
                       target_id=target_id, suggested_units=suggested_units, at=datetime.now(),
                       user_id=actor.user_id, stamp=next_stamp(session)))
    return proposal


def _batch(session: Session, actor: Actor, ids: list[str], decision: Decision, name: str,
           **kw: str | None) -> list[Proposal]:
    """A decision on a selection: all of them or, if one is refused, none."""
    with write(session, actor, name):
        return [_decide(session, actor, pid, decision, **kw) for pid in ids]


def forward(session: Session, actor: Actor, ids: list[str], opinion: str | None = None):
    """送复审 / 送终审 with the reviewer's opinion."""
    return _batch(session, actor, ids, Decision.FORWARD, "review.forward", reason=opinion)


def file(session: Session, actor: Actor, ids: list[str], suggested_units: str | None = None):
    """立案."""
    return _batch(session, actor, ids, Decision.FILED, "review.file",
                  suggested_units=suggested_units)


def reject(session: Session, actor: Actor, ids: list[str], reason: str):
    """不予立案, always with the reason the proposer will read."""
    return _batch(session, actor, ids, Decision.REJECTED, "review.reject", reason=reason)


def refer(session: Session, actor: Actor, ids: list[str], reason: str):
    """转为意见建议 (sent to a unit for reference)."""
    return _batch(session, actor, ids, Decision.REFERRED, "review.refer", reason=reason)


def return_for_revision(session: Session, actor: Actor, ids: list[str], note: str):
    """退回修改 with the note to the proposer; the proposal is registered again."""
    return _batch(session, actor, ids, Decision.RETURNED, "review.return", reason=note)


def withdraw(session: Session, actor: Actor, ids: list[str], reason: str):
    """撤回 at the proposer's request, up to filing and before assignment."""
    return _batch(session, actor, ids, Decision.WITHDRAWN, "review.withdraw", reason=reason)


def merge(session: Session, actor: Actor, ids: list[str], into_id: str,
          reason: str | None = None) -> Proposal:
    """并案: the proposals become part of ``into_id``; its proposers gain theirs as co-signers."""
    with write(session, actor, "review.merge"):
        main = get(session, Proposal, into_id, "proposal")
        state = progress_of(session, main).state
        if state is not State.IN_REVIEW and state not in FILED_STATES:
            raise NotAllowed("merge_target_invalid", proposal=label_of(main))
        for pid in ids:
            if pid == main.id:
                raise InvalidInput("merge_into_itself", proposal=label_of(main))
            merged = _decide(session, actor, pid, Decision.MERGED, reason=reason,
                             target_id=main.id)
            merged.merged_into_id = main.id
            _adopt_proposers(main, merged)
        if main.origin is Origin.INDIVIDUAL and len(main.proposers) > 1:
            main.origin = Origin.JOINT
        session.flush()
        fulltext.index_proposal(session, main)
    return main


def _adopt_proposers(main: Proposal, merged: Proposal) -> None:
    present = {(p.member_id, p.organisation_id, p.name) for p in main.proposers}
    for p in merged.proposers:
        key = (p.member_id, p.organisation_id, p.name)
        if key not in present:
            present.add(key)
            main.proposers.append(Proposer(
                position=len(main.proposers), role=ProposerRole.COSIGNER, member_id=p.member_id,
                organisation_id=p.organisation_id, name=p.name, merged_from_id=merged.id))


def _give_back_proposers(session: Session, merged: Proposal) -> None:
    """Undoing a 并案: the main proposal loses the co-signers the merger brought in."""
    main = get(session, Proposal, merged.merged_into_id, "proposal")
    kept = [p for p in main.proposers if p.merged_from_id != merged.id]
    if len(kept) == len(main.proposers):
        return
    main.proposers = kept
    for position, proposer in enumerate(kept):
        if proposer.position != position:
            proposer.position = position
    if main.origin is Origin.JOINT and len(kept) == 1 and kept[0].member_id:
        main.origin = Origin.INDIVIDUAL
    session.flush()
    fulltext.index_proposal(session, main)


@dataclass
class SplitPart:
    title: str
    body: str = ""
    proposers: list[ProposerInput] | None = None  # the original proposers when None
    category_id: str | None = None


def split(session: Session, actor: Actor, proposal_id: str, parts: list[SplitPart],
          reason: str | None = None) -> list[Proposal]:
    """拆分 (一案一议): the original ends; each part is a proposal of its own at the same level."""
    if len(parts) < 2:
        raise InvalidInput("split_needs_two_parts")
    with write(session, actor, "review.split"):
        original = get(session, Proposal, proposal_id, "proposal")
        level = progress_of(session, original).review_level
        _decide(session, actor, proposal_id, Decision.SPLIT, reason=reason)
        children = []
        for index, part in enumerate(parts, 1):
            inputs = part.proposers or [ProposerInput(p.member_id, p.organisation_id, p.name)
                                        for p in original.proposers]
            child = Proposal(
                meeting_id=original.meeting_id, serial=f"{original.serial}-{index}",
                serial_seq=original.serial_seq, kind=original.kind,
                origin=origin_for(inputs, None), title=check_title(part.title),
                body=part.body.strip(), category_id=part.category_id or original.category_id,
                received_on=original.received_on, registered_at=datetime.now(),
                registered_by=actor.user_id, split_from_id=original.id,
            )
            child.proposers = proposer_rows(session, inputs)
            child.sector_id = lead_sector(session, child.proposers)
            session.add(child)
            session.flush()
            session.add(Submission(proposal_id=child.id, at=datetime.now(),
                                   user_id=actor.user_id, stamp=next_stamp(session)))
            for passed in range(1, level):
                session.add(Review(proposal_id=child.id, level=passed, decision=Decision.FORWARD,
                                   reason="拆分自" + label_of(original), at=datetime.now(),
                                   user_id=actor.user_id, stamp=next_stamp(session)))
            fulltext.index_proposal(session, child)
            children.append(child)
    return children


def undo(session: Session, actor: Actor, proposal_id: str, reason: str) -> Proposal:
    """撤销 the last decision made by mistake; the decision stays in the trail, marked revoked."""
    reason = required_text(reason, "reason")
    with write(session, actor, "review.undo"):
        proposal, _ = proposal_for(session, actor, proposal_id, Action.UNDO_REVIEW)
        facts = facts_for(session, [proposal.id])[proposal.id]
        reviews = active_reviews(facts)
        last_submission = max((s.stamp for s in facts.submissions), default="")
        if not reviews or reviews[-1].stamp < last_submission:
            raise NotAllowed("nothing_to_undo", proposal=label_of(proposal))
        if facts.assignments:
            raise NotAllowed("undo_after_assignment", proposal=label_of(proposal))
        review = session.scalar(select(Review).where(
            Review.proposal_id == proposal.id, Review.stamp == reviews[-1].stamp))
        if review.decision is Decision.SPLIT:
            raise NotAllowed("undo_split", proposal=label_of(proposal))
        review.revoked_at = datetime.now()
        review.revoked_by = actor.user_id
        review.revoke_reason = reason
        if review.decision is Decision.MERGED and proposal.merged_into_id:
            _give_back_proposers(session, proposal)
            proposal.merged_into_id = None
        if review.decision is Decision.FILED and proposal.number:
            proposal.number = proposal.number_seq = None  # the number stays used, never given again
    return proposal
