"""The office's settings and counters, kept in the database they govern."""
from __future__ import annotations

import json
import os

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.office import OfficeSettings

from .glance import OFFICE_KEY
from .models import Counter, Setting


def load_settings(session: Session) -> OfficeSettings:
    row = session.get(Setting, OFFICE_KEY)
    return OfficeSettings() if row is None else OfficeSettings.from_dict(json.loads(row.value))


def save_settings(session: Session, settings: OfficeSettings) -> None:
    settings.check()
    value = json.dumps(settings.to_dict(), ensure_ascii=False, sort_keys=True)
    row = session.get(Setting, OFFICE_KEY)
    if row is None:
        session.add(Setting(key=OFFICE_KEY, value=value))
    else:
        row.value = value


SEAL_KEY = "ledger_seal_key"  # this office's key for sealing ledgers; never leaves the PC


def seal_key(session: Session) -> str:
    """The key the office seals ledger rows with, made the first time (inside a write)."""
    row = session.get(Setting, SEAL_KEY)
    if row is None:
        row = Setting(key=SEAL_KEY, value=json.dumps(os.urandom(32).hex()))
        session.add(row)
    return json.loads(row.value)


def counter_value(session: Session, key: str) -> int:
    return session.scalar(select(Counter.value).where(Counter.key == key)) or 0


def take(session: Session, key: str, count: int = 1) -> int:
    """Advance a counter by ``count`` inside the current write; returns the first value taken."""
    row = session.scalar(select(Counter).where(Counter.key == key).with_for_update())
    if row is None:
        row = Counter(key=key, value=0)
        session.add(row)
    first = row.value + 1
    row.value += count
    return first
