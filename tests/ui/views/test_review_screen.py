"""审查立案 as the reviewers do it: pick rows in a queue, press the decision, answer its dialog."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from desktop.domain.enums import Decision, Origin, State
from desktop.wording.labels import REJECT_REASONS
from desktop.services import assignment, numbering, review
from desktop.store.models import Proposal, Review
from desktop.ui.dialogs.decisions import (
    MergeDialog,
    NumberPreviewDialog,
    ReasonDialog,
    SplitDialog,
)
from desktop.ui.models.proposal_table import COLUMNS
from desktop.ui.views.review_view import ReviewView

from .clerk import click_rows, click_tab, rows, show, struck_through, titles

PARKING = "关于缓解县城停车难的建议"            # 初审
SORTING = "关于推进垃圾分类的建议"              # 初审
OLD_ESTATES = "关于规范老旧小区停车管理的建议"   # 复审 (终审 with the ``at_final`` fixture)
TOURISM = "关于发展乡村旅游的建议"              # 复审 (终审 with ``at_final``)
AFTER_SCHOOL = "关于提升中小学课后服务质量的建议"  # 已立案, no number yet


@pytest.fixture
def at_final(desk):
    """The two proposals at 复审 sent on to 终审 before the screen opens."""
    review.forward(desk.session, desk.admin, [desk.proposals[OLD_ESTATES], desk.proposals[TOURISM]])


def stored(desk, title: str) -> Proposal:
    """The proposal as the database holds it now (a session of its own, nothing cached)."""
    with desk.db.session() as session:
        p = session.scalars(select(Proposal).where(Proposal.title == title)).one()
        p.proposer_names = [pr.name for pr in p.proposers]
        p.trail = [(r.level, r.decision, r.reason, r.revoke_reason) for r in session.scalars(
            select(Review).where(Review.proposal_id == p.id).order_by(Review.stamp))]
        return p


def tab_counts(view: ReviewView) -> dict[str, str]:
    return dict(view.tabs.tabText(i).rstrip("）").split("（") for i in range(view.tabs.count()))


def press_button(qtbot, view: ReviewView, key: str) -> None:
    button = view.buttons[key]
    assert button.isVisible(), f"{button.text()} is not offered in {view.queue.name}"
    assert button.isEnabled(), f"{button.text()} is greyed out"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def reasons_given(monkeypatch, *answers: str) -> list[dict]:
    """Each ReasonDialog gets the next answer (picked from its list when it is there) and OK."""
    left = list(answers)
    asked: list[dict] = []

    def exec_(dialog: ReasonDialog) -> int:
        offered = [dialog.reason.itemText(i) for i in range(dialog.reason.count())]
        asked.append({"title": dialog.windowTitle(), "offered": offered})
        text = left.pop(0)
        if text in offered:
            dialog.reason.setCurrentIndex(offered.index(text))
        else:
            dialog.reason.setEditText(text)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(ReasonDialog, "exec", exec_)
    return asked


def detail_line(view: ReviewView) -> str:
    """The detail pane's text as one line (its facts are a two-column table)."""
    return view.detail.toPlainText().replace("\n", "").replace("\t", "")


def row_text(view: ReviewView, title: str, column: str) -> str:
    c = next(i for i, col in enumerate(COLUMNS) if col.key == column)
    r = next(i for i, row in enumerate(rows(view.model)) if row.title == title)
    return view.model.data(view.model.index(r, c))


