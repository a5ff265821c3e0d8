"""The first schema: papers, authors, files, page text, tags, import log, index queue.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "papers",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("title_key", sa.String(300), nullable=False),
        sa.Column("first_author_key", sa.String(100), nullable=False),
        sa.Column("year", sa.Integer),
        sa.Column("abstract", sa.Text, nullable=False),
        sa.Column("venue", sa.Text, nullable=False),
        sa.Column("arxiv_id", sa.String(40)),
        sa.Column("arxiv_base", sa.String(40)),
        sa.Column("doi", sa.String(300)),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("notes", sa.Text, nullable=False),
        sa.Column("flags", sa.Text, nullable=False),
        sa.Column("page_count", sa.Integer, nullable=False),
        sa.Column("metadata_source", sa.String(20), nullable=False),
        sa.Column("sketch_keys", sa.String(80), nullable=False),
        sa.Column("work_id", sa.Integer),
        sa.Column("added_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
    )
    op.create_index("ix_papers_title_key", "papers", ["title_key"])
    op.create_index("ix_papers_arxiv_base", "papers", ["arxiv_base"])
    op.create_index("ix_papers_doi", "papers", ["doi"])
    op.create_index("ix_papers_work_id", "papers", ["work_id"])
    op.create_index("ix_papers_added", "papers", ["added_at"])
    op.create_index("ix_papers_status", "papers", ["status"])
    op.create_table(
        "paper_authors",
        sa.Column(
            "paper_id", sa.Integer, sa.ForeignKey("papers.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
    )
    op.create_table(
        "files",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "paper_id", sa.Integer, sa.ForeignKey("papers.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("size", sa.BigInteger, nullable=False),
        sa.Column("stored_path", sa.Text, nullable=False),
        sa.Column("original_path", sa.Text, nullable=False),
        sa.Column("added_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_files_paper_id", "files", ["paper_id"])
    op.create_table(
        "paper_text",
        sa.Column(
            "paper_id", sa.Integer, sa.ForeignKey("papers.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("page_count", sa.Integer, nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
        sa.Column("sketch", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "tags",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("parent_id", sa.Integer, sa.ForeignKey("tags.id", ondelete="CASCADE")),
        sa.UniqueConstraint("parent_id", "name", name="uq_tag_parent_name"),
    )
    op.create_index("ix_tags_parent_id", "tags", ["parent_id"])
    op.create_table(
        "paper_tags",
        sa.Column(
            "paper_id", sa.Integer, sa.ForeignKey("papers.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "tag_id", sa.Integer, sa.ForeignKey("tags.id", ondelete="CASCADE"),
            primary_key=True,
        ),
    )
    op.create_index("ix_paper_tags_tag_id", "paper_tags", ["tag_id"])
    op.create_table(
        "import_log",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("batch", sa.String(40), nullable=False),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("paper_id", sa.Integer),
        sa.Column("duplicate_of", sa.Integer),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("flags", sa.Text, nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_import_log_batch", "import_log", ["batch"])
    op.create_table(
        "index_queue",
        sa.Column("paper_id", sa.Integer, primary_key=True),
        sa.Column("queued_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "settings",
        sa.Column("key", sa.String(100), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )


def downgrade() -> None:
    for table in (
        "settings", "index_queue", "import_log", "paper_tags", "tags", "paper_text", "files",
        "paper_authors", "papers",
    ):
        op.drop_table(table)
