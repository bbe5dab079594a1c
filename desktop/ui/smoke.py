"""``tian --smoke``: is this installation whole?  A demo office in a temporary folder, the main
window built offscreen with every page, one 答复函 and one 台账 written and read back; exit 0.

Run by the installers' tests (under Wine, after ``apt install``) and by a clerk's IT helper when
something seems wrong; it never touches the user's own database."""
from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path


def _step(name: str, started: float) -> float:
    now = time.perf_counter()
    print(f"[smoke] {name}: {now - started:.2f} s", flush=True)
    return now


def run() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.perf_counter()
    # a failure keeps its own traceback last (Windows cannot remove a file still open)
    with tempfile.TemporaryDirectory(prefix="tian-smoke-", ignore_cleanup_errors=True) as folder:
        home = Path(folder)
        os.environ["TIAN_HOME"] = str(home)  # QSettings and logs stay in the temporary folder
        from desktop.ui.start import make_application
        app = make_application([sys.argv[0]])
        started = _step("Qt", started)

        from desktop.gate import require_safe_xml
        require_safe_xml()  # the bundle carries defusedxml, or workbooks from outside are refused
        started = _step("safe XML", started)

        from desktop.domain.actor import Actor
        from desktop.local.paths import base_data_dir
        from desktop.services import base_data, demo, exports, setup
        from desktop.services.batch import write_batch
        from desktop.store.database import open_database
        database = open_database(home / "smoke.db", create=True)
        with database.session() as session:
            admin = setup.initialize(session, "政协示范县委员会", "smoke-123456",
                                     base_dir=base_data_dir())
            demo.generate(session, Actor.system("smoke"), 60)
            meeting = base_data.current_meeting(session)
        started = _step("database", started)

        from desktop.ui.main_window import NAVIGATION, MainWindow
        from desktop.ui.workspace import Workspace
        workspace = Workspace(database, admin, meeting.id)
        window = MainWindow(workspace, "政协示范县委员会")
        for name in NAVIGATION:
            window.show_view(name)
        app.processEvents()
        started = _step(f"main window, {len(NAVIGATION)} pages", started)

        out = home / "out"
        written = []
        for kind in ("letters", "ledger"):
            request = exports.ExportRequest(kind, meeting.id)
            plans = workspace.read(exports.plan, admin, request)[:1]
            written += write_batch(plans, out).written
        import docx
        import openpyxl
        letter, ledger = written
        assert docx.Document(str(letter)).paragraphs[0].text, "the letter has no letterhead"
        assert openpyxl.load_workbook(ledger).active.max_row > 3, "the ledger has no rows"
        _step(f"documents: {', '.join(p.name for p in written)}", started)
        window.close()
        database.close()
    print("[smoke] ok", flush=True)
    return 0
