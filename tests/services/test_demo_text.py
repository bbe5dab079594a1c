"""The demo office's words, as its printed forms, letters and compilation show them: points
numbered in order, titles without a doubled word, letters signed by people with county numbers,
the same people for a unit all year; and rewording never moves the records."""
from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from datetime import date

import pytest
from sqlalchemy import select

from desktop.domain.actor import Actor
from desktop.local.paths import base_data_dir, resources_dir
from desktop.services import demo, setup
from desktop.services.demo import prose as demo_prose
from desktop.services.demo.plan import _text
from desktop.services.demo.prose import possible_titles
from desktop.store.database import open_database
from desktop.store.models import (
    Assignment, Contact, Evaluation, FollowUp, Proposal, Reply, Review, Unit,
)

TODAY = date(2026, 11, 23)
NUMERALS = "一二三四五六七八九十"
TEXT = _text()
NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
ROLE_WORDS = ("长", "主任", "书记", "负责", "经办", "人员", "领导", "主席", "经理")
PHONE = re.compile(r"^(0\d{3}-\d{7}|1[3-9]\d{9})$")
INLINE = re.compile(r"(?:^|[：；。])([一二三四五六七八九十])是")
HEADING = re.compile(r"^([一二三四五六七八九十])、")
SUB = re.compile(r"^（([一二三四五六七八九十])）")


def _office(tmp_path, seed: int, text_seed: str | None = None, monkeypatch=None):
    db = open_database(tmp_path / f"office-{seed}-{text_seed}.db", create=True)
    session = db.session()
    setup.initialize(session, "政协示范县委员会", "admin123", base_dir=base_data_dir())
    if text_seed is not None:
        plain_init = demo_prose.Prose.__init__

        def reseeded(self, text, seed, units):
            plain_init(self, text, seed, units)
            self.rng.seed(text_seed)

        monkeypatch.setattr(demo_prose.Prose, "__init__", reseeded)
    demo.generate(session, Actor.system("演示数据"), 300, seed=seed, today=TODAY)
    session.commit()
    return db, session


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    db, session = _office(tmp_path_factory.mktemp("demo-text"), 11)
    yield session
    session.close()
    db.close()


