"""Plain read-only views of papers, for the CLI, JSON output and the GUI's models."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from app.db.models import Paper
from app.store import resolve_stored


@dataclass(frozen=True, slots=True)
class PaperView:
    id: int
    title: str
    authors: list[str]
    year: int | None
    venue: str
    abstract: str
    arxiv_id: str | None
    doi: str | None
    url: str
    tags: list[str]
    page_count: int
    status: str
    priority: int
    flags: list[str]
    file: str | None
    notes: str
    last_page: int
    added: datetime
    work_id: int | None

    def to_json(self) -> dict[str, Any]:
        """The CLI's `list --json` / `show --json` record."""
        return {
            "id": self.id,
            "title": self.title,
            "authors": self.authors,
            "year": self.year,
            "venue": self.venue or None,
            "arxiv_id": self.arxiv_id,
            "doi": self.doi,
            "url": self.url or None,
            "tags": self.tags,
            "pages": self.page_count,
            "status": self.status,
            "priority": self.priority,
            "flags": self.flags,
            "file": self.file,
            "notes": self.notes,
            "added": self.added.isoformat(),
        }


def as_utc(moment: datetime) -> datetime:
    """SQLite returns naive datetimes; everything stored is UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def paper_view(paper: Paper, tag_paths: dict[int, str], library_root: Path) -> PaperView:
    """Build a view; `tag_paths` maps tag ids to their paths."""
    stored = paper.files[0].stored_path if paper.files else None
    return PaperView(
        id=paper.id,
        title=paper.title,
        authors=paper.author_names,
        year=paper.year,
        venue=paper.venue,
        abstract=paper.abstract,
        arxiv_id=paper.arxiv_id,
        doi=paper.doi,
        url=paper.url,
        tags=sorted(tag_paths[link.tag_id] for link in paper.tag_links if link.tag_id in tag_paths),
        page_count=paper.page_count,
        status=paper.status,
        priority=paper.priority,
        flags=sorted(paper.flag_set),
        file=str(resolve_stored(library_root, stored)) if stored else None,
        notes=paper.notes,
        last_page=paper.last_page,
        added=as_utc(paper.added_at),
        work_id=paper.work_id,
    )
