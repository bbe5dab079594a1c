"""Content for tests/bench/bench_documents.py: reply letters and a compilation built the way the
services build them, from the shared sample data (/work/shared/data: titles, units, sectors,
categories) and the demo generator's sentences (resources/demo/text.json); and the same
paragraphs as (text, style name) pairs for the raw python-docx baselines."""
from __future__ import annotations

import csv
import json
import os
import random
from datetime import date, timedelta
from pathlib import Path

from desktop.exporters.compilation import CategoryGroup, Compilation, CompiledProposal
from desktop.exporters.reply_letter import ReplyLetter
from desktop.local.paths import resources_dir
from desktop.wording.dates import chinese_date

SHARED = Path(os.environ.get("TIAN_SHARED_DATA", "/work/shared/data"))
COUNTY = "示范县"
MEETING = f"政协{COUNTY}第十届委员会第二次会议"
NUMERALS = "一二三四五六七八九十"


def _csv(name: str) -> list[dict[str, str]]:
    with (SHARED / name).open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


class Source:
    """The sample data, with a seeded generator: the same content on every run."""

    def __init__(self, seed: int = 1) -> None:
        self.rng = random.Random(seed)
        self.titles = [t.strip() for t in (SHARED / "titles.txt").read_text(
            encoding="utf-8").splitlines() if t.strip()]
        self.units = _csv("units.csv")
        self.sectors = [row["name"] for row in _csv("sectors.csv")]
        self.categories = [row["name"] for row in _csv("categories.csv")]
        text = json.loads((resources_dir() / "demo" / "text.json").read_text(encoding="utf-8"))
        asked = text["proposal"]["angles"] + [
            s for pool in text["proposal"]["suggestions"].values() for s in pool]
        self.sentences = [said for _, said, _ in asked]  # sentences that name only the topic
        self.surnames, self.given = text["surnames"], text["given"]

    def name(self) -> str:
        return self.rng.choice(self.surnames) + "".join(
            self.rng.choice(self.given) for _ in range(self.rng.choice((1, 2))))

    def topic(self, title: str) -> str:
        return title.removeprefix("关于").removesuffix("的提案").removesuffix("的建议")

    def paragraph(self, topic: str, chars: int) -> str:
        """Sentences of the demo's proposals and replies until about ``chars`` characters."""
        text = ""
        while len(text) < chars - 15:
            text += self.rng.choice(self.sentences).format(topic=topic)
        return text

    def title(self, index: int) -> str:
        return self.titles[index % len(self.titles)]


def reply_letters(count: int, seed: int = 1) -> list[ReplyLetter]:
    """``count`` letters: 3–6 body paragraphs of about 120 characters, 类别 marks, 抄送."""
    src = Source(seed)
    letters, numbers = [], {}
    for i in range(count):
        unit = src.rng.choice(src.units)
        numbers[unit["name"]] = numbers.get(unit["name"], 0) + 1
        title = src.title(i)
        topic = src.topic(title)
        proposer = src.name()
        letters.append(ReplyLetter(
            unit=unit["name"],
            doc_number=f"县{unit['short_name'].removeprefix('县')}函〔2026〕{numbers[unit['name']]}号",
            category_mark=f"类别：{src.rng.choice('AAABBC')}",
            title=f"关于{MEETING}第{i + 1}号提案的答复",
            salutation=f"{proposer}委员：",
            opening=f"您提出的《{title}》收悉。现答复如下：",
            body=[src.paragraph(topic, 120) for _ in range(src.rng.randint(3, 6))],
            signed_on=date(2026, 5, 1) + timedelta(days=src.rng.randrange(120)),
            assisting=(f"本件由{unit['name']}会同{src.rng.choice(src.units)['name']}办理。"
                       if src.rng.random() < 0.4 else ""),
            disclosure="此件公开发布" if src.rng.random() < 0.5 else None,
            contact_person=src.name(),
            contact_phone=f"0739-{src.rng.randrange(10 ** 7):07d}",
            copies_to=[f"{COUNTY}政协提案委员会", f"{COUNTY}人民政府督查室"][:src.rng.randint(1, 2)],
        ))
    return letters