def _paragraphs(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


def _in_order(numerals: list[str]) -> bool:
    return numerals == list(NUMERALS[:len(numerals)])


def _numbering_holds(text: str) -> None:
    """Headings 一、二、 in order; （一）（二） in order under each; 一是、二是 in order within a
    paragraph."""
    headings, subs = [], []
    for paragraph in _paragraphs(text):
        if m := HEADING.match(paragraph):
            headings.append(m.group(1))
            subs = []
        elif m := SUB.match(paragraph):
            subs.append(m.group(1))
            assert _in_order(subs), paragraph
        inline = INLINE.findall(paragraph)
        assert _in_order(inline), paragraph
    assert _in_order(headings), text


def _topic_of(body: str) -> str:
    first = body.split("\n")[0] if not HEADING.match(body) else body.split("\n")[1]
    topics = [t for ts in TEXT["topics"].values() for t in ts if t in first]
    assert topics, body
    return max(topics, key=len)


def test_demo_proposals_number_their_points_in_order(office):
    bodies = office.scalars(select(Proposal.body)).all()
    assert len(bodies) >= 300
    for body in bodies:
        _numbering_holds(body)
        paragraphs = _paragraphs(body)
        problems = next(i for i, p in enumerate(paragraphs) if "一是" in p)
        asked = next(i for i, p in enumerate(paragraphs) if "建议" in p)
        assert problems < asked, body  # 情况 and 问题 first, then 建议
        assert INLINE.findall(paragraphs[problems])[1:2] == ["二"], body


def test_demo_titles_repeat_no_word():
    """Every title the demo can form, not a sample: no word twice in a row (城区城区), and in
    a composed title no two-character word twice at all (农村…农村)."""
    doubled = re.compile(r"(.{1,4})\1")
    titles = possible_titles(TEXT)
    written = {t for ts in TEXT["real_titles"].values() for t in ts}
    assert len(titles) > 500
    for title in titles:
        words = title.removeprefix("关于").removesuffix("的提案").removesuffix("的建议")
        assert not doubled.search(words), title
        if title not in written:
            pairs = Counter(words[i:i + 2] for i in range(len(words) - 1))
            assert max(pairs.values()) == 1, title


def test_title_pieces_fit_every_topic():
    topics = [t for ts in TEXT["topics"].values() for t in ts]
    assert sorted(topics) == sorted(TEXT["title_fit"])
    assert set(TEXT["real_titles"]) <= set(topics)
    for topic, (verbs, places) in TEXT["title_fit"].items():
        assert verbs, topic
        assert set(places) <= set(TEXT["places"]), topic
    written = {t for ts in TEXT["real_titles"].values() for t in ts}
    base_titles = (resources_dir() / "base" / "titles.txt").read_text(encoding="utf-8").split()
    assert set(base_titles) <= written  # the title the office's stream draws can be used


def test_demo_stores_only_titles_it_can_form(office):
    stored = set(office.scalars(select(Proposal.title)))
    written = {t for ts in TEXT["real_titles"].values() for t in ts}
    assert stored <= possible_titles(TEXT)
    assert stored & written and stored - written  # as members wrote them, and composed


def test_demo_replies_read_like_a_units_letter(office):
    rows = office.execute(select(Reply.text, Reply.category, Proposal.body).join(
        Assignment, Assignment.id == Reply.assignment_id).join(
        Proposal, Proposal.id == Assignment.proposal_id)).all()
    assert len(rows) > 150
    lengths = []
    for text, _, body in rows:
        paragraphs = _paragraphs(text)
        assert 4 <= len(paragraphs) <= 12, text
        assert sum(bool(HEADING.match(p)) for p in paragraphs) >= 2, text
        _numbering_holds(text)
        assert _topic_of(body) in text, text
        assert "{" not in text and "}" not in text
        lengths.append(len(text))
    lengths.sort()
    assert lengths[len(lengths) // 10] < 250 and lengths[-len(lengths) // 20] > 750  # some run
    assert len({text for text, _, _ in rows}) == len(rows)  # to two or three pages


def test_demo_replies_are_signed_by_named_people(office):
    surnames = TEXT["surnames"]
    rows = office.execute(select(Reply.signer, Reply.contact_person, Reply.contact_phone)).all()
    accepted = office.scalars(select(Assignment.accepted_by).where(
        Assignment.accepted_by.is_not(None))).all()
    people = [r.signer for r in rows] + [r.contact_person for r in rows] + list(accepted)
    for name in people:
        assert NAME.match(name) and name[0] in surnames, name
        assert not any(word in name for word in ROLE_WORDS), name
    for row in rows:
        assert PHONE.match(row.contact_phone), row.contact_phone


def test_demo_units_keep_their_people_through_the_year(office):
    """A unit's letters come from its one clerk, from another only in the month they are away;
    its head signs them, or now and then the deputy."""
    rows = office.execute(select(Unit.name, Reply.replied_on, Reply.signer,
                                 Reply.contact_person, Reply.contact_phone).join(
        Assignment, Assignment.id == Reply.assignment_id).join(Unit)).all()
    by_unit, by_month = defaultdict(list), defaultdict(set)
    for unit, on, signer, person, phone in rows:
        by_unit[unit].append((signer, person, phone))
        by_month[unit, on.year, on.month].add(person)
    assert all(len(people) == 1 for people in by_month.values())
    usual = 0
    for unit, replies in by_unit.items():
        assert len({s for s, _, _ in replies}) <= 2, unit
        contacts = Counter(p for _, p, _ in replies)
        assert len(contacts) <= 2, unit
        assert len({(p, phone) for _, p, phone in replies}) == len(contacts), unit
        usual += contacts.most_common(1)[0][1]
    assert usual >= len(rows) * 0.75
    everyone = {p for replies in by_unit.values() for _, p, _ in replies}
    assert len(everyone) > len(by_unit)  # each unit its own clerks, not one name for all


def test_demo_contacts_name_who_met_the_proposer(office):
    rows = office.execute(select(Unit.name, Contact.unit_people).join(
        Assignment, Assignment.id == Contact.assignment_id).join(Unit)).all()
    titles = {t for row in TEXT["staff"]["heads"] for t in row[1:3]}
    assert rows
    for unit, people in rows:
        assert people.startswith(unit), people  # 县教育局副局长张明
        for who in people.removeprefix(unit).split("、"):
            assert any(who.startswith(t) and NAME.match(who.removeprefix(t)) for t in titles), people


def test_demo_follow_ups_report_progress_under_headings(office):
    texts = office.scalars(select(FollowUp.text)).all()
    assert texts
    for text in texts:
        assert len(_paragraphs(text)) >= 5
        assert [HEADING.match(p).group(1) for p in _paragraphs(text) if HEADING.match(p)] == [
            "一", "二", "三"]
        _numbering_holds(text)
        assert len(text) <= 2000  # what the follow-up service itself accepts


def test_every_base_unit_has_its_head_named():
    """Each unit of the base lists signs as a unit of its kind does (局长, 院长, 镇长 …)."""
    with (base_data_dir() / "units.csv").open(encoding="utf-8") as f:
        names = [row["name"] for row in csv.DictReader(f)]
    for name in names:
        assert any(name.endswith(row[0]) for row in TEXT["staff"]["heads"]), name


def _facts(session) -> list:
    """What the statistics count: every record's dates, kinds and outcomes, not its words."""
    queries = (
        select(Proposal.serial, Proposal.number, Proposal.status, Proposal.kind, Proposal.origin,
               Proposal.received_on, Proposal.key),
        select(Review.level, Review.decision, Review.at),
        select(Assignment.role, Assignment.assigned_on, Assignment.accepted_on,
               Assignment.due_on, Assignment.round, Unit.short_name).join(Unit),
        select(Reply.round, Reply.category, Reply.replied_on),
        select(Evaluation.round, Evaluation.result, Evaluation.evaluated_on),
        select(FollowUp.followed_on),
    )
    return [sorted(session.execute(q).all(), key=repr) for q in queries]


def _words(session) -> list:
    return [
        sorted(session.execute(select(Proposal.serial, Proposal.title, Proposal.body)).all()),
        sorted(session.execute(select(Reply.text, Reply.signer, Reply.contact_person,
                                      Reply.contact_phone)).all()),
        sorted(session.execute(select(Contact.unit_people)).all()),
    ]


def test_demo_words_are_the_same_for_the_same_seed(office, tmp_path):
    db, session = _office(tmp_path, 11)
    try:
        assert _words(session) == _words(office)
    finally:
        session.close()
        db.close()


def test_rewording_the_demo_leaves_its_records_as_they_were(office, tmp_path, monkeypatch):
    """The words come from a stream of their own: another wording, the same year."""
    db, session = _office(tmp_path, 11, text_seed="another wording", monkeypatch=monkeypatch)
    try:
        assert _facts(session) == _facts(office)
        assert _words(session)[1] != _words(office)[1]
    finally:
        session.close()
        db.close()
