"""The office's own ledgers of past years, brought in so the first year's statistics, the
similar-proposal check and the unit suggestions start from its history.

Each sheet's header is found and mapped (the mapping remembered per header signature); rows are
read, grouped into proposals and resolved against the office's units, members, 界别 and 分类.
The preview is the import itself, rolled back: its totals are what `tian stats` will show.
A proposal already in the meeting (same 提案号, or same 案由 when there is none) is not
imported again, so the same file twice changes nothing."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from desktop.domain.actor import Actor
from desktop.domain.clock import Clock, new_id
from desktop.domain.enums import Decision, UnitSystem
from desktop.domain.errors import InvalidInput
from desktop.domain.numbering import NumberContext
from desktop.domain.permissions import Action, require
from desktop.domain.unit_systems import guess_system
from desktop.gate.workbook import Sheet
from desktop.store import pinyin
from desktop.store.bulk import BATCH, Plan, insert_plan
from desktop.store.changes import local_site, write
from desktop.store.models import (
    AuditEntry, Category, Counter, Meeting, Member, Proposal, Sector, Setting, Unit,
)
from desktop.store.office import load_settings
from desktop.sync.ledger_headers import FIELD_NAMES, Header, find_header
from desktop.sync.legacy_ledger import LegacyProposal, Skipped, group, read_rows, sheet_decision

from . import statistics
from .common import get
from .ledger_files import read_ledger
from .legacy_records import Context, add_proposal

__all__ = ["FIELD_NAMES", "LegacyPreview", "SheetPlan", "apply_legacy", "preview_legacy"]
MAPPING_KEY = "ledger_mapping:"  # + the header's signature: the clerk's mapping, remembered


@dataclass
class SheetPlan:
    title: str
    header: Header | None
    mapping: dict[str, int]
    decision: Decision | None  # a sheet of proposals not filed says which decision
    proposals: list[LegacyProposal] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)  # blank, 合计, notes: listed
    unreadable: list[Skipped] = field(default_factory=list)  # rows not imported, with why
    why: str = ""  # why the sheet is not imported at all

    @property
    def taken(self) -> bool:
        return self.header is not None and not self.why


@dataclass
class LegacyPreview:
    path: Path
    meeting_id: str
    meeting: str
    sheets: list[SheetPlan]
    new_units: dict[str, UnitSystem] = field(default_factory=dict)
    new_members: dict[str, str] = field(default_factory=dict)  # name → 界别 named beside it
    unknown_categories: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)  # 提案号 or 案由 already in the meeting
    create_units: bool = False
    figures: dict = field(default_factory=dict)  # what `tian stats` will show afterwards
    imported: int = 0  # proposals the import adds

    @property
    def unreadable(self) -> list[tuple[str, Skipped]]:
        return [(s.title, r) for s in self.sheets for r in s.unreadable]

    def check(self) -> None:
        """Units the office has not confirmed stop the import before anything is written."""
        if self.new_units and not self.create_units:
            raise InvalidInput("ledger_units_unknown", count=len(self.new_units),
                               units="、".join(list(self.new_units)[:5]))


def _remembered(session: Session, header: Header) -> dict[str, int] | None:
    row = session.get(Setting, MAPPING_KEY + header.signature)
    return {k: int(v) for k, v in json.loads(row.value).items()} if row else None


def _plan_sheets(session: Session, sheets: list[Sheet],
                mappings: dict[str, dict[str, int]] | None = None) -> list[SheetPlan]:
    """Each visible sheet with its header and mapping: the clerk's, else the one remembered for
    this header, else the one proposed from its words."""
    plans = []
    for sheet in sheets:
        if sheet.state != "visible":
            continue
        header = find_header(sheet)
        if header is None:
            plans.append(SheetPlan(sheet.title, None, {}, None,
                                   why="找不到表头（需有案由或提案号等列），未导入"))
            continue
        mapping = ((mappings or {}).get(sheet.title) or _remembered(session, header)
                   or dict(header.mapping))
        plan = SheetPlan(sheet.title, header, mapping, sheet_decision(sheet, header))
        if "title" not in mapping and "number" not in mapping:
            plan.why = "没有对应“案由”或“提案号”的列，未导入"
        else:
            rows, plan.skipped = read_rows(sheet, header, mapping)
            good = []
            for row in rows:
                if row.problems:
                    plan.unreadable.append(Skipped(row.row, "；".join(row.problems)))
                elif not row.title:
                    plan.unreadable.append(Skipped(row.row, "没有案由"))
                else:
                    good.append(row)
            plan.proposals, notes = group(good, plan.decision)
            plan.skipped += notes
        plans.append(plan)
    return plans


def preview_legacy(session: Session, actor: Actor, path: Path, meeting_id: str,
                   sheets: list[Sheet] | None = None,
                   mappings: dict[str, dict[str, int]] | None = None,
                   unit_systems: dict[str, UnitSystem] | None = None,
                   create_units: bool = False, figures: bool = True) -> LegacyPreview:
    """What importing the ledger would add, and (unless ``figures`` is False: an import that
    follows at once gives them) the figures the meeting would then show."""
    require(Action.MANAGE_BASE_DATA, None, actor.role)
    meeting = get(session, Meeting, meeting_id, "meeting")
    if sheets is None:
        sheets, _ = read_ledger(Path(path))
    plan = LegacyPreview(Path(path), meeting.id, meeting.name, _plan_sheets(session, sheets, mappings),
                         create_units=create_units)
    _resolve(session, plan, unit_systems or {})
    if figures:
        _load(session, actor, plan, keep=False)
    else:
        plan.imported = sum(len(s.proposals) for s in plan.sheets)
    return plan


def apply_legacy(session: Session, actor: Actor, plan: LegacyPreview) -> int:
    """Import what the preview showed, in one transaction (the caller backs up first); the
    meeting's figures after it are left in ``plan.figures``."""
    require(Action.MANAGE_BASE_DATA, None, actor.role)
    plan.check()
    return _load(session, actor, plan, keep=True)


