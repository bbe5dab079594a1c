"""The year's report drafted from the data: every figure read from ``statistics`` (the figures of
``tian stats``), so the draft and the published statistics cannot disagree; the 重点提案 and
their leaders, the units ranked for 先进承办单位, the office's 优秀提案 candidates; the
narrative left to the writer."""
from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from desktop.domain.actor import Actor
from desktop.domain.enums import UnitSystem
from desktop.exporters.year_report import Block, ReportDraft
from desktop.store.models import Meeting
from desktop.store.office import load_settings
from desktop.wording.dates import chinese_date
from desktop.wording.figures_text import pct
from desktop.wording.labels import CATEGORY_MEANINGS

from .common import get, office_only
from .letters import meeting_title
from .statistics import statistics
from .supervision import excellent_choices, key_proposals

RANKED = 10  # units put forward for 先进承办单位
RANK_FROM = 3  # replies due before a unit is ranked: one reply is no record
_TWO = (78.0, 39.0, 39.0)
_HANDLING_WIDTHS = (30.0, 18.0, 18.0, 18.0, 24.0, 24.0, 24.0)
_RANK_WIDTHS = (12.0, 44.0, 18.0, 18.0, 16.0, 24.0, 24.0)


def _writer(what: str) -> Block:
    return Block("writer", f"【撰稿人填写：{what}】")


def _intake(f: dict, meeting: str) -> list[Block]:
    said = (f"{meeting}以来，共收到提案{f['received']}件，其中大会提案{f['received_session']}件、"
            f"平时提案{f['received_interim']}件。经审查，立案{f['filed']}件，立案率"
            f"{pct(f['filing_rate'])}；不予立案{f['rejected']}件，转为意见建议{f['referred']}件，"
            f"并案{f['merged']}件，撤回{f['withdrawn']}件。")
    if f["in_review"]:
        said += f"尚在审查中的{f['in_review']}件。"
    sectors = [("界别", "收到", "立案")] + [
        (r["name"], str(r["received"]), str(r["filed"])) for r in f["by_sector"]]
    kinds = [("类别", "收到", "立案")] + [
        (r["name"], str(r["received"]), str(r["filed"])) for r in f["by_category"]]
    return [
        _writer("开头一段，概述一年来提案工作的总体情况和主要做法"),
        Block("heading", "一、提案提交和审查立案情况"),
        Block("text", said),
        Block("text", "按领衔提案人的界别统计："),
        Block("table", rows=tuple(sectors), widths=_TWO),
        Block("text", "按提案内容的类别统计："),
        Block("table", rows=tuple(kinds), widths=_TWO),
        _writer("提案反映的热点问题和主要特点"),
    ]


def _handling(f: dict, meanings: dict[str, str], today: date, system: str | None) -> list[Block]:
    scope = f"{system}的" if system else ""
    said = [
        (f"立案提案中，交付政府系统办理{f['government_handled']}件，占立案总数的"
         f"{pct(f['government_share'])}。" if not system else "")
        + f"{scope}{f['units']}个承办单位办理提案{f['proposals_handled']}件，应答复"
        f"{f['replies_due']}件，已答复{f['replied']}件，答复率{pct(f['reply_rate'])}。",
        "已答复的提案中，" + "；".join(
            f"{meanings[k]}的（{k}类）{v['count']}件，占{pct(v['percent'])}"
            for k, v in f["categories"].items()) + "。",
        f"承办单位与提案人面商的提案{f['face_to_face']}件，面商率{pct(f['face_to_face_rate'])}。"
        f"提案人已反馈评价{f['evaluated']}件，其中满意{f['satisfied']}件、基本满意"
        f"{f['basically_satisfied']}件，满意率{pct(f['satisfaction_rate'])}；不满意"
        f"{f['unsatisfied']}件，二次办理{f['rehandled']}件。截至{chinese_date(today)}，逾期未答复"
        f"{f['overdue']}件。",
    ]
    blocks = [Block("heading", "二、提案办理情况"), *(Block("text", s) for s in said)]
    if not system and f["by_system"]:
        rows = [("系统", "单位数", "应答复", "已答复", "答复率", "面商率", "满意率")] + [
            (r["name"], str(r["units"]), str(r["replies_due"]), str(r["replied"]),
             pct(r["reply_rate"]), pct(r["face_to_face_rate"]), pct(r["satisfaction_rate"]))
            for r in f["by_system"]]
        blocks += [Block("text", "按承办单位所属系统统计："),
                   Block("table", rows=tuple(rows), widths=_HANDLING_WIDTHS)]
    return blocks + [_writer("承办单位办理提案的主要做法和成效")]


