"""统计: the figures the office publishes, for the whole office, one system or one unit."""
from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from desktop.domain.actor import Actor
from desktop.domain.enums import UnitSystem
from desktop.domain.statistics import figures, handling_figures
from desktop.domain.permissions import unit_scope
from desktop.wording.labels import label
from desktop.store import statistics as queries
from desktop.store.models import Meeting, Unit

from .common import get


def statistics(session: Session, meeting_id: str | None = None, system: UnitSystem | None = None,
               unit_id: str | None = None, today: date | None = None) -> dict:
    """Every figure of ``tian stats``; intake figures stay the office's whatever the scope."""
    today = today or date.today()
    intake, by_category, by_sector = queries.intake(session, meeting_id)
    total, per_unit, per_system, intake.government_handled = queries.handling(
        session, meeting_id, today, system, unit_id)
    result = figures(intake, total)
    result["scope"] = {
        "meeting": get(session, Meeting, meeting_id, "meeting").name if meeting_id else "全部",
        "system": label(system) if system else None,
        "unit": get(session, Unit, unit_id, "unit").name if unit_id else None,
        "today": today.isoformat(),
    }
    units = queries.unit_names(session)
    result["by_unit"] = sorted(
        ({"name": units[uid][0], "system": label(UnitSystem(units[uid][1])),
          **handling_figures(counts)} for uid, counts in per_unit.items()),
        key=lambda u: (-u["replies_due"], u["name"]))
    result["by_system"] = [{"name": label(s), **handling_figures(per_system[s.value])}
                           for s in UnitSystem if s.value in per_system]
    result["by_category"] = by_category
    result["by_sector"] = by_sector
    return result


def statistics_for(session: Session, actor: Actor, meeting_id: str | None = None,
                   system: UnitSystem | None = None, unit_id: str | None = None,
                   today: date | None = None) -> dict:
    """The figures a user may see: a 承办单位经办人 sees their own unit's, whatever is asked."""
    if (only := unit_scope(actor)) is not None:
        system, unit_id = None, only
    return statistics(session, meeting_id, system, unit_id, today)
