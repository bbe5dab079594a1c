"""Indexes for the screens' lists: sorting by 案由 (one meeting or all), and today's entries.

Revision ID: 0002
Revises: 0001
"""
from alembic import op


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_proposal_meeting_title", "proposal", ["meeting_id", "title"])
    op.create_index("ix_proposal_title", "proposal", ["title"])
    op.create_index("ix_proposal_meeting_registered", "proposal",
                    ["meeting_id", "registered_at"])


def downgrade() -> None:
    op.drop_index("ix_proposal_meeting_registered", table_name="proposal")
    op.drop_index("ix_proposal_title", table_name="proposal")
    op.drop_index("ix_proposal_meeting_title", table_name="proposal")
