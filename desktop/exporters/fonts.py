"""Which of the documents' fonts this PC lacks, and what Word or WPS will draw instead
(docs/documents.md §1): offices have 方正小标宋简体 and the _GB2312 fonts; a stock Windows has only
宋体, 仿宋, 楷体 and 黑体."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .templates import STYLES

# the font a document names → what takes its place when it is missing, best first
FALLBACKS = {
    "方正小标宋简体": ("华文中宋", "宋体"),
    "仿宋_GB2312": ("仿宋",),
    "楷体_GB2312": ("楷体",),
    "黑体": ("宋体",),
    "宋体": (),
}
# the same family under its English name (what Qt reports on an English system)
ALIASES = {
    "方正小标宋简体": ("FZXiaoBiaoSong-B05S", "FZXBSJW--GB1-0"),
    "华文中宋": ("STZhongsong",), "宋体": ("SimSun",), "仿宋": ("FangSong",),
    "楷体": ("KaiTi",), "黑体": ("SimHei",), "仿宋_GB2312": ("FangSong_GB2312",),
    "楷体_GB2312": ("KaiTi_GB2312",),
}
PAGE_NUMBER_FONT = "宋体"


@dataclass(frozen=True)
class FontCheck:
    font: str
    present: bool
    fallback: str | None  # the installed font Word will use instead, when the font is missing

    def instead(self) -> str:
        if self.font == "方正小标宋简体" and self.fallback == "宋体":
            return "以宋体加粗代替"
        return f"以{self.fallback}代替" if self.fallback else "无可代替的字体"

    def sentence(self) -> str:
        if self.present:
            return f"{self.font}：已安装"
        if self.fallback == "宋体" and self.font == "方正小标宋简体":
            return f"{self.font}：未安装，标题将以宋体加粗代替"
        if self.fallback:
            return f"{self.font}：未安装，将以{self.fallback}代替"
        return f"{self.font}：未安装，也没有可代替的字体，Word 将用默认字体"


def document_fonts() -> list[str]:
    """Every East Asian font the templates' styles name, and the page numbers' font."""
    names = [spec.east_asia for spec in STYLES] + [PAGE_NUMBER_FONT]
    return list(dict.fromkeys(names))


def _has(font: str, installed: set[str]) -> bool:
    return any(name.casefold() in installed for name in (font, *ALIASES.get(font, ())))


def check_fonts(installed: Iterable[str], fonts: Iterable[str] | None = None) -> list[FontCheck]:
    have = {name.casefold() for name in installed}
    out = []
    for font in fonts if fonts is not None else document_fonts():
        present = _has(font, have)
        fallback = None if present else next(
            (f for f in FALLBACKS.get(font, ()) if _has(f, have)), None)
        out.append(FontCheck(font, present, fallback))
    return out


def missing_summary(checks: list[FontCheck]) -> str:
    """One line for the export dialog; empty when every font is there."""
    missing = [f"{c.font}（{c.instead()}）" for c in checks if not c.present]
    return "本机缺少公文字体：" + "、".join(missing) + "，打印效果可能与正式公文略有不同。" \
        if missing else ""


def missing_notice(checks: list[FontCheck]) -> str:
    """The short form for a status bar: how many are missing, the first named."""
    missing = [c.font for c in checks if not c.present]
    if not missing:
        return ""
    more = "等" if len(missing) > 1 else ""
    return f"本机缺少 {len(missing)} 种公文字体（{missing[0]}{more}），打印效果可能与正式公文略有不同"
