"""This PC's settings.json: read back as written; a damaged or hand-edited one never keeps the
program or a command from starting."""
from __future__ import annotations

import json
import logging

import pytest

from desktop.local import settings
from desktop.local.settings import LocalSettings

from tests.cli.tian import tian_in


def test_settings_are_read_back_as_saved(tmp_path):
    saved = LocalSettings(database=str(tmp_path / "县政协.db"), last_username="liuyun",
                          recent_databases=[str(tmp_path / "旧.db")])
    settings.save(saved, tmp_path)
    assert settings.load(tmp_path) == saved


@pytest.mark.parametrize("text", [
    "[]", '"admin"', "42", "null", '{"database": 5}', '{"recent_databases": "D:/提案.db"}',
    '{"last_username": ["admin"]}', '{"schema_version": "one"}', "{not json",
])
def test_a_file_of_the_wrong_shape_gives_the_defaults_and_says_so_in_the_log(
        tmp_path, caplog, text):
    (tmp_path / settings.FILE_NAME).write_text(text, encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="desktop.local.settings"):
        loaded = settings.load(tmp_path)
    assert loaded == LocalSettings()
    assert caplog.records, "the log says why the defaults were used"


def test_good_values_beside_a_bad_one_are_kept(tmp_path):
    (tmp_path / settings.FILE_NAME).write_text(json.dumps(
        {"last_username": "liuyun", "recent_databases": [1, 2]}), encoding="utf-8")
    assert settings.load(tmp_path) == LocalSettings(last_username="liuyun")


def test_a_file_saved_by_notepad_with_a_byte_order_mark_is_read(tmp_path):
    (tmp_path / settings.FILE_NAME).write_text('\ufeff{"last_username": "liuyun"}',
                                               encoding="utf-8")
    assert settings.load(tmp_path).last_username == "liuyun"


def test_tian_works_with_a_settings_file_of_the_wrong_shape(tmp_path):
    home = tmp_path / "home"
    (home / "config").mkdir(parents=True)
    (home / "config" / settings.FILE_NAME).write_text("[]", encoding="utf-8")
    run = tian_in(home, "demo", "--proposals", "20")  # the default database, from the defaults
    assert run.returncode == 0, run
    assert "已生成演示提案" in run.stdout
