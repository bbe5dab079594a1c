"""Settings that belong to the office's database: numbering, review levels, deadlines."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields

from .deadlines import DeadlineRules
from .errors import InvalidInput
from .numbering import check_pattern

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class OfficeSettings:
    office_name: str = "政协××县委员会"
    serial_pattern: str = "{n:04}"  # 收文号
    number_pattern: str = "第{n}号"  # 提案号
    number_per_kind: bool = False  # one counter for 大会 and 平时 proposals, or one each
    review_levels: int = 3  # 初审 / 复审 / 终审
    deadlines: DeadlineRules = field(default_factory=DeadlineRules)
    lockout_attempts: int = 5
    lockout_minutes: int = 15
    schema_version: int = SCHEMA_VERSION

    def check(self) -> None:
        if not self.office_name.strip():
            raise InvalidInput("office_name_missing")
        check_pattern(self.serial_pattern)
        check_pattern(self.number_pattern)
        if self.review_levels not in (1, 2, 3):
            raise InvalidInput("review_levels_invalid", value=self.review_levels)
        self.deadlines.check()

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> OfficeSettings:
        """Read a stored dict, ignoring keys a newer version wrote and filling new ones."""
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        rules = values.get("deadlines")
        rule_names = {f.name for f in fields(DeadlineRules)}
        values["deadlines"] = DeadlineRules(
            **{k: v for k, v in rules.items() if k in rule_names}
        ) if isinstance(rules, dict) else DeadlineRules()
        values["schema_version"] = SCHEMA_VERSION
        return cls(**values)
