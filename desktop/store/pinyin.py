"""Pinyin initials of names, so a clerk can type zs for 张三 (and sxx or dxx for 单雄信)."""
from __future__ import annotations

from itertools import product

from pypinyin import Style, lazy_pinyin, pinyin

# Surnames read otherwise than the character's common reading (单 shan, 曾 zeng, 仇 qiu …).
SURNAMES = {
    "尉迟": "yuchi", "万俟": "moqi", "长孙": "zhangsun", "单": "shan", "曾": "zeng", "仇": "qiu",
    "区": "ou", "乐": "yue", "覃": "qin", "查": "zha", "朴": "piao", "解": "xie", "盖": "ge",
    "种": "chong", "繁": "po", "缪": "miao", "秘": "bi", "召": "shao", "员": "yun", "折": "she",
    "翟": "zhai", "祭": "zhai", "卜": "bu", "柏": "bai", "能": "nai", "句": "gou", "隗": "wei",
    "重": "chong", "黑": "he", "藏": "zang", "任": "ren", "过": "guo", "华": "hua", "牟": "mou",
    "莘": "shen", "薄": "bo", "郇": "huan", "冼": "xian", "阚": "kan", "褚": "chu", "宓": "fu",
}
MAX_VARIANTS = 6


def _surname(name: str) -> tuple[str, str] | None:
    for length in (2, 1):
        reading = SURNAMES.get(name[:length])
        if reading:
            return name[:length], reading
    return None


def full_pinyin(name: str) -> str:
    surname = _surname(name)
    if surname:
        head, reading = surname
        return reading + "".join(lazy_pinyin(name[len(head):]))
    return "".join(lazy_pinyin(name))


def initials(name: str) -> str:
    """All plausible initials of a name, most likely first, joined by ``|`` (``sxx|dxx``)."""
    variants: list[str] = []
    surname = _surname(name)
    if surname:
        head, reading = surname
        head_initials = reading[0] if len(head) == 1 else "".join(
            p[0] for p in _split_compound(head, reading))
        rest = "".join(lazy_pinyin(name[len(head):], style=Style.FIRST_LETTER))
        variants.append((head_initials + rest).lower())
    readings = pinyin(name, style=Style.FIRST_LETTER, heteronym=True, errors="ignore")
    for combo in product(*[r[:3] for r in readings if r]):
        variants.append("".join(combo).lower())
        if len(variants) >= MAX_VARIANTS:
            break
    unique = list(dict.fromkeys(v for v in variants if v))
    return "|".join(unique)


def _split_compound(head: str, reading: str) -> list[str]:
    return [p for p in lazy_pinyin(head)] if len(head) > 1 else [reading]


def matches(stored: str, typed: str) -> bool:
    typed = typed.lower()
    return any(v.startswith(typed) for v in stored.split("|"))
