"""The installer scripts on a fresh Debian 12 machine, as README tells a user to run them.

A fresh machine is simulated, not made: shims first in PATH stand in for dpkg-query (the
packages a script needs are unknown to dpkg, as wine is on a fresh machine), apt-get (fails, or
"installs" by listing what dpkg-query then reports) and sudo, so nothing is installed, no
network is used, and every case ends after the packages step or the step after it.
"""
from __future__ import annotations

import os
import re
import stat
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

DPKG_QUERY = """#!/bin/sh
# every package is unknown to dpkg, unless the apt-get shim has listed it in FAKE_STATE
for a in "$@"; do last=$a; done
if grep -qx -- "$last" "$FAKE_STATE" 2>/dev/null; then printf 'ii '; exit 0; fi
echo "dpkg-query: no packages found matching $last" >&2
exit 1
"""
APT_GET = """#!/bin/sh
case " $* " in
  *" install "*)
    [ "$FAKE_APT" = fail ] && { echo "E: Unable to locate package wine" >&2; exit 100; }
    for a in "$@"; do echo "$a"; done >>"$FAKE_STATE";;
esac
exit 0
"""
SUDO = """#!/bin/sh
[ "$1" = -n ] && shift
exec "$@"
"""
NO_NETWORK = """#!/bin/sh
echo "no network" >&2
exit 1
"""


def _shims(tmp_path: Path) -> Path:
    shims = tmp_path / "shims"
    shims.mkdir()
    for name, text in (("dpkg-query", DPKG_QUERY), ("apt-get", APT_GET), ("sudo", SUDO),
                       ("pip", NO_NETWORK)):
        path = shims / name
        path.write_text(text)
        path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return shims


def _run(tmp_path: Path, script: str, apt: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PATH=f"{_shims(tmp_path)}:{os.environ['PATH']}", FAKE_APT=apt,
               FAKE_STATE=str(tmp_path / "installed"), W=str(tmp_path / "w"))
    return subprocess.run(["bash", str(ROOT / script)], cwd=tmp_path, env=env, text=True,
                          capture_output=True, timeout=60, stdin=subprocess.DEVNULL)


def _errors(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in result.stderr.splitlines() if "ERROR:" in line]


def test_build_windows_without_wine_says_what_it_installs_and_names_the_failed_step(tmp_path):
    result = _run(tmp_path, "installer/build-windows.sh", apt="fail")
    assert result.returncode != 0
    assert re.search(r"installing with apt-get: wine wine64 nsis", result.stdout), result
    assert _errors(result) == [
        "[build-windows.sh] ERROR: step \"packages\" failed: apt-get install wine wine64 nsis "
        "gcc-mingw-w64-x86-64-win32 python3-pip unzip failed"], result


def test_build_windows_past_the_packages_names_the_next_failed_step(tmp_path):
    # apt "installs" everything; pip download then fails (no network): the ERR trap's line
    result = _run(tmp_path, "installer/build-windows.sh", apt="works")
    assert result.returncode != 0
    assert "installing with apt-get: wine" in result.stdout
    errors = _errors(result)
    assert len(errors) == 1, result
    assert errors[0].startswith('[build-windows.sh] ERROR: step "embeddable Python" failed (exit 1)')


def test_test_windows_without_a_build_names_the_step(tmp_path):
    result = _run(tmp_path, "installer/test-windows.sh", apt="fail")
    assert result.returncode != 0
    assert _errors(result) == [
        f'[test-windows.sh] ERROR: step "the installer from build-windows.sh" failed: no '
        f"{tmp_path}/w/out/tiantong-*-setup.exe: run installer/build-windows.sh first"], result


def test_test_windows_without_wine_names_the_packages_step(tmp_path):
    (tmp_path / "w" / "out").mkdir(parents=True)
    (tmp_path / "w" / "out" / "tiantong-0.1.0-setup.exe").touch()
    result = _run(tmp_path, "installer/test-windows.sh", apt="fail")
    assert result.returncode != 0
    assert "installing with apt-get: wine wine64" in result.stdout
    errors = _errors(result)
    assert len(errors) == 1 and errors[0].startswith(
        '[test-windows.sh] ERROR: step "packages" failed: apt-get install wine'), result


@pytest.mark.parametrize("command", ["x=$(false | cat)", "x=$(false); echo after", "f() { false; }; f"])
def test_a_failure_in_a_pipeline_substitution_or_function_prints_one_line(command):
    script = f'set -euo pipefail; TIAN_SCRIPT=t.sh; source installer/packages.sh; step "here"; {command}'
    result = subprocess.run(["bash", "-c", script], cwd=ROOT, text=True, capture_output=True,
                            timeout=30)
    assert result.returncode == 1
    assert "after" not in result.stdout
    assert len(_errors(result)) == 1 and _errors(result)[0].startswith(
        '[t.sh] ERROR: step "here" failed (exit 1)'), result


def test_a_package_dpkg_never_heard_of_is_missing_not_the_end(tmp_path):
    if not any((Path(d) / "dpkg-query").exists() for d in os.environ["PATH"].split(":")):
        pytest.skip("no dpkg-query: not a Debian/Ubuntu machine")
    script = ("set -euo pipefail; source installer/packages.sh; "
              "_installed tian-no-such-package || echo missing; _installed dpkg && echo installed")
    result = subprocess.run(["bash", "-c", script], cwd=ROOT, text=True, capture_output=True,
                            timeout=30)
    assert (result.returncode, result.stdout.split()) == (0, ["missing", "installed"]), result
