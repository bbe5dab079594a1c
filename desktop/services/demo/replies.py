"""How a demo unit writes back: the reply (答复) and the follow-up (续办), and who signs them.

A letter splits the text into paragraphs at newlines; level-1 headings (一、) stand alone, the
measures under them are （一）（二） paragraphs.  Short answers run to four paragraphs, long
ones to a dozen, so that some letters fill two or three pages."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date

from desktop.domain.enums import ReplyCategory
from desktop.store.models import Unit

NUMERALS = "一二三四五六七八九十"
AGREED = (ReplyCategory.A, ReplyCategory.B)  # say so first, then what was done


class _Fill(dict):
    """The words a reply's templates name; each figure and town drawn afresh where it is used,
    so that one letter does not report the same sum twice."""

    __slots__ = ("random", "towns")
    random: Callable[[], float]
    towns: list[str]

    def __missing__(self, key: str) -> object:
        r = self.random()
        if key == "money":
            return 50 + int(r * 295) * 10
        if key == "count":
            return 3 + int(r * 34)
        if key == "many":
            return 120 + int(r * 288) * 10
        if key == "share":
            return 60 + int(r * 36)
        if key == "towns":
            towns = self.towns
            first, second = towns[int(r * len(towns))], towns[int(self.random() * len(towns))]
            return first if second == first or self.random() < 0.5 else f"{first}、{second}"
        raise KeyError(key)


class Replies:
    """Mixed into Prose: its text stream (pick, some, random), the words, each unit's staff,
    the county's towns and each field's units."""

    def reply(self, topic: str, category: str, unit: Unit, points: list[list[str]],
              grade: ReplyCategory, round_: int, on: date, you: str) -> str:
        """A quarter short (办理情况, 下一步), a quarter point by point (关于…的建议), the rest
        基本情况, the measures, 困难 where there are any, 下一步; a fifth of those at length."""
        pick, words = self.pick, self.text["reply"]
        heads = words["headings"]
        opening = [pick(words["again"])] if round_ > 1 else (
            [pick(words["opening"])] if self.random() < 0.8 else [])
        shape = self.random()
        sections: list[tuple[str, list[str]]] = []
        if shape < 0.25:
            sections.append((pick(heads["work"]), ["".join(self._measures(category, 2))]))
        elif shape < 0.5:
            for name, _, answer in points[:3]:
                stance = pick(words["stance"][grade.value])
                sections.append((heads["point"].format(point=name),
                                 [stance + answer if grade in AGREED else answer + stance]))
        else:
            longer = shape > 0.8
            situation = self.some(words["situation"], 2 if longer else 1)
            sections.append((pick(heads["situation"]), ["".join(situation)]))
            sections.append((pick(heads["work"]), self._measures(
                category, pick((2, 3, 3, 4)), named=True, longer=longer)))
            if grade not in AGREED or self.random() < 0.3:
                sections.append((pick(heads["difficulty"]), [self._difficulties()]))
        sections.append((pick(heads["next"]), [self._next(grade, shape > 0.8)]))
        paragraphs = opening
        for i, (heading, lines) in enumerate(sections):
            paragraphs.append(f"{NUMERALS[i]}、{heading}")
            paragraphs += lines
        return "\n".join(paragraphs).format_map(self._fill(topic, category, unit, on, you))

    def follow_up(self, topic: str, category: str, unit: Unit, replied: date, on: date,
                  you: str) -> str:
        words = self.text["follow_up"]
        done, going, then = (f"{NUMERALS[i]}、{h}" for i, h in enumerate(words["headings"]))
        paragraphs = [done, self.pick(words["done"]), going,
                      *self._measures(category, self.pick((2, 2, 3)), named=True), then,
                      self.pick(words["next"])]
        fill = self._fill(topic, category, unit, on, you)
        fill["month"] = replied.month
        return "\n".join(paragraphs).format_map(fill)

    # --- who --------------------------------------------------------------------------------

    def signer(self, unit: Unit) -> str:
        staff = self.staff[unit.id]
        return staff.head if self.random() < 0.8 else staff.deputy

    def contact(self, unit: Unit, on: date) -> tuple[str, str]:
        return self.staff[unit.id].clerk(on)

    def unit_people(self, unit: Unit) -> str:
        """Who met the proposer for the unit: 县教育局副局长张明, at times with the head."""
        s, r = self.staff[unit.id], self.random()
        if r < 0.2:
            return f"{s.unit}{s.head_title}{s.head}、{s.deputy_title}{s.deputy}"
        if r < 0.35:
            return f"{s.unit}{s.head_title}{s.head}"
        return f"{s.unit}{s.deputy_title}{s.deputy}"

    # --- pieces -----------------------------------------------------------------------------

    def _fill(self, topic: str, category: str, unit: Unit, on: date, you: str) -> _Fill:
        partner = self.pick(self.partners.get(category) or ["县财政局"])
        fill = _Fill(topic=topic, me=self.staff[unit.id].me, you=you, year=on.year,
                     last_year=on.year - 1, next_year=on.year + 1, month=on.month,
                     partner="县财政局" if partner == unit.name else partner)
        fill.random, fill.towns = self.random, self.towns
        return fill

    def _measures(self, category: str, count: int, named: bool = False,
                  longer: bool = False) -> list[str]:
        """Measures of the topic's field and of any field: （一）name。what was done; a long
        letter tells a second, general one under each, and how far it has got."""
        pool = self.text["reply"]["measures"]
        general = self.some(pool["通用"], count // 3 + (count if longer else 0))
        chosen = self.some(pool.get(category) or pool["通用"], count - count // 3) + general[
            :count // 3]
        more = iter(general[count // 3:])
        results = iter(self.some(self.text["reply"]["results"], count) if longer else ())
        out = []
        for i, (name, done) in enumerate(chosen):
            if longer:
                done += "此外，" + next(more)[1] + next(results)
            out.append(f"（{NUMERALS[i]}）{name}。{done}" if named else done)
        return out

    def _difficulties(self) -> str:
        words = self.text["reply"]
        found = self.some(words["difficulties"], self.pick((2, 3)))
        return self.pick(words["difficulty_intro"]) + "".join(
            f"{NUMERALS[i]}是{d}{'。' if i == len(found) - 1 else '；'}"
            for i, d in enumerate(found))

    def _next(self, grade: ReplyCategory, longer: bool) -> str:
        words = self.text["reply"]
        more = self.some(words["next_more"], 2 if longer else int(self.random() < 0.6))
        return "".join([self.pick(words["next"][grade.value]), *more])