def letter_paragraphs(letter: ReplyLetter) -> list[tuple[str, str | None]]:
    """The body paragraphs reply_letter.render writes, in order, with their styles (a title's
    line break is a paragraph's text here)."""
    out: list[tuple[str, str | None]] = [(letter.unit, "发文机关标志"),
                                         (letter.doc_number, "发文字号")]
    out += [("", "公文正文"), (letter.title, "公文标题"), ("", "公文正文"),
            (letter.salutation, "公文称呼"), (letter.opening, "公文正文")]
    *before, last = [*letter.body, *filter(None, [letter.assisting])]  # no headings in these
    out += [(text, "公文正文") for text in before]
    if letter.copies_to:
        out.append((f"抄送：{'，'.join(letter.copies_to)}。", "版记"))
    out += [(last, "公文正文"), (letter.closing, "公文正文")]
    if letter.contact_person or letter.contact_phone:
        out += [("", "公文正文"), (f"联系人：{letter.contact_person}　　联系电话：{letter.contact_phone}",
                                    "公文正文")]
    out += [("", "公文正文"), (letter.unit, "公文落款"), (chinese_date(letter.signed_on), "公文落款")]
    if letter.disclosure:
        out.append((f"（{letter.disclosure}）", "公文正文"))
    return out


def compilation(count: int, seed: int = 1) -> Compilation:
    """``count`` proposals in the ten categories, bodies of about 800 characters."""
    src = Source(seed)
    by_category: dict[str, list[CompiledProposal]] = {c: [] for c in src.categories}
    for i in range(count):
        title = src.title(i)
        topic = src.topic(title)
        body, length = [], 0
        while length < 800:
            body.append(src.paragraph(topic, src.rng.randint(100, 200)))
            length += len(body[-1])
        proposers = src.name() if src.rng.random() < 0.7 else "（领衔）、".join(
            (src.name(), "、".join(src.name() for _ in range(src.rng.randint(1, 3)))))
        lead, assist = src.rng.sample(src.units, 2)
        by_category[src.rng.choice(src.categories)].append(CompiledProposal(
            number=f"第{i + 1}号", title=title, proposers=proposers,
            sector=src.rng.choice(src.sectors), body=body,
            units=f"{lead['name']}（主办）；{assist['name']}（协办）"))
    groups = [CategoryGroup(f"{NUMERALS[k] if k < 10 else k + 1}、{name}（{len(items)}件）", items)
              for k, (name, items) in enumerate(by_category.items()) if items]
    return Compilation(MEETING, f"政协{COUNTY}委员会提案委员会", date(2026, 6, 30), groups)


def compilation_paragraphs(book: Compilation) -> list[tuple[str, str, bool]]:
    """The paragraphs compilation.render writes: (text, style, a new page before it)."""
    out = [("", "公文正文", False)] * 3 + [(book.meeting, "公文标题", False)]
    out += [("", "公文正文", False)] * 2 + [("提案汇编", "公文标题", False)]
    out += [("", "公文正文", False)] * 6
    out += [(book.office, "公文称呼", False), (chinese_date(book.compiled_on), "公文称呼", False),
            ("", "公文正文", False), ("目　录", "公文标题", False), ("", "公文正文", False)]
    for group in book.groups:
        out.append((group.heading, "一级标题", False))
        out += [(f"{p.number}　{p.title}\t1", "目录", False) for p in group.proposals]
    for p in book.proposals:
        out += [(p.number, "一级标题", True), (p.title, "公文标题", False), ("", "公文正文", False),
                (f"提案人：{p.proposers}", "公文称呼", False)]
        if p.sector:
            out.append((f"界别：{p.sector}", "公文称呼", False))
        out.append(("", "公文正文", False))
        out += [(text, "公文正文", False) for text in p.body]
        if p.units:
            out += [("", "公文正文", False), (f"承办单位：{p.units}", "公文称呼", False)]
    return out
