"""How ``tian stats`` and ``tian search`` print: in the words of the office's own reports."""
from __future__ import annotations

from desktop.wording import figures_text
from desktop.domain.enums import State
from desktop.wording.labels import LABELS, proposal_label

UNITS_SHOWN = 15  # a terminal's page; the 统计 screen and --json have them all


def print_statistics(f: dict) -> None:
    print(figures_text.title(f))
    for line in figures_text.summary_lines(f):
        print(line)
    for table in figures_text.TABLES:
        rows = f[table.key]
        cut = f"（前 {UNITS_SHOWN} 项）" if len(rows) > UNITS_SHOWN else ""
        _table(table.caption + cut, figures_text.table_text(table, rows[:UNITS_SHOWN]))


def _width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _table(caption: str, cells: list[list[str]]) -> None:
    if len(cells) < 2:
        return
    widths = [max(_width(row[i]) for row in cells) for i in range(len(cells[0]))]
    print(f"\n{caption}")
    for row in cells:
        print("  ".join(c + " " * (w - _width(c)) for c, w in zip(row, widths)).rstrip())


def print_search(result, text: str) -> None:
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
            label = proposal_label(row.number, row.serial)
            print(f"  {label}  {row.title}  {row.lead}  {states[row.status.value]}  {row.meeting}")
