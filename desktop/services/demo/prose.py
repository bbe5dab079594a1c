"""The demo's words: titles and proposal bodies as a county's members write them.

Wording is drawn from a stream of its own (the seed and "-text"), so that rewording the demo
never moves its records: the office's stream (DemoOffice.rng) decides the facts, and makes
only the text draws it has always made (topic, verb, place, a written title, four angles).
A body is kept short (情况 and 问题 in one paragraph, 建议 in the next): every character of it
goes into the search index, which a 100,000-proposal demo rebuilds at the end."""
from __future__ import annotations

import random

from desktop.store import fulltext
from desktop.store.models import Unit

from .people import staff_of
from .replies import NUMERALS, Replies


def composed_title(verb: str, place: str, topic: str) -> str:
    return f"关于{verb}{place}{topic}的提案"


def possible_titles(text: dict) -> set[str]:
    """Every title the demo can give a proposal: each topic with each verb and place that fit
    it (or no place), and the titles written out for it."""
    titles = set()
    for topic, (verbs, places) in text["title_fit"].items():
        titles |= {composed_title(v, p, topic) for v in verbs for p in ["", *places]}
        titles |= set(text["real_titles"].get(topic, ()))
    return titles


class Prose(Replies):
    def __init__(self, text: dict, seed: int, units: dict[str, Unit]) -> None:
        self.rng = random.Random(f"{seed}-text")
        self.random = self.rng.random
        self.text = text
        self.staff = staff_of(list(units.values()), text, seed)
        self.towns = [u.short_name for u in units.values() if u.name.endswith(
            ("镇人民政府", "乡人民政府", "街道办事处"))] or ["部分乡镇"]
        self.partners = {category: [units[n].name for n in names if n in units]
                         for category, names in text["units_by_category"].items()}
        self.said_cache: dict[tuple[str, str], tuple[str, str]] = {}
        self.terms_cache: dict[str, str] = {}

    def pick(self, seq):
        """rng.choice at a third of its cost: a body and a reply pick some forty times."""
        return seq[int(self.random() * len(seq))]

    def some(self, seq, k: int) -> list:
        """``k`` different items of ``seq``, in the order drawn."""
        chosen: list = []
        while len(chosen) < k:
            item = seq[int(self.random() * len(seq))]
            if item not in chosen:
                chosen.append(item)
        return chosen

    def title(self, topic: str, verb: str, place: str, written: str | None) -> str:
        """``written``: the office's stream chose a title as a member wrote it (the one it drew
        when that is about this topic, else another about it); else a composed one, the drawn
        verb and place kept where they fit the topic."""
        if written is not None:
            own = self.text["real_titles"].get(topic, ())
            if written in own:
                return written
            if own:
                return self.pick(own)
        verbs, places = self.text["title_fit"][topic]
        if verb not in verbs:
            verb = self.pick(verbs)
        return composed_title(verb, place if place in places else "", topic)

    def body(self, topic: str, category: str, angles: list[list[str]]
             ) -> tuple[str, str, list[list[str]]]:
        """情况 and 问题, then 建议: inline (一是…二是…) or under headings (一、 … （一）…),
        numbered in order.  Returns the body, its search terms, and the suggestions (name, what
        it asks, how a unit answers it) for the replies."""
        words, pick = self.text["proposal"], self.pick
        points = self.some(words["suggestions"][category], pick((1, 1, 2))) + angles[:1]
        problems = [pick(words["problems"][category]), pick(words["problems"]["通用"])]
        found = [self.said(pick(words["situation"]), topic)] + [
            self.said(f"{NUMERALS[i]}是{p}{'。' if i == len(problems) - 1 else '；'}", "")
            for i, p in enumerate(problems)]
        if self.random() < 0.6:
            asked = [self.said(pick(words["suggest_intro"]), topic)]
            for i, (name, said, _) in enumerate(points):
                asked += [self.said(f"{NUMERALS[i]}是{name}。", ""), self.said(said, topic)]
            paragraphs = [found, asked]
        else:
            first, then = (self.said(f"{NUMERALS[i]}、{pick(h)}", "")
                           for i, h in enumerate(words["headings"]))
            paragraphs = [[first], found, [then]] + [
                [self.said(f"（{NUMERALS[i]}）{name}。", ""), self.said(said, topic)]
                for i, (name, said, _) in enumerate(points)]
        body = "\n".join("".join(text for text, _ in p) for p in paragraphs)
        return body, " ".join(terms for p in paragraphs for _, terms in p), points

    def said(self, template: str, topic: str) -> tuple[str, str]:
        """A sentence about the topic and its search terms, kept: the same sentences recur
        across thousands of proposals.  A body's terms are its sentences' in a row, as each
        ends on punctuation or a line."""
        key = (template, topic)
        found = self.said_cache.get(key)
        if found is None:
            text = template.format(topic=topic) if topic else template
            found = self.said_cache[key] = (text, self.terms(text))
        return found

    def terms(self, text: str) -> str:
        found = self.terms_cache.get(text)
        if found is None:
            found = self.terms_cache[text] = " ".join(fulltext.terms_of(text))
        return found
