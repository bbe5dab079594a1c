"""The seal of a ledger row the office sends a unit without the program: an HMAC, with a key
only this office holds, over the cells the unit must not change.  A row whose locked cells were
edited no longer matches its seal; the unit cannot make a new seal without the key."""
from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable

SEAL_CHARS = 32  # 128 bits of the HMAC, as hex: enough, and short in a hidden cell


def seal(key: str, values: Iterable[object]) -> str:
    text = "\x1f".join("" if v is None else str(v) for v in values)
    return hmac.new(bytes.fromhex(key), text.encode("utf-8"), hashlib.sha256).hexdigest()[
        :SEAL_CHARS]


def sealed(key: str, values: Iterable[object], mark: str) -> bool:
    return hmac.compare_digest(seal(key, values), str(mark or ""))


def version(values: Iterable[object]) -> str:
    """What the office knew of a row when it sent it (its answer so far): a later import tells a
    row changed at the office meanwhile from one only the unit filled in."""
    text = "\x1f".join("" if v is None else str(v) for v in values)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
