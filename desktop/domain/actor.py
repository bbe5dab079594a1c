"""Who is acting: every service call names its actor, and rules check the actor's role."""
from __future__ import annotations

from dataclasses import dataclass

from .enums import UserRole


@dataclass(frozen=True)
class Actor:
    user_id: str | None
    username: str
    role: UserRole
    unit_id: str | None = None  # set for 承办单位经办人: only this unit's assignments

    @classmethod
    def system(cls, name: str = "system") -> Actor:
        """The program itself (set-up, demo data, migrations) acting with full rights."""
        return cls(None, name, UserRole.ADMIN)
