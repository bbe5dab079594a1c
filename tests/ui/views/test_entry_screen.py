"""录入 as the clerk does it: the paper on the desk, hands on the keyboard, Ctrl+S after each."""
from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from sqlalchemy import func, select

from desktop.ui import drafts
from desktop.domain.enums import Kind, Origin, State
from desktop.store.models import Member, Proposal, Sector
from desktop.ui.dialogs.add_member import AddMemberDialog
from desktop.ui.views.entry_view import AUTOSAVE_MS, EntryView

from .clerk import focused, press, show, type_text

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


def saved(desk, title: str) -> dict | None:
    """What the database holds for the proposal with this 案由 (read in a session of its own)."""
    with desk.db.session() as session:
        found = session.scalars(select(Proposal).where(Proposal.title == title)).all()
        assert len(found) <= 1, f"“{title}” saved {len(found)} times"
        if not found:
            return None
        p = found[0]
        return {"proposers": [pr.name for pr in p.proposers],
                "member_ids": [pr.member_id for pr in p.proposers], "origin": p.origin,
                "kind": p.kind, "status": p.status, "level": p.review_level, "body": p.body,
                "serial": p.serial}


def proposal_count(desk) -> int:
    with desk.db.session() as session:
        return session.scalar(select(func.count()).select_from(Proposal))


def answer(monkeypatch, button: QMessageBox.StandardButton) -> list[tuple[str, str]]:
    """QMessageBox.question answers ``button``; returns the (title, text) of each question asked."""
    asked: list[tuple[str, str]] = []

    def question(parent, title, text, *args, **kwargs):
        asked.append((title, text))
        return button

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def pick(qtbot, initials: str) -> None:
    """In a proposer box: the pinyin initials, then Enter takes the match."""
    type_text(qtbot, initials)
    press(qtbot, Qt.Key.Key_Return)


def draft_file(workspace):
    return drafts.path(workspace.actor.username, drafts.folder())


def draft_title(workspace) -> str | None:
    """The 案由 the draft on disk holds (None while there is none)."""
    draft = drafts.load(workspace.actor.username, drafts.folder())
    return draft and draft.get("title")


# -- typing papers -------------------------------------------------------------------------
def test_joint_proposal_typed_with_initials_goes_to_first_review(desk, entry_view, qtbot):
    desk.member("孙丽", "教育界")
    form = entry_view.form
    assert entry_view.submit.isChecked(), "保存后送初审 is on when the screen opens"

    # 1: an individual proposal, lead by initials; his 界别 shows at once
    assert focused() is form.title
    type_text(qtbot, "关于加快县城老旧管网改造的建议")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is form.kind
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is form.lead
    type_text(qtbot, "sl")
    assert [c.name for c in form.lead.choices] == ["孙丽"]
    press(qtbot, Qt.Key.Key_Return)
    assert form.lead.text() == "孙丽"
    assert form.lead_note.text() == "界别：教育界"
    assert focused() is form.cosigner, "after the lead the cursor waits for a co-signer"
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert entry_view.message.text().startswith("已保存：收文")
    assert form.title.text() == "" and form.lead.text() == "" and form.lead_note.text() == ""
    assert focused() is form.title, "the next paper starts at the 案由"

    # 2: a joint one, two co-signers by their initials
    type_text(qtbot, "关于建设城乡一体化供水工程的建议")
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab)
    pick(qtbot, "ls")
    assert form.lead_note.text() == "界别：经济界"
    pick(qtbot, "ww")
    pick(qtbot, "zl")
    assert [form.cosigners.item(i).text() for i in range(form.cosigners.count())] == [
        "王五（经济界）", "赵六（经济界）"]
    assert form.origin.currentText() == "联名提案"
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert "关于建设城乡一体化供水工程的建议" in entry_view.message.text()

    # 3: a 平时提案, chosen with the arrow key on the way past the kind
    type_text(qtbot, "关于发展县域职业教育的建议")
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Down)
    assert form.kind.currentText() == "平时提案"
    press(qtbot, Qt.Key.Key_Tab)
    pick(qtbot, "zs")
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert "关于发展县域职业教育的建议" in entry_view.message.text()

    first = saved(desk, "关于加快县城老旧管网改造的建议")
    joint = saved(desk, "关于建设城乡一体化供水工程的建议")
    third = saved(desk, "关于发展县域职业教育的建议")
    assert first["proposers"] == ["孙丽"] and first["origin"] is Origin.INDIVIDUAL
    assert joint["proposers"] == ["李四", "王五", "赵六"] and joint["origin"] is Origin.JOINT
    assert third["proposers"] == ["张三"] and third["kind"] is Kind.INTERIM
    assert first["kind"] is Kind.SESSION and joint["kind"] is Kind.SESSION
    for p in (first, joint, third):
        assert (p["status"], p["level"]) == (State.IN_REVIEW, 1)
        assert all(p["member_ids"]), "every proposer is the roster's member, not a bare name"

    today = {r.title: r for r in (entry_view.today_model.row_at(i)
                                  for i in range(entry_view.today_model.rowCount()))}
    for title in ("关于加快县城老旧管网改造的建议", "关于建设城乡一体化供水工程的建议",
                  "关于发展县域职业教育的建议"):
        assert today[title].clerk == "管理员"
        assert today[title].status is State.IN_REVIEW
    assert entry_view.today_heading.text().endswith(f"{len(today)} 件")
    assert len(today) == len(desk.proposals) + 3


