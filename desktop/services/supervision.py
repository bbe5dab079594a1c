"""重点提案 and 领衔督办."""
from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from desktop.domain.actor import Actor
from desktop.domain.permissions import Action
from desktop.store.changes import write
from desktop.store.models import Proposal, Supervision

from .common import proposal_for, required_text


def mark_key(session: Session, actor: Actor, proposal_id: str, key: bool = True) -> Proposal:
    with write(session, actor, "supervision.mark_key"):
        proposal, _ = proposal_for(session, actor, proposal_id, Action.MARK_KEY)
        proposal.key = key
    return proposal


def supervise(session: Session, actor: Actor, proposal_id: str, leader: str,
              leader_title: str | None = None, started_on: date | None = None,
              note: str | None = None) -> Supervision:
    """A named leader supervises a key proposal (the proposal becomes key if it was not)."""
    leader = required_text(leader, "leader")
    with write(session, actor, "supervision.supervise"):
        proposal, _ = proposal_for(session, actor, proposal_id, Action.SUPERVISE)
        proposal.key = True
        supervision = Supervision(proposal_id=proposal.id, leader=leader,
                                  leader_title=leader_title,
                                  started_on=started_on or date.today(), note=note,
                                  user_id=actor.user_id)
        session.add(supervision)
    return supervision
