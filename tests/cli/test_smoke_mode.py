"""``tian --smoke``: the check an installer's test (and an IT helper) runs on an installation."""
from __future__ import annotations

from .conftest import tian_in


def test_smoke_mode_builds_the_window_writes_a_letter_and_a_ledger_and_leaves_no_trace(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    run = tian_in(home, "--smoke")
    assert run.returncode == 0, run
    lines = run.stdout.splitlines()
    assert lines[-1] == "[smoke] ok"
    assert any(line.startswith("[smoke] main window, 8 pages") for line in lines)
    documents = next(line for line in lines if line.startswith("[smoke] documents: "))
    assert "答复函_第" in documents and "提案办理台账.xlsx" in documents
    assert list(home.iterdir()) == []  # the user's data folder is not touched