def test_paper_saved_with_send_to_review_unticked_waits_to_be_submitted(desk, entry_view, qtbot):
    entry_view.submit.setChecked(False)
    type_text(qtbot, "关于改善农村公路养护的建议")
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab)
    pick(qtbot, "zs")
    press(qtbot, Qt.Key.Key_S, CTRL)

    p = saved(desk, "关于改善农村公路养护的建议")
    assert (p["status"], p["level"]) == (State.REGISTERED, 0)
    assert not entry_view.submit.isChecked(), "the box stays as the clerk set it for the pile"


def test_tab_goes_through_the_fields_in_the_order_of_the_paper(entry_view, qtbot):
    form = entry_view.form
    order = [form.title, form.kind, form.lead, form.cosigner, form.cosigners, form.origin,
             form.category, form.received_on, form.body, form.attach_button]
    form.title.setFocus()
    seen = [focused()]
    while len(seen) < len(order):
        press(qtbot, Qt.Key.Key_Tab)
        if focused() is form.received_on:  # Qt's date box: Tab goes 年 → 月 → 日 first
            sections = [form.received_on.currentSectionIndex()]
            for _ in range(2):
                press(qtbot, Qt.Key.Key_Tab)
                sections.append(form.received_on.currentSectionIndex())
            assert focused() is form.received_on and sections == [0, 1, 2]
        seen.append(focused())
    assert seen == order, [type(w).__name__ for w in seen]
    press(qtbot, Qt.Key.Key_Backtab)
    assert focused() is form.body


def test_cosigners_keep_their_order_and_can_be_taken_off(desk, entry_view, qtbot):
    form = entry_view.form
    desk.member("孙丽", "教育界")
    type_text(qtbot, "关于加强县城背街小巷改造的建议")
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab)
    pick(qtbot, "zs")
    for initials in ("ls", "ww", "zl", "sl"):
        pick(qtbot, initials)

    def shown() -> list[str]:
        return [form.cosigners.item(i).text().split("（")[0] for i in range(form.cosigners.count())]

    assert shown() == ["李四", "王五", "赵六", "孙丽"]
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is form.cosigners
    assert form.cosigners.currentRow() == 0
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Down)          # 赵六
    press(qtbot, Qt.Key.Key_Up, ALT)
    press(qtbot, Qt.Key.Key_Up, ALT)
    assert shown() == ["赵六", "李四", "王五", "孙丽"]
    assert form.cosigners.currentItem().text().startswith("赵六"), "the moved one stays selected"
    press(qtbot, Qt.Key.Key_Up, ALT)       # already first: nothing moves
    assert shown() == ["赵六", "李四", "王五", "孙丽"]
    press(qtbot, Qt.Key.Key_Down, ALT)
    assert shown() == ["李四", "赵六", "王五", "孙丽"]
    press(qtbot, Qt.Key.Key_End)
    press(qtbot, Qt.Key.Key_Delete)        # 孙丽 off
    press(qtbot, Qt.Key.Key_Home)
    press(qtbot, Qt.Key.Key_Delete)        # 李四 off
    assert shown() == ["赵六", "王五"]
    assert form.origin.currentText() == "联名提案"

    press(qtbot, Qt.Key.Key_S, CTRL)
    p = saved(desk, "关于加强县城背街小巷改造的建议")
    assert p["proposers"] == ["张三", "赵六", "王五"]

    # taking every co-signer off makes it an individual proposal again
    type_text(qtbot, "关于规范城区流动摊贩管理的建议")
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab)
    pick(qtbot, "zs")
    pick(qtbot, "ls")
    assert form.origin.currentText() == "联名提案"
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Delete)
    assert form.cosigners.count() == 0
    assert form.origin.currentText() == "个人提案"
    press(qtbot, Qt.Key.Key_S, CTRL)
    p = saved(desk, "关于规范城区流动摊贩管理的建议")
    assert p["proposers"] == ["张三"] and p["origin"] is Origin.INDIVIDUAL


