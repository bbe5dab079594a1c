"""Full-text search over title, body and proposer names that finds 2-character words (停车).

Text is stored as character bigrams (停车难 → 停车 车难, plus the last character of each run),
so a query is a phrase of consecutive bigrams.  SQLite answers it with FTS5; any other database
with the same terms through a portable LIKE on the space-separated term string.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
import unicodedata

from sqlalchemy import Integer, bindparam, column, func, or_, select, text
from sqlalchemy.orm import Session

from . import sqlite
from .models import Member, Proposal, Proposer, SearchDocument

FIELD_BREAK = "‖"  # between fields, so that a phrase never spans title and body
_WORD = re.compile(r"[0-9a-z]+|[\u3400-\u9fff\uf900-\ufaff]+")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def _runs(value: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFKC", value).lower())


def terms_of(value: str) -> list[str]:
    """Bigrams of each Chinese run (and its last character alone); Latin words and digits whole."""
    out: list[str] = []
    for run in _runs(value):
        if _CJK.match(run):
            out.extend(run[i : i + 2] for i in range(len(run) - 1))
            out.append(run[-1])
        else:
            out.append(run)
    return out


def document_terms(title: str, body: str, names: list[str]) -> str:
    fields = [" ".join(terms_of(title)), " ".join(terms_of(body)), " ".join(
        " ".join(terms_of(n)) for n in names)]
    return f" {FIELD_BREAK} ".join(fields)


def query_phrases(query: str) -> list[list[str]]:
    """Each run of the query as a phrase of consecutive terms (a lone character as a prefix)."""
    phrases = []
    for run in _runs(query):
        if _CJK.match(run):
            phrases.append([run] if len(run) == 1 else [run[i : i + 2] for i in range(len(run) - 1)])
        else:
            phrases.append([run])
    return phrases


def index_proposal(session: Session, proposal: Proposal) -> None:
    """Keep the proposal's search terms in step; called by every service that edits its text."""
    terms = document_terms(proposal.title, proposal.body or "", [p.name for p in proposal.proposers])
    doc = session.scalar(select(SearchDocument).where(SearchDocument.proposal_id == proposal.id))
    if doc is None:
        session.add(SearchDocument(proposal_id=proposal.id, terms=terms))
    elif doc.terms != terms:
        doc.terms = terms



def index_many(session: Session, proposal_ids: list[str]) -> None:
    """``index_proposal`` for many at once (proposals that arrived in a package): three queries
    a chunk instead of three a proposal."""
    for start in range(0, len(proposal_ids), 500):
        chunk = proposal_ids[start:start + 500]
        names: dict[str, list[str]] = {pid: [] for pid in chunk}
        for pid, name in session.execute(select(Proposer.proposal_id, Proposer.name).where(
                Proposer.proposal_id.in_(chunk)).order_by(Proposer.proposal_id, Proposer.position)):
            names[pid].append(name)
        docs = dict(session.execute(select(SearchDocument.proposal_id, SearchDocument.terms)
                                    .where(SearchDocument.proposal_id.in_(chunk))).all())
        fresh, changed = [], []
        for pid, title, body in session.execute(select(Proposal.id, Proposal.title, Proposal.body)
                                                .where(Proposal.id.in_(chunk))):
            terms = document_terms(title, body or "", names[pid])
            if pid not in docs:
                fresh.append({"proposal_id": pid, "terms": terms})
            elif docs[pid] != terms:
                changed.append({"_pid": pid, "terms": terms})
        if fresh:
            session.execute(SearchDocument.__table__.insert(), fresh)
        if changed:
            table = SearchDocument.__table__
            session.execute(table.update().where(table.c.proposal_id == bindparam("_pid"))
                            .values(terms=bindparam("terms")), changed)


@contextmanager
def bulk_search_loading(session: Session) -> Iterator[None]:
    """Index many new documents at once at the end instead of one by one (SQLite: FTS5 rebuild)."""
    if session.get_bind().dialect.name != "sqlite":
        yield
        return
    with sqlite.fts_paused(session.connection()):
        yield


def _fts_query(phrases: list[list[str]]) -> str:
    parts = []
    for terms in phrases:
        if len(terms) == 1 and len(terms[0]) == 1 and _CJK.match(terms[0]):
            parts.append(f'"{terms[0]}"*')
        else:
            parts.append(" + ".join(f'"{t}"' for t in terms))
    return " AND ".join(parts)