# -- up the levels and numbered ----------------------------------------------------------
def test_two_proposals_go_up_to_final_review_are_filed_and_numbered_as_previewed(
        desk, review_view, qtbot, monkeypatch):
    view = review_view
    assert view.queue.name == "初审"
    assert sorted(titles(view.model)) == sorted([PARKING, SORTING])
    asked = reasons_given(monkeypatch, "符合提案要求，送复审", "", "县住房和城乡建设局")

    click_rows(qtbot, view.table, PARKING, SORTING)
    assert view.table.selected_ids() == sorted(
        [desk.proposals[PARKING], desk.proposals[SORTING]],
        key=[r.id for r in rows(view.model)].index)
    press_button(qtbot, view, "forward")
    assert view.message.text() == "已送下一级审查 2 件。"
    assert titles(view.model) == []
    assert tab_counts(view)["初审"] == "0" and tab_counts(view)["复审"] == "4"

    click_tab(qtbot, view.tabs, "复审")
    click_rows(qtbot, view.table, PARKING, SORTING)
    press_button(qtbot, view, "forward")
    assert view.message.text() == "已送下一级审查 2 件。"
    assert sorted(titles(view.model)) == sorted([OLD_ESTATES, TOURISM])

    click_tab(qtbot, view.tabs, "终审")
    assert sorted(titles(view.model)) == sorted([PARKING, SORTING])
    assert not view.buttons["forward"].isVisible(), "终审 is the last level"
    click_rows(qtbot, view.table, PARKING, SORTING)
    press_button(qtbot, view, "file")
    assert view.message.text() == "已立案 2 件，可在“已立案”中编提案号。"
    assert [a["title"] for a in asked] == ["送下一级审查", "送下一级审查", "立案"]

    click_tab(qtbot, view.tabs, "已立案")
    assert sorted(titles(view.model)) == sorted([PARKING, SORTING, AFTER_SCHOOL])
    previews: list[list[tuple[str, str, str]]] = []
    decisions = iter([NumberPreviewDialog.DialogCode.Rejected,
                      NumberPreviewDialog.DialogCode.Accepted])

    def preview(dialog: NumberPreviewDialog) -> int:
        table = dialog.table
        previews.append([tuple(table.item(r, c).text() for c in range(3))
                         for r in range(table.rowCount())])
        return next(decisions)

    monkeypatch.setattr(NumberPreviewDialog, "exec", preview)
    click_rows(qtbot, view.table, SORTING, PARKING)
    press_button(qtbot, view, "number")            # looked at, then 取消
    assert stored(desk, PARKING).number is None and stored(desk, SORTING).number is None
    press_button(qtbot, view, "number")            # looked at, then 编号

    parking, sorting = stored(desk, PARKING), stored(desk, SORTING)
    assert previews[0] == previews[1] == [
        (parking.serial, PARKING, "第1号"), (sorting.serial, SORTING, "第2号")]
    assert (parking.number, sorting.number) == ("第1号", "第2号")
    assert view.message.text() == "已编号 2 件：第1号 至 第2号。"
    assert row_text(view, PARKING, "number") == "第1号"
    assert row_text(view, SORTING, "number") == "第2号"
    assert row_text(view, AFTER_SCHOOL, "number") == ""
    assert parking.status is State.FILED
    assert [t[:3] for t in parking.trail] == [
        (1, Decision.FORWARD, "符合提案要求，送复审"), (2, Decision.FORWARD, None),
        (3, Decision.FILED, None)]

    click_rows(qtbot, view.table, PARKING)
    press_button(qtbot, view, "number")
    assert view.message.text() == "所选提案都已编号。"
    assert len(previews) == 2, "nothing to preview, no dialog"
    assert "第1号" in view.detail.toPlainText()


# -- 不予立案 -------------------------------------------------------------------------------
def test_rejection_reason_chosen_from_the_common_ones_is_kept_and_shown(
        desk, at_final, review_view, qtbot, monkeypatch):
    view = review_view
    refusals: list[str] = []
    offered: list[list[str]] = []
    chosen = REJECT_REASONS[6]

    def exec_(dialog: ReasonDialog) -> int:
        offered.append([dialog.reason.itemText(i) for i in range(dialog.reason.count())])
        dialog.accept()                       # OK with nothing chosen: the dialog says so
        refusals.append(dialog.error.text())
        assert dialog.result() != ReasonDialog.DialogCode.Accepted
        dialog.reason.setCurrentIndex(dialog.reason.findText(chosen))
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(ReasonDialog, "exec", exec_)
    click_tab(qtbot, view.tabs, "终审")
    click_rows(qtbot, view.table, OLD_ESTATES)
    press_button(qtbot, view, "reject")

    assert offered == [[""] + list(REJECT_REASONS)]
    assert refusals == ["请填写理由。"]
    assert view.message.text() == "已不予立案 1 件。" and view.error.text() == ""
    p = stored(desk, OLD_ESTATES)
    assert p.status is State.REJECTED
    assert p.trail[-1][:3] == (3, Decision.REJECTED, chosen)
    assert titles(view.model) == [TOURISM]

    click_tab(qtbot, view.tabs, "未立案")
    assert titles(view.model) == [OLD_ESTATES]
    assert row_text(view, OLD_ESTATES, "status") == "不予立案"
    click_rows(qtbot, view.table, OLD_ESTATES)
    shown = view.detail.toPlainText()
    assert f"终审 不予立案：{chosen}（管理员）" in shown
    assert "状态" in shown and "不予立案" in shown


