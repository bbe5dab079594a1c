"""The records of the office (docs/design.md §2).  Every syncable row has a UUID primary key."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desktop.domain import enums as e

from .base import ID, Base, Synced, fk
from .exchange_models import Change, HeldChange, Site, SyncConflict, SyncPackage

__all__ = ["Base", "Change", "HeldChange", "Site", "SyncConflict", "SyncPackage", "Synced"]


class Term(Synced, Base):
    __tablename__ = "term"
    number: Mapped[int] = mapped_column(unique=True)  # 十届 → 10
    name: Mapped[str] = mapped_column(String(20))
    starts_on: Mapped[date | None]
    ends_on: Mapped[date | None]


class Meeting(Synced, Base):
    __tablename__ = "meeting"
    __table_args__ = (UniqueConstraint("term_id", "number"),)
    term_id: Mapped[str] = fk("term")
    number: Mapped[int]  # 二次会议 → 2
    name: Mapped[str] = mapped_column(String(40), unique=True)  # 十届二次会议
    opens_on: Mapped[date]
    closes_on: Mapped[date | None]
    term: Mapped[Term] = relationship()


class Sector(Synced, Base):
    __tablename__ = "sector"
    name: Mapped[str] = mapped_column(String(40), unique=True)
    kind: Mapped[str] = mapped_column(String(10))  # 党派 / 人民团体 / 界别
    position: Mapped[int] = mapped_column(default=0)


class Organisation(Synced, Base):
    """A proposer that is not a person: 党派团体, 专委会."""

    __tablename__ = "organisation"
    name: Mapped[str] = mapped_column(String(60), unique=True)
    kind: Mapped[str] = mapped_column(String(10))
    sector_id: Mapped[str | None] = fk("sector")


class Member(Synced, Base):
    __tablename__ = "member"
    name: Mapped[str] = mapped_column(String(40), index=True)
    sector_id: Mapped[str | None] = fk("sector")
    phone: Mapped[str | None] = mapped_column(String(40))
    workplace: Mapped[str | None]
    initials: Mapped[str] = mapped_column(String(60), index=True, default="")  # "zs" or "ds|sm"
    pinyin: Mapped[str] = mapped_column(String(120), default="")
    active: Mapped[bool] = mapped_column(default=True)
    sector: Mapped[Sector | None] = relationship()


class Unit(Synced, Base):
    __tablename__ = "unit"
    name: Mapped[str] = mapped_column(String(60), unique=True)
    short_name: Mapped[str] = mapped_column(String(30), default="")
    full_name: Mapped[str] = mapped_column(String(80), default="",  # 全称; "" = derived
                                           server_default=text("''"))
    system: Mapped[e.UnitSystem]
    active: Mapped[bool] = mapped_column(default=True)
    merged_into_id: Mapped[str | None] = fk("unit")
    position: Mapped[int] = mapped_column(default=0)


class Category(Synced, Base):
    __tablename__ = "category"
    code: Mapped[str] = mapped_column(String(10), unique=True)
    name: Mapped[str] = mapped_column(String(40), unique=True)
    active: Mapped[bool] = mapped_column(default=True)


class User(Synced, Base):
    __tablename__ = "user_account"
    username: Mapped[str] = mapped_column(String(40), unique=True)
    display_name: Mapped[str] = mapped_column(String(40))
    role: Mapped[e.UserRole]
    unit_id: Mapped[str | None] = fk("unit")
    password_hash: Mapped[str] = mapped_column(String(200))
    failed_logins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None]
    active: Mapped[bool] = mapped_column(default=True)


class Proposal(Synced, Base):
    __tablename__ = "proposal"
    __table_args__ = (
        Index("ix_proposal_meeting_number", "meeting_id", "number_seq"),
        Index("ix_proposal_meeting_serial", "meeting_id", "serial_seq"),
        Index("ix_proposal_meeting_title", "meeting_id", "title"),  # a list sorted by 案由
        Index("ix_proposal_title", "title"),  # the same over every meeting (the search page)
        Index("ix_proposal_meeting_registered", "meeting_id", "registered_at"),  # 今天录入
        # the tracking list's 类别 and 重点提案 filters ask for these proposals' ids
        Index("ix_proposal_category", "category_id", "id"),
        Index("ix_proposal_key", "key", "id"),
        # covers the statistics' one pass over a meeting's proposals
        Index("ix_proposal_meeting_status", "meeting_id", "status", "kind", "category_id",
              "sector_id", "split_from_id"),
        Index("ix_proposal_meeting_sector", "meeting_id", "sector_id", "status", "split_from_id"),
    )
    meeting_id: Mapped[str] = fk("meeting")
    serial: Mapped[str] = mapped_column(String(30))  # 收文号
    serial_seq: Mapped[int]
    number: Mapped[str | None] = mapped_column(String(30))  # 提案号, given at filing
    number_seq: Mapped[int | None]
    kind: Mapped[e.Kind]
    origin: Mapped[e.Origin]
    title: Mapped[str] = mapped_column(String(300))  # 案由
    body: Mapped[str] = mapped_column(Text, default="")
    category_id: Mapped[str | None] = fk("category")
    sector_id: Mapped[str | None] = fk("sector")  # 界别 it is counted under: the lead proposer's
    key: Mapped[bool] = mapped_column(default=False)  # 重点提案
    excellent: Mapped[bool] = mapped_column(default=False, server_default="0")  # 优秀提案候选
    received_on: Mapped[date]
    registered_at: Mapped[datetime]
    registered_by: Mapped[str | None] = fk("user_account")
    merged_into_id: Mapped[str | None] = fk("proposal", index=True)
    split_from_id: Mapped[str | None] = fk("proposal", index=True)
    # caches rebuilt by desktop.domain.lifecycle.derive from the records below
    status: Mapped[e.State] = mapped_column(default=e.State.REGISTERED, info={"derived": True})
    review_level: Mapped[int] = mapped_column(default=0, info={"derived": True})

    meeting: Mapped[Meeting] = relationship()
    category: Mapped[Category | None] = relationship()
    proposers: Mapped[list[Proposer]] = relationship(
        order_by="Proposer.position", back_populates="proposal", cascade="all, delete-orphan",
        foreign_keys="Proposer.proposal_id",
    )


class Proposer(Synced, Base):
    __tablename__ = "proposer"
    __table_args__ = (Index("ix_proposer_proposal", "proposal_id", "position"),)
    proposal_id: Mapped[str] = fk("proposal")
    position: Mapped[int]  # 0 is the lead
    role: Mapped[e.ProposerRole]
    member_id: Mapped[str | None] = fk("member", index=True)
    organisation_id: Mapped[str | None] = fk("organisation")
    name: Mapped[str] = mapped_column(String(60))  # as printed, kept if the member is renamed
    merged_from_id: Mapped[str | None] = fk("proposal")  # a co-signer brought in by 并案
    proposal: Mapped[Proposal] = relationship(back_populates="proposers",
                                              foreign_keys="Proposer.proposal_id")


class Submission(Synced, Base):
    __tablename__ = "submission"
    proposal_id: Mapped[str] = fk("proposal", index=True)
    at: Mapped[datetime]
    user_id: Mapped[str | None] = fk("user_account")
    stamp: Mapped[str] = mapped_column(String(80))


class Review(Synced, Base):
    __tablename__ = "review"
    proposal_id: Mapped[str] = fk("proposal", index=True)
    level: Mapped[int]  # 1 初审, 2 复审, 3 终审
    decision: Mapped[e.Decision]
    reason: Mapped[str | None] = mapped_column(Text)
    target_id: Mapped[str | None] = fk("proposal")  # 并案: the main proposal
    suggested_units: Mapped[str | None] = mapped_column(Text)  # 立案 with suggested units
    at: Mapped[datetime]
    user_id: Mapped[str | None] = fk("user_account")
    stamp: Mapped[str] = mapped_column(String(80))
    revoked_at: Mapped[datetime | None]  # 撤销 of a mistaken decision
    revoked_by: Mapped[str | None] = fk("user_account")
    revoke_reason: Mapped[str | None] = mapped_column(Text)


class Assignment(Synced, Base):
    __tablename__ = "assignment"
    __table_args__ = (
        Index("ix_assignment_unit", "unit_id", "due_on"),
        # the tracking list: live rows in deadline order, every column its filters read
        # (a page and its count never touch the table; desktop.store.tracking)
        Index("ix_assignment_tracking", "ended", "due_on", "id", "meeting_id", "unit_id", "role",
              "round", "replied_round", "evaluated_round", "accepted_on", "unsatisfied",
              "proposal_id"),
        # covers the statistics' passes over a meeting's assignments (no join needed)
        Index("ix_assignment_meeting", "meeting_id", "ended", "unit_id", "role", "round", "due_on",
              "replied_round", "category", "result", "unsatisfied", "face_to_face",
              "proposal_id"),
        # 申请调整 waiting for the office: a handful among a year's assignments
        Index("ix_assignment_adjustment", "adjustment_requested_on"),
    )
    proposal_id: Mapped[str] = fk("proposal", index=True)
    meeting_id: Mapped[str] = fk("meeting")  # the proposal's, which never changes
    unit_id: Mapped[str] = fk("unit")
    role: Mapped[e.AssignmentRole]
    round: Mapped[int] = mapped_column(default=1)  # 2 after 二次办理
    round_reason: Mapped[str | None] = mapped_column(Text)  # why the current round was opened
    assigned_on: Mapped[date]
    first_due_on: Mapped[date]
    due_on: Mapped[date]
    assigned_by: Mapped[str | None] = fk("user_account")
    stamp: Mapped[str] = mapped_column(String(80))
    accepted_on: Mapped[date | None]  # 签收
    accepted_by: Mapped[str | None] = mapped_column(String(40))
    ended: Mapped[e.AssignmentEnd | None]
    ended_on: Mapped[date | None]
    end_reason: Mapped[str | None] = mapped_column(Text)
    adjustment_requested_on: Mapped[date | None]  # 申请调整
    adjustment_reason: Mapped[str | None] = mapped_column(Text)
    adjustment_decision: Mapped[e.AdjustmentDecision | None]
    adjustment_decided_on: Mapped[date | None]
    adjustment_note: Mapped[str | None] = mapped_column(Text)
    extension_reason: Mapped[str | None] = mapped_column(Text)
    # caches rebuilt by desktop.store.facts.settle from replies, ratings, contacts
    replied_round: Mapped[int | None] = mapped_column(info={"derived": True})
    category: Mapped[e.ReplyCategory | None] = mapped_column(info={"derived": True})
    result: Mapped[e.Rating | None] = mapped_column(info={"derived": True})
    evaluated_round: Mapped[int | None] = mapped_column(info={"derived": True})
    unsatisfied: Mapped[bool] = mapped_column(default=False, info={"derived": True})
    face_to_face: Mapped[bool] = mapped_column(default=False, info={"derived": True})
    unit: Mapped[Unit] = relationship()
    proposal: Mapped[Proposal] = relationship()


class Contact(Synced, Base):
    """沟通 / 面商 with the proposer."""

    __tablename__ = "contact"
    assignment_id: Mapped[str] = fk("assignment", index=True)
    form: Mapped[e.ContactForm]
    contacted_on: Mapped[date]
    members: Mapped[str | None] = mapped_column(Text)
    unit_people: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    user_id: Mapped[str | None] = fk("user_account")
    stamp: Mapped[str] = mapped_column(String(80))


class Reply(Synced, Base):
    __tablename__ = "reply"
    assignment_id: Mapped[str] = fk("assignment", index=True)
    round: Mapped[int] = mapped_column(default=1)
    category: Mapped[e.ReplyCategory]
    replied_on: Mapped[date]
    signer: Mapped[str | None] = mapped_column(String(40))  # 签发人
    disclosure: Mapped[e.Disclosure] = mapped_column(default=e.Disclosure.PUBLIC)
    disclosure_reason: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str | None] = mapped_column(Text)
    contact_person: Mapped[str | None] = mapped_column(String(40))
    contact_phone: Mapped[str | None] = mapped_column(String(40))
    letter_sha256: Mapped[str | None] = mapped_column(String(64))
    letter_name: Mapped[str | None]
    user_id: Mapped[str | None] = fk("user_account")
    stamp: Mapped[str] = mapped_column(String(80))


class Evaluation(Synced, Base):
    __tablename__ = "evaluation"
    assignment_id: Mapped[str] = fk("assignment", index=True)
    round: Mapped[int] = mapped_column(default=1)
    attitude: Mapped[e.Rating]  # 办理态度
    result: Mapped[e.Rating]  # 办理结果
    method: Mapped[e.EvaluationMethod]
    evaluated_on: Mapped[date]
    entered_by: Mapped[str | None] = fk("user_account")
    note: Mapped[str | None] = mapped_column(Text)
    stamp: Mapped[str] = mapped_column(String(80))


class AssistOpinion(Synced, Base):
    """协办意见: what a 协办 unit sends the 主办 unit, which answers for both."""

    __tablename__ = "assist_opinion"
    assignment_id: Mapped[str] = fk("assignment", index=True)  # the 协办 unit's assignment
    sent_on: Mapped[date]
    text: Mapped[str] = mapped_column(Text)
    user_id: Mapped[str | None] = fk("user_account")
    stamp: Mapped[str] = mapped_column(String(80))


class FollowUp(Synced, Base):
    """落实 / 续办续复 after a B or C reply."""

    __tablename__ = "follow_up"
    assignment_id: Mapped[str] = fk("assignment", index=True)
    kind: Mapped[e.FollowUpKind]
    followed_on: Mapped[date]
    text: Mapped[str | None] = mapped_column(Text)
    category: Mapped[e.ReplyCategory | None]  # the category the matter has reached
    user_id: Mapped[str | None] = fk("user_account")
    stamp: Mapped[str] = mapped_column(String(80))


class Supervision(Synced, Base):
    """领衔督办 of a key proposal."""

    __tablename__ = "supervision"
    proposal_id: Mapped[str] = fk("proposal", index=True)
    leader: Mapped[str] = mapped_column(String(40))
    leader_title: Mapped[str | None] = mapped_column(String(60))
    started_on: Mapped[date]
    note: Mapped[str | None] = mapped_column(Text)
    user_id: Mapped[str | None] = fk("user_account")


class Attachment(Synced, Base):
    """A file kept in the data folder under its SHA-256; the row says whose it is."""

    __tablename__ = "attachment"
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    filename: Mapped[str]
    size: Mapped[int]
    proposal_id: Mapped[str | None] = fk("proposal", index=True)
    reply_id: Mapped[str | None] = fk("reply")
    added_at: Mapped[datetime]
    user_id: Mapped[str | None] = fk("user_account")


class AuditEntry(Synced, Base):
    """操作日志: who, when, what, before → after."""

    __tablename__ = "audit_entry"
    __table_args__ = (Index("ix_audit_row", "row_id"),)
    at: Mapped[datetime] = mapped_column(index=True)
    user_id: Mapped[str | None] = mapped_column(ID)
    username: Mapped[str | None] = mapped_column(String(40))
    action: Mapped[str] = mapped_column(String(40))
    table_name: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(ID)
    field: Mapped[str | None] = mapped_column(String(40))
    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)


class Setting(Base):
    """Office settings that belong to the database (numbering, deadlines), as JSON values."""

    __tablename__ = "setting"
    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Counter(Base):
    """Counters that only go up, so a 提案号 or 收文号 is never given twice."""

    __tablename__ = "counter"
    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[int] = mapped_column(default=0)


class SearchDocument(Base):
    """Bigram terms of a proposal's title, body and proposers (desktop.store.fulltext)."""

    __tablename__ = "search_document"
    doc_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    proposal_id: Mapped[str] = mapped_column(ID, ForeignKey("proposal.id"), unique=True)
    terms: Mapped[str] = mapped_column(Text)
