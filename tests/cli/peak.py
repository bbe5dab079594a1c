"""``python tests/cli/peak.py OUT ARGS…``: ``tian ARGS…`` as a clerk runs it, its peak memory (KB)
written to OUT afterwards, so a test can hold a refusal to a memory bound as well as a time.

The peak is this program's own (VmHWM of its memory since exec): getrusage's ru_maxrss would
also count the test process it was started from."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # as `python -m desktop` from the tree

from desktop.app import main

if __name__ == "__main__":
    out = Path(sys.argv[1])
    try:
        code = main(sys.argv[2:])
    finally:
        status = Path("/proc/self/status").read_text()
        out.write_text(next(line.split()[1] for line in status.splitlines()
                            if line.startswith("VmHWM:")))
    sys.exit(code)