# -- 并案 and 拆分 --------------------------------------------------------------------------
def test_merged_proposal_points_to_the_main_one_and_the_main_one_lists_it(
        desk, at_final, review_view, qtbot, monkeypatch):
    view = review_view
    listed: list[list[str]] = []

    def choose_main(dialog: MergeDialog) -> int:
        listed.append([dialog.main.item(i).text() for i in range(dialog.main.count())])
        dialog.main.setCurrentRow(next(i for i in range(dialog.main.count())
                                       if TOURISM in dialog.main.item(i).text()))
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(MergeDialog, "exec", choose_main)
    click_tab(qtbot, view.tabs, "终审")
    click_rows(qtbot, view.table, OLD_ESTATES, TOURISM)
    press_button(qtbot, view, "merge")

    main, merged = stored(desk, TOURISM), stored(desk, OLD_ESTATES)
    main_label, merged_label = f"收文{main.serial}号", f"收文{merged.serial}号"
    assert sorted(listed[0]) == sorted([f"{main_label}  {TOURISM}（张三）",
                                        f"{merged_label}  {OLD_ESTATES}（王五）"])
    assert view.message.text() == f"已将 1 件并入{main_label}。"
    assert merged.status is State.MERGED and merged.merged_into_id == main.id
    assert main.status is State.IN_REVIEW and main.review_level == 3
    assert main.proposer_names == ["张三", "王五"] and main.origin is Origin.JOINT
    assert titles(view.model) == [TOURISM]

    click_rows(qtbot, view.table, TOURISM)
    assert f"并入本案{merged_label}" in detail_line(view)
    assert "王五" in view.detail.toPlainText()

    click_tab(qtbot, view.tabs, "未立案")
    assert titles(view.model) == [OLD_ESTATES]
    assert row_text(view, OLD_ESTATES, "status") == "已并案"
    click_rows(qtbot, view.table, OLD_ESTATES)
    assert f"并入{main_label}" in detail_line(view)
    assert "终审 并案：内容相近，并案处理（管理员）" in view.detail.toPlainText()


def test_split_proposal_becomes_two_at_the_same_level(desk, at_final, review_view, qtbot,
                                                      monkeypatch):
    view = review_view
    complaints: list[str] = []
    parts = [("关于发展乡村民宿的建议", "鼓励农户利用闲置农房发展民宿。"),
             ("关于打造乡村旅游精品线路的建议", "串联景点，打造精品线路。")]

    def fill_parts(dialog: SplitDialog) -> int:
        assert dialog.titles[0].text() == TOURISM, "the first part starts as the original"
        dialog.accept()                     # only one 案由 filled in: refused
        complaints.append(dialog.error.text())
        for (title, body), edit, text in zip(parts, dialog.titles, dialog.bodies):
            edit.setText(title)
            text.setPlainText(body)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(SplitDialog, "exec", fill_parts)
    click_tab(qtbot, view.tabs, "终审")
    click_rows(qtbot, view.table, TOURISM)
    press_button(qtbot, view, "split")

    assert complaints == ["拆分至少需要两件提案，请填写每件的案由。"]
    original = stored(desk, TOURISM)
    first, second = (stored(desk, title) for title, _ in parts)
    assert original.status is State.SPLIT
    for part, (_title, body), n in ((first, parts[0], 1), (second, parts[1], 2)):
        assert (part.status, part.review_level) == (State.IN_REVIEW, 3)
        assert part.split_from_id == original.id and part.body == body
        assert part.proposer_names == ["张三"] and part.serial == f"{original.serial}-{n}"
    assert view.message.text() == (f"已将收文{original.serial}号拆分为 2 件："
                                   f"收文{first.serial}号、收文{second.serial}号。")
    assert sorted(titles(view.model)) == sorted([OLD_ESTATES, parts[0][0], parts[1][0]])
    assert tab_counts(view)["终审"] == "3"

    click_tab(qtbot, view.tabs, "未立案")
    assert titles(view.model) == [TOURISM]
    assert row_text(view, TOURISM, "status") == "已拆分"
    click_rows(qtbot, view.table, TOURISM)
    shown = view.detail.toPlainText()
    assert parts[0][0] in shown and parts[1][0] in shown


# -- 撤销决定 -------------------------------------------------------------------------------
def test_undone_filing_goes_back_to_final_review_and_the_trail_strikes_it_through(
        desk, review_view, qtbot, monkeypatch):
    view = review_view
    numbering.give_numbers(desk.session, desk.admin, [desk.proposals[AFTER_SCHOOL]])
    view.refresh()
    asked = reasons_given(monkeypatch, "误操作")
    click_tab(qtbot, view.tabs, "已立案")
    assert row_text(view, AFTER_SCHOOL, "number") == "第1号"
    click_rows(qtbot, view.table, AFTER_SCHOOL)
    press_button(qtbot, view, "undo")

    assert asked[0]["title"] == "撤销决定" and "误操作" in asked[0]["offered"]
    assert view.message.text() == "已撤销第1号的最近一次审查决定。"
    p = stored(desk, AFTER_SCHOOL)
    assert (p.status, p.review_level, p.number) == (State.IN_REVIEW, 3, None)
    assert p.trail[-1] == (3, Decision.FILED, None, "误操作")
    assert titles(view.model) == []

    click_tab(qtbot, view.tabs, "终审")
    assert titles(view.model) == [AFTER_SCHOOL]
    assert row_text(view, AFTER_SCHOOL, "number") == ""
    click_rows(qtbot, view.table, AFTER_SCHOOL)
    crossed = "".join(struck_through(view.detail))
    assert "终审 立案" in crossed and "送下一级审查" not in crossed
    assert "已撤销：误操作" in view.detail.toPlainText()
    assert "已撤销" not in crossed, "the reason for undoing is not itself crossed out"