# -- the look-alike warning ----------------------------------------------------------------
EXISTING = "关于盘活地下停车资源缓解市民停车难的提案"
TYPED = "关于盘活地下停车资源、缓解市民停车难的建议"


@pytest.fixture
def existing(desk):
    return desk.register(EXISTING, "王五", received_on=date(2023, 1, 12))


def test_title_like_an_existing_one_warns_and_saving_asks_first(
        desk, existing, entry_view, qtbot, monkeypatch):
    form, similar = entry_view.form, entry_view.similar
    type_text(qtbot, TYPED)
    qtbot.waitUntil(similar.warning.isVisible, timeout=3000)
    assert EXISTING in similar.warning.text()
    assert similar.warning.text().startswith("可能重复：与十届二次会议收文")
    assert similar.list.item(0).text().split("\n")[0].endswith(EXISTING)
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab)
    pick(qtbot, "zs")
    before = proposal_count(desk)

    asked = answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert len(asked) == 1
    title, text = asked[0]
    assert title == "可能重复"
    assert EXISTING in text and "（王五）" in text and "仍要保存吗" in text
    assert proposal_count(desk) == before and saved(desk, TYPED) is None
    assert form.title.text() == TYPED and form.lead.text() == "张三"
    assert form.lead_note.text() == "界别：经济界"
    assert similar.warning.isVisible()

    asked = answer(monkeypatch, QMessageBox.StandardButton.Save)
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert len(asked) == 1
    assert saved(desk, TYPED)["proposers"] == ["张三"]
    assert proposal_count(desk) == before + 1
    assert form.title.text() == "" and not similar.warning.isVisible()


def test_a_different_title_saves_without_asking(desk, existing, entry_view, qtbot, monkeypatch):
    asked = answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    type_text(qtbot, "关于加强农村留守儿童关爱服务的建议")
    entry_view.similar.look_now()
    assert not entry_view.similar.warning.isVisible()
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab)
    pick(qtbot, "zs")
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert asked == []
    assert saved(desk, "关于加强农村留守儿童关爱服务的建议") is not None


# -- what is missing or unknown -----------------------------------------------------------
def test_saving_without_a_title_says_so_beside_it_and_loses_nothing(desk, entry_view, qtbot):
    form = entry_view.form
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab)
    pick(qtbot, "zs")
    form.body.setFocus()
    type_text(qtbot, "县城老城区停车位严重不足。")
    before = proposal_count(desk)

    press(qtbot, Qt.Key.Key_S, CTRL)
    assert form.errors["title"].text() == "请填写案由。"
    assert form.errors["title"].isVisible()
    assert focused() is form.title, "the cursor goes to the field to fill"
    assert proposal_count(desk) == before
    assert form.lead.text() == "张三" and form.body.toPlainText() == "县城老城区停车位严重不足。"
    assert entry_view.message.text() == ""

    type_text(qtbot, "关于增设县城公共停车位的建议")
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert not form.errors["title"].isVisible()
    p = saved(desk, "关于增设县城公共停车位的建议")
    assert p["proposers"] == ["张三"] and p["body"] == "县城老城区停车位严重不足。"


