"""Ledgers in the shapes offices keep them, built from a list of proposals whose figures the test
works out itself: a title and a 填报单位 line over a two-level merged header, one row per
proposal or one per assignment, dates and categories written every way, a 合计 row, notes, and a
sheet of proposals not filed."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook


@dataclass
class Entry:
    number: str
    title: str
    lead: str
    units: list[tuple[str, str]] = field(default_factory=list)  # (unit, 主办/协办/分办)
    category: str = ""  # A–D, or "" when not answered
    replied: date | None = None
    face: bool = False
    rating: str = ""  # 满意 / 基本满意 / 不满意
    decision: str = "立案"  # or 不予立案 / 转为意见建议
    sector: str = ""
    kind: str = "大会提案"


def figures(entries: list[Entry]) -> dict:
    """What the published report of this year says, worked out from the list itself."""
    filed = [e for e in entries if e.decision == "立案"]
    due = [(e, u) for e in filed for u, role in e.units if role != "协办"]
    answered = [(e, u) for e, u in due if e.category]
    rated = [(e, u) for e, u in answered if e.rating]
    return {
        "received": len(entries), "filed": len(filed),
        "rejected": sum(e.decision == "不予立案" for e in entries),
        "referred": sum(e.decision == "转为意见建议" for e in entries),
        "replies_due": len(due), "replied": len(answered),
        "A": sum(e.category == "A" for e, _ in answered),
        "B": sum(e.category == "B" for e, _ in answered),
        "C": sum(e.category == "C" for e, _ in answered),
        "D": sum(e.category == "D" for e, _ in answered),
        "face_to_face": sum(e.face for e in filed if e.units),
        "evaluated": len(rated),
        "satisfied": sum(e.rating == "满意" for e, _ in rated),
        "unsatisfied": sum(e.rating == "不满意" for e, _ in rated),
    }


WRITTEN_CATEGORY = {"A": ("A", "A类", "A（已解决或基本解决）", "已解决"),
                    "B": ("B类", "正在解决或列入计划", "B"), "C": ("C", "因条件限制暂不能解决"),
                    "D": ("D类", "留作参考")}


def _written_date(day: date | None, i: int):
    if day is None:
        return None
    shapes = (f"{day.year}.{day.month}.{day.day}", f"{day.year}年{day.month}月{day.day}日",
              day.isoformat(), f"{day.year}/{day.month}/{day.day}",
              (day - date(1899, 12, 30)).days, datetime.combine(day, datetime.min.time()))
    return shapes[i % len(shapes)]


def per_proposal(path: Path, entries: list[Entry], office="某某县", meeting="十届一次会议") -> Path:
    """One row per proposal, under a two-level header; units in one cell; a sheet not filed."""
    book = Workbook()
    sheet = book.active
    sheet.title = "立案提案"
    sheet.append([f"政协{office}委员会{meeting}提案办理情况台账"])
    sheet.merge_cells("A1:M1")
    sheet.append(["填报单位：县政协提案委", None, None, None, None, None, None, None,
                  "统计截至：2023年12月31日"])
    sheet.append(["序号", "提案编号", "案由", "第一提案人", "界别", "提案类型", "办理情况", None,
                  None, None, None, "评价", "备注"])
    sheet.append([None, None, None, None, None, None, "承办单位（主办）", "协办单位", "答复时间",
                  "办理结果", "是否面商", "满意度", None])
    for ref in ("A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:E4", "F3:F4", "G3:K3", "M3:M4"):
        sheet.merge_cells(ref)
    filed = [e for e in entries if e.decision == "立案"]
    for i, e in enumerate(filed):
        leads = [u for u, role in e.units if role != "协办"]
        assists = [u for u, role in e.units if role == "协办"]
        category = WRITTEN_CATEGORY[e.category][i % len(WRITTEN_CATEGORY[e.category])] \
            if e.category else None
        sheet.append([i + 1, e.number, e.title, e.lead, e.sector, e.kind, "、".join(leads),
                      "，".join(assists) or None, _written_date(e.replied, i), category,
                      "是" if e.face else "否", e.rating or None, None])
        if i % 7 == 3:
            sheet.append([])  # a blank row left in the middle
    sheet.append(["合计", None, f"{len(filed)}件"])
    sheet.append(["注：办理结果 A 为已解决或基本解决，B 为正在解决或列入计划。"])
    other = book.create_sheet("不予立案及转意见建议")
    other.append(["序号", "案号", "案由", "提案人", "处理意见"])
    for i, e in enumerate(x for x in entries if x.decision != "立案"):
        other.append([i + 1, e.number, e.title, e.lead, e.decision])
    book.create_sheet("说明").append(["本表由提案委汇总"])
    book.save(path)
    return path


def per_assignment(path: Path, entries: list[Entry]) -> Path:
    """One row per assignment under a single header: a 分办 proposal on two rows, a 协办 row."""
    book = Workbook()
    sheet = book.active
    sheet.append(["提案号", "提案名称", "领衔人", "承办单位", "办理方式", "答复日期", "答复类别",
                  "沟通方式", "提案人意见", "立案情况"])
    for i, e in enumerate(entries):
        if e.decision != "立案":
            sheet.append([e.number, e.title, e.lead, None, None, None, None, None, None,
                          e.decision])
            continue
        for unit, role in e.units:
            answers = role != "协办"
            sheet.append([f"第{e.number}号", e.title, e.lead, unit, role,
                          _written_date(e.replied, i) if answers else None,
                          (e.category or None) if answers else None,
                          ("面商" if e.face else "电话") if answers else None,
                          (e.rating or None) if answers else None, "立案"])
    book.save(path)
    return path
