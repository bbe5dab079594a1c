"""Exchange by file between installations (SYNC.md's promises), on real database files and real
packages: an office PC, a second office PC, entry laptops and a unit's installation."""
from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.domain import clock
from desktop.domain.enums import ProposerRole, ReplyCategory, State, UserRole
from desktop.domain.errors import DomainError, NotAllowed
from desktop.services import (
    assignment, conflicts, enrolment, entry, exchange, handling, review, timeline,
)
from desktop.services.statistics import statistics_for
from desktop.services.proposal_list import SIMILAR_AT_LEAST
from desktop.store import fulltext
from desktop.store.changes import write
from desktop.store.database import open_database
from desktop.store.models import Assignment, Member, Proposal, Proposer, Reply, Site, Unit

from tests.services.flows import assigned, filed, person, refused
from tests.services.sites import conflict_set, copy_of, enrol, exchange_both, office_place, synced_rows

YEAR_MS = 365 * 24 * 3600 * 1000


@pytest.fixture
def county(tmp_path):
    place, office = office_place(tmp_path)
    office.member("张三")
    office.member("李四")
    yield place, office
    place.close()


def _type(place, title: str, *names: str, submit: bool = False) -> Proposal:
    meeting = place.session.scalar(select(Proposal.meeting_id).limit(1)) or _meeting(place)
    members = [place.session.scalar(select(Member.id).where(Member.name == n))
               for n in (names or ("张三",))]
    draft = entry.ProposalDraft(meeting, title, [entry.ProposerInput(m) for m in members],
                                received_on=date(2023, 1, 12))
    return entry.register(place.session, place.admin, draft, submit=submit)


def _meeting(place) -> str:
    from desktop.services import base_data
    return base_data.current_meeting(place.session).id


def test_papers_typed_on_an_entry_laptop_arrive_for_review_with_its_serials(county, tmp_path):
    office, _ = county
    laptop = enrol(office, tmp_path, "录入机A", "entry")
    papers = [_type(laptop, t) for t in ("关于加强城区停车管理的建议", "关于推进农村养老服务的建议")]
    assert [p.serial for p in papers] == ["A-0001", "A-0002"]

    package = laptop.send(office)
    preview = office.receive(package, apply=False)
    assert not preview.applied
    assert [(line.label, line.outcome) for line in preview.lines] == [
        ("A-0001 关于加强城区停车管理的建议", "new"), ("A-0002 关于推进农村养老服务的建议", "new")]
    assert office.session.scalar(select(func.count()).select_from(Proposal)) == 0

    done = office.receive(package)
    assert done.applied and done.submitted == 2
    rows = office.session.execute(select(Proposal.serial, Proposal.status, Proposal.number)
                                  .order_by(Proposal.serial)).all()
    assert rows == [("A-0001", State.IN_REVIEW, None), ("A-0002", State.IN_REVIEW, None)]
    names = office.session.scalars(select(Proposer.name)).all()
    assert names == ["张三", "张三"]
    laptop.close()


def test_same_package_twice_changes_nothing_also_after_a_restart(county, tmp_path):
    office, _ = county
    laptop = enrol(office, tmp_path, "录入机A", "entry")
    _type(laptop, "关于加强城区停车管理的建议")
    package = laptop.send(office)
    office.receive(package)
    before = synced_rows(office.session)

    again = office.receive(package)
    assert again.already_on is not None and again.nothing_to_do and not again.applied
    path = office.db.path
    office.close()
    db = open_database(path)
    session = db.session()
    office.db, office.session = db, session
    after_restart = office.receive(package)
    assert after_restart.already_on is not None
    assert synced_rows(office.session) == before
    laptop.close()


def test_same_field_edited_at_two_office_pcs_keeps_both_and_the_choice_travels(county, tmp_path):
    office, county_office = county
    paper = county_office.register("关于加强城区停车管理的建议")
    second = enrol(office, tmp_path, "主任笔记本", "office")
    entry.edit(office.session, office.admin, paper.id, title="关于加强城区停车场建设的建议")
    entry.edit(second.session, second.admin, paper.id, title="关于规范城区停车秩序的建议")

    exchange_both(office, second)
    assert conflict_set(office.session) == conflict_set(second.session) != set()
    shown = {p.session.scalar(select(Proposal.title)) for p in (office, second)}
    assert len(shown) == 1  # the same provisional winner on both, before anyone decides
    [row] = conflicts.open_conflicts(office.session, office.admin)
    assert {c.shown for c in row.choices} == {"关于加强城区停车场建设的建议",
                                              "关于规范城区停车秩序的建议"}
    assert [c.here for c in row.choices].count(True) == 1
    assert row.field == "案由"

    mine = next(c for c in row.choices if c.here)
    conflicts.settle(office.session, office.admin, row.conflict_id, take=mine.stamp)
    exchange_both(office, second)
    for place in (office, second):
        assert conflicts.open_count(place.session) == 0
        assert place.session.scalar(select(Proposal.title)) == "关于加强城区停车场建设的建议"
    assert synced_rows(office.session) == synced_rows(second.session)
    second.close()


