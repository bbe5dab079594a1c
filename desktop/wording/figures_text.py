"""The statistics in the words of the office's own reports, for ``tian stats`` and the 统计 screen.

One composition for both, so the screen and the command can never say different things.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from .dates import chinese_date


def pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}%"


def title(f: dict) -> str:
    scope = f["scope"]
    text = scope["meeting"] if scope["meeting"] != "全部" else "全部会议"
    if scope["system"]:
        text += f" · {scope['system']}"
    if scope["unit"]:
        text += f" · {scope['unit']}"
    return f"{text} 提案统计（截至{chinese_date(date.fromisoformat(scope['today']))}）"


def summary_lines(f: dict) -> list[str]:
    cats = "；".join(f"{k}类 {v['count']} 件，占 {pct(v['percent'])}"
                    for k, v in f["categories"].items())
    return [
        f"收到提案 {f['received']} 件，其中大会提案 {f['received_session']} 件、"
        f"平时提案 {f['received_interim']} 件；",
        f"立案 {f['filed']} 件（立案率 {pct(f['filing_rate'])}），不予立案 {f['rejected']} 件，"
        f"转为意见建议 {f['referred']} 件，并案 {f['merged']} 件，撤回 {f['withdrawn']} 件；",
        f"交付政府系统办理 {f['government_handled']} 件，占立案总数 {pct(f['government_share'])}；",
        f"承办单位 {f['units']} 家，办理提案 {f['proposals_handled']} 件，应答复 {f['replies_due']} 件，"
        f"已答复 {f['replied']} 件（答复率 {pct(f['reply_rate'])}）；",
        f"答复类别：{cats}；",
        f"面商率 {pct(f['face_to_face_rate'])}；已评价 {f['evaluated']} 件，满意率 "
        f"{pct(f['satisfaction_rate'])}，不满意 {f['unsatisfied']} 件，二次办理 {f['rehandled']} 件；"
        f"逾期未答复 {f['overdue']} 件。",
    ]


@dataclass(frozen=True)
class FigureColumn:
    title: str
    value: Callable[[dict], object]  # a number (sorted as one) or a name

    def text(self, row: dict) -> str:
        value = self.value(row)
        if isinstance(value, float) or (value is None and self.title.endswith("率")):
            return pct(value)
        return str(value)


@dataclass(frozen=True)
class FigureTable:
    key: str  # by_unit, by_system, by_category, by_sector
    caption: str
    columns: tuple[FigureColumn, ...]


def _c(title: str, key: str) -> FigureColumn:
    return FigureColumn(title, lambda row: row[key])


def _category(letter: str) -> FigureColumn:
    return FigureColumn(letter, lambda row: row["categories"][letter]["count"])


_HANDLING = (_c("应答复", "replies_due"), _c("已答复", "replied"), _c("答复率", "reply_rate"),
             *(_category(k) for k in "ABCD"), _c("面商率", "face_to_face_rate"),
             _c("已评价", "evaluated"), _c("满意率", "satisfaction_rate"),
             _c("不满意", "unsatisfied"), _c("二次办理", "rehandled"), _c("逾期", "overdue"))
TABLES = (
    FigureTable("by_unit", "按承办单位", (_c("单位", "name"), _c("系统", "system"),
                                          _c("主办", "lead"), _c("协办", "assist"),
                                          _c("分办", "separate"), *_HANDLING)),
    FigureTable("by_system", "按系统", (_c("系统", "name"), _c("单位数", "units"), *_HANDLING)),
    FigureTable("by_category", "按提案类别", (_c("类别", "name"), _c("收到", "received"),
                                               _c("立案", "filed"))),
    FigureTable("by_sector", "按界别（领衔人）", (_c("界别", "name"), _c("收到", "received"),
                                                  _c("立案", "filed"))),
)


def table_text(table: FigureTable, rows: list[dict]) -> list[list[str]]:
    """Header and rows as text, the same cells the screen shows and copies."""
    return [[c.title for c in table.columns]] + [[c.text(r) for c in table.columns] for r in rows]
