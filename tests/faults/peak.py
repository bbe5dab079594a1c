"""``python -m tests.faults.peak OUT ARGS…``: ``tian ARGS…``, then its peak memory into OUT.

Linux counts a child's memory from before it replaced itself (the forked copy of the test
process) in every rusage figure; /proc/self/status's VmHWM belongs to the new program alone."""
from __future__ import annotations

import re
import sys
from pathlib import Path


def _peak_kb() -> int:
    status = Path("/proc/self/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1))


def main() -> int:
    out, args = Path(sys.argv[1]), sys.argv[2:]
    from desktop.app import main as tian

    try:
        return tian(args)
    finally:
        out.write_text(str(_peak_kb()))


if __name__ == "__main__":
    sys.exit(main())
