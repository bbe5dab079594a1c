"""Sample documents for the exporter tests, and reading a rendered PDF back."""
from __future__ import annotations

import html
import math
import re
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from desktop.domain.statistics import HandlingCounts, IntakeCounts, figures, handling_figures
from desktop.exporters import reply_letter
from desktop.exporters.ledger_xlsx import LedgerRow
from desktop.exporters.reply_ledger import ReplyLedgerRow

A4_LANDSCAPE = (841.89, 595.3)  # points, as pdftotext gives a page's size to two places


def letter(number: int, paragraphs: int) -> reply_letter.ReplyLetter:
    return reply_letter.ReplyLetter(
        unit="县教育局", doc_number=f"县教函〔2023〕{number}号", category_mark="A",
        title=f"关于政协××县第十届委员会第二次会议第{number}号提案的答复",
        salutation="张三委员：", opening="您提出的《关于改善农村学校食堂条件的提案》收悉。现答复如下：",
        body=["我局高度重视，认真研究办理，现将有关情况答复如下。" * 3] * paragraphs,
        signed_on=date(2023, 5, 8), copies_to=["县政协提案委员会"])


def pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return int(next(line.split()[-1] for line in info.stdout.splitlines()
                    if line.startswith("Pages:")))


UNITS = ("县教育局", "县财政局", "县住房和城乡建设局", "县卫生健康局", "县农业农村局", "县水利局",
         "县交通运输局", "县自然资源局")


def ledger_row(n: int) -> LedgerRow:
    """A row as full as they come: a long 案由 of its own, co-proposers, up to eight 协办单位,
    every date filled (two-digit months and days, the widest a date is shown) and a 备注."""
    return LedgerRow(
        序号=n, 提案号=f"第{n:03d}号",
        案由=f"关于进一步加强第{n}片区农村饮水安全保障、供水管网改造提升和水源地保护工作的建议",
        领衔提案人="欧阳明远", 联名提案人="李四、王五、赵六、孙七、周八、吴九", 界别="中国国民党革命委员会",
        提案类型="大会", 分类="城乡建设", 立案情况="已立案", 办理方式="主办", 主办单位="县水利局",
        协办单位="、".join(UNITS[:n % len(UNITS) + 1]), 交办日期=date(2023, 10, 28),
        办理时限=date(2023, 12, 25), 签收日期=date(2023, 11, 30), 是否面商="是",
        答复日期=date(2023, 12, 28), 答复类别="A", 公开属性="依申请公开", 办理态度评价="基本满意",
        办理结果评价="基本满意", 办理状态="已办结",
        备注="因机构改革调整承办单位，重新交办" if n % 2 else "")


def reply_ledger_row(n: int) -> ReplyLedgerRow:
    """A unit's row answered before (a re-export): a long 案由, every date the widest a date is
    shown, a contact person and a phone number longer than their columns."""
    return ReplyLedgerRow(
        locked=(f"第{n:03d}号", f"关于进一步加强第{n}片区农村饮水安全保障、供水管网改造提升、水源地保护"
                f"和农村生活污水治理工作的建议", "欧阳明远", "主办", date(2023, 10, 28),
                date(2023, 12, 25)),
        filled=(date(2023, 12, 28), "A", "是", "座谈", "欧阳明远（办公室主任）", "0791-88886666转8001"),
        assignment_id=f"a{n}", version="1", seal="封签")


LONG_UNITS = ("县发展和改革局（县粮食和物资储备局、县国防动员办公室）", "中共县委机构编制委员会办公室",
              "县住房和城乡建设局（县人民防空办公室）", "国家税务总局县税务局", "县教育局")


def county_figures() -> dict:
    """统计 figures as services.statistics gives them, with long names: units with their
    merged offices in brackets, a long category and a 界别 of three parties."""
    def handled(n: int) -> HandlingCounts:
        return HandlingCounts(
            proposals_handled=40 + n, units=1, assignments=50 + n, lead=30 + n, assist=10,
            separate=n, replies_due=40 + n, replied=30 + n,
            categories={"A": 10 + n, "B": 10, "C": 5, "D": 5}, face_to_face=20, evaluated=25,
            satisfied=20, basically_satisfied=3, unsatisfied=2, rehandled=1, overdue=n + 1)
    found = figures(IntakeCounts(received=300, received_session=250, received_interim=50,
                                 filed=280, rejected=10, referred=5, merged=3, withdrawn=2,
                                 government_handled=200), handled(100))
    found["scope"] = {"meeting": "政协测试县第十届委员会第二次会议", "system": None, "unit": None,
                      "today": "2026-11-23"}
    found["by_unit"] = [{"name": name, "system": "政府系统", **handling_figures(handled(i))}
                        for i, name in enumerate(LONG_UNITS)]
    found["by_system"] = [{"name": "政府系统", **handling_figures(handled(50))}]
    found["by_category"] = [{"name": name, "received": 30, "filed": 28} for name in (
        "教育、科技、文化、卫生和体育事业发展", "城乡建设")]
    found["by_sector"] = [{"name": name, "received": 30, "filed": 28} for name in (
        "中国农工民主党、中国致公党、九三学社联合界别", "经济界")]
    return found


