"""The power goes, or the program is killed, while it writes: the database stays whole.

A separate process registers and reviews proposals, one transaction each, saying after each
commit how many it has done; it is killed with SIGKILL in the middle.  The file must pass
SQLite's integrity check and ``tian check``, and hold at least every committed proposal."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from desktop.services import integrity
from desktop.store.database import open_database
from desktop.store.models import Proposal

ROOT = Path(__file__).resolve().parents[2]
WRITER = textwrap.dedent("""
    import sys
    from datetime import date
    from desktop.local.paths import base_data_dir
    from desktop.services import base_data, entry, review, setup
    from desktop.store.database import open_database

    db = open_database(sys.argv[1], create=True)
    with db.session() as s:
        admin = setup.initialize(s, "政协测试县委员会", "secret-123", base_dir=base_data_dir(),
                                 term=10, meeting=2, meeting_opens_on=date(2023, 1, 10))
        meeting = base_data.current_meeting(s).id
        member = base_data.add_member(s, admin, "张三", base_data.sectors(s)[0][0]).id
    n = 0
    while True:
        with db.session() as s:
            draft = entry.ProposalDraft(meeting, f"关于第{n}件事的建议",
                                        [entry.ProposerInput(member)], received_on=date(2023, 1, 12),
                                        body="内容" * 200)
            p = entry.register(s, admin, draft, submit=True)
            review.forward(s, admin, [p.id], opinion="同意")
        n += 1
        print(n, flush=True)
""")


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_killed_writer_leaves_a_whole_database(tmp_path):
    path = tmp_path / "office.db"
    env = {**os.environ, "TIAN_HOME": str(tmp_path / "home"), "PYTHONPATH": str(ROOT)}
    committed = 0
    with subprocess.Popen([sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE,
                          text=True, env=env, cwd=ROOT) as writer:
        for line in writer.stdout:
            committed = int(line)
            if committed >= 25:
                break
        writer.send_signal(signal.SIGKILL)  # mid-way through the next transaction, most likely
    assert committed >= 25
    database = open_database(path)
    try:
        assert integrity.check(database) == []
        with database.session() as session:
            assert session.query(Proposal).count() >= committed
    finally:
        database.close()
