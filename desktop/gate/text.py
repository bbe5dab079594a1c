"""Text taken from a file from outside, made the way a clerk would have typed it.

Cells arrive with zero-width spaces (copied from web pages and WeChat), full-width letters and
digits, names spaced out for alignment (“张  三”), and numbers Excel has made of phone and ID
numbers — which lose a leading 0 or, past 15 digits, their last digits.  What cannot be made
right is refused with the reason, never silently truncated."""
from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
_SPACES = re.compile(r"\s+")  # \s covers the ideographic space U+3000 too
_NAME_DOTS = str.maketrans({"•": "·", "・": "·", "．": "·", "‧": "·", "∙": "·", "⋅": "·"})
_SEPARATORS = re.compile(r"[、，,；;/／|\n]")
_LATIN = re.compile("[A-Za-z]")
NAME_CHARS = 20
EXACT_DIGITS = 15  # a number cell keeps at most 15 significant digits (IEEE double, Excel)
_MOBILE = re.compile(r"1\d{10}")
_LOCAL = re.compile(r"[2-9]\d{6,7}")  # a county's own 7- or 8-digit number, no area code


class TextProblem(ValueError):
    """Why a cell cannot be taken as it is, in a few words for the preview's 说明 column."""


def clean(value: object) -> str:
    """A cell as text: invisible characters gone, full-width letters and digits half-width,
    runs of spaces one space, ends trimmed.  Dates become 2023-05-20."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = unicodedata.normalize("NFKC", _INVISIBLE.sub("", str(value)))
    return _SPACES.sub(" ", text).strip()


def person_name(value: object) -> str:
    """A person's name: spacing for alignment removed, the middle dot of minority names one
    character; a cell holding two names, or no name-like text, is refused."""
    text = clean(value).translate(_NAME_DOTS)
    if _SEPARATORS.search(str(value or "")) or _SEPARATORS.search(text):
        raise TextProblem("一格里有不止一个姓名，请每行只写一人")
    parts = text.split(" ")
    if _LATIN.search(text):  # LI Ming keeps its space
        name = text
    elif len(parts) > 1 and all(len(part) >= 2 for part in parts):
        raise TextProblem("一格里像有两个姓名（中间有空格），请每行只写一人")
    else:
        name = "".join(parts)
    if len(name) > NAME_CHARS:
        raise TextProblem(f"姓名超过 {NAME_CHARS} 个字，请核对")
    return name


def number_text(value: object, what: str) -> str:
    """An ID or account number as text; a number cell that cannot hold it whole is refused."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if isinstance(value, int):  # written whole by a program: exact
            return str(value)
        if not value.is_integer():
            raise TextProblem(f"{what}是小数，请核对")
        digits = f"{value:.0f}"
        if len(digits.lstrip("-")) > EXACT_DIGITS:
            raise TextProblem(f"{what}存成了数字，15 位后已丢失；请设为文本后重填")
        return digits
    return clean(value).replace(" ", "")


def phone_text(value: object) -> str:
    """A phone number as text.  A number cell is taken only when it cannot have lost a leading
    0: an 11-digit mobile number or a 7–8 digit local one."""
    text = number_text(value, "电话号码")
    if isinstance(value, (int, float)) and not isinstance(value, bool) and text and not (
            _MOBILE.fullmatch(text) or _LOCAL.fullmatch(text)):
        raise TextProblem("电话存成了数字，可能丢了开头的 0；请设为文本后重填")
    return text
