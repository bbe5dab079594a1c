"""查找: one search box for everything — proposals by their words, members by name or initials."""
from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy.orm import Session

from desktop.store import queries, search
from desktop.store.models import Member

_INITIALS = re.compile(r"^[a-zA-Z]{1,12}$")


@dataclass
class SearchResult:
    members: list[Member]
    proposals: list[queries.ProposalRow]


def search_everything(session: Session, text: str, limit: int = 50) -> SearchResult:
    text = text.strip()
    if not text:
        return SearchResult([], [])
    members = search.members_by_initials(session, text)
    ids = search.matching_proposal_ids(session, text, limit)
    if _INITIALS.match(text) and members:
        seen = set(ids)
        ids += [pid for pid in search.proposals_of_members(session, [m.id for m in members], limit)
                if pid not in seen]
    return SearchResult(members, queries.proposal_rows(session, ids[:limit]))
