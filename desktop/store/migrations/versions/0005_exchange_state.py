"""Exchange by file: the order changes were learnt in, what each site acknowledged, conflicts and
changes held back for a clock too far ahead.

Revision ID: 0005
Revises: 0004
"""
import sqlalchemy as sa
from alembic import op


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('change_log', schema=None) as batch_op:
        batch_op.add_column(sa.Column('seq', sa.Integer(), nullable=False, server_default='0'))
        batch_op.create_index('ix_change_log_seq', ['seq'], unique=False)
    # the log so far: in the order it was written (SQLite's rowid), or of its clock stamps
    if op.get_bind().dialect.name == "sqlite":
        op.execute("UPDATE change_log SET seq = rowid")
    else:
        op.execute("UPDATE change_log SET seq = ordered.n FROM (SELECT op_id, row_number() "
                   "OVER (ORDER BY stamp) AS n FROM change_log) AS ordered "
                   "WHERE change_log.op_id = ordered.op_id")
    _fill_new_row_changes()
    with op.batch_alter_table('site', schema=None) as batch_op:
        batch_op.add_column(sa.Column('acked_seq', sa.Integer(), nullable=False,
                                      server_default='0'))
        batch_op.add_column(sa.Column('received_seq', sa.Integer(), nullable=False,
                                      server_default='0'))
        batch_op.add_column(sa.Column('phones', sa.Boolean(), nullable=False, server_default='0'))
    with op.batch_alter_table('sync_package', schema=None) as batch_op:
        batch_op.add_column(sa.Column('upto', sa.Integer(), nullable=True))
    op.create_table('sync_conflict',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('table_name', sa.String(length=40), nullable=False),
    sa.Column('row_id', sa.String(length=32), nullable=False),
    sa.Column('field', sa.String(length=40), nullable=False),
    sa.Column('reason', sa.String(length=40), nullable=False),
    sa.Column('heads', sa.Text(), nullable=False),
    sa.Column('opened_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_conflict_row', 'sync_conflict', ['table_name', 'row_id', 'field'],
                    unique=True)
    op.create_table('held_change',
    sa.Column('op_id', sa.String(length=32), nullable=False),
    sa.Column('package_id', sa.String(length=32), nullable=False),
    sa.Column('site_id', sa.String(length=32), nullable=False),
    sa.Column('stamp', sa.String(length=80), nullable=False),
    sa.Column('change', sa.Text(), nullable=False),
    sa.Column('held_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('op_id')
    )


# the tables whose rows travel (desktop.domain.exchange.TABLE_ORDER, as of this revision)
_SYNCED = ("term", "meeting", "sector", "organisation", "unit", "category", "member",
           "user_account", "proposal", "proposer", "submission", "review", "assignment",
           "contact", "reply", "evaluation", "assist_opinion", "follow_up", "supervision",
           "attachment", "audit_entry")


def _fill_new_row_changes() -> None:
    """New-row changes logged before this revision missed what the flush filled in (a column's
    default, a reference set through a relationship): a NOT NULL column logged as null cannot
    have been null, so it takes the value the row holds."""
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    for table in _SYNCED:
        columns = [row[1] for row in bind.exec_driver_sql(f'PRAGMA table_info("{table}")')
                   if row[3] and row[1] != "id"]
        for column in columns:
            bind.exec_driver_sql(
                f"UPDATE change_log SET value = json_set(value, '$.{column}', "
                f'(SELECT "{column}" FROM "{table}" WHERE "{table}".id = change_log.row_id)) '
                f"WHERE table_name = ? AND field = '*' AND json_valid(value) "
                f"AND json_extract(value, '$.{column}') IS NULL "
                f'AND EXISTS (SELECT 1 FROM "{table}" WHERE "{table}".id = change_log.row_id)',
                (table,))


def downgrade() -> None:
    op.drop_table('held_change')
    op.drop_index('ix_conflict_row', table_name='sync_conflict')
    op.drop_table('sync_conflict')
    with op.batch_alter_table('sync_package', schema=None) as batch_op:
        batch_op.drop_column('upto')
    with op.batch_alter_table('site', schema=None) as batch_op:
        for column in ('phones', 'received_seq', 'acked_seq'):
            batch_op.drop_column(column)
    with op.batch_alter_table('change_log', schema=None) as batch_op:
        batch_op.drop_index('ix_change_log_seq')
        batch_op.drop_column('seq')
