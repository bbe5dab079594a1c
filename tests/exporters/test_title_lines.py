"""Titles broken between words, whatever the title: every one the demo can form, the office's
sample titles, and composed titles with long county names, read by an independent segmenter."""
from __future__ import annotations

import json

import pytest

from desktop.exporters.docx_layout import text_width
from desktop.exporters.paragraphs import title_lines
from desktop.local.paths import resources_dir
from desktop.services.demo.prose import possible_titles

from .print_proof import broken_words, title_words

COMPOSED = [
    "关于政协清河县第十届委员会第二次会议第110号提案的答复",
    "关于政协巴里坤哈萨克自治县第十二届委员会第三次会议第1024号提案二次办理的答复",
    "关于交办政协××县第十届委员会第二次会议提案的通知",
    "关于督促办理政协某某县第十届委员会第二次会议提案的通知",
    "关于政协示范县第十届委员会第一次会议以来提案工作情况的报告",
]


def sample_titles() -> list[str]:
    shipped = (resources_dir() / "base" / "titles.txt").read_text(encoding="utf-8").split()
    demo = json.loads((resources_dir() / "demo" / "text.json").read_text(encoding="utf-8"))
    return sorted(set(shipped) | possible_titles(demo))


@pytest.mark.parametrize("capacity", [19, 17])  # a 2号 title's line, and one narrower
def test_every_title_breaks_only_between_words_and_fits_its_lines(capacity):
    problems = []
    for title in [*COMPOSED, *sample_titles()]:
        lines = title_lines(title, capacity)
        assert "".join(lines) == title
        if any(text_width(line) > capacity for line in lines):
            problems.append(f"{title}: a line longer than {capacity}")
        problems += broken_words(lines, title_words)
    assert problems == []
