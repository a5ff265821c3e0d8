"""Edits to papers: tags, removal, reading status, notes, metadata fields."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import delete, select

from app.changes import Changes
from app.db.models import READING_STATUSES, File, Paper, PaperAuthor, PaperTag
from app.dedupe import author_key, title_key
from app.errors import InvalidInputError, NotFoundError
from app.library import Library, queue_for_index, touch
from app.metadata.identifiers import normalize_doi, strip_arxiv_version
from app.store import is_linked
from app.tags import TagTree, ensure_tag, split_path
from app.textnorm import sanitize, sanitize_line

STATUS_ALIASES = {"to-read": "to_read", "toread": "to_read", "new": "unread", "done": "read"}
EDITABLE = ("title", "authors", "year", "venue", "abstract", "arxiv_id", "doi", "url")


def _require(session: Any, paper_ids: Iterable[int]) -> list[int]:
    ids = list(dict.fromkeys(paper_ids))
    found = set(session.scalars(select(Paper.id).where(Paper.id.in_(ids))))
    missing = [pid for pid in ids if pid not in found]
    if missing:
        raise NotFoundError(f"There is no paper {', '.join(map(str, missing))}.")
    return ids


def tag_papers(
    library: Library, paper_ids: Sequence[int], add: Sequence[str] = (),
    remove: Sequence[str] = (),
) -> Changes:
    """Add and remove tags (paths; added ones are created) on papers."""
    changes = Changes(tags=True)
    with library.writing() as session:
        ids = _require(session, paper_ids)
        for path in add:
            tag_id = ensure_tag(session, path)
            have = set(
                session.scalars(select(PaperTag.paper_id).where(PaperTag.tag_id == tag_id))
            )
            for paper_id in ids:
                if paper_id not in have:
                    session.add(PaperTag(paper_id=paper_id, tag_id=tag_id))
        session.flush()
        tree = TagTree(session)
        for path in remove:
            node = tree.find(path)
            if node is None:
                raise NotFoundError(f"There is no tag {path!r}.")
            session.execute(
                delete(PaperTag).where(PaperTag.tag_id == node.id, PaperTag.paper_id.in_(ids))
            )
        touch(session, ids)
        changes.updated.update(ids)
    return library.publish(changes)


def remove_papers(library: Library, paper_ids: Sequence[int]) -> Changes:
    """Delete papers (their stored copies too; originals elsewhere are never touched)."""
    with library.writing() as session:
        ids = _require(session, paper_ids)
        stored = list(session.scalars(select(File.stored_path).where(File.paper_id.in_(ids))))
        for paper in session.scalars(select(Paper).where(Paper.id.in_(ids))):
            session.delete(paper)
        queue_for_index(session, ids)
    for relative in stored:
        if is_linked(relative):
            continue  # the user's own file, linked in place: never deleted
        with contextlib.suppress(OSError):
            (library.paths.root / relative).unlink()
    return library.publish(Changes(removed=set(ids), tags=True))


def normalize_status(status: str) -> str:
    value = status.strip().lower().replace(" ", "_")
    value = STATUS_ALIASES.get(value, value)
    if value not in READING_STATUSES:
        raise InvalidInputError(
            f"Unknown status {status!r}; use one of: {', '.join(READING_STATUSES)}."
        )
    return value


def set_status(
    library: Library, paper_ids: Sequence[int], status: str, priority: int | None = None
) -> Changes:
    """Set the reading status (and optionally the queue priority) of papers."""
    value = normalize_status(status)
    with library.writing() as session:
        ids = _require(session, paper_ids)
        for paper in session.scalars(select(Paper).where(Paper.id.in_(ids))):
            paper.status = value
            if priority is not None:
                paper.priority = priority
        touch(session, ids)
    return library.publish(Changes(updated=set(ids)))


def set_note(library: Library, paper_id: int, text: str) -> Changes:
    """Replace a paper's note (Markdown)."""
    with library.writing() as session:
        _require(session, [paper_id])
        session.get_one(Paper, paper_id).notes = sanitize(text, 200_000)
        touch(session, [paper_id])
    return library.publish(Changes(updated={paper_id}))


def record_reading(library: Library, paper_id: int, page: int, seen_share: float) -> None:
    """Remember the last page viewed and the share of pages seen (not indexed)."""
    with library.writing() as session:
        paper = session.get(Paper, paper_id)
        if paper is not None:
            paper.last_page = max(0, page)
            paper.pages_seen = max(paper.pages_seen, min(1.0, seen_share))


def update_fields(library: Library, paper_id: int, **fields: Any) -> Changes:
    """Edit metadata fields (see EDITABLE); values are sanitized and validated."""
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise InvalidInputError(f"Cannot edit {', '.join(sorted(unknown))}.")
    with library.writing() as session:
        _require(session, [paper_id])
        paper = session.get_one(Paper, paper_id)
        for name, value in fields.items():
            _apply_field(paper, name, value)
        touch(session, [paper_id])
    return library.publish(Changes(updated={paper_id}))


def _apply_field(paper: Paper, name: str, value: Any) -> None:
    if name == "authors":
        names = [sanitize_line(str(n), 300) for n in value if sanitize_line(str(n), 300)]
        paper.authors = [PaperAuthor(position=i, name=n) for i, n in enumerate(names)]
        paper.first_author_key = author_key(names)
    elif name == "year":
        if value in (None, ""):
            paper.year = None
        else:
            try:
                year = int(value)
            except (TypeError, ValueError):
                raise InvalidInputError(f"{value!r} is not a year.") from None
            if not 1000 <= year <= 2999:
                raise InvalidInputError(f"{year} is not a plausible year.")
            paper.year = year
    elif name == "arxiv_id":
        clean = sanitize_line(str(value or ""), 40)
        paper.arxiv_id = clean or None
        paper.arxiv_base = strip_arxiv_version(clean) if clean else None
    elif name == "doi":
        clean = sanitize_line(str(value or ""), 300)
        doi = normalize_doi(clean) if clean else ""
        if clean and not doi:
            raise InvalidInputError(f"{clean!r} is not a DOI (they look like 10.1234/abc).")
        paper.doi = doi or None
    elif name == "abstract":
        paper.abstract = sanitize(str(value or ""), 20_000)
    elif name == "title":
        title = sanitize_line(str(value or ""), 1000)
        if not title:
            raise InvalidInputError("A title cannot be empty.")
        paper.title = title
        paper.title_key = title_key(title)
        paper.metadata_source = "user"
    else:
        setattr(paper, name, sanitize_line(str(value or ""), 2000))


def validate_tag_path(path: str) -> str:
    """The canonical form of a tag path (raises InvalidInputError when unusable)."""
    return "/".join(split_path(path))
