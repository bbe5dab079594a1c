"""Printed pages read back: a document rendered by LibreOffice, each page's lines with their
boxes (poppler's ``pdftotext -bbox-layout``) and its red rules (``pdftoppm``), and the rules a
clerk checks on the printed page (GB/T 9704-2012) as functions that name what they find."""
from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

MM = 72 / 25.4  # points in a millimetre
_XHTML = "{http://www.w3.org/1999/xhtml}"
_RED = re.compile(rb"(?:[\xb5-\xff][\x00-\x5a][\x00-\x5a])+")  # red pixels in a row, RGB
PAGE_NUMBER = re.compile(r"—\s*\d+\s*—")
HEADING_MARK = re.compile(r"[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）")


@dataclass(frozen=True)
class Line:
    text: str
    left: float  # points from the page's left edge
    top: float  # points from the page's top edge
    right: float
    bottom: float

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass(frozen=True)
class Page:
    number: int
    width: float
    height: float
    lines: tuple[Line, ...]

    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    def body(self) -> list[Line]:
        """The lines a reader reads: without the page number at the foot."""
        return [line for line in self.lines if not PAGE_NUMBER.fullmatch(line.text)]


def read_pages(pdf: Path) -> list[Page]:
    out = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True,
                         check=True).stdout
    root = ET.fromstring(out)
    pages = []
    for number, page in enumerate(root.iter(f"{_XHTML}page"), start=1):
        lines = []
        for line in page.iter(f"{_XHTML}line"):
            words = [w.text or "" for w in line.iter(f"{_XHTML}word")]
            box = [float(line.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")]
            lines.append(Line(_joined(words), *box))
        lines.sort(key=lambda line: (round(line.top), line.left))
        pages.append(Page(number, float(page.get("width")), float(page.get("height")),
                          tuple(lines)))
    return pages


def _joined(words: list[str]) -> str:
    """Words as the line reads: Chinese without the spaces poppler puts between its boxes."""
    text = ""
    for word in words:
        if text and (text[-1].isascii() and word[:1].isascii()):
            text += " "
        text += word
    return text


def red_rules(pdf: Path, page: int, dpi: int = 100) -> list[tuple[float, float]]:
    """Horizontal red rules on a page: (mm from the top, mm long), one per rule, however many
    pixel rows it takes."""
    ppm = subprocess.run(["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), str(pdf)],
                         capture_output=True, check=True).stdout
    header = re.match(rb"P6\s+(\d+)\s+(\d+)\s+255\s", ppm)
    width, height = int(header[1]), int(header[2])
    pixels = ppm[header.end():]
    per_mm = dpi / 25.4
    rows = []
    for y in range(height):
        row = pixels[y * width * 3:(y + 1) * width * 3]
        longest = max((len(m[0]) // 3 for m in _RED.finditer(row)), default=0)
        if longest > 100 * per_mm:  # a rule, not a red letter
            rows.append((y, longest))
    rules: list[list[tuple[int, int]]] = []
    for y, length in rows:
        if rules and y - rules[-1][-1][0] <= 0.6 * per_mm * 3:  # a double rule is one rule
            rules[-1].append((y, length))
        else:
            rules.append([(y, length)])
    return [(sum(y for y, _ in rule) / len(rule) / per_mm, max(n for _, n in rule) / per_mm)
            for rule in rules]


# --- the rules ---------------------------------------------------------------------------


def closing_alone(pages: list[Page], closing: Callable[[Line, Page], bool]) -> list[str]:
    """A page that holds only the closing block (signature, date, 附注, 抄送) — GB/T 9704
    7.3.5 wants the body's last lines with it."""
    found = []
    for page in pages:
        body = page.body()
        if body and all(closing(line, page) for line in body):
            found.append(f"第{page.number}页只有落款：{' / '.join(line.text for line in body)}")
    return found


def heading_at_foot(pages: list[Page]) -> list[str]:
    """A heading (or a paragraph's first line that begins with one) as a page's last line."""
    found = []
    for page in pages[:-1]:
        body = page.body()
        if body and HEADING_MARK.match(body[-1].text):
            found.append(f"第{page.number}页末行是标题：{body[-1].text}")
    return found


def broken_words(lines: Iterable[str], words: Callable[[str], list[str]]) -> list[str]:
    """A title line ending inside a word: the break is not between two of ``words(title)``."""
    lines = list(lines)
    title = "".join(lines)
    edges, at = set(), 0
    for word in words(title):
        at += len(word)
        edges.add(at)
    found, at = [], 0
    for line in lines[:-1]:
        at += len(line)
        if at not in edges:
            found.append(f"标题在词中断行：{line} / {title[at:]}")
    return found


def title_words(title: str) -> list[str]:
    """A title's words by an independent segmenter (jieba), a 第…号 / 第…次 / 第…届 one word."""
    import jieba  # the test's own reader of Chinese words, not the program's
    import logging

    jieba.setLogLevel(logging.WARNING)
    words: list[str] = []
    for word in jieba.lcut(title):
        if words and re.fullmatch(r"第\d*", words[-1]) and re.match(r"\d|[号届次]", word):
            words[-1] += word
        else:
            words.append(word)
    return words

