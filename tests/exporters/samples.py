"""Sample documents for the exporter tests, and reading a rendered PDF back."""
from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

from desktop.exporters import reply_letter


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
