"""提案号: previewing and giving numbers to filed proposals, from counters that never go back."""
from __future__ import annotations

from sqlalchemy.orm import Session

from desktop.domain.actor import Actor
from desktop.domain.numbering import NumberContext, format_number
from desktop.domain.enums import FILED_STATES, Kind
from desktop.domain.errors import NotAllowed
from desktop.domain.permissions import Action
from desktop.store.changes import write
from desktop.store.models import Proposal
from desktop.store.office import counter_value, load_settings, take

from .common import get, label_of, office_only, proposal_for


def _numbering_order(session: Session, ids: list[str]) -> list[Proposal]:
    proposals = [get(session, Proposal, pid, "proposal") for pid in ids]
    kinds = {Kind.SESSION: 0, Kind.INTERIM: 1}  # 大会 before 平时 in a shared counter
    return sorted(proposals, key=lambda p: (p.meeting_id, kinds[p.kind], p.serial_seq, p.serial))


def _counter_key(proposal: Proposal, per_kind: bool) -> str:
    return f"number:{proposal.meeting_id}" + (f":{proposal.kind.value}" if per_kind else "")


def preview_numbers(session: Session, actor: Actor, ids: list[str]) -> list[tuple[str, str]]:
    """(proposal id, number) in the order numbers would be given, without giving them."""
    office_only(actor)
    settings = load_settings(session)
    nexts: dict[str, int] = {}
    out = []
    for p in _numbering_order(session, ids):
        if p.status not in FILED_STATES:  # the same refusal give_numbers makes
            raise NotAllowed("state_not_allowed", action=Action.NUMBER.value,
                             state=p.status.value, proposal=label_of(p))
        if p.number:
            continue
        key = _counter_key(p, settings.number_per_kind)
        nexts[key] = nexts.get(key, counter_value(session, key)) + 1
        out.append((p.id, format_number(settings.number_pattern, nexts[key], _context(p))))
    return out


def give_numbers(session: Session, actor: Actor, ids: list[str]) -> list[tuple[str, str]]:
    """提案号 for filed proposals, in serial order; a number once given is never given again."""
    given = []
    with write(session, actor, "review.number"):
        settings = load_settings(session)
        for p in _numbering_order(session, ids):
            proposal_for(session, actor, p.id, Action.NUMBER)
            if p.number:
                continue
            seq = take(session, _counter_key(p, settings.number_per_kind))
            p.number, p.number_seq = format_number(settings.number_pattern, seq, _context(p)), seq
            given.append((p.id, p.number))
    return given


def _context(proposal: Proposal) -> NumberContext:
    meeting = proposal.meeting
    return NumberContext(meeting.opens_on.year, meeting.term.number, meeting.number)
