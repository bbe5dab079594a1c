"""录入: registering a paper proposal, correcting it, sending it to review, attaching files."""
from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy.orm import Session

from desktop.domain.actor import Actor
from desktop.domain.enums import Kind, Origin, ProposerRole
from desktop.domain.errors import InvalidInput
from desktop.domain.numbering import NumberContext, format_number
from desktop.domain.permissions import Action, require
from desktop.local.files import write_atomically
from desktop.store import fulltext
from desktop.store.changes import next_stamp, write
from desktop.store.models import (
    Attachment, Category, Meeting, Member, Organisation, Proposal, Proposer, Submission,
)
from desktop.store.office import load_settings, take

from .common import get, proposal_for, required_text

MAX_TITLE = 300


@dataclass(frozen=True)
class ProposerInput:
    """A proposer as the clerk picked it: a member, an organisation, or only a printed name."""

    member_id: str | None = None
    organisation_id: str | None = None
    name: str | None = None


@dataclass
class ProposalDraft:
    meeting_id: str
    title: str
    proposers: list[ProposerInput]
    kind: Kind = Kind.SESSION
    origin: Origin | None = None  # derived from the proposers when not given
    body: str = ""
    category_id: str | None = None
    received_on: date | None = None


def derived_origin(organisation_leads: bool, proposers: int) -> Origin:
    """个人 / 联名 / 集体 as the proposers make it, unless the clerk chose otherwise."""
    if organisation_leads:
        return Origin.COLLECTIVE
    return Origin.JOINT if proposers > 1 else Origin.INDIVIDUAL


def origin_for(proposers: list[ProposerInput], given: Origin | None) -> Origin:
    if not proposers:
        raise InvalidInput("proposer_required")
    lead = proposers[0]
    origin = given or derived_origin(bool(lead.organisation_id), len(proposers))
    if origin is Origin.COLLECTIVE and not lead.organisation_id:
        raise InvalidInput("collective_needs_organisation")
    if origin is Origin.JOINT and len(proposers) < 2:
        raise InvalidInput("joint_needs_cosigners")
    if origin is Origin.INDIVIDUAL and len(proposers) > 1:
        raise InvalidInput("individual_has_cosigners")
    return origin


def proposer_rows(session: Session, inputs: list[ProposerInput]) -> list[Proposer]:
    rows, seen = [], set()
    for position, item in enumerate(inputs):
        if item.member_id:
            name = get(session, Member, item.member_id, "member").name
        elif item.organisation_id:
            name = get(session, Organisation, item.organisation_id, "organisation").name
        else:
            name = required_text(item.name, "proposer")
        key = item.member_id or item.organisation_id or name
        if key in seen:
            raise InvalidInput("proposer_twice", name=name)
        seen.add(key)
        rows.append(Proposer(position=position, name=name, member_id=item.member_id,
                             organisation_id=item.organisation_id,
                             role=ProposerRole.LEAD if position == 0 else ProposerRole.COSIGNER))
    return rows


def lead_sector(session: Session, proposers: list[Proposer]) -> str | None:
    """The 界别 a proposal is counted under: its lead proposer's, as it is when registered."""
    if not proposers:
        return None
    lead = proposers[0]
    if lead.member_id:
        return get(session, Member, lead.member_id, "member").sector_id
    if lead.organisation_id:
        return get(session, Organisation, lead.organisation_id, "organisation").sector_id
    return None


def check_title(title: str) -> str:
    title = required_text(title, "title")
    if len(title) > MAX_TITLE:
        raise InvalidInput("title_too_long", length=MAX_TITLE)
    return title