def test_saving_without_a_proposer_says_so_beside_the_lead(desk, entry_view, qtbot):
    form = entry_view.form
    type_text(qtbot, "关于加强县城夜间照明的建议")
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert form.errors["lead"].isVisible()
    assert form.errors["lead"].text() == "请至少填写一位提案人。"
    assert focused() is form.lead
    assert saved(desk, "关于加强县城夜间照明的建议") is None
    assert form.title.text() == "关于加强县城夜间照明的建议"


def test_proposer_not_in_the_roster_is_added_on_the_spot_and_leads(
        desk, entry_view, qtbot, monkeypatch):
    form = entry_view.form
    offered: list[str] = []

    def add_in_dialog(dialog: AddMemberDialog):
        offered.append(dialog.name.text())
        dialog.sector.setCurrentIndex(dialog.sector.findText("农业界"))
        dialog.workplace.setText("县农业农村局")
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
        return dialog.result()

    monkeypatch.setattr(AddMemberDialog, "exec", add_in_dialog)
    type_text(qtbot, "关于扶持家庭农场发展的建议")
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "钱七")
    assert form.lead.choices == []
    press(qtbot, Qt.Key.Key_Return)

    assert offered == ["钱七"]
    assert form.lead.text() == "钱七" and form.lead_note.text() == "界别：农业界"
    assert focused() is form.cosigner
    with desk.db.session() as session:
        member = session.scalar(select(Member).where(Member.name == "钱七"))
        assert member is not None and member.workplace == "县农业农村局"
        assert session.get(Sector, member.sector_id).name == "农业界"
        member_id = member.id

    press(qtbot, Qt.Key.Key_S, CTRL)
    p = saved(desk, "关于扶持家庭农场发展的建议")
    assert p["proposers"] == ["钱七"] and p["member_ids"] == [member_id]

    # the next paper finds 钱七 by initials like everyone else
    type_text(qtbot, "关于发展订单农业的建议")
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "qq")
    assert [c.name for c in form.lead.choices] == ["钱七"]


def test_unknown_proposer_left_out_of_the_roster_adds_nobody(desk, entry_view, qtbot, monkeypatch):
    monkeypatch.setattr(AddMemberDialog, "exec",
                        lambda dialog: AddMemberDialog.DialogCode.Rejected)
    form = entry_view.form
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "钱七")
    press(qtbot, Qt.Key.Key_Return)
    assert form.lead.text() == "钱七" and form.lead_note.text() == ""
    with desk.db.session() as session:
        assert session.scalar(select(Member).where(Member.name == "钱七")) is None


# -- the draft and the next paper ------------------------------------------------------------
def test_typing_survives_a_crash_and_comes_back_with_a_notice(desk, workspace, qtbot):
    entry_view = show(qtbot, EntryView(workspace), workspace, close_after=False)
    form = entry_view.form
    form.title.setFocus()
    type_text(qtbot, "关于加快城乡客运一体化的建议")
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab)
    pick(qtbot, "zs")
    pick(qtbot, "ls")
    form.body.setFocus()
    type_text(qtbot, "乡镇客运班线少，群众出行不便。")
    # the autosave timer: this paper's whole body in the draft, not just a draft file
    qtbot.waitUntil(lambda: (drafts.load(workspace.actor.username, drafts.folder()) or {})
                    .get("body") == "乡镇客运班线少，群众出行不便。", timeout=5000)

    # the program dies: no save, no close handler
    with qtbot.waitSignal(entry_view.destroyed):
        entry_view.deleteLater()

    again = show(qtbot, EntryView(workspace), workspace)
    form = again.form
    assert form.title.text() == "关于加快城乡客运一体化的建议"
    assert form.body.toPlainText() == "乡镇客运班线少，群众出行不便。"
    assert form.lead.text() == "张三" and form.lead_note.text() == "界别：经济界"
    assert [c["name"] for c in form.cosigner_list()] == ["李四"]
    assert form.origin.currentText() == "联名提案"
    assert again.restored.isVisible() and "已恢复" in again.restored.text()

    form.title.setFocus()
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert saved(desk, "关于加快城乡客运一体化的建议")["proposers"] == ["张三", "李四"]
    assert not draft_file(workspace).exists()
    assert not again.restored.isVisible(), "the notice was about the saved paper"
    qtbot.wait(2 * AUTOSAVE_MS)  # past any autosave the typing had started
    assert not draft_file(workspace).exists(), "the saved paper was not written back as a draft"