def _key(session: Session, actor: Actor, meeting_id: str, today: date) -> list[Block]:
    keys = key_proposals(session, actor, meeting_id, today)
    blocks = [Block("heading", "三、重点提案督办情况")]
    if not keys:
        return blocks + [Block("text", "本次会议以来未确定重点提案。"),
                         _writer("重点提案的遴选和督办情况")]
    blocks.append(Block("text", f"确定重点提案{len(keys)}件，由县领导领衔督办："))
    for k in keys:
        leaders = f"，领衔督办：{k.leaders}" if k.leaders else ""
        blocks.append(Block("text", f"{k.label}《{k.title}》（主办：{k.units or '未交办'}"
                                    f"{leaders}）。"))
    return blocks + [_writer("重点提案督办的做法和成效")]


def ranked_units(f: dict) -> list[dict]:
    """先进承办单位 candidates: no reply past its deadline first, then the reply rate, 面商率 and
    满意率, highest first; units with too few replies due to judge are left out."""
    judged = [u for u in f["by_unit"] if u["replies_due"] >= RANK_FROM] or list(f["by_unit"])
    return sorted(judged, key=lambda u: (
        u["overdue"], -(u["reply_rate"] or 0), -(u["face_to_face_rate"] or 0),
        -(u["satisfaction_rate"] or 0), -u["replies_due"], u["name"]))[:RANKED]


def _units(f: dict) -> list[Block]:
    rows = [("序号", "单位", "应答复", "已答复", "逾期", "面商率", "满意率")] + [
        (str(n), u["name"], str(u["replies_due"]), str(u["replied"]), str(u["overdue"]),
         pct(u["face_to_face_rate"]), pct(u["satisfaction_rate"]))
        for n, u in enumerate(ranked_units(f), start=1)]
    return [
        Block("heading", "四、先进承办单位推荐"),
        Block("text", f"按逾期未答复件数（少者在前）、答复率、面商率和满意率排序，应答复{RANK_FROM}件"
                      "以上的承办单位中，居前的如下，供评选先进承办单位参考："),
        Block("table", rows=tuple(rows), widths=_RANK_WIDTHS),
        _writer("推荐理由"),
    ]


def _excellent(session: Session, actor: Actor, meeting_id: str) -> list[Block]:
    chosen = excellent_choices(session, actor, meeting_id, chosen_only=True)
    blocks = [Block("heading", "五、优秀提案推荐")]
    if not chosen:
        return blocks + [_writer("尚未标记优秀提案候选：在“统计”页点“优秀提案候选…”勾选后，"
                                 "再生成本稿")]
    blocks.append(Block("text", f"经提案委员会研究，推荐优秀提案候选{len(chosen)}件："))
    blocks += [Block("text", f"{c.label}《{c.title}》（领衔提案人：{c.lead}）。") for c in chosen]
    return blocks + [_writer("推荐理由")]


def report_draft(session: Session, actor: Actor, meeting_id: str,
                 system: UnitSystem | None = None, today: date | None = None) -> ReportDraft:
    """The draft for a meeting, of the whole office or one system's handling."""
    office_only(actor)
    today = today or date.today()
    settings = load_settings(session)
    meeting = get(session, Meeting, meeting_id, "meeting")
    f = statistics(session, meeting_id, system, None, today)
    named = meeting_title(settings.office_name, meeting.term.number, meeting.number)
    where = f["scope"]["system"]
    title = (f"关于{named}以来{where}提案办理情况的通报" if where
             else f"关于{named}以来提案工作情况的报告")
    meanings = {**CATEGORY_MEANINGS, **settings.documents.category_names}
    blocks = [*_intake(f, named), *_handling(f, meanings, today, where),
              *_key(session, actor, meeting_id, today), *_units(f),
              *_excellent(session, actor, meeting_id),
              Block("heading", "六、存在的问题和下一步工作"),
              _writer("存在的问题、原因分析和下一步工作打算")]
    return ReportDraft(title, f"{settings.office_name}提案委员会", today, blocks)
