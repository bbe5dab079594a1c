"""What the command line says when it is used wrongly: one sentence, exit 2."""
from __future__ import annotations

from desktop.domain.enums import UnitSystem
from desktop.wording.labels import label, parse


class UsageError(Exception):
    """A command line the user should correct (the sentence says how)."""


def system_of(text: str | None) -> UnitSystem | None:
    """--system 政府系统 (or 政府, government); an unknown one is refused naming those there are."""
    if not text:
        return None
    try:
        return parse(UnitSystem, text)
    except ValueError:
        known = "、".join(label(s) for s in UnitSystem)
        raise UsageError(f"没有“{text}”这个系统，可用：{known}。") from None