def test_restored_draft_is_not_restored_twice_once_saved(desk, workspace, entry_view, qtbot):
    type_text(qtbot, "关于加强乡村医生队伍建设的建议")
    entry_view.save_draft()
    assert draft_title(workspace) == "关于加强乡村医生队伍建设的建议"
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab)
    pick(qtbot, "zs")
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert saved(desk, "关于加强乡村医生队伍建设的建议") is not None
    after = show(qtbot, EntryView(workspace), workspace)
    assert after.form.is_empty() and not after.restored.isVisible()


def test_ctrl_n_asks_before_throwing_away_typing(workspace, entry_view, qtbot, monkeypatch):
    form = entry_view.form
    asked = answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    press(qtbot, Qt.Key.Key_N, CTRL)
    assert asked == [], "an empty form is not asked about"

    type_text(qtbot, "关于治理县城噪声扰民的建议")
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab)
    pick(qtbot, "zs")
    press(qtbot, Qt.Key.Key_N, CTRL)
    assert asked == [("开始下一件", "当前提案尚未保存。放弃已输入的内容、开始下一件吗？")]
    assert form.title.text() == "关于治理县城噪声扰民的建议" and form.lead.text() == "张三"

    asked = answer(monkeypatch, QMessageBox.StandardButton.Discard)
    entry_view.save_draft()
    press(qtbot, Qt.Key.Key_N, CTRL)
    assert len(asked) == 1
    assert form.is_empty() and form.lead_note.text() == ""
    assert not draft_file(workspace).exists()
    assert focused() is form.title


# -- names typed but not taken with Enter ----------------------------------------------------
def test_lead_typed_in_full_and_tabbed_past_is_still_the_roster_member(desk, entry_view, qtbot):
    form = entry_view.form
    type_text(qtbot, "关于完善县城公交线网的建议")
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "张三")
    press(qtbot, Qt.Key.Key_Tab)             # no Enter
    press(qtbot, Qt.Key.Key_S, CTRL)
    p = saved(desk, "关于完善县城公交线网的建议")
    assert p is not None, form.errors["lead"].text()
    assert p["proposers"] == ["张三"]
    assert p["member_ids"] == [desk.member("张三").id], "linked to the roster, counted in 经济界"


def test_initials_left_unpicked_are_asked_for_not_saved_as_a_name(desk, entry_view, qtbot):
    form = entry_view.form
    type_text(qtbot, "关于加强城区绿化养护的建议")
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "zs")
    press(qtbot, Qt.Key.Key_Tab)             # no Enter
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert form.errors["lead"].text() == "领衔提案人“zs”尚未选定，请在该栏按回车从名单中选择。"
    assert focused() is form.lead
    assert saved(desk, "关于加强城区绿化养护的建议") is None
    assert form.title.text() == "关于加强城区绿化养护的建议"

    press(qtbot, Qt.Key.Key_Return)
    assert form.lead.text() == "张三" and form.lead_note.text() == "界别：经济界"
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert saved(desk, "关于加强城区绿化养护的建议")["member_ids"] == [desk.member("张三").id]


def test_cosigner_left_in_its_box_is_not_dropped(desk, entry_view, qtbot):
    form = entry_view.form
    type_text(qtbot, "关于推进城乡环卫一体化的建议")
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab)
    pick(qtbot, "zs")
    type_text(qtbot, "ww")                   # no Enter
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert form.errors["cosigners"].text() == (
        "联名提案人“ww”尚未加入，请在该栏按回车加入，或清空该栏。")
    assert focused() is form.cosigner
    assert saved(desk, "关于推进城乡环卫一体化的建议") is None

    form.cosigner.clear()
    type_text(qtbot, "王五")                 # the full name, still no Enter
    press(qtbot, Qt.Key.Key_S, CTRL)
    p = saved(desk, "关于推进城乡环卫一体化的建议")
    assert p["proposers"] == ["张三", "王五"] and p["origin"] is Origin.JOINT
    assert all(p["member_ids"])
