"""The reference templates every document is made from: a Chinese Word's, not the Japanese
defaults python-docx ships (issue 19: every .docx carried eastAsia="ja-JP" and ＭＳ 明朝)."""
from __future__ import annotations

import zipfile

import pytest

from desktop.exporters.templates import REFERENCE_DIR, build_reference

KINDS = sorted(p.name for p in REFERENCE_DIR.glob("*.docx"))


@pytest.mark.parametrize("name", KINDS)
def test_each_reference_says_its_east_asian_text_is_chinese_and_names_no_japanese_face(name):
    with zipfile.ZipFile(REFERENCE_DIR / name) as package:
        settings = package.read("word/settings.xml").decode("utf-8")
        theme = package.read("word/theme/theme1.xml").decode("utf-8")
    assert 'w:eastAsia="zh-CN"' in settings and "ja-JP" not in settings
    assert 'script="Jpan"' not in theme and "ＭＳ" not in theme
    assert '<a:ea typeface="宋体"/>' in theme


def test_the_references_are_what_the_program_builds_now(tmp_path):
    """Built again, a reference holds the same parts: the files in the package are not stale."""
    build_reference().save(str(tmp_path / "new.docx"))
    with zipfile.ZipFile(tmp_path / "new.docx") as new, \
            zipfile.ZipFile(REFERENCE_DIR / "答复函.docx") as kept:
        for part in ("word/settings.xml", "word/theme/theme1.xml", "word/styles.xml"):
            assert new.read(part) == kept.read(part), part
