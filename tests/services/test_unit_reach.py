"""A unit's clerk reaches only their unit's work, and the services say so, not the screens.

Every public function of desktop.services that reads the office's data through a session is
classified below; a new one fails this test until it is.  Each read service is then called as the
clerk of one unit with another unit's proposal, assignment and reply: it is refused, or nothing of
that proposal is in its answer."""
from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from datetime import date
from pathlib import Path

import pytest

import desktop.services
from desktop.domain.enums import UserRole
from desktop.domain.errors import NotAllowed
from desktop.domain.actor import Actor
from desktop.services import (
    assignment_lists, dashboard, exports, numbering, proposal_list, search, sites, statistics,
    supervision, timeline, tracking, unit_choice, year_report,
)
from desktop.services.proposal_list import ProposalFilter
from desktop.services.tracking import TrackingFilter
from desktop.store.models import Reply

from .flows import answer, assigned, person, unique

ROOT = Path(desktop.services.__file__).parents[1]
TODAY = date(2023, 12, 31)

READS = {  # each called with (session, the other unit's clerk, what belongs to another unit)
    "proposal_list.count": lambda s, a, o: proposal_list.count(s, a, ProposalFilter(words=o.title)),
    "proposal_list.page": lambda s, a, o: proposal_list.page(s, a, ProposalFilter(words=o.title)),
    "proposal_list.detail": lambda s, a, o: proposal_list.detail(s, a, o.proposal_id),
    "proposal_list.similar": lambda s, a, o: proposal_list.similar(s, a, o.title),
    "proposal_list.page_of_ids": lambda s, a, o: proposal_list.page_of_ids(s, a, [o.proposal_id]),
    "search.search_everything": lambda s, a, o: search.search_everything(s, a, o.title),
    "search.proposer_choices": lambda s, a, o: search.proposer_choices(s, a, o.proposer),
    "timeline.timeline": lambda s, a, o: timeline.timeline(s, a, o.proposal_id),
    "tracking.count": lambda s, a, o: tracking.count(s, a, TrackingFilter(TODAY, o.meeting_id,
                                                                          o.unit_id)),
    "tracking.page": lambda s, a, o: tracking.page(s, a, TrackingFilter(TODAY, o.meeting_id,
                                                                        o.unit_id)),
    "tracking.handling_of": lambda s, a, o: tracking.handling_of(s, a, o.assignment_id),
    "assignment_lists.units_of": lambda s, a, o: assignment_lists.units_of(s, a, o.proposal_id),
    "assignment_lists.assignment_list": lambda s, a, o: assignment_lists.assignment_list(
        s, a, o.meeting_id, o.unit_id),
    "assignment_lists.pending_requests": lambda s, a, o: assignment_lists.pending_requests(
        s, a, o.meeting_id),
    "numbering.preview_numbers": lambda s, a, o: numbering.preview_numbers(s, a, [o.proposal_id]),
    "unit_choice.unit_loads": lambda s, a, o: unit_choice.unit_loads(s, a),
    "unit_choice.suggest_units": lambda s, a, o: unit_choice.suggest_units(s, a, o.proposal_id),
    "supervision.key_proposals": lambda s, a, o: supervision.key_proposals(s, a, o.meeting_id),
    "supervision.excellent_choices": lambda s, a, o: (  # a list of numbered proposals
        numbering.give_numbers(s, Actor.system("编号"), [o.proposal_id]),
        supervision.excellent_choices(s, a, o.meeting_id))[1],
    "year_report.report_draft": lambda s, a, o: year_report.report_draft(
        s, a, o.meeting_id, today=TODAY),
    "supervision.candidates": lambda s, a, o: supervision.candidates(s, a, o.meeting_id, o.title),
    "dashboard.dashboard": lambda s, a, o: dashboard.dashboard(s, a, o.meeting_id, TODAY),
    "statistics.statistics_for": lambda s, a, o: statistics.statistics_for(
        s, a, o.meeting_id, unit_id=o.unit_id, today=TODAY),
    "exports.plan": lambda s, a, o: [p.name for p in exports.plan(s, a, exports.ExportRequest(
        "letters", o.meeting_id, o.unit_id))],
    "exports.plan_for_reply": lambda s, a, o: exports.plan_for_reply(s, a, o.reply_id, "letters"),
    "sites.site_rows": lambda s, a, o: sites.site_rows(s, a),
}
# reached only through exports.plan / plan_for_reply and statistics_for, which take the actor
# (checked below: no screen and no command imports them)
BUILDERS = {
    "compilation.compilation", "forms.feedback_form", "forms.feedback_forms", "forms.proposal_form",
    "forms.proposal_forms", "ledgers.ledger_rows", "ledgers.ledger_title", "letters.due_replies",
    "letters.reply_letter", "notices.assignment_notices", "notices.assignment_notice",
    "notices.review_notice", "notices.review_notices", "notices.reminders", "exports.meeting_label",
    "statistics.statistics", "reply_ledgers.reply_ledger_rows", "reply_ledgers.plans_for_reply",
}
# the office's lists and settings, the same for every account; no proposal in them
BASE_LISTS = {
    "base_data.meetings", "base_data.categories", "base_data.units", "base_data.sectors",
    "base_data.office_name", "base_data.office_settings", "base_data.members",
    "base_data.sector_rows", "base_data.category_rows", "base_data.unit_rows",
    "base_data.find_meeting", "base_data.current_meeting", "base_data.find_unit",
    "users.user_rows", "setup.is_initialized", "document_setup.unit_numbers",
    "assignment.due_dates", "entry.proposer_rows", "entry.lead_sector", "roster.preview",
    "demo.generate.proposal_count", "sites.known_site", "conflicts.open_count",
    "exchange.find_site", "exchange.exchanges_here", "exchange.invites_here",
}
# writes: each checks the actor's role and unit itself (tests/services/test_roles.py), and the
# checks themselves
OTHERS = {
    "assignment.assign", "assignment.assign_all", "assignment.accept",
    "assignment.return_assignment", "assignment.request_adjustment",
    "assignment.decide_adjustment", "assignment.extend", "base_data.add_term",
    "base_data.add_meeting", "base_data.add_sector", "base_data.add_organisation",
    "base_data.add_member", "base_data.add_unit", "base_data.merge_unit", "base_data.add_category",
    "base_data.update_settings", "base_data.update_member", "base_data.rename_sector",
    "base_data.update_category", "base_data.update_unit", "document_setup.update_documents",
    "entry.register", "entry.edit", "entry.submit", "entry.attach", "handling.record_contact",
    "handling.send_opinion", "handling.reply", "handling.evaluate", "handling.rehandle",
    "handling.follow_up", "numbering.give_numbers", "review.forward", "review.file",
    "review.reject", "review.refer", "review.return_for_revision", "review.withdraw",
    "review.merge", "review.split", "review.undo", "roster.import_roster", "setup.initialize",
    "supervision.mark_key", "supervision.mark_excellent", "supervision.choose_excellent",
    "supervision.supervise",
    "users.create_user", "users.change_password",
    "users.update_user", "users.authenticate", "demo.generate.generate",
    "common.get", "common.proposal_for", "common.assignment_for", "common.readable_proposal",
    "common.reachable", "conflicts.settle", "enrolment.invite", "enrolment.join",
    "enrolment.accept", "enrolment.retire", "enrolment.read_answer", "exchange.send", "exchange.receive",
    "exchange.open_received", "exchange.sender_of", "sites.may_exchange", "receipts.lines",
    "receipts.entry_papers", "exchange.write_parts",
    # refused to a unit's clerk at the office PC (tests/services/test_exchange.py)
    "conflicts.open_conflicts", "conflicts.held_back", "conflicts.release_held",
    "conflicts.discard_held", "reply_ledgers.export_for_reply",
    # refused to a unit's clerk (tests/services/test_ledger_returns.py)
    "ledger_returns.preview_return", "ledger_returns.apply_return",
    "legacy_ledgers.preview_legacy", "legacy_ledgers.apply_legacy",
}


