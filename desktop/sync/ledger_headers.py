"""The header of an office's own 台账, found among its first rows and read into a mapping.

Offices title their ledgers, put a 填报单位 / 统计截至 line above the header, and often use two
header rows with merged cells (办理情况 over 承办单位 / 答复时间 / 办理结果).  openpyxl's fast
reader gives a merged cell's value only in its first cell, so a two-level header is read as the
upper row's words carried over the blanks beside them and the lower row's words beneath.  Each
column is matched against the office's many words for the same thing; the clerk may change any."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from desktop.gate.text import clean
from desktop.gate.workbook import Sheet

# field → the words offices put over it, the program's own word first
FIELDS: dict[str, tuple[str, ...]] = {
    "number": ("提案号", "提案编号", "案号", "编号", "提案序号", "提案号码"),
    "title": ("案由", "提案名称", "标题", "提案标题", "提案题目", "题目", "提案案由", "提案内容"),
    "lead": ("领衔提案人", "第一提案人", "领衔人", "提案人", "提案者", "提出人", "提案人姓名",
             "委员姓名", "提案单位或个人", "提案人（单位）"),
    "cosigners": ("联名提案人", "联名人", "附议人", "联名委员"),
    "sector": ("界别", "所属界别", "提案人界别", "界别组"),
    "kind": ("提案类型", "提案性质", "类型"),
    "category": ("分类", "提案分类", "内容分类", "所属类别", "类别", "专题"),
    "filing": ("立案情况", "是否立案", "审查意见", "审查结果", "处理意见", "处理结果", "立案"),
    "mode": ("办理方式", "承办方式", "办理类型"),
    "lead_unit": ("主办单位", "承办单位（主办）", "承办单位", "办理单位", "主办", "责任单位",
                  "承办单位（主办单位）"),
    "assist_units": ("协办单位", "会办单位", "协办", "配合单位", "承办单位（协办）"),
    "assigned_on": ("交办日期", "交办时间"),
    "due_on": ("办理时限", "办结时限", "答复时限"),
    "accepted_on": ("签收日期", "签收时间"),
    "replied_on": ("答复日期", "答复时间", "办复时间", "办复日期", "答复函日期"),
    "answer": ("答复类别", "办理结果", "办复类别", "答复类型", "办理类别", "答复结果", "办复结果"),
    "face": ("是否面商", "面商", "是否见面"),
    "form": ("沟通方式", "沟通形式", "面商方式"),
    "attitude": ("办理态度评价", "态度评价", "办理态度", "对办理态度"),
    "result": ("办理结果评价", "满意度", "提案人意见", "评价", "委员意见", "满意程度", "提案人评价",
               "结果评价", "评价意见", "委员评价"),
    "received_on": ("提交日期", "收到日期", "提交时间", "收文日期"),
    "note": ("备注", "说明"),
}
FIELD_NAMES = {field: words[0] for field, words in FIELDS.items()}
FIELD_NAMES.update(lead_unit="主办单位", assist_units="协办单位", answer="答复类别",
                   result="办理结果评价", filing="立案情况", mode="办理方式")
HEADER_ROWS = 15  # title rows and a 填报单位 line may stand above the header
_RATING_PARENT = re.compile("评价|满意|意见")
_PUNCTUATION = re.compile(r"[\s*：:、]")


@dataclass(frozen=True)
class Header:
    rows: tuple[int, ...]  # the sheet rows the header takes (one or two)
    names: tuple[str, ...]  # each column's words, "办理情况/答复时间" under a merged cell
    mapping: dict[str, int]  # field → column index

    @property
    def signature(self) -> str:
        """The same header in next year's ledger gives the same signature (the mapping is
        remembered under it)."""
        text = "|".join(self.names)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]

    @property
    def last_row(self) -> int:
        return self.rows[-1]


def _norm(value: object) -> str:
    return _PUNCTUATION.sub("", clean(value).replace("(", "（").replace(")", "）"))


def _score(word: str, field: str) -> int:
    best = 0
    for synonym in FIELDS[field]:
        if word == synonym:
            best = max(best, 100 + len(synonym))
        elif word.startswith(synonym) or word.endswith(synonym):
            best = max(best, 50 + len(synonym))
        elif synonym in word and len(synonym) >= 2:
            best = max(best, 20 + len(synonym))
    return best


def _field_of(name: str) -> tuple[str | None, int]:
    parent, _, child = name.rpartition("/")
    if parent and _RATING_PARENT.search(parent):
        if "态度" in child:
            return "attitude", 200
        if "结果" in child or "满意" in child:
            return "result", 200
    best, score = None, 0
    for field in FIELDS:
        found = max(_score(child, field), _score(parent + child, field) - 10 if parent else 0)
        if found > score:
            best, score = field, found
    return best, score


def propose(names: tuple[str, ...]) -> dict[str, int]:
    """Each field to the column whose words fit it best; a column serves one field."""
    candidates = []
    for index, name in enumerate(names):
        if name:
            field, score = _field_of(name)
            if field is not None:
                candidates.append((score, index, field))
    mapping: dict[str, int] = {}
    taken: set[int] = set()
    for _, index, field in sorted(candidates, key=lambda c: (-c[0], c[1])):
        if field not in mapping and index not in taken:
            mapping[field] = index
            taken.add(index)
    return mapping


def _merged(upper: tuple, lower: tuple) -> tuple[str, ...]:
    names, carried = [], ""
    for index in range(max(len(upper), len(lower))):
        top = _norm(upper[index]) if index < len(upper) else ""
        bottom = _norm(lower[index]) if index < len(lower) else ""
        if top:
            carried = top
        if not bottom:
            names.append(top)  # a cell merged down over both rows
            carried = "" if top else carried
        else:
            names.append(f"{carried}/{bottom}" if carried else bottom)
    return tuple(names)


def _under(upper: tuple, lower: tuple[int, tuple]) -> bool:
    """The next row is the lower half of a two-level header: words only, some of them under a
    blank of the upper row (the cells a merged 办理情况 spans)."""
    words = [v for v in lower[1] if v not in (None, "")]
    if not words or any(not isinstance(v, str) or len(clean(v)) > 12 for v in words):
        return False
    return any((i >= len(upper) or upper[i] in (None, "")) and v not in (None, "")
               for i, v in enumerate(lower[1]))


def find_header(sheet: Sheet) -> Header | None:
    """The header among the first rows: the one row (or two, merged) naming the most fields,
    among them the 案由 or the 提案号."""
    best: Header | None = None
    top = sheet.rows[:HEADER_ROWS]
    for position, (number, values) in enumerate(top):
        names = tuple(_norm(v) for v in values)
        tries = [((number,), names)]
        if position + 1 < len(top) and top[position + 1][0] == number + 1 and _under(
                values, top[position + 1]):
            tries.append(((number, number + 1), _merged(values, top[position + 1][1])))
        for rows, words in tries:
            mapping = propose(words)
            if not ({"title", "number"} & mapping.keys()) or len(mapping) < 3:
                continue
            if best is None or len(mapping) > len(best.mapping):
                best = Header(rows, words, mapping)
    return best
