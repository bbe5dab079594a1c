"""Who may send what (SYNC.md): the office anything; an entry laptop its papers; a unit its
own assignments' 签收, 退回, 申请调整, contacts and replies — and never what only the office
decides."""
from __future__ import annotations

import pytest

from desktop.domain.exchange import office_decides, refusal

OWN = {"created_by_sender": True, "own_assignment": True}
OTHERS = {"created_by_sender": False, "own_assignment": False}


@pytest.mark.parametrize(("kind", "table", "field", "facts", "value", "refused"), [
    ("office", "proposal", "title", OTHERS, "x", None),
    ("entry", "proposal", "*", OTHERS, {}, None),
    ("entry", "proposer", "*", OTHERS, {}, None),
    ("entry", "proposal", "title", OWN, "x", None),
    ("entry", "proposal", "title", OTHERS, "x", "sync_refused_entry"),
    ("entry", "proposal", "number", OWN, "第1号", "sync_refused_number"),
    ("entry", "review", "*", OTHERS, {}, "sync_refused_entry"),
    ("entry", "assignment", "*", OTHERS, {}, "sync_refused_entry"),
    ("unit", "reply", "*", OWN, {}, None),
    ("unit", "contact", "*", OWN, {}, None),
    ("unit", "reply", "*", OTHERS, {}, "sync_refused_other_unit"),
    ("unit", "assignment", "accepted_on", OWN, "2023-03-03", None),
    ("unit", "assignment", "ended", OWN, "returned", None),
    ("unit", "assignment", "ended", OWN, "adjusted", "sync_refused_unit"),
    ("unit", "assignment", "adjustment_decision", OWN, "approved", "sync_refused_unit"),
    ("unit", "assignment", "due_on", OWN, "2023-09-01", "sync_refused_unit"),
    ("unit", "assignment", "accepted_on", OTHERS, "2023-03-03", "sync_refused_other_unit"),
    ("unit", "proposal", "title", OTHERS, "x", "sync_refused_unit"),
    ("unit", "evaluation", "*", OWN, {}, "sync_refused_unit"),
    ("unit", "user_account", "*", OTHERS, {}, None),
    ("unit", "site", "*", OTHERS, {}, "sync_refused_table"),
])
def test_what_each_kind_of_site_may_send(kind, table, field, facts, value, refused):
    assert refusal(kind, table, field, value=value, **facts) == refused


@pytest.mark.parametrize("action", ["file", "number", "assign", "evaluate", "extend"])
def test_only_the_office_decides(action):
    assert office_decides("entry", action) and office_decides("unit", action)
    assert not office_decides("office", action)
    assert not office_decides("unit", "accept") and not office_decides("entry", "register")
