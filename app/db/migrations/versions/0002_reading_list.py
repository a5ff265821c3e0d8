"""Reading list: queue priority, last page read, share of pages seen, and a URL per paper.

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
    with op.batch_alter_table("papers") as batch:
        batch.add_column(sa.Column("url", sa.Text, nullable=False, server_default=""))
        batch.add_column(sa.Column("priority", sa.Integer, nullable=False, server_default="0"))
        batch.add_column(sa.Column("last_page", sa.Integer, nullable=False, server_default="0"))
        batch.add_column(sa.Column("pages_seen", sa.Float, nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("papers") as batch:
        for column in ("pages_seen", "last_page", "priority", "url"):
            batch.drop_column(column)
