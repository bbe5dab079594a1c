"""Settings that belong to the office's database: numbering, review levels, deadlines."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields

from .deadlines import DeadlineRules
from .errors import InvalidInput
from .numbering import check_pattern

SCHEMA_VERSION = 1


def county_of(office_name: str) -> str:
    """政协清河县委员会 → 清河县: the county the office's units belong to."""
    return office_name.removeprefix("政协").removesuffix("委员会")


def unit_full_name(name: str, full_name: str, office_name: str) -> str:
    """The 全称 a letter's head and signature carry: the one the office wrote in 基础数据, else
    the list's name with the county written out (县教育局 → 清河县教育局; 县委组织部 → 中共清河县委
    组织部), else the name as it is."""
    if full_name.strip():
        return full_name.strip()
    county = county_of(office_name)
    if "×" in county or not county.endswith("县"):
        return name
    if name.startswith("县委"):
        return f"中共{county}{name[1:]}"
    if name.startswith("县"):
        return f"{county}{name[1:]}"
    return name


@dataclass(frozen=True)
class DocumentSettings:
    """What differs between localities in the printed letters (docs/documents.md)."""

    # {meeting}: 政协××县第十届委员会第二次会议, {number}: 第123号
    reply_title: str = "关于{meeting}{number}提案的答复"
    rehandled_reply_title: str = "关于{meeting}{number}提案二次办理的答复"  # 二次办理's letter
    # 发文字号; {short}: the unit's short name, {year}, {n}: its letters of the year in order
    doc_number: str = "{short}函〔{year}〕{n}号"
    doc_numbers_by_unit: dict[str, str] = field(default_factory=dict)  # unit name → pattern
    category_mark: str = "{category}"  # or "类别：{category}"
    category_names: dict[str, str] = field(default_factory=dict)  # "C" → 留作参考 where A/B/C only
    copies_to: tuple[str, ...] = ()  # empty: the office's 提案委员会 and the government's 督查室
    print_disclosure: bool = True  # the 附注 "（此件公开发布）" under a letter's date
    # the 交办通知's 发文字号, one per 交办 day; {county}: 清河县, {year}, {n}: the day's place
    notice_number: str = "{county}政协提〔{year}〕{n}号"
    office_contact: str = ""  # the 提案委's 联系人 on its notices
    office_phone: str = ""

    def __post_init__(self) -> None:  # read back from JSON as a list
        object.__setattr__(self, "copies_to", tuple(self.copies_to))

    def check(self) -> None:
        """A pattern that names a field the letters do not have is refused, naming it."""
        samples = (
            *((p, {"meeting": "", "number": ""})
              for p in (self.reply_title, self.rehandled_reply_title)),
            (self.category_mark, {"category": "A"}),
            (self.notice_number, {"county": "", "year": 2023, "n": 1}),
            *((p, {"short": "", "year": 2023, "n": 1, "unit": ""})
              for p in (self.doc_number, *self.doc_numbers_by_unit.values())),
        )
        for pattern, values in samples:
            try:
                pattern.format(**values)
            except (KeyError, IndexError, ValueError):
                raise InvalidInput("document_pattern_invalid", pattern=pattern) from None


OFFICE_NAME_CHARS = 40  # 中国人民政治协商会议××自治县委员会 is 18; the name heads every page


@dataclass(frozen=True)
class OfficeSettings:
    office_name: str = "政协××县委员会"
    serial_pattern: str = "{n:04}"  # 收文号
    number_pattern: str = "第{n}号"  # 提案号
    number_per_kind: bool = False  # one counter for 大会 and 平时 proposals, or one each
    review_levels: int = 3  # 初审 / 复审 / 终审
    deadlines: DeadlineRules = field(default_factory=DeadlineRules)
    documents: DocumentSettings = field(default_factory=DocumentSettings)
    lockout_attempts: int = 5
    lockout_minutes: int = 15
    schema_version: int = SCHEMA_VERSION

    def check(self) -> None:
        if not self.office_name.strip():
            raise InvalidInput("office_name_missing")
        if len(self.office_name.strip()) > OFFICE_NAME_CHARS:
            raise InvalidInput("office_name_too_long", limit=OFFICE_NAME_CHARS)
        check_pattern(self.serial_pattern)
        check_pattern(self.number_pattern)
        if self.review_levels not in (1, 2, 3):
            raise InvalidInput("review_levels_invalid", value=self.review_levels)
        self.deadlines.check()
        self.documents.check()

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> OfficeSettings:
        """Read a stored dict, ignoring keys a newer version wrote and filling new ones."""
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        for name, kind in (("deadlines", DeadlineRules), ("documents", DocumentSettings)):
            stored = values.get(name)
            known_here = {f.name for f in fields(kind)}
            values[name] = kind(**{k: v for k, v in stored.items() if k in known_here}) \
                if isinstance(stored, dict) else kind()
        values["schema_version"] = SCHEMA_VERSION
        return cls(**values)
