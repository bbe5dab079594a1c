"""A file is written whole or not at all: the old one stays when the writer fails, the new one
replaces it whole when it succeeds, and no temporary is left either way."""
from __future__ import annotations

import pytest

from desktop.domain.errors import Cancelled
from desktop.local.files import write_atomically


def test_the_target_is_replaced_whole_when_the_writer_succeeds(tmp_path):
    target = tmp_path / "台账.xlsx"
    target.write_bytes(b"last year's ledger, much longer than the new one")
    with write_atomically(target) as partial:
        assert partial.parent == target.parent and partial != target
        assert target.read_bytes().startswith(b"last year's")  # untouched while writing
        partial.write_bytes(b"new ledger")
    assert target.read_bytes() == b"new ledger"
    assert [p.name for p in tmp_path.iterdir()] == ["台账.xlsx"]


def test_a_new_file_appears_only_when_whole(tmp_path):
    target = tmp_path / "答复函_第1号_县教育局.docx"
    with write_atomically(target) as partial:
        partial.write_bytes(b"PK half")
        assert not target.exists()
        with open(partial, "ab") as f:
            f.write(b" and the rest")
    assert target.read_bytes() == b"PK half and the rest"


@pytest.mark.parametrize("error", [ValueError("template broke"), Cancelled(),
                                   KeyboardInterrupt()])
def test_the_target_is_untouched_when_the_writer_raises(tmp_path, error):
    target = tmp_path / "settings.json"
    target.write_text('{"database": "old"}', encoding="utf-8")
    with pytest.raises(type(error)):
        with write_atomically(target) as partial:
            partial.write_text('{"datab', encoding="utf-8")
            raise error
    assert target.read_text(encoding="utf-8") == '{"database": "old"}'
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]


def test_no_temporary_is_left_when_the_writer_fails_before_writing(tmp_path):
    target = tmp_path / "backup.db"
    with pytest.raises(OSError):
        with write_atomically(target, ".restoring") as partial:
            assert partial.name == "backup.db.restoring"
            raise OSError("disk gone")
    assert list(tmp_path.iterdir()) == []


def test_a_writer_that_writes_nothing_leaves_nothing(tmp_path):
    target = tmp_path / "empty.docx"
    with pytest.raises(FileNotFoundError):
        with write_atomically(target):
            pass
    assert list(tmp_path.iterdir()) == []


def test_a_target_that_cannot_be_replaced_keeps_its_content_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "在用"  # a folder of that name: the rename fails as on a locked file
    target.mkdir()
    (target / "inside.txt").write_text("kept", encoding="utf-8")
    with pytest.raises(OSError):
        with write_atomically(target) as partial:
            partial.write_bytes(b"new")
    assert (target / "inside.txt").read_text(encoding="utf-8") == "kept"
    assert [p.name for p in tmp_path.iterdir()] == ["在用"]
