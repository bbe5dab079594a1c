"""What every service needs: loading a record for an action and checking the rules first."""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.actor import Actor
from desktop.domain.exchange import office_decides
from desktop.domain.errors import InvalidInput, NotAllowed, NotFound
from desktop.domain.lifecycle import Progress
from desktop.domain.permissions import Action, reaches_unit, require, unit_scope
from desktop.store import predicates
from desktop.store.changes import local_site
from desktop.store.facts import proposal_status
from desktop.store.models import Assignment, Base, Proposal
from desktop.wording.labels import proposal_label

F = TypeVar("F")  # a frozen dataclass of filters with a unit_id field


def get(session: Session, model: type[Base], record_id: str, what: str) -> Base:
    record = session.get(model, record_id) if record_id else None
    if record is None:
        raise NotFound("record_not_found", kind=what, id=record_id)
    return record


def proposal_for(
    session: Session, actor: Actor, proposal_id: str, action: Action
) -> tuple[Proposal, Progress]:
    """The proposal, once the action is known to be open in its state to this actor."""
    proposal = get(session, Proposal, proposal_id, "proposal")
    if office_decides(local_site(session).kind, action.value):
        raise NotAllowed("office_decides", action=action.value)
    progress = proposal_status(session, proposal)
    try:
        require(action, progress.state, actor.role)
    except NotAllowed as exc:
        exc.params.setdefault("proposal", label_of(proposal))
        raise
    return proposal, progress


def own_unit_only(actor: Actor, assignment: Assignment) -> None:
    """A unit's clerk only ever reaches their own unit's assignments."""
    if not reaches_unit(actor, assignment.unit_id):
        raise NotAllowed("other_unit", unit=assignment.unit.name)


def scoped(actor: Actor, where: F) -> F:
    """A list's filter (proposals, assignments) narrowed to the actor's unit, whatever was asked:
    a unit's clerk lists only their unit's work."""
    unit_id = unit_scope(actor)
    return where if unit_id is None else replace(where, unit_id=unit_id)


def office_only(actor: Actor) -> None:
    """Reads of the office's own work (review, numbering, assigning, supervision): not a unit's."""
    if unit_scope(actor) is not None:
        raise NotAllowed("office_work_only")


def readable_proposal(session: Session, actor: Actor, proposal_id: str) -> Proposal:
    """The proposal, if this actor may read it: the office all, a unit's clerk only those
    assigned to their unit."""
    proposal = get(session, Proposal, proposal_id, "proposal")
    if reachable(session, actor, [proposal.id]) != [proposal.id]:
        raise NotAllowed("other_units_proposal", proposal=label_of(proposal))
    return proposal


def reachable(session: Session, actor: Actor, ids: list[str]) -> list[str]:
    """Of ``ids`` (in their order), those this actor may read."""
    unit_id = unit_scope(actor)
    if unit_id is None or not ids:
        return ids
    kept = set(session.scalars(select(Proposal.id).where(
        Proposal.id.in_(ids), predicates.assigned_to(unit_id))))
    return [i for i in ids if i in kept]


def assignment_for(
    session: Session, actor: Actor, assignment_id: str, action: Action
) -> tuple[Assignment, Proposal, Progress]:
    """An assignment the actor may act on: a unit's clerk only ever reaches their own unit's."""
    assignment = get(session, Assignment, assignment_id, "assignment")
    own_unit_only(actor, assignment)
    proposal, progress = proposal_for(session, actor, assignment.proposal_id, action)
    if assignment.ended is not None:
        raise NotAllowed("assignment_ended", unit=assignment.unit.name, proposal=label_of(proposal))
    return assignment, proposal, progress


def label_of(proposal: Proposal) -> str:
    """How the office names a proposal in a sentence: its number, else its serial."""
    return proposal_label(proposal.number, proposal.serial)


TEXT_CHARS = 2_000  # a reason, a note, an opinion: a page of text, not a document


def required_text(value: str | None, field: str, limit: int = TEXT_CHARS) -> str:
    value = (value or "").strip()
    if not value:
        raise InvalidInput("field_required", field=field)
    if len(value) > limit:
        raise InvalidInput("text_too_long", field=field, limit=limit)
    return value


def not_before(day: date, earliest: date, field: str) -> None:
    if day < earliest:
        raise InvalidInput("date_too_early", field=field, day=day.isoformat(),
                           earliest=earliest.isoformat())