def _services_reading_a_session() -> set[str]:
    found = set()
    for info in pkgutil.walk_packages(desktop.services.__path__, "desktop.services."):
        module = importlib.import_module(info.name)
        short = info.name.removeprefix("desktop.services.")
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if name.startswith("_") or function.__module__ != module.__name__:
                continue
            params = list(inspect.signature(function).parameters)
            if params[:1] == ["session"]:
                found.add(f"{short}.{name}")
    return found


def test_every_service_reading_the_database_is_classified():
    classified = set(READS) | BUILDERS | BASE_LISTS | OTHERS
    assert _services_reading_a_session() - classified == set(), "classify the new service here"
    assert classified - _services_reading_a_session() == set(), "a service here is gone"


def test_every_read_service_takes_the_actor():
    for name in READS:
        module, function = name.split(".")
        params = list(inspect.signature(getattr(getattr(desktop.services, module), function))
                      .parameters)
        assert params[:2] == ["session", "actor"], name


def _names_used(path: Path) -> set[str]:
    """module.function for every service function a file imports or calls through its module."""
    used = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("desktop.services."):
            module = node.module.removeprefix("desktop.services.")
            used |= {f"{module}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            used.add(f"{node.value.id}.{node.attr}")
    return used


def test_no_screen_and_no_command_calls_a_document_builder_directly():
    for folder in ("ui", "cli"):
        for path in (ROOT / folder).rglob("*.py"):
            assert _names_used(path) & BUILDERS == set(), path


class Other:
    """Another unit's proposal, with its assignment and reply."""

    def __init__(self, desk) -> None:
        self.title = unique("关于加强小型水库安全管理的建议")
        self.proposer = "水库调研委员"
        proposal, [row] = assigned(desk, self.title, lead="水利局")
        answer(desk, row)
        self.proposal_id, self.assignment_id = proposal.id, row.id
        self.meeting_id, self.unit_id = proposal.meeting_id, row.unit_id
        self.reply_id = desk.session.query(Reply.id).filter_by(assignment_id=row.id).scalar()
        self.number = proposal.number


@pytest.fixture
def other(desk) -> Other:
    return Other(desk)


# answers about the one proposal asked for: the clerk must be refused or get nothing at all
ABOUT_ONE = {"proposal_list.detail", "proposal_list.page_of_ids", "timeline.timeline",
             "tracking.handling_of", "assignment_lists.units_of", "exports.plan_for_reply",
             "unit_choice.suggest_units", "numbering.preview_numbers"}
# figures and lists where the proposal shows only as a count, if at all
COUNTS = {"sites.site_rows", "search.proposer_choices", "unit_choice.unit_loads", "dashboard.dashboard",
          "statistics.statistics_for", "assignment_lists.pending_requests", "exports.plan",
          "proposal_list.count", "tracking.count", "supervision.key_proposals",
          "year_report.report_draft"}


@pytest.mark.parametrize("name", sorted(READS))
def test_a_unit_clerk_reaches_nothing_of_another_units_proposal(desk, other, name):
    clerk = person(desk, UserRole.UNIT, unit_id=desk.unit("教育局").id)
    try:
        answer_given = READS[name](desk.session, clerk, other)
    except NotAllowed:
        return
    if name in ABOUT_ONE:
        assert not answer_given, f"{name} answered the clerk of 教育局 about 水利局's proposal"
    seen = repr(answer_given)
    for trace in (other.title, other.proposal_id, other.assignment_id, other.reply_id):
        assert trace not in seen, f"{name} gave the clerk of 教育局 {trace}"


@pytest.mark.parametrize("name", sorted(READS))
def test_the_office_reaches_the_same_proposal(desk, other, name):
    """The same calls as the office's clerk find the proposal, so the test above is not passing
    on an office where there is nothing to find."""
    answer_given = READS[name](desk.session, desk.admin, other)
    if name in ABOUT_ONE:
        assert answer_given, name
    elif name not in COUNTS:
        seen = repr(answer_given)
        assert any(t in seen for t in (other.title, other.proposal_id, other.assignment_id)), name
