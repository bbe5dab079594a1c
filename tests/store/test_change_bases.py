"""Each logged change names the change of the same field it was made on top of, so another site
can tell an edit made after its own from one made beside it (domain.merge)."""
from __future__ import annotations

from sqlalchemy import select

from desktop.store.models import Change, Member


def _changes(office, member_id: str) -> list[Change]:
    return list(office.session.scalars(select(Change).where(
        Change.table_name == "member", Change.row_id == member_id).order_by(Change.stamp)))


def test_an_edit_is_made_on_top_of_the_fields_last_change(sqlite_office):
    from desktop.services import base_data

    office = sqlite_office
    member = base_data.add_member(office.session, office.admin, "张建国", office.sector("经济界").id,
                                  None, None)
    base_data.update_member(office.session, office.admin, member.id, "张建国", None,
                            "13800000000", "县供销社")
    base_data.update_member(office.session, office.admin, member.id, "张建国", None,
                            "13900000000", "县供销社")
    made, *edits = _changes(office, member.id)
    assert made.field == "*" and made.bases is None
    phones = [c for c in edits if c.field == "phone"]
    assert [c.bases for c in phones] == [made.stamp, phones[0].stamp]
    workplace = next(c for c in edits if c.field == "workplace")
    assert workplace.bases == made.stamp
    assert office.session.get(Member, member.id).phone == "13900000000"
