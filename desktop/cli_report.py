"""How ``tian stats`` and ``tian search`` print: in the words of the office's own reports."""
from __future__ import annotations

from datetime import date

from desktop.domain.enums import State
from desktop.labels import LABELS


def chinese_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}%"


def print_statistics(f: dict) -> None:
    scope = f["scope"]
    title = scope["meeting"] if scope["meeting"] != "全部" else "全部会议"
    if scope["system"]:
        title += f" · {scope['system']}"
    if scope["unit"]:
        title += f" · {scope['unit']}"
    print(f"{title} 提案统计（截至{chinese_date(date.fromisoformat(scope['today']))}）")
    print(f"收到提案 {f['received']} 件，其中大会提案 {f['received_session']} 件、"
          f"平时提案 {f['received_interim']} 件；")
    print(f"立案 {f['filed']} 件（立案率 {pct(f['filing_rate'])}），不予立案 {f['rejected']} 件，"
          f"转为意见建议 {f['referred']} 件，并案 {f['merged']} 件，撤回 {f['withdrawn']} 件；")
    print(f"交付政府系统办理 {f['government_handled']} 件，占立案总数 {pct(f['government_share'])}；")
    print(f"承办单位 {f['units']} 家，办理提案 {f['proposals_handled']} 件，应答复 {f['replies_due']} 件，"
          f"已答复 {f['replied']} 件（答复率 {pct(f['reply_rate'])}）；")
    cats = "；".join(f"{k}类 {v['count']} 件，占 {pct(v['percent'])}" for k, v in f["categories"].items())
    print(f"答复类别：{cats}；")
    print(f"面商率 {pct(f['face_to_face_rate'])}；已评价 {f['evaluated']} 件，满意率 "
          f"{pct(f['satisfaction_rate'])}，不满意 {f['unsatisfied']} 件，二次办理 {f['rehandled']} 件；"
          f"逾期未答复 {f['overdue']} 件。")
    _table("按系统", ["系统", "应答复", "已答复", "A", "B", "C", "D", "逾期"],
           [[s["name"], s["replies_due"], s["replied"], *_cats(s), s["overdue"]]
            for s in f["by_system"]])
    _table("按承办单位（前 15 家）", ["单位", "主办", "协办", "分办", "应答复", "已答复", "逾期"],
           [[u["name"], u["lead"], u["assist"], u["separate"], u["replies_due"], u["replied"],
             u["overdue"]] for u in f["by_unit"][:15]])
    _table("按提案类别", ["类别", "收到", "立案"],
           [[c["name"], c["received"], c["filed"]] for c in f["by_category"]])
    _table("按界别（领衔人）", ["界别", "收到", "立案"],
           [[c["name"], c["received"], c["filed"]] for c in f["by_sector"][:15]])


def _cats(group: dict) -> list[int]:
    return [group["categories"][k]["count"] for k in "ABCD"]


def _width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _table(caption: str, header: list[str], rows: list[list]) -> None:
    if not rows:
        return
    cells = [[str(c) for c in row] for row in [header, *rows]]
    widths = [max(_width(row[i]) for row in cells) for i in range(len(header))]
    print(f"\n{caption}")
    for row in cells:
        print("  ".join(c + " " * (w - _width(c)) for c, w in zip(row, widths)).rstrip())


def print_search(result, text: str) -> None:  # noqa: ANN001
    if not result.members and not result.proposals:
        print(f"没有找到与“{text}”有关的提案或委员。")
        return
    if result.members:
        print(f"委员（{len(result.members)}）：" + "、".join(
            f"{m.name}（{m.initials.split('|')[0]}）" for m in result.members))
    if result.proposals:
        print(f"提案（{len(result.proposals)}）：")
        states = LABELS[State]
        for row in result.proposals:
            label = row.number or f"收文{row.serial}号"
            print(f"  {label}  {row.title}  {row.lead}  {states[row.status.value]}  {row.meeting}")
