"""What a batch export writes: the kinds of document (one :class:`DocumentKind` each, the one
place that says what a kind is), and for each the files of a meeting (or of one unit), their
readable names, and how each is made.  The same plans serve the screens and ``tian export``;
desktop.services.export_pipeline runs them, desktop.services.batch writes them."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy.orm import Session

from desktop.domain.actor import Actor
from desktop.domain.enums import UnitSystem
from desktop.domain.errors import NotAllowed
from desktop.domain.permissions import unit_scope
from desktop.exporters import compilation as compilation_docx
from desktop.exporters import forms as form_docs
from desktop.exporters import ledger_xlsx, reply_letter, statistics_xlsx
from desktop.exporters import notices as notice_docs
from desktop.exporters import year_report as report_docx
from desktop.store.models import Assignment, Meeting, Reply, Unit
from desktop.store.office import load_settings
from desktop.wording.dates import chinese_date
from desktop.wording.labels import label, serial_label

from . import compilation, forms, notices, reply_ledgers
from .batch import Planned, distinct, file_name
from .common import get, label_of, own_unit_only
from .ledgers import ledger_rows, ledger_title
from .letters import due_replies, meeting_title
from .letters import reply_letter as reply_letter_content
from .statistics import statistics
from .year_report import report_draft

@dataclass(frozen=True)
class ExportRequest:
    kind: str  # the key of a DocumentKind
    meeting_id: str  # "" for the statistics of every meeting
    unit_id: str | None = None
    per_proposal: bool = False  # the ledger: one row per proposal instead of per assignment
    today: date | None = None  # 催办通知 and statistics: as of this day
    templates: Path | None = None  # the office's own templates (答复函.docx …), when it has any
    notice: str | None = None  # notices: only 交办, 不予立案 (with 转意见建议) or 催办
    system: UnitSystem | None = None  # the report: one system's handling (政府系统 …)


def template(request: ExportRequest, kind: str) -> Path | None:
    """The office's template for ``kind`` when it put one in its templates folder."""
    if request.templates is None:
        return None
    path = request.templates / f"{kind}.docx"
    return path if path.exists() else None


def _docx(render: Callable[[], object]) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        render().save(str(path))
    return write


def _letters(session: Session, request: ExportRequest) -> list[Planned]:
    own = template(request, "答复函")
    plans = []
    for due in due_replies(session, request.meeting_id, request.unit_id):
        content = reply_letter_content(session, due.reply_id)
        name = file_name("答复函", due.number, due.unit, "二次答复" if due.round > 1 else "")
        plans.append(Planned(name, _docx(lambda c=content: reply_letter.render(c, own))))
    return plans


def _notices(session: Session, request: ExportRequest) -> list[Planned]:
    """交办通知 and 催办通知 per unit, 不予立案 / 转意见建议 per proposal (or one sort only)."""
    docs = load_settings(session).documents
    contact = {"contact_person": docs.office_contact, "contact_phone": docs.office_phone}
    wanted = request.notice
    plans = []
    if wanted in (None, "交办"):
        own = template(request, "交办通知")
        for n in notices.assignment_notices(session, request.meeting_id, request.unit_id,
                                            **contact):
            plans.append(Planned(file_name("交办通知", n.unit, chinese_date(n.signed_on)), _docx(
                lambda n=n: notice_docs.render_assignment_notice(n, own))))
    if wanted in (None, "不予立案") and request.unit_id is None:
        own = template(request, "不予立案通知")
        for n in notices.review_notices(session, request.meeting_id):
            kind = "转为意见建议通知" if "意见建议" in n.title else "不予立案通知"
            plans.append(Planned(file_name(kind, n.proposal), _docx(
                lambda n=n: notice_docs.render_review_notice(n, own))))
    if wanted in (None, "催办"):
        own = template(request, "催办通知")
        today = request.today or date.today()
        for n in notices.reminders(session, request.meeting_id, today, request.unit_id,
                                   **contact):
            plans.append(Planned(file_name("催办通知", n.unit), _docx(
                lambda n=n: notice_docs.render_reminder(n, own))))
    return plans