def register(session: Session, actor: Actor, draft: ProposalDraft, submit: bool = False) -> Proposal:
    """Type in one paper proposal; it gets the next 收文号 of its meeting."""
    require(Action.REGISTER, None, actor.role)
    title = check_title(draft.title)
    origin = origin_for(draft.proposers, draft.origin)
    with write(session, actor, "entry.register"):
        meeting = get(session, Meeting, draft.meeting_id, "meeting")
        if draft.category_id:
            get(session, Category, draft.category_id, "category")
        settings = load_settings(session)
        seq = take(session, f"serial:{meeting.id}")
        context = NumberContext(meeting.opens_on.year, meeting.term.number, meeting.number)
        proposal = Proposal(
            meeting_id=meeting.id, serial=format_number(settings.serial_pattern, seq, context),
            serial_seq=seq, kind=draft.kind, origin=origin, title=title,
            body=(draft.body or "").strip(), category_id=draft.category_id,
            received_on=draft.received_on or date.today(), registered_at=datetime.now(),
            registered_by=actor.user_id,
        )
        proposal.proposers = proposer_rows(session, draft.proposers)
        proposal.sector_id = lead_sector(session, proposal.proposers)
        session.add(proposal)
        session.flush()
        fulltext.index_proposal(session, proposal)
        if submit:
            session.add(Submission(proposal_id=proposal.id, at=datetime.now(),
                                   user_id=actor.user_id, stamp=next_stamp(session)))
    return proposal


def edit(session: Session, actor: Actor, proposal_id: str, *, title: str | None = None,
         body: str | None = None, category_id: str | None = None, kind: Kind | None = None,
         proposers: list[ProposerInput] | None = None, origin: Origin | None = None,
         received_on: date | None = None) -> Proposal:
    """Correct a proposal before it is decided (later changes go through the review trail)."""
    with write(session, actor, "entry.edit"):
        proposal, _ = proposal_for(session, actor, proposal_id, Action.EDIT)
        if title is not None:
            proposal.title = check_title(title)
        if body is not None:
            proposal.body = body.strip()
        if category_id is not None:
            proposal.category_id = get(session, Category, category_id, "category").id
        if kind is not None:
            proposal.kind = kind
        if received_on is not None:
            if received_on > date.today():
                raise InvalidInput("date_in_future", field="received_on", day=received_on.isoformat())
            proposal.received_on = received_on
        if proposers is not None:
            proposal.origin = origin_for(proposers, origin)
            proposal.proposers = proposer_rows(session, proposers)
            proposal.sector_id = lead_sector(session, proposal.proposers)
        elif origin is not None:
            proposal.origin = origin_for(
                [ProposerInput(p.member_id, p.organisation_id, p.name) for p in proposal.proposers],
                origin)
        session.flush()
        fulltext.index_proposal(session, proposal)
    return proposal


def submit(session: Session, actor: Actor, proposal_ids: list[str]) -> None:
    """Send registered (or corrected) proposals to 初审."""
    with write(session, actor, "entry.submit"):
        for proposal_id in proposal_ids:
            proposal, _ = proposal_for(session, actor, proposal_id, Action.SUBMIT)
            session.add(Submission(proposal_id=proposal.id, at=datetime.now(),
                                   user_id=actor.user_id, stamp=next_stamp(session)))


def store_file(source: Path, store_dir: Path) -> tuple[str, int]:
    """Copy a file into the data folder under its SHA-256 (written whole, then renamed)."""
    digest = hashlib.sha256()
    with open(source, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    sha = digest.hexdigest()
    target = store_dir / sha[:2] / sha
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        with write_atomically(target) as partial:
            shutil.copyfile(source, partial)
    return sha, target.stat().st_size


def attach(session: Session, actor: Actor, proposal_id: str, source: Path,
           store_dir: Path) -> Attachment:
    if not Path(source).is_file():
        raise InvalidInput("file_missing", path=str(source))
    sha, size = store_file(Path(source), store_dir)
    with write(session, actor, "entry.attach"):
        proposal = get(session, Proposal, proposal_id, "proposal")
        require(Action.REGISTER, None, actor.role)
        attachment = Attachment(sha256=sha, filename=Path(source).name, size=size,
                                proposal_id=proposal.id, added_at=datetime.now(),
                                user_id=actor.user_id)
        session.add(attachment)
    return attachment
