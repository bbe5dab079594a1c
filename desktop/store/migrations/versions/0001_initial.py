"""The first schema: the records of docs/design.md §2, the change log, and full-text search.

Revision ID: 0001
Revises: 
"""
from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None

# Full-text search on SQLite: FTS5 over search_document.terms (bigrams, see store/search.py).
# On other databases search uses the portable query over search_document itself.
FTS_CREATE = (
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "terms, content='search_document', content_rowid='doc_id', tokenize='unicode61')",
    "CREATE TRIGGER search_document_ai AFTER INSERT ON search_document BEGIN "
    "INSERT INTO search_fts(rowid, terms) VALUES (new.doc_id, new.terms); END",
    "CREATE TRIGGER search_document_ad AFTER DELETE ON search_document BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, terms) VALUES('delete', old.doc_id, old.terms); END",
    "CREATE TRIGGER search_document_au AFTER UPDATE ON search_document BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, terms) VALUES('delete', old.doc_id, old.terms); "
    "INSERT INTO search_fts(rowid, terms) VALUES (new.doc_id, new.terms); END",
)
FTS_DROP = (
    "DROP TRIGGER search_document_au",
    "DROP TRIGGER search_document_ad",
    "DROP TRIGGER search_document_ai",
    "DROP TABLE search_fts",
)