def _forms(session: Session, request: ExportRequest) -> list[Planned]:
    own = template(request, "征询意见表")
    return [Planned(file_name("征询意见表", f.number, f.unit_name),
                    _docx(lambda f=f: form_docs.render_feedback(f, own)))
            for f in forms.feedback_forms(session, request.meeting_id, request.unit_id)]


def _proposals(session: Session, request: ExportRequest) -> list[Planned]:
    own = template(request, "提案表")
    return [Planned(file_name("提案表", f.number if f.number_label == "提案号"
                              else serial_label(f.number)),
                    _docx(lambda f=f: form_docs.render_proposal(f, own)))
            for f in forms.proposal_forms(session, request.meeting_id)]


def _compilation(session: Session, request: ExportRequest) -> list[Planned]:
    book = compilation.compilation(session, request.meeting_id)
    own = template(request, "提案汇编")

    def write(path: Path, progress: Callable[[int, int], None] | None = None) -> None:
        compilation_docx.render(book, own, progress).save(str(path))
    return [Planned(file_name("提案汇编", book.meeting), write, long=True)]


def _ledger(session: Session, request: ExportRequest) -> list[Planned]:
    office = load_settings(session)
    title = ledger_title(session, request.meeting_id, office.office_name)
    rows = ledger_rows(session, request.meeting_id, request.unit_id, request.per_proposal)
    unit = get(session, Unit, request.unit_id, "unit").name if request.unit_id else ""
    scope = "、".join(filter(None, (unit or "全部承办单位",
                                    "每件提案一行" if request.per_proposal else "每个承办单位一行")))

    def write(path: Path) -> None:
        ledger_xlsx.write_ledger(path, title, scope, rows, datetime.now())
    # the two shapes of one meeting's ledger are two files, not one skipped as "already there"
    return [Planned(file_name(title, unit, "每件提案一行" if request.per_proposal else "",
                              suffix=".xlsx"), write)]


def _report(session: Session, request: ExportRequest) -> list[Planned]:
    draft = report_draft(session, Actor.system("导出"), request.meeting_id, request.system,
                         request.today)
    own = template(request, "工作报告")
    name = file_name("提案工作报告（草稿）", meeting_label(session, request.meeting_id),
                     label(request.system) if request.system else "")
    return [Planned(name, _docx(lambda: report_docx.render(draft, own)))]


def _reply_ledgers(session: Session, request: ExportRequest) -> list[Planned]:
    return reply_ledgers.plans_for_reply(session, request.meeting_id, request.unit_id)


def _stats(session: Session, request: ExportRequest) -> list[Planned]:
    meeting = request.meeting_id or None  # "" is every meeting
    figures = statistics(session, meeting, None, request.unit_id, today=request.today)
    unit = get(session, Unit, request.unit_id, "unit").name if request.unit_id else ""
    scope = meeting_label(session, meeting) if meeting else "全部会议"
    name = file_name("提案统计表", scope, unit, suffix=".xlsx")

    def write(path: Path) -> None:
        statistics_xlsx.write_statistics(figures, path, datetime.now())
    return [Planned(name, write)]


@dataclass(frozen=True)
class DocumentKind:
    """What one kind of document is, read by every place that offers or writes it: the CLI's
    choices, the export dialog's fields, the 办理跟踪 buttons, 文书设置's templates."""

    key: str  # the CLI's word, the dialog's data: letters, forms …
    label: str  # in the words of the screens: 答复函 …
    planner: Callable[[Session, ExportRequest], list[Planned]]
    templates: tuple[str, ...] = ()  # its references, one a sort: an office may replace one
    # sort's look (its own 答复函.docx) and keep the others
    for_units: bool = False  # a unit's clerk may export it (their own unit's papers only)
    unit_filter: bool = True  # may be narrowed to one unit; False: a meeting's papers
    word: bool = True  # Word documents, which LibreOffice turns into PDF; False: Excel
    notices: tuple[str, ...] = ()  # the sorts that may be exported alone (--notice)
    per_proposal: bool = False  # one row per proposal instead of per assignment (the ledger)
    every_meeting: bool = False  # may cover every meeting at once (the statistics)
    system_filter: bool = False  # may be narrowed to one system (the report: 政府系统 …)


