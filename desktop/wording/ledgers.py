"""The columns of the 答复台账 the office sends a unit without the program, named once: the
exporter writes them and the import reads them back by these names."""
from __future__ import annotations

FORMAT = "提案通答复台账 1"
SHEET = "答复台账"
META_SHEET = "_提案通"  # very hidden: what export this is
LOCKED = ("提案号", "案由", "领衔提案人", "办理方式", "交办日期", "办理时限")
FILLED = ("答复日期", "答复类别", "是否面商", "沟通方式", "联系人", "联系电话")
HIDDEN = ("编号", "版本", "封签")
HEADERS = LOCKED + FILLED + HIDDEN
LOCKED_DATES = ("交办日期", "办理时限")
ROW_KEY = "行"  # a line of the meta sheet naming one exported row by its assignment