def _portable_condition(phrases: list[list[str]]):
    padded = func.concat(" ", SearchDocument.terms, " ")
    conditions = []
    for terms in phrases:
        if len(terms) == 1 and len(terms[0]) == 1 and _CJK.match(terms[0]):
            conditions.append(padded.like(f"% {terms[0]}%"))
        else:
            conditions.append(padded.like(f"% {' '.join(terms)} %"))
    return conditions


def matching_proposal_ids(session: Session, query: str, limit: int = 200) -> list[str]:
    """Proposals whose title, body or proposer names contain every word of ``query``."""
    phrases = query_phrases(query)
    if not phrases:
        return []
    if session.get_bind().dialect.name == "sqlite":
        rows = session.execute(
            text(sqlite.fts_match_sql()), {"query": _fts_query(phrases), "limit": limit}
        )
        return [r[0] for r in rows]
    stmt = select(SearchDocument.proposal_id).where(*_portable_condition(phrases)).limit(limit)
    return list(session.scalars(stmt))


def members_by_initials(session: Session, typed: str, limit: int = 20) -> list[Member]:
    """Members whose name starts with ``typed`` or whose pinyin initials do (zs → 张三)."""
    typed = typed.strip().lower()
    if not typed:
        return []
    stmt = (
        select(Member)
        .where(Member.active.is_(True))
        .where(or_(Member.name.startswith(typed, autoescape=True),
                   Member.initials.startswith(typed, autoescape=True),
                   Member.initials.contains("|" + typed, autoescape=True),
                   Member.pinyin.startswith(typed, autoescape=True)))
        .order_by(Member.name)
        .limit(limit)
    )
    return list(session.scalars(stmt))


def proposals_of_members(session: Session, member_ids: list[str], limit: int = 200) -> list[str]:
    if not member_ids:
        return []
    stmt = (select(Proposer.proposal_id).where(Proposer.member_id.in_(member_ids))
            .distinct().limit(limit))
    return list(session.scalars(stmt))


def matching_condition(session: Session, query: str):
    """A WHERE condition on Proposal.id for a list filtered by words, answered inside SQL."""
    phrases = query_phrases(query)
    if not phrases:
        return Proposal.id.is_not(None)
    if session.get_bind().dialect.name == "sqlite":
        docs = text("SELECT rowid FROM search_fts WHERE search_fts MATCH :fts_query").bindparams(
            fts_query=_fts_query(phrases)).columns(column("rowid", Integer))
        return Proposal.id.in_(select(SearchDocument.proposal_id).where(
            SearchDocument.doc_id.in_(docs.subquery().select())))
    return Proposal.id.in_(select(SearchDocument.proposal_id).where(
        *_portable_condition(phrases)))


# Words every title has: they make any two titles look alike.
_TITLE_FRAME = re.compile(r"^(关于|对|建议)|(的|之)?(建议|提案|意见|问题)$")
_TITLE_COMMON = frozenset({"进一", "一步", "加强", "推进", "加快", "完善", "提升", "促进", "我县",
                          "全县", "县城", "工作", "发展", "建设", "的"})


def title_terms(title: str) -> set[str]:
    core = _TITLE_FRAME.sub("", unicodedata.normalize("NFKC", title).strip())
    core = _TITLE_FRAME.sub("", core)
    return {t for t in terms_of(core) if len(t) > 1 and t not in _TITLE_COMMON}


def title_likeness(a: set[str], b: set[str]) -> float:
    """Dice coefficient of two titles' bigrams: 1 for the same words, 0 for none shared."""
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def similar_title_candidates(session: Session, title: str, limit: int = 40) -> list[str]:
    """Proposals sharing the rarer words of ``title`` (any meeting), best first."""
    terms = sorted(title_terms(title))
    if not terms:
        return []
    if session.get_bind().dialect.name == "sqlite":
        query = " OR ".join(f'"{t}"' for t in terms[:24])
        rows = session.execute(text(sqlite.fts_match_sql()), {"query": query, "limit": limit})
        return [r[0] for r in rows]
    padded = func.concat(" ", SearchDocument.terms, " ")
    stmt = select(SearchDocument.proposal_id).where(
        or_(*[padded.like(f"% {t} %") for t in terms[:24]])).limit(limit)
    return list(session.scalars(stmt))
