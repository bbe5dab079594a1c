"""A unit's 全称 on its letters: written in 基础数据, or the county written out."""
from __future__ import annotations

import pytest

from desktop.domain.office import county_of, unit_full_name


@pytest.mark.parametrize(("name", "full"), [
    ("县教育局", "清河县教育局"),
    ("县委组织部", "中共清河县委组织部"),
    ("县人民法院", "清河县人民法院"),
    ("团县委", "团县委"),  # no rule fits: the name as the office wrote it
    ("国网清河县供电公司", "国网清河县供电公司"),
])
def test_the_county_is_written_out_in_a_units_full_name(name, full):
    assert unit_full_name(name, "", "政协清河县委员会") == full


def test_the_full_name_written_in_base_data_wins():
    assert unit_full_name("县财政局", " 清河县财政局（县国资局） ", "政协清河县委员会") == \
        "清河县财政局（县国资局）"


def test_a_placeholder_county_is_never_written_into_a_name():
    assert county_of("政协××县委员会") == "××县"
    assert unit_full_name("县教育局", "", "政协××县委员会") == "县教育局"
    assert unit_full_name("市教育局", "", "政协某某市委员会") == "市教育局"
