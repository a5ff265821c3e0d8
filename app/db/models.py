"""SQLAlchemy 2.0 typed models. The database is the source of truth (the index is derived).

Schema changes go through a new Alembic migration in `app/db/migrations/versions/`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import NewType

from sqlalchemy import (
    BigInteger,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

PaperId = NewType("PaperId", int)
TagId = NewType("TagId", int)

READING_STATUSES = ("unread", "to_read", "reading", "read")


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    pass


class Paper(Base):
    __tablename__ = "papers"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(Text, default="")
    title_key: Mapped[str] = mapped_column(String(300), default="", index=True)
    first_author_key: Mapped[str] = mapped_column(String(100), default="")
    year: Mapped[int | None] = mapped_column(Integer, default=None)
    abstract: Mapped[str] = mapped_column(Text, default="")
    venue: Mapped[str] = mapped_column(Text, default="")
    arxiv_id: Mapped[str | None] = mapped_column(String(40), default=None)
    arxiv_base: Mapped[str | None] = mapped_column(String(40), default=None, index=True)
    doi: Mapped[str | None] = mapped_column(String(300), default=None, index=True)
    url: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default="unread")
    priority: Mapped[int] = mapped_column(Integer, default=0)
    notes: Mapped[str] = mapped_column(Text, default="")
    flags: Mapped[str] = mapped_column(Text, default="")  # space-separated words
    page_count: Mapped[int] = mapped_column(Integer, default=0)
    last_page: Mapped[int] = mapped_column(Integer, default=0)
    pages_seen: Mapped[float] = mapped_column(default=0.0)
    metadata_source: Mapped[str] = mapped_column(String(20), default="")
    sketch_keys: Mapped[str] = mapped_column(String(80), default="")
    work_id: Mapped[int | None] = mapped_column(Integer, default=None, index=True)
    added_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    revision: Mapped[int] = mapped_column(Integer, default=1)

    authors: Mapped[list[PaperAuthor]] = relationship(
        order_by="PaperAuthor.position", cascade="all, delete-orphan", lazy="selectin"
    )
    files: Mapped[list[File]] = relationship(cascade="all, delete-orphan", lazy="selectin")
    tag_links: Mapped[list[PaperTag]] = relationship(
        cascade="all, delete-orphan", lazy="selectin"
    )

    @property
    def flag_set(self) -> set[str]:
        return set((self.flags or "").split())

    @property
    def author_names(self) -> list[str]:
        return [a.name for a in self.authors]


class PaperAuthor(Base):
    __tablename__ = "paper_authors"

    paper_id: Mapped[int] = mapped_column(
        ForeignKey("papers.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text)


class File(Base):
    __tablename__ = "files"

    id: Mapped[int] = mapped_column(primary_key=True)
    paper_id: Mapped[int] = mapped_column(ForeignKey("papers.id", ondelete="CASCADE"), index=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    size: Mapped[int] = mapped_column(BigInteger)
    # relative to the library folder (a copy in files/), or absolute (linked in place)
    stored_path: Mapped[str] = mapped_column(Text)
    original_path: Mapped[str] = mapped_column(Text, default="")
    added_at: Mapped[datetime] = mapped_column(default=utcnow)


class PaperText(Base):
    """Extracted page texts: zlib of the pages joined by form feeds (page boundaries kept)."""

    __tablename__ = "paper_text"

    paper_id: Mapped[int] = mapped_column(
        ForeignKey("papers.id", ondelete="CASCADE"), primary_key=True
    )
    page_count: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    sketch: Mapped[bytes] = mapped_column(LargeBinary, default=b"")


class Tag(Base):
    __tablename__ = "tags"
    __table_args__ = (UniqueConstraint("parent_id", "name", name="uq_tag_parent_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("tags.id", ondelete="CASCADE"), default=None, index=True
    )


class PaperTag(Base):
    __tablename__ = "paper_tags"

    paper_id: Mapped[int] = mapped_column(
        ForeignKey("papers.id", ondelete="CASCADE"), primary_key=True
    )
    tag_id: Mapped[int] = mapped_column(
        ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class ImportLog(Base):
    __tablename__ = "import_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch: Mapped[str] = mapped_column(String(40), index=True)
    path: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))
    paper_id: Mapped[int | None] = mapped_column(Integer, default=None)
    duplicate_of: Mapped[int | None] = mapped_column(Integer, default=None)
    reason: Mapped[str] = mapped_column(Text, default="")
    flags: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(default=utcnow)


class IndexQueue(Base):
    """What the search index still owes: written in the same transaction as the change."""

    __tablename__ = "index_queue"

    paper_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    queued_at: Mapped[datetime] = mapped_column(default=utcnow)


class Setting(Base):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


Index("ix_papers_added", Paper.added_at)
Index("ix_papers_status", Paper.status)
