"""The house's import contracts hold, name every package, and break on a planted violation.

The contracts live in pyproject.toml and lint-imports checks them in tests/run.sh; these tests
check the contracts themselves: a package added later is covered without being listed, and
each contract really fails when its rule is broken (a contract that cannot fail guards nothing).
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
CONTRACTS = {c["name"]: c for c in PYPROJECT["tool"]["importlinter"]["contracts"]}
LAYERS = next(c for c in CONTRACTS.values() if c["type"] == "layers")
QT_BAN = next(c for n, c in CONTRACTS.items() if "Qt" in n)
DOMAIN_BAN = next(c for n, c in CONTRACTS.items() if "domain" in n and c is not LAYERS)
SCREENS_BAN = next((c for n, c in CONTRACTS.items() if n.startswith("The screens")), None)
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
# a distribution's name on PyPI → the name it is imported by, where the two differ
IMPORT_NAMES = {"pyside6-essentials": "PySide6", "pyside6-addons": "PySide6",
                "python-docx": "docx", "sqlalchemy": "sqlalchemy"}


def top_level_parts() -> set[str]:
    """Every package and module directly under desktop/ (resources is data, not code)."""
    parts = {p.stem for p in (ROOT / "desktop").glob("*.py") if p.stem not in ("__init__", "__main__")}
    parts |= {p.name for p in (ROOT / "desktop").iterdir() if (p / "__init__.py").exists()}
    return {f"desktop.{p}" for p in parts}


def test_every_package_has_its_place_in_the_layers():
    named = {m.strip() for layer in LAYERS["layers"] for m in re.split(r"[|:]", layer)}
    assert top_level_parts() == named


def test_the_qt_ban_covers_the_whole_package_but_the_screens():
    assert QT_BAN["source_modules"] == ["desktop"]
    assert all(i.startswith("desktop.ui.** ->") for i in QT_BAN["ignore_imports"])


def test_the_domain_ban_names_every_dependency():
    wanted = set()
    for requirement in PYPROJECT["project"]["dependencies"]:
        name = re.match(r"[A-Za-z0-9_.-]+", requirement).group(0).lower()
        wanted.add(IMPORT_NAMES.get(name, name))
    assert wanted <= set(DOMAIN_BAN["forbidden_modules"])


def planted_tree(tmp_path: Path, module: str, line: str) -> Path:
    """A copy of the package with ``line`` added to ``module``."""
    shutil.copytree(ROOT / "desktop", tmp_path / "desktop",
                    ignore=shutil.ignore_patterns("__pycache__", "resources"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    target = tmp_path / Path(*module.split(".")).with_suffix(".py")
    if not target.exists():
        target = target.with_suffix("") / "__init__.py"
    target.write_text(target.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    return tmp_path


def lint(tree: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(tree), "COLUMNS": "300"}  # one line per contract
    return subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=tree, env=env,
                          capture_output=True, text=True, timeout=120)


PLANTED = [
    # the contract, where the violation goes, the line
    ("Only desktop.ui imports Qt", "desktop.wording.labels", "import PySide6.QtCore"),
    ("Only desktop.ui imports Qt", "desktop.wording.figures_text", "from PySide6 import QtWidgets"),
    ("Only desktop.ui imports Qt", "desktop.app", "import shiboken6"),
    ("Imports point down", "desktop.domain.enums", "import desktop.store.models"),
    ("Imports point down", "desktop.services.entry", "import desktop.ui.workspace"),
    ("Imports point down", "desktop.wording.messages", "import desktop.services.common"),
    ("Imports point down", "desktop.exporters.fonts", "import desktop.store.database"),
    ("The domain uses the standard library only", "desktop.domain.lifecycle", "import openpyxl"),
    ("The screens", "desktop.ui.views.dashboard_view", "import desktop.exporters.pdf"),
]


@pytest.mark.parametrize(("contract", "module", "line"), PLANTED,
                         ids=[f"{m}:{line}" for _, m, line in PLANTED])
def test_a_planted_violation_breaks_its_contract(tmp_path, contract, module, line):
    if contract == "The screens" and SCREENS_BAN is None:
        pytest.fail("no contract keeps the screens from reaching past the services")
    result = lint(planted_tree(tmp_path, module, line))
    assert result.returncode != 0, result.stdout
    broken = [row for row in result.stdout.splitlines() if " BROKEN" in row]
    assert any(row.startswith(contract) for row in broken), result.stdout


def test_the_contracts_hold_on_the_tree_as_it_is(tmp_path):
    result = lint(planted_tree(tmp_path, "desktop.app", "# nothing planted"))
    assert result.returncode == 0, result.stdout