def test_staff_cannot_undo_a_decision_and_nothing_changes(desk, staff_workspace, qtbot,
                                                          monkeypatch):
    view = show(qtbot, ReviewView(staff_workspace), staff_workspace)
    asked = reasons_given(monkeypatch, "误操作")
    click_tab(qtbot, view.tabs, "已立案")
    click_rows(qtbot, view.table, AFTER_SCHOOL)
    undo = view.buttons["undo"]
    assert undo.isVisible() and not undo.isEnabled(), "greyed out for 提案委工作人员"
    assert view.buttons["number"].isEnabled(), "numbering is staff work"
    qtbot.mouseClick(undo, Qt.MouseButton.LeftButton)
    assert asked == [] and view.error.text() == ""

    # were the button reached some other way, the rule still refuses in one sentence
    view.decide("undo")
    assert view.error.text() == "您的角色（提案委工作人员）不能进行“撤销审查决定”操作。"
    assert view.error.isVisible()
    p = stored(desk, AFTER_SCHOOL)
    assert p.status is State.FILED and all(t[3] is None for t in p.trail)
    assert titles(view.model) == [AFTER_SCHOOL]

    click_tab(qtbot, view.tabs, "初审")
    click_rows(qtbot, view.table, PARKING)
    assert not view.buttons["forward"].isEnabled(), "review decisions are the reviewers'"


# -- what a state does not allow --------------------------------------------------------------
def test_undoing_a_split_is_refused_in_one_sentence(desk, at_final, review_view, qtbot,
                                                    monkeypatch):
    view = review_view
    review.split(desk.session, desk.admin, desk.proposals[TOURISM],
                 [review.SplitPart("关于发展乡村民宿的建议"),
                  review.SplitPart("关于打造乡村旅游精品线路的建议")])
    view.refresh()
    reasons_given(monkeypatch, "误操作")
    click_tab(qtbot, view.tabs, "未立案")
    click_rows(qtbot, view.table, TOURISM)
    press_button(qtbot, view, "undo")

    serial = stored(desk, TOURISM).serial
    assert view.error.text() == f"收文{serial}号当前为“已拆分”状态，不能进行“撤销审查决定”操作。"
    assert view.error.isVisible() and not view.message.isVisible()
    assert stored(desk, TOURISM).status is State.SPLIT
    assert titles(view.model) == [TOURISM]


def test_withdrawing_an_assigned_proposal_is_refused_and_the_other_stays_filed(
        desk, review_view, qtbot, monkeypatch):
    view = review_view
    review.forward(desk.session, desk.admin, [desk.proposals[OLD_ESTATES]])
    review.file(desk.session, desk.admin, [desk.proposals[OLD_ESTATES]])
    numbering.give_numbers(desk.session, desk.admin,
                           [desk.proposals[AFTER_SCHOOL], desk.proposals[OLD_ESTATES]])
    assignment.assign(desk.session, desk.admin, desk.proposals[AFTER_SCHOOL],
                      lead=desk.unit("县住房和城乡建设局").id)
    view.refresh()
    asked = reasons_given(monkeypatch, "提案人申请撤回", "提案人申请撤回")
    click_tab(qtbot, view.tabs, "已立案")
    click_rows(qtbot, view.table, OLD_ESTATES, AFTER_SCHOOL)
    press_button(qtbot, view, "withdraw")

    assert len(asked) == 1
    number = stored(desk, AFTER_SCHOOL).number
    assert view.error.text() == f"{number}当前为“已交办”状态，不能进行“撤回”操作。"
    assert stored(desk, AFTER_SCHOOL).status is State.ASSIGNED
    assert stored(desk, OLD_ESTATES).status is State.FILED, "all of the selection or none"
    assert sorted(titles(view.model)) == sorted([OLD_ESTATES, AFTER_SCHOOL])

    click_rows(qtbot, view.table, OLD_ESTATES)
    press_button(qtbot, view, "withdraw")
    assert view.error.text() == "" and view.message.text() == "已撤回 1 件。"
    assert stored(desk, OLD_ESTATES).status is State.WITHDRAWN

    # the earlier "已撤回" does not stay beside a later refusal
    reasons_given(monkeypatch, "提案人申请撤回")
    click_rows(qtbot, view.table, AFTER_SCHOOL)
    press_button(qtbot, view, "withdraw")
    assert view.error.text() == f"{number}当前为“已交办”状态，不能进行“撤回”操作。"
    assert not view.message.isVisible()
