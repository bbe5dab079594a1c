"""A clerk exports a meeting's letters into a folder: readable names, nothing replaced unasked,
nothing half-written, a report of what was written and what was skipped."""
from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import docx
import pytest

from desktop.domain.enums import EvaluationMethod, Rating, ReplyCategory, UserRole
from desktop.domain.errors import Cancelled, NotAllowed
from desktop.services import exports, handling, numbering, review
from desktop.services.batch import Planned, existing, file_name, write_batch

from .flows import answer, assigned, person, refused, to_final_level, two_replies


def letters(desk, actor=None, unit_id=None) -> list[Planned]:
    request = exports.ExportRequest("letters", desk.meeting.id, unit_id)
    return exports.plan(desk.session, actor or desk.admin, request)


def test_every_due_reply_gets_a_letter_named_by_number_and_unit(desk, tmp_path):
    two_replies(desk)
    plans = letters(desk)
    names = [p.name for p in plans]
    assert len(names) == 3 and len(set(names)) == 3
    assert names[0] == f"答复函_第1号_{desk.unit('教育局').name}.docx"
    assert {n.split("_")[1] for n in names[1:]} == {"第2号"}
    report = write_batch(plans, tmp_path)
    assert sorted(p.name for p in report.written) == sorted(names) and not report.skipped
    letter = docx.Document(str(tmp_path / names[0]))
    assert "测试县教育局" in [p.text for p in letter.paragraphs], "its 全称 signs it"


def test_a_second_export_skips_the_files_already_there_unless_asked(desk, tmp_path):
    two_replies(desk)
    plans = letters(desk)
    write_batch(plans, tmp_path)
    kept = (tmp_path / plans[0].name).read_bytes()
    (tmp_path / plans[0].name).write_bytes(b"the clerk's own edits")
    assert existing(tmp_path, plans) == [p.name for p in plans]
    again = write_batch(plans, tmp_path)
    assert not again.written
    assert again.skipped == [(p.name, "文件已存在，未覆盖") for p in plans]
    assert (tmp_path / plans[0].name).read_bytes() == b"the clerk's own edits"
    replaced = write_batch(plans, tmp_path, overwrite=True)
    assert len(replaced.written) == 3
    assert (tmp_path / plans[0].name).read_bytes()[:2] == kept[:2] == b"PK"


def test_cancelling_keeps_the_finished_files_and_leaves_no_partial_one(desk, tmp_path):
    two_replies(desk)
    plans = letters(desk)

    def progress(done: int, total: int) -> None:
        if done == 2:
            raise Cancelled

    report = write_batch(plans, tmp_path, progress=progress)
    assert report.cancelled and [p.name for p in report.written] == [p.name for p in plans[:2]]
    assert report.skipped == [(plans[2].name, "已取消")]
    assert sorted(f.name for f in tmp_path.iterdir()) == sorted(p.name for p in plans[:2])
    assert "已取消" in report.summary()


