"""统计: the figures the office publishes, for the whole office, one system or one unit."""
from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy.orm import Session

from desktop.domain.enums import UnitSystem
from desktop.domain.statistics import figures, handling_counts, handling_figures
from desktop.labels import label
from desktop.store import statistics as queries
from desktop.store.models import Meeting, Unit

from .common import get


def statistics(session: Session, meeting_id: str | None = None, system: UnitSystem | None = None,
               unit_id: str | None = None, today: date | None = None) -> dict:
    """Every figure of ``tian stats``; intake figures stay the office's whatever the scope."""
    today = today or date.today()
    units = queries.unit_names(session)
    rows = [(row, sys) for row, sys in queries.assignment_rows(session, meeting_id)
            if (system is None or sys == system.value) and (unit_id is None or row.unit_id == unit_id)]
    scoped = [row for row, _ in rows]
    result = figures(queries.intake_counts(session, meeting_id), handling_counts(scoped, today))
    result["scope"] = {
        "meeting": get(session, Meeting, meeting_id, "meeting").name if meeting_id else "全部",
        "system": label(system) if system else None,
        "unit": get(session, Unit, unit_id, "unit").name if unit_id else None,
        "today": today.isoformat(),
    }
    per_unit: dict[str, list] = defaultdict(list)
    per_system: dict[str, list] = defaultdict(list)
    for row, sys in rows:
        per_unit[row.unit_id].append(row)
        per_system[sys].append(row)
    result["by_unit"] = sorted(
        ({"name": units[uid][0], "system": label(UnitSystem(units[uid][1])),
          **handling_figures(handling_counts(group, today))} for uid, group in per_unit.items()),
        key=lambda u: (-u["replies_due"], u["name"]))
    result["by_system"] = [
        {"name": label(s), **handling_figures(handling_counts(per_system[s.value], today))}
        for s in UnitSystem if per_system.get(s.value)]
    result["by_category"] = queries.by_category(session, meeting_id)
    result["by_sector"] = queries.by_sector(session, meeting_id)
    return result
