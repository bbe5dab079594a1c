"""Order does not matter: an office PC, a second office PC and an entry laptop, editing through
the services in random scripts and exchanging packages in random orders (some twice, some late),
end with the same data in every table that travels and the same conflicts."""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from desktop.domain import exchange as rules
from desktop.services import base_data, conflicts, entry
from desktop.services.users import actor_of
from desktop.store.database import open_database
from desktop.store.models import Member, Proposal, User

from tests.services.sites import Place, conflict_set, enrol, office_place, synced_rows

TITLES = ("关于加强城区停车管理的建议", "关于推进农村饮水安全工程的建议",
          "关于完善社区养老服务的建议", "关于规范校外培训机构的建议")
ROUTES = (("office", "second"), ("second", "office"), ("laptop", "office"),
          ("office", "laptop"))


@pytest.fixture(scope="module")
def county_files(tmp_path_factory):
    """The three installations made once (enrolled through real files), then closed."""
    root = tmp_path_factory.mktemp("county")
    office, county = office_place(root)
    county.member("张三")
    for title in TITLES[:3]:
        county.register(title)
    places = [office, enrol(office, root, "second", "office"), enrol(office, root, "laptop", "entry")]
    users = {p.name: p.admin.username for p in places}
    paths = {p.name: p.db.path for p in places}
    for place in places:
        place.close()
    return paths, users


def _open(paths, users, folder: Path) -> dict[str, Place]:
    places = {}
    for name, path in paths.items():
        copy = folder / name / "site.db"
        copy.parent.mkdir(parents=True)
        shutil.copy(path, copy)
        db = open_database(copy)
        session = db.session()
        admin = actor_of(session.scalar(select(User).where(User.username == users[name])))
        places[name] = Place(name, db, session, admin, copy.parent)
    return places


edit = st.tuples(st.just("edit"), st.sampled_from(["office", "second"]), st.integers(0, 1),
                 st.sampled_from(["title", "body"]), st.integers(0, 3))
typed = st.tuples(st.just("type"), st.integers(0, 3))
send = st.tuples(st.just("send"), st.sampled_from(ROUTES))
deliver = st.tuples(st.just("deliver"), st.integers(0, 20))
choose = st.tuples(st.just("choose"), st.sampled_from(["office", "second"]), st.integers(0, 3))
script = st.lists(st.one_of(edit, typed, send, deliver, choose), min_size=4, max_size=16)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(steps=script)
def test_three_sites_in_any_order_converge_to_the_same_data_and_conflicts(county_files, steps):
    paths, users = county_files
    with tempfile.TemporaryDirectory() as folder:
        places = _open(paths, users, Path(folder))
        try:
            _play(places, steps)
            _settle_everything(places)
            office, second, laptop = places["office"], places["second"], places["laptop"]
            assert synced_rows(office.session) == synced_rows(second.session)
            assert conflict_set(office.session) == conflict_set(second.session)
            assert synced_rows(laptop.session, rules.BASE_TABLES - {"user_account"}) == \
                synced_rows(office.session, rules.BASE_TABLES - {"user_account"})
        finally:
            for place in places.values():
                place.close()


def _play(places: dict[str, Place], steps) -> None:
    in_flight: list[tuple[str, Path]] = []
    ids = places["office"].session.scalars(select(Proposal.id).order_by(Proposal.serial)).all()
    for step in steps:
        if step[0] == "edit":
            _, site, index, field, text = step
            place = places[site]
            value = TITLES[text] + f"（{site}）"  # two sites never write the same value
            entry.edit(place.session, place.admin, ids[index], **{field: value})
        elif step[0] == "type":
            laptop = places["laptop"]
            meeting = base_data.current_meeting(laptop.session).id
            member = laptop.session.scalar(select(Member.id).where(Member.name == "张三"))
            entry.register(laptop.session, laptop.admin, entry.ProposalDraft(
                meeting, TITLES[step[1]] + "（录入机）", [entry.ProposerInput(member)]))
        elif step[0] == "send":
            source, target = step[1]
            in_flight.append((target, places[source].send(places[target])))
        elif step[0] == "choose":
            place = places[step[1]]
            waiting = conflicts.open_conflicts(place.session, place.admin)
            if waiting:
                row = waiting[step[2] % len(waiting)]
                conflicts.settle(place.session, place.admin, row.conflict_id,
                                 take=row.choices[-1].stamp)
        elif in_flight:
            target, package = in_flight[step[1] % len(in_flight)]  # some arrive twice
            places[target].receive(package)
    for target, package in reversed(in_flight):  # the rest arrive late, newest first
        places[target].receive(package)


def _settle_everything(places: dict[str, Place]) -> None:
    """Everyone sends everyone what they have until nothing new travels."""
    for _ in range(2):
        for source, target in (*ROUTES, ("office", "second")):
            places[target].receive(places[source].send(places[target]))