DOCUMENT_KINDS = {kind.key: kind for kind in (  # in the order the screens offer them
    DocumentKind("letters", "答复函", _letters, ("答复函",), for_units=True),
    DocumentKind("forms", "征询意见表", _forms, ("征询意见表",), for_units=True),
    DocumentKind("notices", "通知", _notices, ("交办通知", "不予立案通知", "催办通知"),
                 notices=("交办", "不予立案", "催办")),
    DocumentKind("proposals", "提案表", _proposals, ("提案表",), unit_filter=False),
    DocumentKind("compilation", "提案汇编", _compilation, ("提案汇编",), unit_filter=False),
    DocumentKind("ledger", "提案办理台账", _ledger, for_units=True, word=False,
                 per_proposal=True),
    DocumentKind("stats", "提案统计表", _stats, for_units=True, word=False,
                 every_meeting=True),
    DocumentKind("reply_ledgers", "答复台账（交承办单位填写）", _reply_ledgers, word=False),
    DocumentKind("report", "提案工作报告（草稿）", _report, ("工作报告",), unit_filter=False,
                 system_filter=True),
)}


def document_kind(key: str) -> DocumentKind:
    if key not in DOCUMENT_KINDS:
        raise NotAllowed("export_kind_unknown", kind=key)
    return DOCUMENT_KINDS[key]


def template_names() -> list[str]:
    """Every template an office may replace, in the order of the kinds."""
    return [name for kind in DOCUMENT_KINDS.values() for name in kind.templates]


def scoped(actor: Actor, request: ExportRequest) -> ExportRequest:
    """A unit's clerk exports only their own unit's papers, and only the unit's kinds."""
    unit_id = unit_scope(actor)
    if unit_id is None:
        return request
    kind = document_kind(request.kind)
    if not kind.for_units:
        raise NotAllowed("export_not_for_units", kind=kind.label)
    return ExportRequest(**{**request.__dict__, "unit_id": unit_id})


def plan(session: Session, actor: Actor, request: ExportRequest) -> list[Planned]:
    """The files the export will write, in the order a clerk files them."""
    request = scoped(actor, request)
    kind = DOCUMENT_KINDS.get(request.kind)
    if request.meeting_id or not (kind and kind.every_meeting):
        get(session, Meeting, request.meeting_id, "meeting")
    return distinct(document_kind(request.kind).planner(session, request))


def meeting_label(session: Session, meeting_id: str) -> str:
    meeting = get(session, Meeting, meeting_id, "meeting")
    return meeting_title(load_settings(session).office_name, meeting.term.number, meeting.number)


def plan_for_reply(session: Session, actor: Actor, reply_id: str, kind: str,
                   templates: Path | None = None) -> Planned:
    """The 答复函 or 征询意见表 of one reply, from the 办理跟踪 screen."""
    reply = get(session, Reply, reply_id, "reply")
    row = get(session, Assignment, reply.assignment_id, "assignment")
    own_unit_only(actor, row)
    request = ExportRequest(kind, row.meeting_id, templates=templates)
    number = label_of(row.proposal)
    if kind == "letters":
        content = reply_letter_content(session, reply_id)
        own = template(request, "答复函")
        return Planned(file_name("答复函", number, row.unit.name),
                       _docx(lambda: reply_letter.render(content, own)))
    form = forms.feedback_form(session, reply_id)
    own = template(request, "征询意见表")
    return Planned(file_name("征询意见表", number, row.unit.name),
                   _docx(lambda: form_docs.render_feedback(form, own)))
