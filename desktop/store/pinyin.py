"""Pinyin initials of names, so a clerk can type zs for 张三 (and sxx or dxx for 单雄信)."""
from __future__ import annotations

# Surnames read otherwise than the character's common reading (单 shan, 曾 zeng, 仇 qiu …).
SURNAMES = {
    "尉迟": "yuchi", "万俟": "moqi", "长孙": "zhangsun", "单": "shan", "曾": "zeng", "仇": "qiu",
    "区": "ou", "乐": "yue", "覃": "qin", "查": "zha", "朴": "piao", "解": "xie", "盖": "ge",
    "种": "chong", "繁": "po", "缪": "miao", "秘": "bi", "召": "shao", "员": "yun", "折": "she",
    "翟": "zhai", "祭": "zhai", "卜": "bu", "柏": "bai", "能": "nai", "句": "gou", "隗": "wei",
    "重": "chong", "黑": "he", "藏": "zang", "任": "ren", "过": "guo", "华": "hua", "牟": "mou",
    "莘": "shen", "薄": "bo", "郇": "huan", "冼": "xian", "阚": "kan", "褚": "chu", "宓": "fu",
}


def _surname(name: str) -> tuple[str, str] | None:
    for length in (2, 1):
        reading = SURNAMES.get(name[:length])
        if reading:
            return name[:length], reading
    return None


def _pinyin(text: str, initials_only: bool = False, **kw: str) -> list[str]:
    """pypinyin on first use: its dictionaries cost 0.25 s and 55 MB, and most starts need none."""
    from pypinyin import Style, lazy_pinyin

    if initials_only:
        return lazy_pinyin(text, style=Style.FIRST_LETTER, **kw)
    return lazy_pinyin(text, **kw)


def full_pinyin(name: str) -> str:
    surname = _surname(name)
    if surname:
        head, reading = surname
        return reading + "".join(_pinyin(name[len(head):]))
    return "".join(_pinyin(name))


def initials(name: str) -> str:
    """Initials as a surname reads (单 shan → sxx) and as the characters commonly read (dxx).

    Other heteronyms are left out on purpose: dictionaries list rare readings (董 as z) that
    would make zs find 董素.
    """
    variants = []
    surname = _surname(name)
    rest = name[len(surname[0]):] if surname else name
    if surname:
        head = "".join(p[0] for p in _syllables(surname[0], surname[1]))
        variants.append(head + "".join(_pinyin(rest, initials_only=True)))
    variants.append("".join(_pinyin(name, initials_only=True, errors="ignore")))
    return "|".join(dict.fromkeys(v.lower() for v in variants if v))


def _syllables(head: str, reading: str) -> list[str]:
    """The syllables of a surname's reading: 尉迟 yuchi → yu, chi."""
    return _pinyin(head) if len(head) > 1 else [reading]


def matches(stored: str, typed: str) -> bool:
    typed = typed.lower()
    return any(v.startswith(typed) for v in stored.split("|"))