def test_a_file_that_fails_half_way_leaves_nothing_behind(tmp_path):
    def broken(path: Path) -> None:
        path.write_bytes(b"half a letter")
        raise ValueError("template broke")

    with pytest.raises(ValueError):
        write_batch([Planned("答复函_第1号_县教育局.docx", broken)], tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_file_names_keep_windows_happy():
    assert file_name("答复函", "第1/2号", "县教育局", "") == "答复函_第1－2号_县教育局.docx"
    assert file_name("台账", "a:b*c?", suffix=".xlsx") == "台账_a－b－c－.xlsx"


def test_a_units_clerk_exports_only_the_units_own_letters(desk):
    two_replies(desk)
    water = desk.unit("水利局")
    clerk = person(desk, UserRole.UNIT, unit_id=water.id)
    names = [p.name for p in letters(desk, clerk)]
    assert names == [f"答复函_第2号_{water.name}.docx"]
    with refused(NotAllowed, "export_not_for_units"):
        exports.plan(desk.session, clerk, exports.ExportRequest("notices", desk.meeting.id))


def test_a_second_round_reply_gets_its_own_letter_name(desk):
    proposal, rows = assigned(desk, "关于加强校园安全的建议", lead="教育局")
    numbering.give_numbers(desk.session, desk.admin, [proposal.id])
    answer(desk, rows[0])
    handling.evaluate(desk.session, desk.admin, rows[0].id, Rating.UNSATISFIED,
                      Rating.UNSATISFIED, EvaluationMethod.PAPER,
                      rows[0].assigned_on + timedelta(50))
    answer(desk, rows[0], on=rows[0].assigned_on + timedelta(80))
    names = [p.name for p in letters(desk)]
    assert names == [f"答复函_第1号_{desk.unit('教育局').name}_二次答复.docx"]


def test_notices_are_one_per_unit_and_day_and_one_per_refused_proposal(desk):
    two_replies(desk)
    refused_one = desk.register("关于修建小区游泳馆的建议", "张三")
    assignment_only = exports.ExportRequest("notices", desk.meeting.id, notice="交办")
    names = [p.name for p in exports.plan(desk.session, desk.admin, assignment_only)]
    assert sorted(names) == sorted(f"交办通知_{desk.unit(u).name}_2023年3月1日.docx"
                                   for u in ("教育局", "水利局", "自然资源局"))
    to_final_level(desk, [refused_one.id])
    review.reject(desk.session, desk.admin, [refused_one.id], reason="属于个人诉求")
    request = exports.ExportRequest("notices", desk.meeting.id, notice="不予立案")
    names = [p.name for p in exports.plan(desk.session, desk.admin, request)]
    assert names == [f"不予立案通知_收文{refused_one.serial}号.docx"]


def test_the_offices_own_template_is_used_for_its_kind(desk, tmp_path):
    from desktop.exporters import templates
    from desktop.exporters.docx_layout import east_asia_font, set_fonts
    from desktop.services import document_setup

    two_replies(desk)
    own = templates.build_reference()
    set_fonts(own.styles["公文正文"], "仿宋")  # this office's PCs have only the stock fonts
    source = tmp_path / "本单位答复函.docx"
    own.save(str(source))
    folder = tmp_path / "templates"
    document_setup.install_template(desk.admin, folder, "答复函", source)
    request = exports.ExportRequest("letters", desk.meeting.id, templates=folder)
    report = write_batch(exports.plan(desk.session, desk.admin, request), tmp_path / "out")
    letter = docx.Document(str(report.written[0]))
    assert east_asia_font(letter.styles["公文正文"]) == "仿宋"
    plain = write_batch(letters(desk), tmp_path / "plain")
    assert east_asia_font(docx.Document(str(plain.written[0])).styles["公文正文"]) == "仿宋_GB2312"


def test_a_locality_names_the_reply_categories_its_own_way(office):
    from dataclasses import replace

    from desktop.services import base_data, forms
    from desktop.store.office import load_settings

    _, rows = assigned(office, "关于加强校园安全的建议", lead="教育局")
    answer(office, rows[0], category=ReplyCategory.C)
    documents = replace(load_settings(office.session).documents, category_names={"C": "留作参考"})
    base_data.update_settings(office.session, office.admin, documents=documents)
    [form] = forms.feedback_forms(office.session, office.meeting.id)
    assert form.category == "C（留作参考）"


def test_a_long_file_reports_its_own_progress_and_can_be_cancelled(tmp_path):
    seen = []

    def book(path: Path, progress) -> None:
        for page in range(1, 4):
            progress(page, 3)
        path.write_bytes(b"PK")

    report = write_batch([Planned("提案汇编.docx", book, long=True)], tmp_path,
                         progress=lambda done, total: seen.append((done, total)))
    assert seen == [(0, 1), (1, 3), (2, 3), (3, 3), (1, 1)] and report.written

    def cancel_at_two(done: int, total: int) -> None:
        if (done, total) == (2, 3):
            raise Cancelled

    stopped = write_batch([Planned("提案汇编2.docx", book, long=True)], tmp_path,
                          progress=cancel_at_two)
    assert stopped.cancelled and not (tmp_path / "提案汇编2.docx").exists()
    assert not list(tmp_path.glob("*.part"))


def test_a_full_disk_stops_the_batch_and_a_file_open_in_word_is_skipped(tmp_path):
    import errno

    def fine(path: Path) -> None:
        path.write_bytes(b"PK")

    def locked(path: Path) -> None:
        raise PermissionError(errno.EACCES, "locked", str(path))

    def full(path: Path) -> None:
        path.write_bytes(b"half")
        raise OSError(errno.ENOSPC, "No space left on device")

    plans = [Planned("a.docx", fine), Planned("b.docx", locked), Planned("c.docx", full),
             Planned("d.docx", fine)]
    report = write_batch(plans, tmp_path)
    assert [p.name for p in report.written] == ["a.docx"]
    assert report.skipped == [("b.docx", "文件正被 Word 或 WPS 打开，关闭后再导出")]
    assert report.disk_full == 2
    assert report.summary().endswith("；磁盘空间不足，其余 2 个未写入，请清理空间后重新导出。")
    assert sorted(f.name for f in tmp_path.iterdir()) == ["a.docx"]


def test_a_units_clerk_cannot_print_another_units_letter(desk):
    two_replies(desk)
    [education, *_] = letters(desk)
    reply_id = exports.due_replies(desk.session, desk.meeting.id, desk.unit("教育局").id)[0].reply_id
    water = person(desk, UserRole.UNIT, unit_id=desk.unit("水利局").id)
    with refused(NotAllowed, "other_unit", unit=desk.unit("教育局").name):
        exports.plan_for_reply(desk.session, water, reply_id, "letters")
    own = exports.plan_for_reply(desk.session, desk.admin, reply_id, "letters")
    assert own.name == education.name
