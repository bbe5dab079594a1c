"""The office's names for records and their fields, and the sentences of a package's preview
and the conflict queue (why a change was refused, why two values are put to a person)."""
from __future__ import annotations

from .messages import FIELDS

TABLES = {
    "proposal": "提案", "proposer": "提案人", "submission": "提交审查", "review": "审查决定",
    "assignment": "承办件", "contact": "沟通记录", "reply": "答复", "evaluation": "评价",
    "assist_opinion": "协办意见", "follow_up": "跟踪落实", "supervision": "领衔督办",
    "attachment": "附件", "member": "委员", "unit": "单位", "category": "类别", "sector": "界别",
    "organisation": "党派团体", "term": "届次", "meeting": "会议", "user_account": "用户",
    "audit_entry": "操作日志",
}
_FIELDS = {
    **FIELDS, "body": "正文", "kind": "提案类型", "origin": "提案方式", "category_id": "类别",
    "sector_id": "界别", "key": "重点提案", "name": "名称", "phone": "电话", "workplace": "工作单位",
    "serial": "收文号", "number": "提案号", "first_due_on": "首次时限", "accepted_by": "签收人",
    "ended": "办理终止", "ended_on": "终止日期", "end_reason": "终止原因",
    "adjustment_requested_on": "申请调整日期", "adjustment_reason": "申请调整理由",
    "adjustment_decision": "调整审批", "adjustment_note": "审批说明", "unit_id": "承办单位",
    "role": "办理方式", "round": "办理轮次", "short_name": "简称", "active": "在用",
    "display_name": "姓名", "password_hash": "密码", "form": "沟通方式", "members": "参加委员",
    "unit_people": "单位参加人员", "contact_person": "联系人", "contact_phone": "联系电话",
    "attitude": "办理态度", "result": "办理结果", "position": "排序", "code": "代号",
    "-": "整条记录", "@": "整条记录",
}
WHY = {
    "sync_refused_table": "对方站点不能发送这类记录",
    "sync_refused_number": "提案号只能由提案委编定",
    "sync_refused_entry": "录入机只能新增提案，不能改动提案委的记录",
    "sync_refused_unit": "承办单位只能签收、退回、申请调整、记录沟通和答复",
    "sync_refused_other_unit": "这是其他单位的承办件",
    "sync_refused_relay": "承办单位和录入机只能发送本机的修改",
    "sync_field_conflict": "两处改得不同，请选定",
    "sync_edit_vs_delete": "一处修改、另一处删除，请选定",
    "sync_after_end": "送达时这件交办已被提案委调整或撤回，请确认",
    "sync_held_clock": "对方电脑的时钟快了一天以上，这些修改暂不接收，待核对时钟后处理",
}
OUTCOMES = {"new": "新增", "changed": "修改", "conflict": "冲突", "refused": "拒收",
            "held": "暂不接收"}


# what a package does, counted, as the preview says it (CLI and screen alike)
RECEIPT_COUNTS = (("本机已有", "known"), ("新增记录", "new_rows"), ("修改记录", "changed_rows"),
                  ("删除记录", "deleted_rows"), ("冲突", "conflicts"), ("拒收", "refused"),
                  ("暂不接收", "held"))


def receipt_counts(receipt: object) -> list[tuple[str, int]]:
    """The counts of a receipt (services.receipts.Receipt) that are not zero, named."""
    found = ((name, getattr(receipt, attribute)) for name, attribute in RECEIPT_COUNTS)
    return [(name, count) for name, count in found if count]


def table_name(table: str) -> str:
    return TABLES.get(table, table)


def field_name(field: str) -> str:
    return _FIELDS.get(field, field)


def why(code: str) -> str:
    return WHY.get(code, code)
