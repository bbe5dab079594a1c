"""A unit's 全称 for the head and the signature of its letters (清河县教育局), beside the name
the lists use (县教育局); a proposal marked as a candidate for 优秀提案 (the year's report).

Revision ID: 0006
Revises: 0005
"""
import sqlalchemy as sa
from alembic import op


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('unit', schema=None) as batch_op:
        batch_op.add_column(sa.Column('full_name', sa.String(length=80), nullable=False,
                                      server_default=sa.text("''")))
    with op.batch_alter_table('proposal', schema=None) as batch_op:
        batch_op.add_column(sa.Column('excellent', sa.Boolean(), nullable=False,
                                      server_default='0'))


def downgrade() -> None:
    with op.batch_alter_table('proposal', schema=None) as batch_op:
        batch_op.drop_column('excellent')
    with op.batch_alter_table('unit', schema=None) as batch_op:
        batch_op.drop_column('full_name')