def _unit_index(session: Session) -> dict[str, str]:
    index = {}
    for unit_id, name, short in session.execute(select(Unit.id, Unit.name, Unit.short_name)):
        for word in (name, short, name.removeprefix("县"), name.removeprefix("市")):
            if word:
                index.setdefault(word, unit_id)
    return index


def _resolve(session: Session, plan: LegacyPreview, unit_systems: dict[str, UnitSystem]) -> None:
    units = _unit_index(session)
    categories = {name: cid for cid, name in session.execute(select(Category.id, Category.name))}
    existing = set()
    for number, title in session.execute(select(Proposal.number, Proposal.title).where(
            Proposal.meeting_id == plan.meeting_id)):
        existing.update(x for x in (number, title) if x)
    members = {name for (name,) in session.execute(select(Member.name))}
    seen: set[str] = set()
    for sheet in plan.sheets:
        kept = []
        for proposal in sheet.proposals:
            key = proposal.key
            if key in existing or key in seen:
                plan.already.append(key)
                continue
            seen.add(key)
            kept.append(proposal)
            first = proposal.first
            for position, name in enumerate((first.lead, *first.cosigners)):
                if name and name not in members and name not in plan.new_members:
                    plan.new_members[name] = first.sector if position == 0 else ""
            if first.category and _category(categories, first.category) is None and \
                    first.category not in plan.unknown_categories:
                plan.unknown_categories.append(first.category)
            for a in proposal.assignments:
                if a.unit not in units and a.unit not in plan.new_units:
                    plan.new_units[a.unit] = unit_systems.get(a.unit) or guess_system(a.unit)
        sheet.proposals = kept


def _category(categories: dict[str, str], text: str) -> str | None:
    if text in categories:
        return categories[text]
    for name, cid in categories.items():
        if name in text or text in name:
            return cid
    return None


class _Undo(Exception):
    """Raised to roll the preview back once its figures are read."""


