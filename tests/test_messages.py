"""Every refusal the program can raise reads as a whole Chinese sentence, placeholders filled.

The raise sites are found by reading desktop/ itself (ast), so a new error code without its
sentence, or a sentence asking for a parameter its raise site does not pass, fails here.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path
from string import Formatter

import pytest

from desktop.domain.errors import DomainError
from desktop.wording.messages import TEMPLATES, describe

PACKAGE = Path(__file__).resolve().parent.parent / "desktop"
ERRORS = {"DomainError", "NotAllowed", "InvalidInput", "NotFound"}
CJK = re.compile(r"[\u4e00-\u9fff]")

# Parameters a caller adds to an error on its way up, by raise site:
# services.common.proposal_for names the proposal of a state_not_allowed from permissions.require.
ENRICHED = {("domain/permissions.py", "state_not_allowed"): {"proposal"}}


@dataclass(frozen=True)
class Site:
    where: str  # path:line
    code: str
    params: frozenset[str]

    @property
    def file(self) -> str:
        return self.where.split(":")[0]


def _name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _trees() -> dict[str, ast.Module]:
    return {str(p.relative_to(PACKAGE)): ast.parse(p.read_text(encoding="utf-8"), str(p))
            for p in sorted(PACKAGE.rglob("*.py"))}


def _get_targets(trees: dict[str, ast.Module]) -> set[str]:
    """The ``what`` of every ``get(session, Model, id, "what")`` (services.common.get)."""
    whats = set()
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _name(node.func) == "get" and len(node.args) == 4:
                what = node.args[3]
                assert isinstance(what, ast.Constant), ast.unparse(node)
                whats.add(what.value)
    return whats


def raise_sites() -> list[Site]:
    trees = _trees()
    sites = []
    for path, tree in trees.items():
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and _name(node.func) in ERRORS and node.args):
                continue
            where = f"{path}:{node.lineno}"
            assert all(k.arg for k in node.keywords), f"{where}: **params cannot be checked"
            params = frozenset(k.arg for k in node.keywords)
            code = node.args[0]
            if isinstance(code, ast.Constant) and isinstance(code.value, str):
                sites.append(Site(where, code.value, params))
            elif isinstance(code, ast.JoinedStr) and ast.unparse(code) == "f'{what}_not_found'":
                sites += [Site(where, f"{what}_not_found", params)
                          for what in sorted(_get_targets(trees))]
            else:
                raise AssertionError(f"{where}: cannot read the error code {ast.unparse(code)}")
    return sites


SITES = raise_sites()
def _cases() -> list:
    cases = []
    for site in SITES:
        cases.append(pytest.param(site, id=f"{site.code}@{site.where}"))
    return cases


def test_the_scan_finds_the_raise_sites():
    codes = {s.code for s in SITES}
    assert len(SITES) > 50
    assert {"database_newer", "database_not_sqlite", "state_not_allowed", "record_not_found",
            "meeting_not_found", "role_not_allowed"} <= codes


def _template(code: str, params: frozenset[str]) -> str:
    if code == "login_failed" and "attempts_left" in params:
        return TEMPLATES["login_failed_left"]
    if code in TEMPLATES:
        return TEMPLATES[code]
    raise AssertionError(f"no sentence for the error code {code!r}")


@pytest.mark.parametrize("site", _cases())
def test_every_raised_code_has_a_sentence_with_its_placeholders_filled(site):
    params = set(site.params) | ENRICHED.get((site.file, site.code), set())
    template = _template(site.code, frozenset(params))
    wanted = {name.split(".")[0].split("[")[0]
              for _, name, _, _ in Formatter().parse(template) if name}
    assert wanted <= params, f"{site.where} passes {sorted(params)}, the sentence wants {wanted}"
    # a value describe() has no word for (unlike file, registered, leader) is shown as it is
    dummy = {p: "某某" for p in params}
    sentence = describe(DomainError(site.code, **dummy))
    assert sentence == template.format(**dummy)  # not the cut-short fallback
    assert CJK.search(sentence) and sentence.endswith("。")


def test_only_proposal_for_asks_require_about_a_state():
    """What ENRICHED relies on: a state_not_allowed always passes through proposal_for."""
    callers = []
    for path, tree in _trees().items():
        for func in ast.walk(tree):
            if not isinstance(func, ast.FunctionDef):
                continue
            for node in ast.walk(func):
                if (isinstance(node, ast.Call) and _name(node.func) == "require"
                        and len(node.args) >= 2
                        and not (isinstance(node.args[1], ast.Constant)
                                 and node.args[1].value is None)):
                    callers.append(f"{path}:{func.name}")
    assert callers == ["services/common.py:proposal_for"]


def test_the_words_for_actions_states_roles_and_fields_are_used():
    error = DomainError("state_not_allowed", proposal="第12号", state="registered", action="file")
    assert describe(error) == "第12号当前为“待提交”状态，不能进行“立案”操作。"
    error = DomainError("role_not_allowed", role="leader", action="reply")
    assert describe(error) == "您的角色（领导）不能进行“答复”操作。"
    assert describe(DomainError("field_required", field="title")) == "请填写案由。"


def test_an_unknown_code_still_gives_a_sentence_naming_it():
    sentence = describe(DomainError("something_new"))
    assert "something_new" in sentence and sentence.endswith("。")


def test_a_record_that_is_gone_is_named_in_the_office_s_words():
    sentence = describe(DomainError("record_not_found", kind="meeting", id="01a2"))
    assert sentence == "找不到所选的会议，可能已被删除或尚未同步，请刷新后重试。"


def test_templates_are_well_formed():
    for code, template in TEMPLATES.items():
        list(Formatter().parse(template))  # raises on a stray brace
        assert CJK.search(template) and template.endswith("。"), code
