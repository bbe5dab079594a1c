"""Which system (系统) a unit belongs to, guessed from its name for a unit a ledger of past
years names and the office has not entered yet; the clerk confirms every guess."""
from __future__ import annotations

import re

from .enums import UnitSystem

_GUESSES = (  # first match wins: 共青团县委 is 群团, not 党委
    (UnitSystem.PARTIES, r"民革|民盟|民建|民进|农工党|致公党|九三学社|台盟|国民党革命委员会|民主同盟"
                         r"|民主建国会|民主促进会|农工民主党"),
    (UnitSystem.MASS, r"工会|团委|团县委|团市委|团区委|共青团|妇联|妇女联合会|科协|科学技术协会|工商联"
                      r"|工商业联合会|残联|残疾人联合会|侨联|文联|红十字会"),
    (UnitSystem.LEGAL, r"法院|检察院"),
    (UnitSystem.PARTY, r"^(中共)?[^镇乡]{0,6}?(县|市|区|州)委(?!员会$)|^中共|纪委|监委|党校|党史"),
    (UnitSystem.TOWNSHIP, r"(镇|乡|街道)(人民政府|办事处)?$|街道办"),
    (UnitSystem.ENTERPRISE, r"公司|集团|银行|医院|电力|烟草"),
)


def guess_system(name: str) -> UnitSystem:
    for system, pattern in _GUESSES:
        if re.search(pattern, name):
            return system
    return UnitSystem.GOVERNMENT