def test_different_fields_edited_at_two_pcs_merge_without_a_conflict(county, tmp_path):
    office, county_office = county
    paper = county_office.register("关于加强城区停车管理的建议")
    second = enrol(office, tmp_path, "主任笔记本", "office")
    entry.edit(office.session, office.admin, paper.id, title="关于加强城区停车场建设的建议")
    entry.edit(second.session, second.admin, paper.id, body="城区停车位缺口大。")

    exchange_both(office, second)
    for place in (office, second):
        assert conflicts.open_count(place.session) == 0
        assert place.session.execute(select(Proposal.title, Proposal.body)).one() == (
            "关于加强城区停车场建设的建议", "城区停车位缺口大。")
    assert synced_rows(office.session) == synced_rows(second.session)
    second.close()


def test_a_row_edited_here_and_deleted_there_is_a_conflict_not_a_loss(county, tmp_path):
    office, county_office = county
    paper = county_office.register("关于加强城区停车管理的建议", "张三", "李四")
    second = enrol(office, tmp_path, "主任笔记本", "office")
    cosigner = office.session.scalar(select(Proposer).where(Proposer.name == "李四"))
    with write(office.session, office.admin, "test.rename"):
        cosigner.name = "李四（县医院）"
    lead = second.session.scalar(select(Member.id).where(Member.name == "张三"))
    entry.edit(second.session, second.admin, paper.id, proposers=[entry.ProposerInput(lead)])

    exchange_both(office, second)
    assert conflict_set(office.session) == conflict_set(second.session)
    [row] = conflicts.open_conflicts(office.session, office.admin)
    assert row.reason == "sync_edit_vs_delete"
    assert {c.shown for c in row.choices} == {"删除", "保留并修改"}

    conflicts.settle(office.session, office.admin, row.conflict_id, keep=True)
    exchange_both(office, second)
    for place in (office, second):
        names = set(place.session.scalars(select(Proposer.name)))
        assert names == {"张三", "李四（县医院）"}
        assert conflicts.open_count(place.session) == 0
    second.close()


def test_a_laptop_whose_clock_runs_a_year_fast_does_not_win(county, tmp_path, monkeypatch):
    office, county_office = county
    county_office.member("王五")
    laptop = enrol(office, tmp_path, "录入机A", "entry")
    real = clock.wall_now_ms
    monkeypatch.setattr(clock, "wall_now_ms", lambda: real() + YEAR_MS)
    _type(laptop, "关于加强城区停车管理的建议")
    monkeypatch.setattr(clock, "wall_now_ms", real)

    receipt = office.receive(laptop.send(office))
    assert receipt.held > 0  # (the laptop's own account, made before its clock ran fast, arrives)
    assert [line.outcome for line in receipt.lines] == ["held"]
    assert office.session.scalar(select(func.count()).select_from(Proposal)) == 0
    [(site, count, _)] = conflicts.held_back(office.session, office.admin)
    assert site == "录入机A" and count == receipt.held
    assert conflicts.release_held(office.session, office.admin) == (0, count)  # still ahead
    assert conflicts.discard_held(office.session, office.admin, "录入机A") == count
    assert conflicts.held_back(office.session, office.admin) == []
    # the office's own clock did not jump a year ahead with it
    here = office.session.scalar(select(Site).where(Site.local.is_(True)))
    assert here.clock_wall_ms < real() + 60_000
    laptop.close()


def test_an_import_deleting_most_of_a_kind_of_record_asks_twice(county, tmp_path):
    office, county_office = county
    papers = [county_office.register(f"关于第{n}个社区健身场地的建议", "张三", "李四")
              for n in range(12)]
    second = enrol(office, tmp_path, "主任笔记本", "office")
    lead = second.session.scalar(select(Member.id).where(Member.name == "张三"))
    for paper in papers:
        entry.edit(second.session, second.admin, paper.id,
                   proposers=[entry.ProposerInput(lead)])
    package = second.send(office)
    before = synced_rows(office.session)

    first = office.receive(package)
    assert first.large_deletions and not first.applied
    assert synced_rows(office.session) == before
    confirmed = office.receive(package, confirm_deletions=True)
    assert confirmed.applied
    assert office.session.scalar(select(func.count()).select_from(Proposer)) == 12
    second.close()


