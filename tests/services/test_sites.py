"""数据交换的站点: this installation and the enrolled ones, with the fingerprints compared by phone."""
from __future__ import annotations

from datetime import datetime

from desktop.domain.enums import UserRole
from desktop.domain.errors import NotAllowed
from desktop.services import sites
from desktop.store.models import Site
from desktop.sync import keys

from .flows import person, refused


def test_this_installation_is_listed_first_with_the_fingerprint_of_its_key(desk):
    here = desk.session.query(Site).filter_by(local=True).one()
    [first, *_] = sites.site_rows(desk.session, desk.admin)
    assert (first.site_id, first.here, first.kind) == (here.id, True, "office")
    assert first.fingerprint == keys.fingerprint(here.public_key)
    assert len(first.fingerprint.split()) == 6


def test_an_enrolled_unit_site_is_known_until_it_is_retired(desk):
    private = keys.new_private_key()
    unit = Site(name="县教育局", kind="unit", unit_id=desk.unit("教育局").id,
                public_key=keys.public_key_of(private), enrolled_at=datetime(2023, 3, 1))
    desk.session.add(unit)
    desk.session.commit()
    row = next(r for r in sites.site_rows(desk.session, desk.admin) if r.site_id == unit.id)
    assert (row.kind, row.unit, row.here, row.retired) == ("unit", "县教育局", False, False)
    known = sites.known_site(desk.session, unit.id)
    assert (known.name, known.retired) == ("县教育局", False)
    unit.retired_at = datetime(2023, 12, 31)
    desk.session.commit()
    assert sites.known_site(desk.session, unit.id).retired
    assert sites.known_site(desk.session, "f" * 32) is None


def test_a_units_clerk_does_not_see_the_sites(desk):
    clerk = person(desk, UserRole.UNIT, unit_id=desk.unit("教育局").id)
    with refused(NotAllowed, "role_not_allowed"):
        sites.site_rows(desk.session, clerk)
