"""What every table shares: the declarative base, the enum columns, the UUID of synced rows."""
from __future__ import annotations

from enum import StrEnum

from sqlalchemy import Enum, ForeignKey, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from desktop.domain import enums as e
from desktop.domain.clock import new_id

ID = String(32)


def _enum(cls: type[StrEnum]) -> Enum:
    return Enum(
        cls, native_enum=False, length=16, values_callable=lambda c: [m.value for m in c],
        validate_strings=True,
    )


class Base(DeclarativeBase):
    type_annotation_map = {str: String(200)} | {
        cls: _enum(cls)
        for cls in (
            e.Kind, e.Origin, e.ProposerRole, e.State, e.Decision, e.AssignmentRole,
            e.AssignmentEnd, e.AdjustmentDecision, e.ReplyCategory, e.Rating,
            e.EvaluationMethod, e.ContactForm, e.FollowUpKind, e.Disclosure, e.UserRole,
            e.UnitSystem,
        )
    }


class Synced:
    """Rows that travel between sites: their identity is a UUID, never a local counter."""

    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)


def fk(target: str, **kw) -> Mapped:
    return mapped_column(ID, ForeignKey(f"{target}.id"), **kw)