def test_entry_laptop_day_two_laptops_in_either_order(county, tmp_path):
    """Two laptops type 300 papers each, 20 of them the same papers: 580 go to 审查 and the 20
    typed twice are flagged, whichever laptop's package comes first."""
    office, _ = county
    a = enrol(office, tmp_path, "录入机A", "entry")
    b = enrol(office, tmp_path, "录入机B", "entry")
    titles = _distinct_titles(580)
    shared = titles[:20]
    for place, own in ((a, titles[20:300]), (b, titles[300:580])):
        for title in [*shared, *own]:
            _type(place, title)
    packages = [a.send(office), b.send(office)]
    snapshot = copy_of(office.db, tmp_path / "before.db")

    for order in (packages, packages[::-1]):
        if order is not packages:
            path = office.db.path
            office.close()
            for extra in ("-wal", "-shm"):
                Path(f"{path}{extra}").unlink(missing_ok=True)
            shutil.copy(snapshot, path)
            office.db = open_database(path)
            office.session = office.db.session()
        receipts = [office.receive(p) for p in order]
        assert sum(r.submitted for r in receipts) == 580
        assert len(receipts[1].duplicates) == 20 and not receipts[0].duplicates
        states = dict(office.session.execute(select(Proposal.status, func.count())
                                             .group_by(Proposal.status)).all())
        assert states == {State.IN_REVIEW: 580, State.REGISTERED: 20}
    a.close()
    b.close()


def _distinct_titles(count: int) -> list[str]:
    """案由 no two of which the similar-title rule of 录入 takes for the same paper: six
    characters drawn without a common word, so only papers typed twice look alike."""
    import random
    rng = random.Random(7)
    chars = ("山水田林路桥村镇街巷河湖港站校园医院厂矿粮油茶果菜牧渔林草电网气热"
             "书馆馆舍车船票价税费贷险保障补助培训就业创业科技信息文化旅游体育卫生"
             "防疫食品药品环境污染治理绿色低碳能源交通物流商贸市场金融服务养老托育")
    kept: list[tuple[str, set[str]]] = []
    while len(kept) < count:
        title = f"关于{''.join(rng.sample(chars, 6))}的建议"
        terms = fulltext.title_terms(title)
        if all(fulltext.title_likeness(terms, other) < SIMILAR_AT_LEAST for _, other in kept):
            kept.append((title, terms))
    return [title for title, _ in kept]


def test_a_unit_site_holds_only_its_own_assignments_without_phone_numbers(county, tmp_path):
    office, county_office = county
    proposal, own = assigned(county_office, "关于加强城区学校周边交通安全的建议", lead="教育局")
    assigned(county_office, "关于规范城区农贸市场管理的建议", lead="市场监管局")
    unit = enrol(office, tmp_path, "县教育局", "unit", unit="县教育局")

    assert unit.session.scalars(select(Proposal.title)).all() == [
        "关于加强城区学校周边交通安全的建议"]
    assert unit.session.scalars(select(Assignment.id)).all() == [own[0].id]
    assert unit.session.scalar(select(func.count()).select_from(Member).where(
        Member.phone.is_not(None))) == 0
    assert unit.session.scalar(select(Proposal.status)) == proposal.status == State.ASSIGNED
    unit.close()


