"""答复台账 on paper: a unit prints the sheet it fills in, the office the one it gets back."""
from __future__ import annotations

import pytest

from desktop.exporters import pdf, reply_ledger
from desktop.exporters.reply_ledger import INSTRUCTION, write_reply_ledger

from .samples import (
    A4_LANDSCAPE, above_footer, column_text, pdf_words, reply_ledger_row, text_sizes, title_text,
    unspaced,
)

TITLE = "政协测试县委员会十届二次会议提案答复台账（县住房和城乡建设局（县人民防空办公室））"
COLUMNS = (("提案号", "案由"), ("办理方式", "交办日期"), ("是否面商", "沟通方式"),
           ("沟通方式", "联系人"), ("联系人", "联系电话"))


def written(path, rows):
    return write_reply_ledger(path, TITLE, {"格式": "测试"}, rows, "ABCD", ("座谈", "电话"))


@pytest.mark.libreoffice
def test_a_printed_reply_ledger_shows_every_proposal_and_answer_in_full(tmp_path, monkeypatch):
    """Rendered by LibreOffice, which keeps each row at the height the file gives it: the 案由
    and what the unit wrote must all be there, on A4 landscape at a size one can read."""
    rows = [reply_ledger_row(n) for n in range(1, 25)]
    written(tmp_path / "答复台账.xlsx", rows)
    monkeypatch.setattr(reply_ledger, "row_height", lambda count, size=11: 15.0)
    written(tmp_path / "行高不足.xlsx", rows)  # what the check catches
    done, failed = pdf.to_pdf([tmp_path / "答复台账.xlsx", tmp_path / "行高不足.xlsx"],
                              tmp_path / "pdf", tmp_path / "profile")
    assert not failed
    pages = pdf_words(done[0])
    assert len(pages) >= 2
    said = dict.fromkeys((name for _, name in COLUMNS), "")
    for size, words in pages:
        assert tuple(round(side, 2) for side in size) == A4_LANDSCAPE
        assert not [w.text for w in words if "###" in w.text]
        box, character = text_sizes(words)
        assert box >= 7 and character >= 6.5, (box, character)
        table = above_footer(size, words)
        for left, name in COLUMNS:  # the header on every page
            text, overlaps = column_text(table, left, name)
            assert not overlaps, name
            said[name] += text
    assert said == {"案由": "".join(r.locked[1] for r in rows),
                    "交办日期": "2023年10月28日" * len(rows),
                    "沟通方式": "座谈" * len(rows),
                    "联系人": "".join(r.filled[4] for r in rows),
                    "联系电话": "".join(r.filled[5] for r in rows)}
    assert title_text(pages[0][1], "案由") == (unspaced(TITLE + INSTRUCTION), 0)
    cut = [column_text(above_footer(size, words), "提案号", "案由")
           for size, words in pdf_words(done[1])]
    assert "".join(text for text, _ in cut) != said["案由"] or any(n for _, n in cut)
