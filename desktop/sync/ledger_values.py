"""Cell values of a 台账 as offices write them, read into the program's values.

One reader for each kind of cell, shared by the sealed 答复台账 coming back from a unit and the
office's own ledgers of past years: dates typed six ways or kept as Excel serials, 答复类别
written A / A类 / A（已解决或基本解决） / 已解决, 是否面商 as 是 / √ / 已面商.  A cell that
cannot be read raises ``TextProblem`` with the reason in a few words; an empty cell is None."""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from desktop.domain.enums import ContactForm, Kind, Rating, ReplyCategory
from desktop.gate.text import TextProblem, clean

_EXCEL_EPOCH = date(1899, 12, 30)
_SERIALS = (25_000, 80_000)  # 1968 … 2119: a number in a date column outside is not a date
_DATE = re.compile(r"(\d{4})\s*[年./\-－—_]\s*(\d{1,2})\s*[月./\-－—_]\s*(\d{1,2})\s*日?"
                   r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")  # 20230305
_SPLIT = re.compile(r"[、，,；;/／\n]+|\s{2,}")

_CATEGORY_WORDS = (  # longest first: 暂不能解决 before 解决
    ("正在解决或列入计划", ReplyCategory.B), ("已解决或基本解决", ReplyCategory.A),
    ("条件限制", ReplyCategory.C), ("暂不能解决", ReplyCategory.C), ("暂时不能解决", ReplyCategory.C),
    ("不能解决", ReplyCategory.C), ("正在解决", ReplyCategory.B), ("列入计划", ReplyCategory.B),
    ("基本解决", ReplyCategory.A), ("已解决", ReplyCategory.A), ("已经解决", ReplyCategory.A),
    ("留作参考", ReplyCategory.D), ("作为参考", ReplyCategory.D), ("参考", ReplyCategory.D),
)
_LETTER = re.compile(r"([ABCD])\s*类?(?:$|[\s(（:：\-—、，,])", re.IGNORECASE)
_YES = ("是", "已面商", "面商", "有", "√", "✓", "✔", "y", "yes", "1")
_NO = ("否", "未面商", "无", "没有", "×", "✗", "n", "no", "0", "/", "-", "—")
_FORMS = (
    ("面商", ContactForm.FACE), ("当面", ContactForm.FACE), ("面谈", ContactForm.FACE),
    ("见面", ContactForm.FACE), ("座谈", ContactForm.MEETING), ("会议", ContactForm.MEETING),
    ("走访", ContactForm.VISIT), ("上门", ContactForm.VISIT), ("调研", ContactForm.VISIT),
    ("电话", ContactForm.PHONE), ("书面", ContactForm.LETTER), ("信函", ContactForm.LETTER),
    ("函", ContactForm.LETTER), ("网络", ContactForm.ONLINE), ("微信", ContactForm.ONLINE),
    ("邮件", ContactForm.ONLINE), ("短信", ContactForm.ONLINE),
)
_RATINGS = (("不满意", Rating.UNSATISFIED), ("基本满意", Rating.BASIC), ("满意", Rating.SATISFIED))


def date_of(value: object) -> date | None:
    """2023.3.5, 2023年3月5日, 2023-03-05, 2023/3/5, 20230305, an Excel serial or a date cell."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if _SERIALS[0] <= value < _SERIALS[1]:
            return _EXCEL_EPOCH + timedelta(days=int(value))
        if isinstance(value, int) or float(value).is_integer():
            return date_of(str(int(value)))  # 20230305 typed into a number cell
        raise TextProblem(f"“{value}”不是日期")
    text = clean(value)
    if not text:
        return None
    found = _DATE.fullmatch(text) or _COMPACT.fullmatch(text)
    if found is None:
        raise TextProblem(f"“{text}”不是日期，请写成 2023-05-20")
    try:
        return date(*(int(part) for part in found.groups()))
    except ValueError:
        raise TextProblem(f"“{text}”不是有效的日期") from None


def category_of(value: object) -> ReplyCategory | None:
    """答复类别 (办理结果) as a letter, a letter with 类, or the words of the category."""
    text = clean(value).replace(" ", "")
    if not text:
        return None
    letter = _LETTER.match(text.upper() + " ")
    if letter:
        return ReplyCategory(letter.group(1).upper())
    for word, category in _CATEGORY_WORDS:
        if word in text:
            return category
    raise TextProblem(f"“{text}”不是答复类别（A、B、C、D）")


def yes_no(value: object) -> bool | None:
    text = clean(value).lower()
    if not text:
        return None
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise TextProblem(f"“{text}”请填“是”或“否”")


def _by_word(value: object, words: tuple, what: str):
    """The value of the first word of ``words`` the cell holds; an empty cell (or 无 / —) is
    None; a cell holding none of them is named with ``what`` it should have been."""
    text = clean(value)
    if not text or text.lower() in _NO:
        return None
    for word, found in words:
        if word in text:
            return found
    raise TextProblem(f"“{text}”不是{what}")


def contact_form_of(value: object) -> ContactForm | None:
    """沟通方式 in the office's words (面商、电话、座谈、走访、书面、网络) or near ones."""
    return _by_word(value, _FORMS, "沟通方式（面商、电话、座谈、走访、书面、网络）")


def rating_of(value: object) -> Rating | None:
    """满意度 / 提案人意见: 满意, 基本满意, 不满意 (and sentences holding one of them)."""
    return _by_word(value, _RATINGS, "评价（满意、基本满意、不满意）")


def kind_of(value: object) -> Kind | None:
    """提案类型 from a column of its own or a word in another (大会提案 / 平时提案)."""
    text = clean(value)
    if "平时" in text:
        return Kind.INTERIM
    if "大会" in text:
        return Kind.SESSION
    return None


def names_in(value: object) -> list[str]:
    """Several units or people in one cell: 县教育局、县财政局 / 县教育局;县财政局 / one per line."""
    text = clean(value) if not isinstance(value, str) else value
    return [clean(part) for part in _SPLIT.split(text) if clean(part)]
