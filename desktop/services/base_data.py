"""基础数据: terms and meetings, sectors, organisations, members, units, categories and the office's
settings — added, found, listed for the screens, changed and retired, all in this one place."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, aliased

from desktop.domain.actor import Actor
from desktop.domain.enums import UnitSystem
from desktop.domain.errors import InvalidInput, NotAllowed, NotFound
from desktop.domain.office import OfficeSettings, unit_full_name
from desktop.domain.permissions import Action, require
from desktop.store import pinyin
from desktop.store.changes import write
from desktop.store.models import (Assignment, Category, Meeting, Member, Organisation, Proposal, Proposer,
                                  Sector, Term, Unit)
from desktop.store.office import load_settings, save_settings

from .common import get, required_text

FULL_NAME_CHARS = 80  # the unit table's column: 中共清河县委农村工作领导小组办公室 is 16

CHINESE_DIGITS = "零一二三四五六七八九十"


def chinese_number(n: int) -> str:
    """10 → 十, 12 → 十二, 21 → 二十一 (届次 are written this way)."""
    if n <= 10:
        return CHINESE_DIGITS[n]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else CHINESE_DIGITS[tens]
    return head + "十" + (CHINESE_DIGITS[ones] if ones else "")


def meeting_name(term: int, number: int) -> str:
    return f"{chinese_number(term)}届{chinese_number(number)}次会议"


def add_term(session: Session, actor: Actor, number: int, starts_on: date | None = None) -> Term:
    require(Action.MANAGE_BASE_DATA, None, actor.role)
    with write(session, actor, "base.add_term"):
        if session.scalar(select(Term).where(Term.number == number)):
            raise InvalidInput("term_exists", term=f"{chinese_number(number)}届")
        term = Term(number=number, name=f"{chinese_number(number)}届", starts_on=starts_on)
        session.add(term)
    return term


def add_meeting(
    session: Session, actor: Actor, term_id: str, number: int, opens_on: date,
    closes_on: date | None = None,
) -> Meeting:
    require(Action.MANAGE_BASE_DATA, None, actor.role)
    with write(session, actor, "base.add_meeting"):
        term = get(session, Term, term_id, "term")
        name = meeting_name(term.number, number)
        if session.scalar(select(Meeting).where(Meeting.name == name)):
            raise InvalidInput("meeting_exists", meeting=name)
        meeting = Meeting(term_id=term.id, number=number, name=name, opens_on=opens_on,
                          closes_on=closes_on)
        session.add(meeting)
    return meeting


def find_meeting(session: Session, text: str) -> Meeting:
    """A meeting by its name (十届二次会议), a short form (十届二次) or its id."""
    text = text.strip()
    candidates = [text, text + "会议", text + "次会议"]
    meeting = session.scalar(select(Meeting).where(Meeting.name.in_(candidates)))
    meeting = meeting or session.get(Meeting, text)
    if meeting is None:
        raise NotFound("meeting_not_found", meeting=text)
    return meeting


def current_meeting(session: Session) -> Meeting | None:
    return session.scalar(select(Meeting).order_by(Meeting.opens_on.desc()).limit(1))


def add_sector(session: Session, actor: Actor, name: str, kind: str = "界别") -> Sector:
    require(Action.MANAGE_BASE_DATA, None, actor.role)
    with write(session, actor, "base.add_sector"):
        name = required_text(name, "sector")
        sector = Sector(name=name, kind=kind, position=_next_position(session, Sector))
        session.add(sector)
    return sector


def add_organisation(
    session: Session, actor: Actor, name: str, kind: str = "党派团体", sector_id: str | None = None
) -> Organisation:
    require(Action.MANAGE_BASE_DATA, None, actor.role)
    with write(session, actor, "base.add_organisation"):
        organisation = Organisation(name=required_text(name, "organisation"), kind=kind,
                                    sector_id=sector_id)
        session.add(organisation)
    return organisation


def add_member(
    session: Session, actor: Actor, name: str, sector_id: str | None = None,
    phone: str | None = None, workplace: str | None = None,
) -> Member:
    require(Action.MANAGE_BASE_DATA, None, actor.role)
    with write(session, actor, "base.add_member"):
        name = required_text(name, "member")
        member = Member(name=name, sector_id=sector_id, phone=phone, workplace=workplace,
                        initials=pinyin.initials(name), pinyin=pinyin.full_pinyin(name))
        session.add(member)
    return member


def add_unit(
    session: Session, actor: Actor, name: str, system: UnitSystem, short_name: str = "",
    full_name: str = "",
) -> Unit:
    require(Action.MANAGE_BASE_DATA, None, actor.role)
    with write(session, actor, "base.add_unit"):
        name = required_text(name, "unit")
        if session.scalar(select(Unit).where(Unit.name == name)):
            raise InvalidInput("unit_exists", unit=name)
        unit = Unit(name=name, short_name=short_name, full_name=_full_name(full_name), system=system,
                    position=_next_position(session, Unit))
        session.add(unit)
    return unit


def _full_name(text: str) -> str:
    """A 全称 written in, or "" for the one derived from the name."""
    return required_text(text, "full_name", FULL_NAME_CHARS) if text.strip() else ""


def merge_unit(session: Session, actor: Actor, unit_id: str, into_id: str) -> Unit:
    """机构改革: the old unit stops taking new assignments; its history stays under its name."""
    require(Action.MANAGE_BASE_DATA, None, actor.role)
    with write(session, actor, "base.merge_unit"):
        unit = get(session, Unit, unit_id, "unit")
        into = get(session, Unit, into_id, "unit")
        if unit.id == into.id or into.merged_into_id is not None:
            raise NotAllowed("unit_merge_invalid", unit=unit.name, into=into.name)
        unit.merged_into_id = into.id
        unit.active = False
    return unit


def find_unit(session: Session, text: str) -> Unit:
    text = text.strip()
    unit = session.scalar(select(Unit).where((Unit.name == text) | (Unit.short_name == text)))
    if unit is None:
        raise NotFound("unit_not_found", unit=text)
    return unit


def add_category(session: Session, actor: Actor, code: str, name: str) -> Category:
    require(Action.MANAGE_BASE_DATA, None, actor.role)
    with write(session, actor, "base.add_category"):
        category = Category(code=required_text(code, "category"), name=required_text(name, "category"))
        session.add(category)
    return category


def _next_position(session: Session, model) -> int:
    return (session.scalar(select(func.max(model.position))) or 0) + 1


def update_settings(session: Session, actor: Actor, **changes: object) -> OfficeSettings:
    """Change office settings (numbering, review levels, deadlines); refused if they do not fit."""
    require(Action.MANAGE_BASE_DATA, None, actor.role)
    with write(session, actor, "base.settings"):
        settings = replace(load_settings(session), **changes)
        save_settings(session, settings)
    return settings


def meetings(session: Session) -> list[tuple[str, str]]:
    """(id, name) of every meeting, the latest first, for the meeting switcher."""
    return [(m.id, m.name) for m in session.scalars(
        select(Meeting).order_by(Meeting.opens_on.desc()))]


def categories(session: Session) -> list[tuple[str, str]]:
    return [(c.id, c.name) for c in session.scalars(
        select(Category).where(Category.active.is_(True)).order_by(Category.code))]


def units(session: Session, active_only: bool = False) -> list[tuple[str, str]]:
    """(id, name) in the office's order; merged units too unless ``active_only`` (history)."""
    stmt = select(Unit).order_by(Unit.position, Unit.name)
    if active_only:
        stmt = stmt.where(Unit.active.is_(True))
    return [(u.id, u.name) for u in session.scalars(stmt)]


