"""The office's own settings, stored in its database and read by older and newer versions."""
from __future__ import annotations

import json

import pytest

from desktop.domain.deadlines import DeadlineRules
from desktop.domain.errors import InvalidInput
from desktop.domain.office import SCHEMA_VERSION, OfficeSettings


def customised() -> OfficeSettings:
    return OfficeSettings(
        office_name="政协楚雄州委员会",
        serial_pattern="{year}{n:04}",
        number_pattern="第{n}号",
        number_per_kind=True,
        review_levels=2,
        deadlines=DeadlineRules(months_by_kind={"session": 3, "interim": 2}, rehandle_months=2,
                                adjust_within_days=7),
        lockout_attempts=3,
    )


def test_settings_round_trip():
    settings = customised()
    assert OfficeSettings.from_dict(settings.to_dict()) == settings


def test_settings_round_trip_through_stored_json():
    settings = customised()
    stored = json.dumps(settings.to_dict(), ensure_ascii=False)
    assert OfficeSettings.from_dict(json.loads(stored)) == settings


def test_settings_from_a_newer_version_ignore_unknown_keys():
    data = customised().to_dict()
    data["theme"] = "dark"
    data["schema_version"] = SCHEMA_VERSION + 1
    data["deadlines"]["remind_days_before"] = 10
    settings = OfficeSettings.from_dict(data)
    assert settings == customised()
    assert settings.schema_version == SCHEMA_VERSION


def test_settings_from_an_older_version_fill_in_defaults():
    settings = OfficeSettings.from_dict({"office_name": "政协××县委员会", "review_levels": 1,
                                         "deadlines": {"rehandle_months": 2}})
    assert settings.review_levels == 1
    assert settings.number_pattern == OfficeSettings().number_pattern
    assert settings.deadlines == DeadlineRules(rehandle_months=2)
    assert OfficeSettings.from_dict({}) == OfficeSettings()


def test_default_settings_pass_their_own_check():
    OfficeSettings().check()
    customised().check()


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"office_name": "  "}, "office_name_missing"),
        ({"number_pattern": "第号"}, "number_pattern_without_n"),
        ({"serial_pattern": "{n"}, "number_pattern_invalid"),
        ({"review_levels": 4}, "review_levels_invalid"),
        ({"review_levels": 0}, "review_levels_invalid"),
    ],
)
def test_settings_the_office_cannot_save(change, code):
    with pytest.raises(InvalidInput) as refused:
        OfficeSettings(**change).check()
    assert refused.value.code == code