def _load(session: Session, actor: Actor, plan: LegacyPreview, keep: bool) -> int:
    try:
        with write(session, actor, "ledger.legacy"):
            ctx = _context(session, actor, plan)
            batch, counts, made = Plan(iter(new_id, None)), {}, 0
            for sheet in plan.sheets:
                for proposal in sheet.proposals:
                    add_proposal(batch, ctx, proposal)
                    made += 1
                    if len(batch.rows[Proposal]) >= BATCH:
                        insert_plan(session, batch, counts)
                        batch = Plan(iter(new_id, None))
            insert_plan(session, batch, counts)
            _save_serial(session, plan.meeting_id, ctx.serial)
            plan.imported = made
            plan.figures = statistics.statistics(session, plan.meeting_id)
            if not keep or not made:  # nothing new: the same file twice changes nothing
                raise _Undo
            _remember(session, plan)
            site = local_site(session)
            site.clock_wall_ms, site.clock_counter = ctx.clock.wall_ms, ctx.clock.counter
            session.add(AuditEntry(at=datetime.now(), user_id=actor.user_id,
                                   username=actor.username, action="ledger.legacy",
                                   table_name="proposal", row_id=new_id(), field=None, before=None,
                                   after=json.dumps({"file": plan.path.name, **counts},
                                                    ensure_ascii=False)))
    except _Undo:
        pass
    return plan.imported


def _context(session: Session, actor: Actor, plan: LegacyPreview) -> Context:
    meeting = session.get(Meeting, plan.meeting_id)
    if plan.new_units:  # a preview shows the figures as they will be once they are confirmed
        session.execute(insert(Unit), [
            {"id": new_id(), "name": name, "short_name": "", "system": system, "active": True,
             "position": 10_000 + i} for i, (name, system) in enumerate(plan.new_units.items())])
    sectors = {}
    for sid, name in session.execute(select(Sector.id, Sector.name)):
        sectors[name] = sectors[name.removesuffix("界")] = sid
    if plan.new_members:
        session.execute(insert(Member), [
            {"id": new_id(), "name": name, "sector_id": sectors.get(sector), "phone": None,
             "workplace": None, "initials": pinyin.initials(name),
             "pinyin": pinyin.full_pinyin(name), "active": True}
            for name, sector in plan.new_members.items()])
    sector_names: dict[str, list[str]] = {}  # a 界别 as a ledger may write it: 教育界 or 教育
    for sector_name, sector_id in sectors.items():
        sector_names.setdefault(sector_id, []).append(sector_name)
    members, member_sectors = {}, {}
    for mid, name, sid in session.execute(select(Member.id, Member.name, Member.sector_id)):
        member_sectors[mid] = sid
        for written in ("", *sector_names.get(sid, ())):
            members.setdefault((name, written), mid)
    categories = {name: cid for cid, name in session.execute(select(Category.id, Category.name))}
    wanted = {p.first.category for s in plan.sheets for p in s.proposals if p.first.category}
    serial = session.scalar(select(Counter.value).where(
        Counter.key == f"serial:{meeting.id}")) or 0
    site = local_site(session)
    return Context(meeting.id, meeting.opens_on, meeting.closes_on or meeting.opens_on,
                   load_settings(session), actor.user_id,
                   Clock(site.id, site.clock_wall_ms or 0, site.clock_counter or 0),
                   _unit_index(session), members, sectors,
                   {text: _category(categories, text) for text in wanted}, member_sectors,
                   serial, NumberContext(meeting.opens_on.year, meeting.term.number,
                                         meeting.number))


def _save_serial(session: Session, meeting_id: str, serial: int) -> None:
    key = f"serial:{meeting_id}"
    row = session.get(Counter, key)
    if row is None:
        session.add(Counter(key=key, value=serial))
    elif serial > row.value:
        row.value = serial


def _remember(session: Session, plan: LegacyPreview) -> None:
    for sheet in plan.sheets:
        if sheet.header is None or not sheet.taken:
            continue
        key = MAPPING_KEY + sheet.header.signature
        value = json.dumps(sheet.mapping, ensure_ascii=False)
        row = session.get(Setting, key)
        if row is None:
            session.add(Setting(key=key, value=value))
        elif row.value != value:
            row.value = value