def test_a_units_receipt_and_reply_with_its_letter_count_at_the_office_as_if_made_there(
        county, tmp_path):
    office, county_office = county
    _, rows = assigned(county_office, "关于加强城区学校周边交通安全的建议", lead="教育局")
    twin_path = copy_of(office.db, tmp_path / "twin.db")
    unit = enrol(office, tmp_path, "县教育局", "unit", unit="县教育局")
    letter = tmp_path / "答复函.docx"
    letter.write_bytes(b"PK\x03\x04 a signed reply letter")

    def work(session, actor, store):
        on = rows[0].assigned_on
        assignment.accept(session, actor, rows[0].id, on=on + timedelta(2))
        handling.reply(session, actor, rows[0].id, handling.ReplyInput(
            ReplyCategory.A, on + timedelta(30), signer="局长", letter=letter), store)

    work(unit.session, unit.admin, unit.db.attachments_dir)
    receipt = office.receive(unit.send(office))
    assert receipt.refused == 0 and receipt.conflicts == 0
    reply = office.session.scalar(select(Reply))
    stored = office.db.attachments_dir / reply.letter_sha256[:2] / reply.letter_sha256
    assert stored.read_bytes() == letter.read_bytes()

    seen = {(e.what, e.by) for e in timeline.timeline(office.session, office.admin,
                                                       rows[0].proposal_id)}
    assert {("签收", "xjyj（县教育局）"), ("答复", "经办人（县教育局）")} <= seen
    assert ("交办", "管理员") in seen  # the office's own work is not marked

    twin_db = open_database(twin_path)
    twin = twin_db.session()
    work(twin, county_office.admin, twin_db.attachments_dir)
    today = date(2023, 12, 31)
    assert statistics_for(office.session, office.admin, today=today) == statistics_for(
        twin, county_office.admin, today=today)
    twin.close()
    twin_db.close()
    unit.close()


def test_a_unit_may_not_change_a_proposal_title_and_the_preview_says_so(county, tmp_path):
    office, county_office = county
    proposal, _ = assigned(county_office, "关于加强城区学校周边交通安全的建议", lead="教育局")
    unit = enrol(office, tmp_path, "县教育局", "unit", unit="县教育局")
    with write(unit.session, unit.admin, "tampered"):
        unit.session.get(Proposal, proposal.id).title = "改过的案由"
    receipt = office.receive(unit.send(office))
    assert receipt.refused == 1
    [line] = [line for line in receipt.lines if line.outcome == "refused"]
    assert line.reasons == ("sync_refused_unit",)
    office.session.refresh(proposal)
    assert proposal.title == "关于加强城区学校周边交通安全的建议"
    unit.close()


def test_a_units_receipt_after_the_office_moved_the_assignment_is_put_to_a_person(
        county, tmp_path):
    office, county_office = county
    _, rows = assigned(county_office, "关于加强城区学校周边交通安全的建议", lead="教育局")
    unit = enrol(office, tmp_path, "县教育局", "unit", unit="县教育局")
    on = rows[0].assigned_on + timedelta(1)
    assignment.request_adjustment(unit.session, unit.admin, rows[0].id, "不属于本单位职责", on=on)
    office.receive(unit.send(office))
    other = office.session.scalar(select(Unit.id).where(Unit.name == "县财政局"))
    assignment.decide_adjustment(office.session, office.admin, rows[0].id, True, "同意调整",
                                 new_unit_id=other, on=on + timedelta(1))
    assignment.accept(unit.session, unit.admin, rows[0].id, on=on + timedelta(2))

    receipt = office.receive(unit.send(office))
    assert receipt.conflicts == 1
    [row] = conflicts.open_conflicts(office.session, office.admin)
    assert row.reason == "sync_after_end" and "县教育局" in row.record
    conflicts.settle(office.session, office.admin, row.conflict_id, keep=True)
    assert conflicts.open_count(office.session) == 0
    unit.close()


def test_a_retired_sites_packages_are_refused_and_nothing_is_written(county, tmp_path):
    office, _ = county
    laptop = enrol(office, tmp_path, "录入机A", "entry")
    _type(laptop, "关于加强城区停车管理的建议")
    package = laptop.send(office)
    site_id = laptop.site_id
    enrolment.retire(office.session, office.admin, site_id)
    before = synced_rows(office.session)
    with pytest.raises(DomainError) as refused:
        office.receive(package)
    assert refused.value.code == "package_retired_sender"
    assert synced_rows(office.session) == before
    laptop.close()


def test_a_package_meant_for_another_site_is_refused(county, tmp_path):
    office, _ = county
    a = enrol(office, tmp_path, "录入机A", "entry")
    b = enrol(office, tmp_path, "录入机B", "entry")
    for_a = office.send(a)
    with pytest.raises(DomainError) as refused:
        b.receive(for_a)
    assert refused.value.code == "package_not_for_here"
    a.close()
    b.close()


def test_a_units_clerk_at_the_office_pc_does_not_exchange_or_see_conflicts(county):
    office, county_office = county
    clerk = person(county_office, UserRole.UNIT, county_office.unit("教育局").id)
    with refused(NotAllowed, "role_not_allowed"):
        conflicts.open_conflicts(office.session, clerk)
    with refused(NotAllowed, "role_not_allowed"):
        exchange.receive(office.session, clerk, office.folder / "x.tian",
                         office.db.attachments_dir, apply=False)


