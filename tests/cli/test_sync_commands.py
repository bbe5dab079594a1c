"""Enrolling a unit and exchanging packages with the commands the manual gives, each a separate
``tian`` process on real files; and every kind of bad package refused in one sentence, quickly,
in little memory, with the office's database unchanged."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.faults.measure import measured
from tests.sync import forged

from .tian import copy_database, digest

OFFICE = "政协示范县委员会"  # the demo office's name
FINGERPRINT = re.compile(r"本站点的密钥指纹：([\d ]+)")


@pytest.fixture
def county(tian, demo_db, tmp_path):
    """The demo office and 县教育局's installation, enrolled through the two files."""
    office = copy_database(demo_db, tmp_path / "office.db")
    unit = tmp_path / "unit" / "unit.db"
    stick = tmp_path / "stick"
    invite = tian("site", "invite", "--db", str(office), "--name", "县教育局", "--kind", "unit",
                  "--unit", "县教育局", "--out", str(stick) + "/")
    assert invite.returncode == 0, invite
    invitation = stick / "提案通邀请-县教育局.tian"
    joined = tian("init", "--db", str(unit), "--join", str(invitation), "--password",
                  "secret-999", "--answer-out", str(stick))
    assert joined.returncode == 0, joined
    said = FINGERPRINT.search(joined.stdout).group(1)
    accepted = tian("site", "accept", "--db", str(office), str(stick / "提案通回执-县教育局.tian"),
                    "--fingerprint", said)
    assert accepted.returncode == 0, accepted
    return {"office": office, "unit": unit, "stick": stick, "fingerprint": said}


def test_a_units_package_is_previewed_imported_once_and_listed(tian, county):
    office, unit, stick = county["office"], county["unit"], county["stick"]
    sites = json.loads(tian("site", "list", "--db", str(office), "--json").stdout)
    assert [s["fingerprint"] for s in sites if s["name"] == "县教育局"] == [county["fingerprint"]]

    sent = tian("sync", "export", "--db", str(unit), "--to", OFFICE, "--out", str(stick))
    assert sent.returncode == 0, sent
    package = Path(re.search(r"已生成交换文件：(.+\.tian)", sent.stdout).group(1))

    before = digest(office)
    dry = tian("sync", "import", "--db", str(office), str(package), "--dry-run")
    assert dry.returncode == 0 and "试运行" in dry.stdout, dry
    assert digest(office) == before
    done = tian("sync", "import", "--db", str(office), str(package))
    assert done.returncode == 0, done
    again = tian("sync", "import", "--db", str(office), str(package))
    assert again.returncode == 0 and "导入过" in again.stdout, again
    queue = tian("sync", "conflicts", "--db", str(office))
    assert queue.stdout.strip() == "没有待处理的冲突。"


def test_bad_packages_are_refused_in_one_sentence_quickly_and_nothing_is_written(tian, county):
    office, unit, stick = county["office"], county["unit"], county["stick"]
    sent = tian("sync", "export", "--db", str(unit), "--to", OFFICE, "--out",
                str(stick / "real.tian"))
    assert sent.returncode == 0, sent
    real = stick / "real.tian"
    made = forged.every_kind(real, unit, stick / "bad")
    home = office.parent / "home"
    before = digest(office)
    for name, path in made.items():
        run = measured(home, "--db", str(office), "sync", "import", str(path))
        assert run.returncode == 2, (name, run)
        assert len(run.stderr.strip().splitlines()) == 1 and "Traceback" not in run.stderr, name
        assert "未导入任何内容" in run.stderr, (name, run.stderr)
        assert run.seconds < 10 and run.peak_mb < 200, (name, run.seconds, run.peak_mb)
        assert digest(office) == before, name

    retired = tian("site", "retire", "--db", str(office), "县教育局")
    assert retired.returncode == 0, retired
    before = digest(office)
    run = tian("sync", "import", "--db", str(office), str(real))
    assert run.returncode == 2 and "已停用" in run.sentence()
    assert digest(office) == before
