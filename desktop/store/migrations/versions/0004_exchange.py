"""Exchange by file: what each change was made on top of, sites' kinds, and the packages seen.

Revision ID: 0004
Revises: 0003
"""
import sqlalchemy as sa
from alembic import op


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('change_log', schema=None) as batch_op:
        batch_op.add_column(sa.Column('bases', sa.Text(), nullable=True))
        # a field's latest change, looked up for every field a write changes
        batch_op.create_index('ix_change_field', ['table_name', 'row_id', 'field', 'stamp'],
                              unique=False)
    with op.batch_alter_table('site', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.String(length=16), nullable=False,
                                      server_default='office'))
        batch_op.add_column(sa.Column('unit_id', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('prefix', sa.String(length=8), nullable=True))
        batch_op.add_column(sa.Column('enrolled_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('retired_at', sa.DateTime(), nullable=True))
    op.create_table('sync_package',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('site_id', sa.String(length=32), nullable=False),
    sa.Column('outgoing', sa.Boolean(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('changes', sa.Integer(), nullable=False),
    sa.Column('last_stamp', sa.String(length=80), nullable=True),
    sa.ForeignKeyConstraint(['site_id'], ['site.id'], ),
    sa.PrimaryKeyConstraint('id')
    )


def downgrade() -> None:
    op.drop_table('sync_package')
    with op.batch_alter_table('site', schema=None) as batch_op:
        for column in ('retired_at', 'enrolled_at', 'prefix', 'unit_id', 'kind'):
            batch_op.drop_column(column)
    with op.batch_alter_table('change_log', schema=None) as batch_op:
        batch_op.drop_index('ix_change_field')
        batch_op.drop_column('bases')
