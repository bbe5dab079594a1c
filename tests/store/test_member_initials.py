"""Typing a member's pinyin initials finds them: zs → 张三, and 单雄信 by sxx as well as dxx."""
from __future__ import annotations

import pytest

from desktop.store.changes import write
from desktop.store.fulltext import members_by_initials

MEMBERS = ["张三", "张山峰", "单雄信", "曾国藩", "董素", "欧阳修", "尉迟恭", "李四"]


@pytest.fixture(scope="module")
def members(shared_office):
    for name in MEMBERS:
        shared_office.member(name)
    return shared_office


def names(office, typed: str) -> list[str]:
    return sorted(m.name for m in members_by_initials(office.session, typed))


@pytest.mark.parametrize("typed, expected", [
    ("zs", ["张三", "张山峰"]),
    ("zsf", ["张山峰"]),
    ("ZS", ["张三", "张山峰"]),
    ("sxx", ["单雄信"]),  # 单 as a surname reads shan
    ("dxx", ["单雄信"]),  # … and a clerk may still type its common reading
    ("zgf", ["曾国藩"]),  # 曾 zeng as a surname
    ("ds", ["董素"]),
    ("oyx", ["欧阳修"]),
    ("ycg", ["尉迟恭"]),
    ("张", ["张三", "张山峰"]),  # the first characters of the name itself
    ("zhangs", ["张三", "张山峰"]),  # full pinyin
    ("shanx", ["单雄信"]),
    ("xyz", []),
    ("  ", []),
])
def test_members_by_initials(members, typed, expected):
    assert names(members, typed) == expected


def test_rare_readings_do_not_bring_in_strangers(members):
    assert "董素" not in names(members, "zs")


def test_a_retired_member_is_not_offered(office):
    member = office.member("李四")
    assert names(office, "ls") == ["李四"]
    with write(office.session, office.admin, "test.retire"):
        member.active = False
    assert names(office, "ls") == []


@pytest.mark.parametrize("typed", ["%", "_", "z%", "_s"])
def test_like_wildcards_are_taken_literally(members, typed):
    """(Found by this test: the typed text went to LIKE unescaped and % listed every member.)"""
    assert names(members, typed) == []
