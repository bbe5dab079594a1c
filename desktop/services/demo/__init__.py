"""演示数据: a realistic county office's year, generated fast enough for 100,000 proposals.

The rows are built in memory and written with bulk inserts; each proposal's cached status comes
from the same lifecycle function the services use, so ``tian check`` holds for demo data too.
Demo rows get one audit entry for the whole batch and no change-log entries: they are local
sample data and never travel to another site.
"""
from .generate import generate, proposal_count

__all__ = ["generate", "proposal_count"]