@dataclass(frozen=True)
class Word:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str

    @property
    def middle(self) -> float:
        return (self.x0 + self.x1) / 2


def pdf_words(path: Path) -> list[tuple[tuple[float, float], list[Word]]]:
    """Each page of a PDF as its size in points and its words (poppler's boxes)."""
    found = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True,
                           text=True, check=True).stdout
    pages = []
    for width, height, body in re.findall(
            r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', found, re.S):
        words = [Word(*map(float, box), html.unescape(text)) for *box, text in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>',
            body)]
        pages.append(((float(width), float(height)), words))
    return pages


def column_text(words: list[Word], left: str | None, header: str) -> tuple[str, int]:
    """What a printed column of a table says, read line by line top to bottom, and how many of
    its lines run into the next (a row too short for its text).  The column is the words below
    its header that begin before the header ends and whose middle lies right of the middle of
    the header on its left (None: the table's edge).  A column's texts are centred in it or
    begin at its left edge, and the next column's all begin right of this header (a number,
    which ends at its cell's right edge, may be in the next column but not this one)."""
    low = heading(words, left).middle + 1 if left else -math.inf
    top, end = header_foot(words, header), heading(words, header).x1
    return read(w for w in words if w.y0 > top and low < w.middle and w.x0 < end)


def title_text(words: list[Word], header: str) -> tuple[str, int]:
    """What the rows above a table's header say (its title, a stamp or a note), read as
    column_text reads a column."""
    top = heading(words, header).y0
    return read(w for w in words if w.y1 <= top)


def heading(words: list[Word], name: str) -> Word:
    """The top line of a header, which may wrap."""
    return min((w for w in words if len(w.text) > 1 and name.startswith(w.text)),
               key=lambda w: w.y0)


def header_foot(words: list[Word], name: str) -> float:
    """Where a header ends: its lines read down from the top one."""
    line = heading(words, name)
    rest = name[len(line.text):]
    while rest:
        line = min((w for w in words if w.y0 > line.y0 + 0.5 and rest.startswith(w.text)
                    and line.x0 <= w.middle <= line.x1), key=lambda w: w.y0)
        rest = rest[len(line.text):]
    return line.y1


def read(words: Iterable[Word]) -> tuple[str, int]:
    """Words read line by line top to bottom, and how many lines run into the next: their
    characters touch.  A box is about 1.3 times as high as its characters, and lines of
    digits and letters are set closer than their boxes; boxes a fifth of their height into
    each other leave the characters apart."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.y0, w.x0)):
        if lines and abs(word.y0 - lines[-1][0].y0) < 0.5:
            lines[-1].append(word)
        else:
            lines.append([word])
    overlaps = sum(1 for above, below in zip(lines, lines[1:])
                   if below[0].y0 < max(w.y1 - (w.y1 - w.y0) / 5 for w in above))
    return "".join(w.text for line in lines for w in line), overlaps


def text_sizes(words: list[Word]) -> tuple[float, float]:
    """The lowest word box on a page and its narrowest Chinese character, in points (a box is
    about 1.3 times as high as the characters in it)."""
    chinese = [(w.x1 - w.x0) / len(w.text) for w in words
               if len(w.text) > 1 and all("\u4e00" <= c <= "\u9fff" for c in w.text)]
    return min(w.y1 - w.y0 for w in words), min(chinese)


def above_footer(size: tuple[float, float], words: list[Word]) -> list[Word]:
    """The words of the page but its footer (half an inch from the bottom)."""
    return [w for w in words if w.y1 < size[1] - 36]


def unspaced(text: str) -> str:
    """A text as read back from a PDF's words: without its spaces."""
    return "".join(text.split())