def _on_sqlite(statements: tuple[str, ...]) -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in statements:
            op.execute(statement)


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('audit_entry',
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('user_id', sa.String(length=32), nullable=True),
    sa.Column('username', sa.String(length=40), nullable=True),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('table_name', sa.String(length=40), nullable=False),
    sa.Column('row_id', sa.String(length=32), nullable=False),
    sa.Column('field', sa.String(length=40), nullable=True),
    sa.Column('before', sa.Text(), nullable=True),
    sa.Column('after', sa.Text(), nullable=True),
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_entry_at'), ['at'], unique=False)
        batch_op.create_index('ix_audit_row', ['row_id'], unique=False)

    op.create_table('category',
    sa.Column('code', sa.String(length=10), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('code'),
    sa.UniqueConstraint('name')
    )
    op.create_table('change_log',
    sa.Column('op_id', sa.String(length=32), nullable=False),
    sa.Column('site_id', sa.String(length=32), nullable=False),
    sa.Column('stamp', sa.String(length=80), nullable=False),
    sa.Column('table_name', sa.String(length=40), nullable=False),
    sa.Column('row_id', sa.String(length=32), nullable=False),
    sa.Column('field', sa.String(length=40), nullable=False),
    sa.Column('value', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('op_id')
    )
    with op.batch_alter_table('change_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_change_log_stamp'), ['stamp'], unique=False)

    op.create_table('counter',
    sa.Column('key', sa.String(length=80), nullable=False),
    sa.Column('value', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )
    op.create_table('sector',
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name')
    )
    op.create_table('setting',
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )
    op.create_table('site',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('local', sa.Boolean(), nullable=False),
    sa.Column('public_key', sa.Text(), nullable=True),
    sa.Column('private_key', sa.Text(), nullable=True),
    sa.Column('clock_wall_ms', sa.BigInteger(), nullable=False),
    sa.Column('clock_counter', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('term',
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=20), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=True),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('number')
    )
    op.create_table('unit',
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('short_name', sa.String(length=30), nullable=False),
    sa.Column('system', sa.Enum('party', 'government', 'mass', 'legal', 'enterprise', 'township', name='unitsystem', native_enum=False, length=16), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('merged_into_id', sa.String(length=32), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['merged_into_id'], ['unit.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name')
    )
    op.create_table('meeting',
    sa.Column('term_id', sa.String(length=32), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('opens_on', sa.Date(), nullable=False),
    sa.Column('closes_on', sa.Date(), nullable=True),
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['term_id'], ['term.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name'),
    sa.UniqueConstraint('term_id', 'number')
    )
    op.create_table('member',
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('sector_id', sa.String(length=32), nullable=True),
    sa.Column('phone', sa.String(length=40), nullable=True),
    sa.Column('workplace', sa.String(length=200), nullable=True),
    sa.Column('initials', sa.String(length=60), nullable=False),
    sa.Column('pinyin', sa.String(length=120), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['sector_id'], ['sector.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('member', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_member_initials'), ['initials'], unique=False)
        batch_op.create_index(batch_op.f('ix_member_name'), ['name'], unique=False)

    op.create_table('organisation',
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('sector_id', sa.String(length=32), nullable=True),
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['sector_id'], ['sector.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name')
    )
    op.create_table('user_account',
    sa.Column('username', sa.String(length=40), nullable=False),
    sa.Column('display_name', sa.String(length=40), nullable=False),
    sa.Column('role', sa.Enum('admin', 'staff', 'reviewer', 'unit', 'leader', name='userrole', native_enum=False, length=16), nullable=False),
    sa.Column('unit_id', sa.String(length=32), nullable=True),
    sa.Column('password_hash', sa.String(length=200), nullable=False),
    sa.Column('failed_logins', sa.Integer(), nullable=False),
    sa.Column('locked_until', sa.DateTime(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('username')
    )
    op.create_table('proposal',
    sa.Column('meeting_id', sa.String(length=32), nullable=False),
    sa.Column('serial', sa.String(length=30), nullable=False),
    sa.Column('serial_seq', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=30), nullable=True),
    sa.Column('number_seq', sa.Integer(), nullable=True),
    sa.Column('kind', sa.Enum('session', 'interim', name='kind', native_enum=False, length=16), nullable=False),
    sa.Column('origin', sa.Enum('individual', 'joint', 'collective', name='origin', native_enum=False, length=16), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('category_id', sa.String(length=32), nullable=True),
    sa.Column('sector_id', sa.String(length=32), nullable=True),
    sa.Column('key', sa.Boolean(), nullable=False),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('registered_at', sa.DateTime(), nullable=False),
    sa.Column('registered_by', sa.String(length=32), nullable=True),
    sa.Column('merged_into_id', sa.String(length=32), nullable=True),
    sa.Column('split_from_id', sa.String(length=32), nullable=True),
    sa.Column('status', sa.Enum('registered', 'in_review', 'filed', 'assigned', 'handling', 'replied', 'closed', 'rejected', 'referred', 'merged', 'split', 'withdrawn', name='state', native_enum=False, length=16), nullable=False),
    sa.Column('review_level', sa.Integer(), nullable=False),
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['category_id'], ['category.id'], ),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], ),
    sa.ForeignKeyConstraint(['merged_into_id'], ['proposal.id'], ),
    sa.ForeignKeyConstraint(['registered_by'], ['user_account.id'], ),
    sa.ForeignKeyConstraint(['sector_id'], ['sector.id'], ),
    sa.ForeignKeyConstraint(['split_from_id'], ['proposal.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('proposal', schema=None) as batch_op:
        batch_op.create_index('ix_proposal_meeting_number', ['meeting_id', 'number_seq'], unique=False)
        batch_op.create_index('ix_proposal_meeting_serial', ['meeting_id', 'serial_seq'], unique=False)
        batch_op.create_index('ix_proposal_meeting_status', ['meeting_id', 'status', 'kind', 'category_id', 'sector_id', 'split_from_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_proposal_merged_into_id'), ['merged_into_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_proposal_split_from_id'), ['split_from_id'], unique=False)

    op.create_table('assignment',
    sa.Column('proposal_id', sa.String(length=32), nullable=False),
    sa.Column('meeting_id', sa.String(length=32), nullable=False),
    sa.Column('unit_id', sa.String(length=32), nullable=False),
    sa.Column('role', sa.Enum('lead', 'assist', 'separate', name='assignmentrole', native_enum=False, length=16), nullable=False),
    sa.Column('round', sa.Integer(), nullable=False),
    sa.Column('round_reason', sa.Text(), nullable=True),
    sa.Column('assigned_on', sa.Date(), nullable=False),
    sa.Column('first_due_on', sa.Date(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('assigned_by', sa.String(length=32), nullable=True),
    sa.Column('stamp', sa.String(length=80), nullable=False),
    sa.Column('accepted_on', sa.Date(), nullable=True),
    sa.Column('accepted_by', sa.String(length=40), nullable=True),
    sa.Column('ended', sa.Enum('returned', 'adjusted', name='assignmentend', native_enum=False, length=16), nullable=True),
    sa.Column('ended_on', sa.Date(), nullable=True),
    sa.Column('end_reason', sa.Text(), nullable=True),
    sa.Column('adjustment_requested_on', sa.Date(), nullable=True),
    sa.Column('adjustment_reason', sa.Text(), nullable=True),
    sa.Column('adjustment_decision', sa.Enum('approved', 'refused', name='adjustmentdecision', native_enum=False, length=16), nullable=True),
    sa.Column('adjustment_decided_on', sa.Date(), nullable=True),
    sa.Column('adjustment_note', sa.Text(), nullable=True),
    sa.Column('extension_reason', sa.Text(), nullable=True),
    sa.Column('replied_round', sa.Integer(), nullable=True),
    sa.Column('category', sa.Enum('A', 'B', 'C', 'D', name='replycategory', native_enum=False, length=16), nullable=True),
    sa.Column('result', sa.Enum('satisfied', 'basic', 'unsatisfied', name='rating', native_enum=False, length=16), nullable=True),
    sa.Column('unsatisfied', sa.Boolean(), nullable=False),
    sa.Column('face_to_face', sa.Boolean(), nullable=False),
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['assigned_by'], ['user_account.id'], ),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], ),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposal.id'], ),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('assignment', schema=None) as batch_op:
        batch_op.create_index('ix_assignment_meeting', ['meeting_id', 'ended', 'unit_id', 'role', 'round', 'due_on', 'replied_round', 'category', 'result', 'unsatisfied', 'face_to_face', 'proposal_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_assignment_proposal_id'), ['proposal_id'], unique=False)
        batch_op.create_index('ix_assignment_unit', ['unit_id', 'due_on'], unique=False)

    op.create_table('proposer',
    sa.Column('proposal_id', sa.String(length=32), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('role', sa.Enum('lead', 'cosigner', name='proposerrole', native_enum=False, length=16), nullable=False),
    sa.Column('member_id', sa.String(length=32), nullable=True),
    sa.Column('organisation_id', sa.String(length=32), nullable=True),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('merged_from_id', sa.String(length=32), nullable=True),
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], ),
    sa.ForeignKeyConstraint(['merged_from_id'], ['proposal.id'], ),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], ),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposal.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('proposer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_proposer_member_id'), ['member_id'], unique=False)
        batch_op.create_index('ix_proposer_proposal', ['proposal_id', 'position'], unique=False)

    op.create_table('review',
    sa.Column('proposal_id', sa.String(length=32), nullable=False),
    sa.Column('level', sa.Integer(), nullable=False),
    sa.Column('decision', sa.Enum('forward', 'filed', 'rejected', 'referred', 'returned', 'merged', 'split', 'withdrawn', name='decision', native_enum=False, length=16), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('target_id', sa.String(length=32), nullable=True),
    sa.Column('suggested_units', sa.Text(), nullable=True),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('user_id', sa.String(length=32), nullable=True),
    sa.Column('stamp', sa.String(length=80), nullable=False),
    sa.Column('revoked_at', sa.DateTime(), nullable=True),
    sa.Column('revoked_by', sa.String(length=32), nullable=True),
    sa.Column('revoke_reason', sa.Text(), nullable=True),
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposal.id'], ),
    sa.ForeignKeyConstraint(['revoked_by'], ['user_account.id'], ),
    sa.ForeignKeyConstraint(['target_id'], ['proposal.id'], ),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('review', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_proposal_id'), ['proposal_id'], unique=False)

    op.create_table('search_document',
    sa.Column('doc_id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('proposal_id', sa.String(length=32), nullable=False),
    sa.Column('terms', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposal.id'], ),
    sa.PrimaryKeyConstraint('doc_id'),
    sa.UniqueConstraint('proposal_id')
    )
    op.create_table('submission',
    sa.Column('proposal_id', sa.String(length=32), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('user_id', sa.String(length=32), nullable=True),
    sa.Column('stamp', sa.String(length=80), nullable=False),
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposal.id'], ),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('submission', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_submission_proposal_id'), ['proposal_id'], unique=False)

    op.create_table('supervision',
    sa.Column('proposal_id', sa.String(length=32), nullable=False),
    sa.Column('leader', sa.String(length=40), nullable=False),
    sa.Column('leader_title', sa.String(length=60), nullable=True),
    sa.Column('started_on', sa.Date(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('user_id', sa.String(length=32), nullable=True),
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposal.id'], ),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('supervision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_supervision_proposal_id'), ['proposal_id'], unique=False)

    op.create_table('contact',
    sa.Column('assignment_id', sa.String(length=32), nullable=False),
    sa.Column('form', sa.Enum('face', 'phone', 'meeting', 'visit', 'letter', 'online', name='contactform', native_enum=False, length=16), nullable=False),
    sa.Column('contacted_on', sa.Date(), nullable=False),
    sa.Column('members', sa.Text(), nullable=True),
    sa.Column('unit_people', sa.Text(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('user_id', sa.String(length=32), nullable=True),
    sa.Column('stamp', sa.String(length=80), nullable=False),
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['assignment_id'], ['assignment.id'], ),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('contact', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contact_assignment_id'), ['assignment_id'], unique=False)

    op.create_table('evaluation',
    sa.Column('assignment_id', sa.String(length=32), nullable=False),
    sa.Column('round', sa.Integer(), nullable=False),
    sa.Column('attitude', sa.Enum('satisfied', 'basic', 'unsatisfied', name='rating', native_enum=False, length=16), nullable=False),
    sa.Column('result', sa.Enum('satisfied', 'basic', 'unsatisfied', name='rating', native_enum=False, length=16), nullable=False),
    sa.Column('method', sa.Enum('paper', 'phone', 'member', name='evaluationmethod', native_enum=False, length=16), nullable=False),
    sa.Column('evaluated_on', sa.Date(), nullable=False),
    sa.Column('entered_by', sa.String(length=32), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('stamp', sa.String(length=80), nullable=False),
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['assignment_id'], ['assignment.id'], ),
    sa.ForeignKeyConstraint(['entered_by'], ['user_account.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('evaluation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_evaluation_assignment_id'), ['assignment_id'], unique=False)

    op.create_table('follow_up',
    sa.Column('assignment_id', sa.String(length=32), nullable=False),
    sa.Column('kind', sa.Enum('implemented', 'continued', name='followupkind', native_enum=False, length=16), nullable=False),
    sa.Column('followed_on', sa.Date(), nullable=False),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('category', sa.Enum('A', 'B', 'C', 'D', name='replycategory', native_enum=False, length=16), nullable=True),
    sa.Column('user_id', sa.String(length=32), nullable=True),
    sa.Column('stamp', sa.String(length=80), nullable=False),
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['assignment_id'], ['assignment.id'], ),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('follow_up', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_follow_up_assignment_id'), ['assignment_id'], unique=False)

    op.create_table('reply',
    sa.Column('assignment_id', sa.String(length=32), nullable=False),
    sa.Column('round', sa.Integer(), nullable=False),
    sa.Column('category', sa.Enum('A', 'B', 'C', 'D', name='replycategory', native_enum=False, length=16), nullable=False),
    sa.Column('replied_on', sa.Date(), nullable=False),
    sa.Column('signer', sa.String(length=40), nullable=True),
    sa.Column('disclosure', sa.Enum('public', 'not_public', name='disclosure', native_enum=False, length=16), nullable=False),
    sa.Column('disclosure_reason', sa.Text(), nullable=True),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('contact_person', sa.String(length=40), nullable=True),
    sa.Column('contact_phone', sa.String(length=40), nullable=True),
    sa.Column('letter_sha256', sa.String(length=64), nullable=True),
    sa.Column('letter_name', sa.String(length=200), nullable=True),
    sa.Column('user_id', sa.String(length=32), nullable=True),
    sa.Column('stamp', sa.String(length=80), nullable=False),
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['assignment_id'], ['assignment.id'], ),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('reply', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reply_assignment_id'), ['assignment_id'], unique=False)

    op.create_table('attachment',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('filename', sa.String(length=200), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('proposal_id', sa.String(length=32), nullable=True),
    sa.Column('reply_id', sa.String(length=32), nullable=True),
    sa.Column('added_at', sa.DateTime(), nullable=False),
    sa.Column('user_id', sa.String(length=32), nullable=True),
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposal.id'], ),
    sa.ForeignKeyConstraint(['reply_id'], ['reply.id'], ),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attachment_proposal_id'), ['proposal_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attachment_sha256'), ['sha256'], unique=False)

    _on_sqlite(FTS_CREATE)


def downgrade() -> None:
    _on_sqlite(FTS_DROP)
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attachment_sha256'))
        batch_op.drop_index(batch_op.f('ix_attachment_proposal_id'))

    op.drop_table('attachment')
    with op.batch_alter_table('reply', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reply_assignment_id'))

    op.drop_table('reply')
    with op.batch_alter_table('follow_up', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_follow_up_assignment_id'))

    op.drop_table('follow_up')
    with op.batch_alter_table('evaluation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_evaluation_assignment_id'))

    op.drop_table('evaluation')
    with op.batch_alter_table('contact', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contact_assignment_id'))

    op.drop_table('contact')
    with op.batch_alter_table('supervision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_supervision_proposal_id'))

    op.drop_table('supervision')
    with op.batch_alter_table('submission', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_submission_proposal_id'))

    op.drop_table('submission')
    op.drop_table('search_document')
    with op.batch_alter_table('review', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_proposal_id'))

    op.drop_table('review')
    with op.batch_alter_table('proposer', schema=None) as batch_op:
        batch_op.drop_index('ix_proposer_proposal')
        batch_op.drop_index(batch_op.f('ix_proposer_member_id'))

    op.drop_table('proposer')
    with op.batch_alter_table('assignment', schema=None) as batch_op:
        batch_op.drop_index('ix_assignment_unit')
        batch_op.drop_index(batch_op.f('ix_assignment_proposal_id'))
        batch_op.drop_index('ix_assignment_meeting')

    op.drop_table('assignment')
    with op.batch_alter_table('proposal', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_proposal_split_from_id'))
        batch_op.drop_index(batch_op.f('ix_proposal_merged_into_id'))
        batch_op.drop_index('ix_proposal_meeting_status')
        batch_op.drop_index('ix_proposal_meeting_serial')
        batch_op.drop_index('ix_proposal_meeting_number')

    op.drop_table('proposal')
    op.drop_table('user_account')
    op.drop_table('organisation')
    with op.batch_alter_table('member', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_member_name'))
        batch_op.drop_index(batch_op.f('ix_member_initials'))

    op.drop_table('member')
    op.drop_table('meeting')
    op.drop_table('unit')
    op.drop_table('term')
    op.drop_table('site')
    op.drop_table('setting')
    op.drop_table('sector')
    op.drop_table('counter')
    with op.batch_alter_table('change_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_change_log_stamp'))

    op.drop_table('change_log')
    op.drop_table('category')
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_row')
        batch_op.drop_index(batch_op.f('ix_audit_entry_at'))

    op.drop_table('audit_entry')
