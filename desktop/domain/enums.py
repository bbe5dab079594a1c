"""The office's words as code values (docs/design.md §2); labels live in desktop.wording.labels."""
from enum import StrEnum


class Kind(StrEnum):
    SESSION = "session"  # 大会提案
    INTERIM = "interim"  # 平时提案


class Origin(StrEnum):
    INDIVIDUAL = "individual"  # 个人
    JOINT = "joint"  # 联名
    COLLECTIVE = "collective"  # 集体


class ProposerRole(StrEnum):
    LEAD = "lead"  # 领衔
    COSIGNER = "cosigner"  # 联名


class State(StrEnum):
    REGISTERED = "registered"
    IN_REVIEW = "in_review"
    FILED = "filed"
    ASSIGNED = "assigned"
    HANDLING = "handling"
    REPLIED = "replied"
    CLOSED = "closed"
    REJECTED = "rejected"
    REFERRED = "referred"
    MERGED = "merged"
    SPLIT = "split"
    WITHDRAWN = "withdrawn"


FILED_STATES = frozenset(
    {State.FILED, State.ASSIGNED, State.HANDLING, State.REPLIED, State.CLOSED}
)
ENDED_STATES = frozenset(
    {State.REJECTED, State.REFERRED, State.MERGED, State.SPLIT, State.WITHDRAWN}
)
IN_HAND_STATES = frozenset({State.ASSIGNED, State.HANDLING})  # 在办
ANSWERED_STATES = frozenset({State.REPLIED, State.CLOSED})
ASSIGNED_STATES = IN_HAND_STATES | ANSWERED_STATES  # 已交办: from 交办 to 办结


class Decision(StrEnum):
    FORWARD = "forward"  # 送下一级审查
    FILED = "filed"  # 立案
    REJECTED = "rejected"  # 不予立案
    REFERRED = "referred"  # 转为意见建议
    RETURNED = "returned"  # 退回修改
    MERGED = "merged"  # 并案
    SPLIT = "split"  # 拆分
    WITHDRAWN = "withdrawn"  # 撤回


FINAL_DECISIONS = frozenset(
    {Decision.FILED, Decision.REJECTED, Decision.REFERRED, Decision.MERGED, Decision.SPLIT}
)


class AssignmentRole(StrEnum):
    LEAD = "lead"  # 主办
    ASSIST = "assist"  # 协办
    SEPARATE = "separate"  # 分办


DUE_ROLES = frozenset({AssignmentRole.LEAD, AssignmentRole.SEPARATE})


class AssignmentEnd(StrEnum):
    RETURNED = "returned"  # 退回交办
    ADJUSTED = "adjusted"  # 调整承办单位


class HandlingStatus(StrEnum):
    """Where one assignment stands (the tracking list's 状态), derived by domain.tracking."""

    TO_ACCEPT = "to_accept"  # 待签收
    HANDLING = "handling"  # 办理中
    REHANDLING = "rehandling"  # 二次办理中
    ASSISTING = "assisting"  # 协办中
    TO_EVALUATE = "to_evaluate"  # 已答复待评价
    DONE = "done"  # 已办结
    RETURNED = "returned"  # 已退回
    ADJUSTED = "adjusted"  # 已调整


class AdjustmentDecision(StrEnum):
    APPROVED = "approved"
    REFUSED = "refused"


class ReplyCategory(StrEnum):
    A = "A"  # 已解决或基本解决
    B = "B"  # 正在解决或列入计划
    C = "C"  # 条件限制暂不能解决
    D = "D"  # 留作参考


class Rating(StrEnum):
    SATISFIED = "satisfied"  # 满意
    BASIC = "basic"  # 基本满意
    UNSATISFIED = "unsatisfied"  # 不满意


class EvaluationMethod(StrEnum):
    PAPER = "paper"  # 征询意见表
    PHONE = "phone"  # 电话
    MEMBER = "member"  # 委员本人录入


class ContactForm(StrEnum):
    FACE = "face"  # 面商
    PHONE = "phone"  # 电话
    MEETING = "meeting"  # 座谈
    VISIT = "visit"  # 走访
    LETTER = "letter"  # 书面
    ONLINE = "online"  # 网络


class FollowUpKind(StrEnum):
    IMPLEMENTED = "implemented"  # 落实
    CONTINUED = "continued"  # 续办续复


class Disclosure(StrEnum):
    PUBLIC = "public"  # 公开
    NOT_PUBLIC = "not_public"  # 不公开


class UserRole(StrEnum):
    ADMIN = "admin"  # 管理员
    STAFF = "staff"  # 提案委工作人员
    REVIEWER = "reviewer"  # 审查人
    UNIT = "unit"  # 承办单位经办人
    LEADER = "leader"  # 领导 (read-only)


class SiteKind(StrEnum):
    """What an installation is to the others it exchanges packages with (SYNC.md)."""
    OFFICE = "office"  # 提案委 (and a second office PC): everything
    ENTRY = "entry"  # 录入机 during the 大会: its own typed papers
    UNIT = "unit"  # 承办单位: its own assignments


class UnitSystem(StrEnum):
    PARTY = "party"  # 党委系统
    GOVERNMENT = "government"  # 政府系统
    MASS = "mass"  # 群团系统
    LEGAL = "legal"  # 政法系统
    ENTERPRISE = "enterprise"  # 企事业单位
    TOWNSHIP = "township"  # 乡镇
    PARTIES = "parties"  # 民主党派 (a ledger of past years may name 民革县委 as a unit)