def sectors(session: Session) -> list[tuple[str, str]]:
    return [(s.id, s.name) for s in session.scalars(select(Sector).order_by(Sector.position))]


def office_name(session: Session) -> str:
    return load_settings(session).office_name


def office_settings(session: Session) -> OfficeSettings:
    return load_settings(session)


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
    full_name: str  # as printed: the one written in, else the derived one
    full_name_written: bool
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
    office = load_settings(session).office_name
    return [UnitRow(u.id, u.name, u.short_name, unit_full_name(u.name, u.full_name, office),
                    bool(u.full_name), u.system, u.active, merged or "", counts.get(u.id, 0))
            for u, merged in session.execute(stmt)]


def update_unit(session: Session, actor: Actor, unit_id: str, name: str, short_name: str,
                system: UnitSystem, full_name: str | None = None) -> Unit:
    """``full_name`` None leaves the 全称 as it is; "" goes back to the derived one."""
    require(Action.MANAGE_BASE_DATA, None, actor.role)
    name = required_text(name, "unit")
    with write(session, actor, "base.update_unit"):
        if session.scalar(select(Unit.id).where(Unit.name == name, Unit.id != unit_id)):
            raise InvalidInput("unit_exists", unit=name)
        unit = get(session, Unit, unit_id, "unit")
        unit.name, unit.short_name, unit.system = name, short_name.strip(), system
        if full_name is not None:
            unit.full_name = _full_name(full_name)
    return unit
