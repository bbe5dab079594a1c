"""The office's lists as the 基础数据 screen shows and edits them: members, sectors, units,
categories.  Adding lives in base_data; this is reading, changing and retiring."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, aliased

from desktop.domain.actor import Actor
from desktop.domain.enums import UnitSystem
from desktop.domain.errors import InvalidInput
from desktop.domain.permissions import Action, require
from desktop.store import pinyin
from desktop.store.changes import write
from desktop.store.models import Assignment, Category, Member, Proposal, Proposer, Sector, Unit

from .common import get, required_text


@dataclass(frozen=True)
class MemberRow:
    id: str
    name: str
    initials: str
    sector: str
    sector_id: str | None
    phone: str
    workplace: str
    active: bool
    proposals: int  # proposals they lead or signed, every meeting


def members(session: Session, text: str = "") -> list[MemberRow]:
    """By name, 姓名 or its pinyin initials narrowing the list (a roster is hundreds, not more)."""
    signed = (select(Proposer.member_id, func.count().label("n"))
              .group_by(Proposer.member_id).subquery())
    stmt = (select(Member, Sector.name, signed.c.n)
            .outerjoin(Sector, Sector.id == Member.sector_id)
            .outerjoin(signed, signed.c.member_id == Member.id)
            .order_by(Member.active.desc(), Member.pinyin, Member.name))
    text = text.strip()
    if text:
        stmt = stmt.where(or_(Member.name.contains(text), Member.initials.contains(text.lower())))
    return [MemberRow(m.id, m.name, m.initials.split("|")[0], sector or "", m.sector_id,
                      m.phone or "", m.workplace or "", m.active, n or 0)
            for m, sector, n in session.execute(stmt)]


def update_member(session: Session, actor: Actor, member_id: str, name: str,
                  sector_id: str | None, phone: str | None, workplace: str | None,
                  active: bool = True) -> Member:
    """A renamed member keeps the proposals already printed under the old name."""
    require(Action.MANAGE_BASE_DATA, None, actor.role)
    name = required_text(name, "member")
    with write(session, actor, "base.update_member"):
        member = get(session, Member, member_id, "member")
        if name != member.name:
            member.name, member.initials = name, pinyin.initials(name)
            member.pinyin = pinyin.full_pinyin(name)
        member.sector_id, member.active = sector_id, active
        member.phone, member.workplace = phone or None, workplace or None
    return member


@dataclass(frozen=True)
class NamedRow:
    id: str
    name: str
    extra: str  # a sector's kind, a category's code
    uses: int  # members of the sector, proposals of the category
    active: bool = True


def sector_rows(session: Session) -> list[NamedRow]:
    counts = dict(session.execute(select(Member.sector_id, func.count())
                                  .group_by(Member.sector_id)).all())
    return [NamedRow(s.id, s.name, s.kind, counts.get(s.id, 0))
            for s in session.scalars(select(Sector).order_by(Sector.position, Sector.name))]


def category_rows(session: Session) -> list[NamedRow]:
    counts = dict(session.execute(select(Proposal.category_id, func.count())
                                  .group_by(Proposal.category_id)).all())
    return [NamedRow(c.id, c.name, c.code, counts.get(c.id, 0), c.active)
            for c in session.scalars(select(Category).order_by(Category.code))]


def rename_sector(session: Session, actor: Actor, sector_id: str, name: str) -> Sector:
    require(Action.MANAGE_BASE_DATA, None, actor.role)
    name = required_text(name, "sector")
    with write(session, actor, "base.rename_sector"):
        if session.scalar(select(Sector.id).where(Sector.name == name, Sector.id != sector_id)):
            raise InvalidInput("name_taken", name=name)
        sector = get(session, Sector, sector_id, "sector")
        sector.name = name
    return sector


def update_category(session: Session, actor: Actor, category_id: str, name: str,
                    active: bool = True) -> Category:
    """A retired category stays on the proposals that carry it; new ones cannot choose it."""
    require(Action.MANAGE_BASE_DATA, None, actor.role)
    name = required_text(name, "category")
    with write(session, actor, "base.update_category"):
        if session.scalar(select(Category.id).where(Category.name == name,
                                                    Category.id != category_id)):
            raise InvalidInput("name_taken", name=name)
        category = get(session, Category, category_id, "category")
        category.name, category.active = name, active
    return category


@dataclass(frozen=True)
class UnitRow:
    id: str
    name: str
    short_name: str
    system: UnitSystem
    active: bool
    merged_into: str  # the unit it was merged into after a reform
    assignments: int  # every assignment it ever had (its history)


def unit_rows(session: Session) -> list[UnitRow]:
    into = aliased(Unit)
    counts = dict(session.execute(select(Assignment.unit_id, func.count())
                                  .group_by(Assignment.unit_id)).all())
    stmt = (select(Unit, into.name).outerjoin(into, into.id == Unit.merged_into_id)
            .order_by(Unit.active.desc(), Unit.position, Unit.name))
    return [UnitRow(u.id, u.name, u.short_name, u.system, u.active, merged or "",
                    counts.get(u.id, 0)) for u, merged in session.execute(stmt)]


def update_unit(session: Session, actor: Actor, unit_id: str, name: str, short_name: str,
                system: UnitSystem) -> Unit:
    require(Action.MANAGE_BASE_DATA, None, actor.role)
    name = required_text(name, "unit")
    with write(session, actor, "base.update_unit"):
        if session.scalar(select(Unit.id).where(Unit.name == name, Unit.id != unit_id)):
            raise InvalidInput("unit_exists", unit=name)
        unit = get(session, Unit, unit_id, "unit")
        unit.name, unit.short_name, unit.system = name, short_name.strip(), system
    return unit
