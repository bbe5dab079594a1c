"""``python tests/cli/peak.py OUT ARGS…``: ``tian ARGS…`` as a clerk runs it, its peak memory (KB)
written to OUT afterwards, so a test can hold a refusal to a memory bound as well as a time."""
from __future__ import annotations

import resource
import sys
from pathlib import Path

from desktop.app import main

if __name__ == "__main__":
    out = Path(sys.argv[1])
    try:
        code = main(sys.argv[2:])
    finally:
        out.write_text(str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))
    sys.exit(code)