def test_a_proposal_assigned_to_a_unit_later_arrives_whole_with_its_history(county, tmp_path):
    office, county_office = county
    assigned(county_office, "关于加强城区学校周边交通安全的建议", lead="教育局")
    later = filed(county_office, "关于增设乡村学校寄宿床位的建议")
    entry_title = later.title
    unit = enrol(office, tmp_path, "县教育局", "unit", unit="县教育局")
    assert unit.session.scalar(select(func.count()).select_from(Proposal)) == 1

    assignment.assign(office.session, office.admin, later.id,
                      lead=county_office.unit("教育局").id, assigned_on=date(2023, 3, 2))
    receipt = unit.receive(office.send(unit))
    assert receipt.refused == 0
    arrived = unit.session.get(Proposal, later.id)
    assert arrived.title == entry_title and arrived.status == State.ASSIGNED
    assert [p.name for p in arrived.proposers] == ["张三"]
    unit.close()


def test_what_only_the_office_decides_is_refused_on_a_laptop(county, tmp_path):
    office, _ = county
    laptop = enrol(office, tmp_path, "录入机A", "entry")
    paper = _type(laptop, "关于加强城区停车管理的建议", submit=True)
    with refused(NotAllowed, "office_decides", action="file"):
        review.file(laptop.session, laptop.admin, [paper.id])
    laptop.close()


def test_a_proposer_taken_off_at_the_office_is_taken_off_at_the_unit(county, tmp_path):
    office, county_office = county
    proposal, _ = assigned(county_office, "关于加强城区学校周边交通安全的建议", lead="教育局")
    cosigner = county_office.member("李四")
    with write(office.session, office.admin, "test.cosign"):
        office.session.add(Proposer(proposal_id=proposal.id, position=1,
                                    role=ProposerRole.COSIGNER, member_id=cosigner.id,
                                    name="李四"))
    unit = enrol(office, tmp_path, "县教育局", "unit", unit="县教育局")
    assert set(unit.session.scalars(select(Proposer.name))) == {"张三", "李四"}
    with write(office.session, office.admin, "test.uncosign"):
        office.session.delete(office.session.scalar(select(Proposer).where(
            Proposer.name == "李四")))
    unit.receive(office.send(unit))
    assert set(unit.session.scalars(select(Proposer.name))) == {"张三"}
    unit.close()


def test_a_big_export_comes_in_parts_imported_in_order(county, tmp_path, monkeypatch):
    office, _ = county
    laptop = enrol(office, tmp_path, "录入机A", "entry")
    for title in _distinct_titles(6):
        _type(laptop, title)
    monkeypatch.setattr(exchange, "PART_CHANGES", 10)
    sent = exchange.send(laptop.session, laptop.admin, office.site_id, laptop.folder,
                         laptop.db.attachments_dir)
    assert len(sent.paths) >= 3 and sent.paths[1].name.endswith("-2.tian")
    for part in sent.paths:
        office.receive(part)
    assert office.session.scalar(select(func.count()).select_from(Proposal)) == 6
    # everything arrived in an unbroken run: the next package starts after it
    again = exchange.send(laptop.session, laptop.admin, office.site_id, laptop.folder / "next",
                          laptop.db.attachments_dir)
    back = office.send(laptop)
    laptop.receive(back)
    resent = exchange.send(laptop.session, laptop.admin, office.site_id, laptop.folder / "last",
                           laptop.db.attachments_dir)
    assert again.changes > 0 and resent.changes == 0
    laptop.close()


def test_changes_held_while_the_offices_own_clock_was_behind_are_taken_once_it_is_right(
        county, tmp_path, monkeypatch):
    office, _ = county
    laptop = enrol(office, tmp_path, "录入机A", "entry")
    _type(laptop, "关于加强城区停车管理的建议")
    package = laptop.send(office)
    real = clock.wall_now_ms
    monkeypatch.setattr(clock, "wall_now_ms", lambda: real() - 3 * 24 * 3600 * 1000)
    held = office.receive(package)
    assert held.held > 0 and office.session.scalar(select(func.count()).select_from(Proposal)) == 0
    monkeypatch.setattr(clock, "wall_now_ms", real)  # the office's clock put right
    applied, still = conflicts.release_held(office.session, office.admin)
    assert applied == held.held and still == 0
    office.session.expire_all()
    assert office.session.scalar(select(Proposal.serial)) == "A-0001"
    laptop.close()
