"""查找: one search box for everything — proposals by their words, members by name or initials."""
from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy.orm import Session

from desktop.domain.actor import Actor
from desktop.domain.errors import InvalidInput
from desktop.domain.permissions import unit_scope
from desktop.store import fulltext, proposal_rows
from sqlalchemy import select

from desktop.store.models import Member, Organisation, Sector

from .common import office_only, reachable

_INITIALS = re.compile(r"^[a-zA-Z]{1,12}$")


@dataclass
class SearchResult:
    members: list[Member]
    proposals: list[proposal_rows.ProposalRow]


def looks_like_initials(text: str) -> bool:
    return bool(_INITIALS.match(text.strip()))


SEARCH_TEXT_LIMIT = 100  # characters: what one looks for is a phrase, not a document


def search_everything(session: Session, actor: Actor, text: str, limit: int = 50) -> SearchResult:
    """Members (the office's roster: not a unit's to read) and the proposals this actor may read."""
    text = text.strip()
    if len(text) > SEARCH_TEXT_LIMIT:
        raise InvalidInput("search_too_long", limit=SEARCH_TEXT_LIMIT)
    if not text:
        return SearchResult([], [])
    members = fulltext.members_by_initials(session, text)
    ids = fulltext.matching_proposal_ids(session, text, limit)
    if _INITIALS.match(text) and members:
        seen = set(ids)
        ids += [pid for pid in fulltext.proposals_of_members(session, [m.id for m in members], limit)
                if pid not in seen]
    if unit_scope(actor) is not None:
        members = []
        ids = reachable(session, actor, ids)
    return SearchResult(members, proposal_rows.proposal_rows(session, ids[:limit]))


@dataclass(frozen=True)
class ProposerChoice:
    """A line of the proposer picker: a member (with 界别) or an organisation."""

    name: str
    detail: str
    member_id: str | None = None
    organisation_id: str | None = None
    sector: str | None = None


def proposer_choices(session: Session, actor: Actor, typed: str, limit: int = 20,
                     organisations: bool = True) -> list[ProposerChoice]:
    """Members by name or pinyin initials (张三 / zs), then organisations by name."""
    office_only(actor)
    typed = typed.strip()
    if not typed:
        return []
    sectors = dict(session.execute(select(Sector.id, Sector.name)).all())
    choices = [ProposerChoice(m.name, " ".join(filter(None, [sectors.get(m.sector_id),
                                                             m.workplace])),
                              member_id=m.id, sector=sectors.get(m.sector_id))
               for m in fulltext.members_by_initials(session, typed, limit)]
    if organisations and len(choices) < limit:
        for o in session.scalars(select(Organisation).where(
                Organisation.name.contains(typed, autoescape=True)).order_by(Organisation.name)
                .limit(limit - len(choices))):
            choices.append(ProposerChoice(o.name, o.kind, organisation_id=o.id,
                                          sector=sectors.get(o.sector_id)))
    return choices
