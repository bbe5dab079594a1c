"""The Chinese words for every code value a user can see (docs/design.md §2)."""
from __future__ import annotations

from desktop.domain import enums as e
from enum import StrEnum

LABELS: dict[type, dict[str, str]] = {
    e.Kind: {"session": "大会提案", "interim": "平时提案"},
    e.Origin: {"individual": "个人提案", "joint": "联名提案", "collective": "集体提案"},
    e.ProposerRole: {"lead": "领衔", "cosigner": "联名"},
    e.State: {
        "registered": "待提交", "in_review": "审查中", "filed": "已立案", "assigned": "已交办",
        "handling": "办理中", "replied": "已答复", "closed": "已办结", "rejected": "不予立案",
        "referred": "转为意见建议", "merged": "已并案", "split": "已拆分", "withdrawn": "已撤回",
    },
    e.Decision: {
        "forward": "送下一级审查", "filed": "立案", "rejected": "不予立案",
        "referred": "转为意见建议", "returned": "退回修改", "merged": "并案", "split": "拆分",
        "withdrawn": "撤回",
    },
    e.AssignmentRole: {"lead": "主办", "assist": "协办", "separate": "分办"},
    e.AssignmentEnd: {"returned": "退回", "adjusted": "调整承办单位"},
    e.HandlingStatus: {"to_accept": "待签收", "handling": "办理中", "rehandling": "二次办理中",
                       "assisting": "协办中", "to_evaluate": "已答复待评价", "done": "已办结",
                       "returned": "已退回", "adjusted": "已调整单位"},
    e.AdjustmentDecision: {"approved": "同意调整", "refused": "不同意调整"},
    e.ReplyCategory: {"A": "A类", "B": "B类", "C": "C类", "D": "D类"},
    e.Rating: {"satisfied": "满意", "basic": "基本满意", "unsatisfied": "不满意"},
    e.EvaluationMethod: {"paper": "征询意见表", "phone": "电话", "member": "委员本人"},
    e.ContactForm: {"face": "面商", "phone": "电话", "meeting": "座谈", "visit": "走访",
                    "letter": "书面", "online": "网络"},
    e.FollowUpKind: {"implemented": "落实", "continued": "续办续复"},
    e.Disclosure: {"public": "公开", "not_public": "不公开"},
    e.UserRole: {"admin": "管理员", "staff": "提案委工作人员", "reviewer": "审查人",
                 "unit": "承办单位经办人", "leader": "领导"},
    e.SiteKind: {"office": "提案委", "entry": "录入机", "unit": "承办单位"},
    e.UnitSystem: {"party": "党委系统", "government": "政府系统", "mass": "群团系统",
                   "legal": "政法系统", "enterprise": "企事业单位", "township": "乡镇",
                   "parties": "民主党派"},
}
REVIEW_LEVELS = {1: "初审", 2: "复审", 3: "终审"}
CATEGORY_MEANINGS = {"A": "已解决或基本解决", "B": "正在解决或列入计划",
                     "C": "因条件限制暂不能解决", "D": "留作参考"}


def label(value: StrEnum | None) -> str:
    if value is None:
        return ""
    return LABELS[type(value)][value.value]


def parse(enum: type[StrEnum], text: str) -> StrEnum:
    """A code value from its Chinese label or its code (政府系统 / government)."""
    text = text.strip()
    for code, word in LABELS[enum].items():
        if text in (code, word, word.removesuffix("系统"), word.removesuffix("类")):
            return enum(code)
    raise ValueError(text)

# 不予立案 reasons offices write most often (the clerk may also write their own)
REJECT_REASONS = (
    "不属于本级政协提案范围",
    "内容空泛，没有具体建议",
    "属于学术探讨或个人求助",
    "涉及司法诉讼或民事纠纷",
    "为个人或亲属解决具体问题",
    "宣传推介具体单位或产品",
    "与已立案提案重复",
    "涉及党和国家秘密",
)


def serial_label(serial: str) -> str:
    """A paper by its 收文号, as the office says it: 收文A-0012号."""
    return f"收文{serial}号"


def proposal_label(number: str | None, serial: str) -> str:
    """How the office names a proposal in a sentence: its 提案号 once given, else its 收文号."""
    return number or serial_label(serial)
