"""Building, through the services, offices whose year matches figures they really published."""
from __future__ import annotations

from datetime import date, timedelta

from desktop.domain.enums import ContactForm, Kind, ReplyCategory, UnitSystem
from desktop.services import assignment, handling, numbering, review

ASSIGNED_ON = date(2023, 3, 1)


def register_many(office, count: int, kind: Kind = Kind.SESSION, prefix: str = "关于提案") -> list:
    titles = [f"{prefix}第{i}件的提案" for i in range(count)]
    names = ["张三", "李四", "王五", "赵六"]
    return [office.register(t, names[i % 4], kind=kind).id for i, t in enumerate(titles)]


def file_all(office, ids: list[str]) -> None:
    review.forward(office.session, office.admin, ids)
    review.forward(office.session, office.admin, ids)
    review.file(office.session, office.admin, ids)
    numbering.give_numbers(office.session, office.admin, ids)


def answer(office, assignment_row, category: ReplyCategory, face: bool = False) -> None:
    handling_ = assignment_row
    assignment.accept(office.session, office.admin, handling_.id, on=ASSIGNED_ON + timedelta(2))
    if face:
        handling.record_contact(office.session, office.admin, handling_.id, ContactForm.FACE,
                                ASSIGNED_ON + timedelta(10), members="提案人", unit_people="分管领导")
    handling.reply(office.session, office.admin, handling_.id,
                   handling.ReplyInput(category, ASSIGNED_ON + timedelta(60), signer="局长"))


def spread(counts: dict[str, int]) -> list[ReplyCategory]:
    return [ReplyCategory(k) for k, n in counts.items() for _ in range(n)]


def build_shenzhen(office) -> None:
    """739 received (714 大会 + 25 平时), 579 filed, 567 to 政府系统 with 616 replies due."""
    session_ids = register_many(office, 714, Kind.SESSION)
    interim_ids = register_many(office, 25, Kind.INTERIM, prefix="关于平时")
    ids = session_ids + interim_ids
    filed, rest = ids[:579], ids[579:]
    review.forward(office.session, office.admin, rest)
    review.forward(office.session, office.admin, rest)
    review.refer(office.session, office.admin, rest[:100], "属于工作建议")
    review.reject(office.session, office.admin, rest[100:130], "不属于政协提案范围")
    review.merge(office.session, office.admin, rest[130:155], filed[0])
    review.withdraw(office.session, office.admin, rest[155:], "提案人撤回")
    file_all(office, filed)
    gov = office.units(UnitSystem.GOVERNMENT)
    other = [u for u in office.units() if u.system is not UnitSystem.GOVERNMENT]
    categories = iter(spread({"A": 461, "B": 119, "C": 32, "D": 4}))
    for i, pid in enumerate(filed[:518]):
        [lead] = assignment.assign(office.session, office.admin, pid, lead=gov[i % len(gov)].id,
                                   assist=[gov[(i + 1) % len(gov)].id] if i % 5 == 0 else [],
                                   assigned_on=ASSIGNED_ON)[:1]
        answer(office, lead, next(categories))
    for i, pid in enumerate(filed[518:567]):
        for a in assignment.assign(office.session, office.admin, pid, assigned_on=ASSIGNED_ON,
                                   separate=[gov[i % len(gov)].id, gov[(i + 7) % len(gov)].id]):
            answer(office, a, next(categories))
    for i, pid in enumerate(filed[567:]):
        [lead] = assignment.assign(office.session, office.admin, pid, lead=other[i].id,
                                   assigned_on=ASSIGNED_ON)
        answer(office, lead, ReplyCategory.A)


def build_chuxiong(office) -> None:
    """248 replies from 31 units (A 177, B 61, C 10), every proposal discussed face to face."""
    ids = register_many(office, 240)
    file_all(office, ids)
    units = office.units()[:31]
    categories = iter(spread({"A": 177, "B": 61, "C": 10}))
    for i, pid in enumerate(ids[:232]):
        [lead] = assignment.assign(office.session, office.admin, pid, lead=units[i % 31].id,
                                   assigned_on=ASSIGNED_ON)
        answer(office, lead, next(categories), face=True)
    for i, pid in enumerate(ids[232:]):
        pair = assignment.assign(office.session, office.admin, pid, assigned_on=ASSIGNED_ON,
                                 separate=[units[i].id, units[i + 10].id])
        for n, a in enumerate(pair):
            answer(office, a, next(categories), face=n == 0)
