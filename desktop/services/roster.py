"""委员名册 from Excel: the office's own roster file, previewed line by line, then imported whole.

Offices keep their rosters in many shapes: a title row or two above the header, 姓名 spaced
out for alignment (“张  三”), 界别 written with or without 界.  The header is found by its
words, and every line says what importing it would do before anything is written.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.actor import Actor
from desktop.domain.errors import InvalidInput
from desktop.domain.permissions import Action, require
from desktop.gate import ArchiveLimits, SheetLimits, read_first_sheet, text
from desktop.gate.archive import MB
from desktop.gate.workbook import Progress
from desktop.store import pinyin
from desktop.store.changes import write
from desktop.store.models import Member, Sector

HEADERS = {
    "name": ("姓名", "委员姓名", "名字", "委员"),
    "sector": ("界别", "所属界别", "界别名称", "界别组"),
    "phone": ("电话", "联系电话", "手机", "手机号码", "手机号", "联系方式"),
    "workplace": ("工作单位", "单位", "工作单位及职务", "单位及职务", "工作单位和职务", "单位职务"),
}
HEADER_ROWS = 10  # a title and a date line may stand above the header
_SPACES = re.compile(r"\s+")


class LineAction(StrEnum):
    NEW = "new"  # 新增
    UPDATE = "update"  # 更新电话或工作单位
    SAME = "same"  # 已有，无变化
    SKIP = "skip"  # 重复的行，只导入一次
    ERROR = "error"  # 不能导入


ACTION_NAMES = {LineAction.NEW: "新增", LineAction.UPDATE: "更新", LineAction.SAME: "无变化",
                LineAction.SKIP: "跳过", LineAction.ERROR: "不能导入"}


@dataclass(frozen=True)
class RosterLine:
    row: int  # the row number Excel shows
    name: str
    sector: str
    phone: str
    workplace: str
    action: LineAction
    note: str = ""
    member_id: str | None = None
    sector_id: str | None = None


@dataclass(frozen=True)
class RosterPreview:
    path: Path
    sheet: str
    rows: list[RosterRow]
    lines: list[RosterLine]

    def count(self, action: LineAction) -> int:
        return sum(1 for line in self.lines if line.action is action)


ROSTER_LIMITS = SheetLimits(
    archive=ArchiveLimits(file_bytes=20 * MB, entries=1_000, unpacked_bytes=128 * MB,
                          entry_bytes=32 * MB, ratio=100),
    rows=10_000, columns=50, cell_chars=500, seconds=8.0)


@dataclass(frozen=True)
class RosterRow:
    """One line of the file as read and normalised; the import applies these, not the file."""
    row: int
    name: str
    sector: str
    phone: str
    workplace: str
    problem: str = ""  # why the line cannot be taken, from the text rules


def _parse(path: Path, progress: Progress | None) -> tuple[str, list[RosterRow]]:
    sheet = read_first_sheet(path, ROSTER_LIMITS, progress)
    rows = sheet.rows
    for position, (_, values) in enumerate(rows[:HEADER_ROWS]):  # noqa: B007  (read below)
        columns = _columns([text.clean(v) for v in values])
        if "name" in columns:
            break
    else:
        raise InvalidInput("roster_no_header", path=path.name)

    def get(values: tuple, key: str) -> object:
        index = columns.get(key)
        return values[index] if index is not None and index < len(values) else None

    parsed = []
    for number, values in rows[position + 1:]:
        sector = _SPACES.sub("", text.clean(get(values, "sector")))
        workplace = text.clean(get(values, "workplace"))
        raw_name, raw_phone = get(values, "name"), get(values, "phone")
        name, phone, problem = text.clean(raw_name), text.clean(raw_phone), ""
        try:
            name = text.person_name(raw_name)
            phone = text.phone_text(raw_phone)
        except text.TextProblem as why:
            problem = str(why)
        if not any((name, sector, phone, workplace)):
            continue
        parsed.append(RosterRow(number, name, sector, phone, workplace, problem))
    return sheet.title, parsed


def _columns(header: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, heading in enumerate(header):
        word = _SPACES.sub("", heading)
        for key, names in HEADERS.items():
            if key not in found and word in names:
                found[key] = index
    return found


def _sector_lookup(session: Session) -> dict[str, tuple[str, str]]:
    """经济界, 经济 and “经 济 界” all name the same sector."""
    lookup = {}
    for sector_id, name in session.execute(select(Sector.id, Sector.name)):
        for key in (name, name.removesuffix("界")):
            lookup.setdefault(_SPACES.sub("", key), (sector_id, name))
    return lookup


def preview(session: Session, path: Path, progress: Progress | None = None) -> RosterPreview:
    """What importing this file would do, line by line; nothing is written."""
    path = Path(path)
    title, rows = _parse(path, progress)
    return RosterPreview(path, title, rows, _classify(session, rows))


def _classify(session: Session, rows: list[RosterRow]) -> list[RosterLine]:
    sectors = _sector_lookup(session)
    known: dict[tuple[str, str | None], Member] = {}
    by_name: dict[str, list[Member]] = {}
    for member in session.scalars(select(Member)):
        known[(member.name, member.sector_id)] = member
        by_name.setdefault(member.name, []).append(member)
    seen: dict[tuple[str, str | None], int] = {}
    lines = []
    for row in rows:
        name, phone, workplace = row.name, row.phone, row.workplace
        line = dict(row=row.row, name=name, sector=row.sector, phone=phone, workplace=workplace)
        if row.problem:
            lines.append(RosterLine(**line, action=LineAction.ERROR, note=row.problem))
            continue
        if not name:
            lines.append(RosterLine(**line, action=LineAction.ERROR, note="没有姓名"))
            continue
        sector_id = None
        if row.sector:
            found = sectors.get(row.sector) or sectors.get(row.sector.removesuffix("界"))
            if found is None:
                lines.append(RosterLine(**line, action=LineAction.ERROR,
                                        note=f"界别“{row.sector}”不在界别列表中，请先添加或改正"))
                continue
            sector_id, line["sector"] = found
        key = (name, sector_id)
        if key in seen:
            lines.append(RosterLine(**line, action=LineAction.SKIP, sector_id=sector_id,
                                    note=f"与第{seen[key]}行重复，只导入一次"))
            continue
        seen[key] = row.row
        member = known.get(key)
        if member is None:
            namesakes = [m for m in by_name.get(name, []) if m.sector_id != sector_id]
            note = "已有同名委员，将作为另一位委员新增" if namesakes else ""
            lines.append(RosterLine(**line, action=LineAction.NEW, note=note,
                                    sector_id=sector_id))
        elif (phone and phone != (member.phone or "")) or (
                workplace and workplace != (member.workplace or "")):
            lines.append(RosterLine(**line, action=LineAction.UPDATE, member_id=member.id,
                                    sector_id=sector_id, note="更新电话或工作单位"))
        else:
            lines.append(RosterLine(**line, action=LineAction.SAME, member_id=member.id,
                                    sector_id=sector_id))
    return lines


def import_roster(session: Session, actor: Actor, plan: RosterPreview) -> RosterPreview:
    """Apply exactly what ``plan`` showed, in one transaction; if the members changed since the
    preview (another clerk at work), nothing is written and the clerk previews again."""
    require(Action.MANAGE_BASE_DATA, None, actor.role)
    with write(session, actor, "base.import_roster"):
        if _classify(session, plan.rows) != plan.lines:
            raise InvalidInput("roster_changed")
        for line in plan.lines:
            if line.action is LineAction.NEW:
                session.add(Member(name=line.name, sector_id=line.sector_id,
                                   phone=line.phone or None, workplace=line.workplace or None,
                                   initials=pinyin.initials(line.name),
                                   pinyin=pinyin.full_pinyin(line.name)))
            elif line.action is LineAction.UPDATE:
                member = session.get(Member, line.member_id)
                if line.phone:
                    member.phone = line.phone
                if line.workplace:
                    member.workplace = line.workplace
    return plan
