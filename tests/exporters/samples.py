"""Sample documents for the exporter tests, and reading a rendered PDF back."""
from __future__ import annotations

import html
import re
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from desktop.exporters import reply_letter
from desktop.exporters.ledger_xlsx import LedgerRow


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


def column_text(words: list[Word], left: str, header: str, right: str) -> tuple[str, int]:
    """What a printed column of a table says, read line by line top to bottom, and how many of
    its lines run into the next (a row too short for its text).  The column is the words
    below its header whose middle lies between the middles of the headers either side: a
    column's texts are centred in it or begin at its left edge."""
    def heading(name: str) -> Word:  # the top line of a header that wraps
        return min((w for w in words if len(w.text) > 1 and name.startswith(w.text)),
                   key=lambda w: w.y0)
    top, low, high = heading(header).y1, heading(left).middle + 1, heading(right).middle - 1
    inside = sorted((w for w in words if w.y0 > top and low < w.middle < high),
                    key=lambda w: (w.y0, w.x0))
    lines: list[list[Word]] = []
    for word in inside:
        if lines and abs(word.y0 - lines[-1][0].y0) < 0.5:
            lines[-1].append(word)
        else:
            lines.append([word])
    overlaps = sum(1 for above, below in zip(lines, lines[1:])
                   if below[0].y0 < max(w.y1 for w in above) - 0.5)
    return "".join(w.text for line in lines for w in line), overlaps
