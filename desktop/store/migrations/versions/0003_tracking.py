"""Tracking: the round an assignment's latest rating belongs to, 协办意见, the tracking indexes.

Revision ID: 0003
Revises: 0002
"""
import sqlalchemy as sa
from alembic import op


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('assignment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('evaluated_round', sa.Integer(), nullable=True))
        batch_op.create_index('ix_assignment_tracking', [
            'ended', 'due_on', 'id', 'meeting_id', 'unit_id', 'role', 'round', 'replied_round',
            'evaluated_round', 'accepted_on', 'unsatisfied', 'proposal_id'], unique=False)
        batch_op.create_index('ix_assignment_adjustment', ['adjustment_requested_on'],
                              unique=False)
    with op.batch_alter_table('proposal', schema=None) as batch_op:
        batch_op.create_index('ix_proposal_category', ['category_id', 'id'], unique=False)
        batch_op.create_index('ix_proposal_key', ['key', 'id'], unique=False)
        # the statistics' count per 界别 walks this instead of sorting a meeting
        batch_op.create_index('ix_proposal_meeting_sector',
                              ['meeting_id', 'sector_id', 'status', 'split_from_id'], unique=False)
    # the cache as store.facts.settle would build it: the latest rating's round
    op.execute(
        "UPDATE assignment SET evaluated_round = (SELECT e.round FROM evaluation e "
        "WHERE e.assignment_id = assignment.id ORDER BY e.stamp DESC LIMIT 1)")

    op.create_table('assist_opinion',
    sa.Column('assignment_id', sa.String(length=32), nullable=False),
    sa.Column('sent_on', sa.Date(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('user_id', sa.String(length=32), nullable=True),
    sa.Column('stamp', sa.String(length=80), nullable=False),
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['assignment_id'], ['assignment.id'], ),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('assist_opinion', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assist_opinion_assignment_id'), ['assignment_id'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('proposal', schema=None) as batch_op:
        batch_op.drop_index('ix_proposal_meeting_sector')
        batch_op.drop_index('ix_proposal_key')
        batch_op.drop_index('ix_proposal_category')
    with op.batch_alter_table('assist_opinion', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assist_opinion_assignment_id'))
    op.drop_table('assist_opinion')
    with op.batch_alter_table('assignment', schema=None) as batch_op:
        batch_op.drop_index('ix_assignment_adjustment')
        batch_op.drop_index('ix_assignment_tracking')
        batch_op.drop_column('evaluated_round')
