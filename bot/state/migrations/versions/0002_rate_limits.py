"""Rate-limit windows in the database, so that processes sharing it share one limit per user.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rate_limits",
        sa.Column("key", sa.Text, primary_key=True),
        sa.Column("hits", sa.Text, nullable=False),  # JSON list of epoch seconds in the current window
        sa.Column("updated", sa.Double, nullable=False),
    )
    op.create_index("rate_limits_updated", "rate_limits", ["updated"])


def downgrade() -> None:
    op.drop_table("rate_limits")
