"""Read-only library queries behind the window: fixed views, counts, suggested searches.

Plain SQLAlchemy over `app.db.models`; no Qt. Everything here runs on the library operations
thread (see `ui/ops.py`).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from datetime import timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Select, exists, func, or_, select
from sqlalchemy.orm import Session

from app.db.models import File, ImportLog, Paper, PaperAuthor, PaperTag, utcnow
from app.importing.outcome import FileOutcome, Status
from app.library import Library

RECENT_DAYS = 30
SUGGESTION_TITLES = 1000
IN_CHUNK = 5000
"""Ids per `IN (…)` list (SQLite allows 32,766 parameters per statement)."""
ATTENTION_FLAGS = ("no_text", "partial_text", "missing_file")


class View(StrEnum):
    """The fixed views above the user's tags."""

    ALL = "all"
    QUEUE = "queue"
    RECENT = "recent"
    UNTAGGED = "untagged"
    VERSIONS = "versions"
    ATTENTION = "attention"


VIEW_TITLES = {
    View.ALL: "All papers",
    View.QUEUE: "Reading queue",
    View.RECENT: "Recently added",
    View.UNTAGGED: "Untagged",
    View.VERSIONS: "Duplicates & versions",
    View.ATTENTION: "Needs attention",
}
VIEW_HINTS = {
    View.ALL: "Every paper in the library",
    View.QUEUE: "Papers marked “to read” or “reading”, highest priority first",
    View.RECENT: f"Papers added in the last {RECENT_DAYS} days",
    View.UNTAGGED: "Papers without any tag",
    View.VERSIONS: "Papers with another version, or that a later file duplicated",
    View.ATTENTION: "No text layer, partial text, or the stored PDF is missing",
}


def _view_filter(view: View, missing: set[int]) -> object | None:
    """A WHERE clause selecting the papers of `view` (None: every paper)."""
    if view is View.ALL:
        return None
    if view is View.QUEUE:
        return Paper.status.in_(("to_read", "reading"))
    if view is View.RECENT:
        return Paper.added_at >= utcnow() - timedelta(days=RECENT_DAYS)
    if view is View.UNTAGGED:
        return ~exists().where(PaperTag.paper_id == Paper.id)
    if view is View.VERSIONS:
        duplicated = select(ImportLog.duplicate_of).where(ImportLog.duplicate_of.is_not(None))
        return or_(Paper.work_id.is_not(None), Paper.id.in_(duplicated))
    flagged = [Paper.flags.contains(flag) for flag in ATTENTION_FLAGS]
    no_file = ~exists().where(File.paper_id == Paper.id)
    return or_(*flagged, no_file, Paper.id.in_(sorted(missing)))


def _ordered(query: Select[Any], view: View | None, sort: str) -> Select[Any]:
    if sort == "year":
        return query.order_by(Paper.year.is_(None), Paper.year.desc(), Paper.added_at.desc())
    if sort == "title":
        return query.order_by(func.lower(Paper.title), Paper.id)
    if sort == "relevance" and view is View.QUEUE:
        reading_first = (Paper.status != "reading").label("reading_first")
        return query.order_by(reading_first, Paper.priority.desc(), Paper.added_at.desc())
    return query.order_by(Paper.added_at.desc(), Paper.id.desc())


def view_ids(
    session: Session,
    view: View,
    sort: str = "relevance",
    missing: set[int] | None = None,
    within: set[int] | None = None,
) -> list[int]:
    """Paper ids of `view` in display order (optionally only those in `within`)."""
    query = select(Paper.id)
    condition = _view_filter(view, missing or set())
    if condition is not None:
        query = query.where(condition)  # type: ignore[arg-type]
    if within is not None:
        query = query.where(Paper.id.in_(sorted(within)))
    return list(session.scalars(_ordered(query, view, sort)))


def view_members(session: Session, view: View, paper_ids: list[int], missing: set[int]) -> set[int]:
    """Which of `paper_ids` belong to `view` (the database filters; ids go in chunks)."""
    condition = _view_filter(view, missing)
    found: set[int] = set()
    for start in range(0, len(paper_ids), IN_CHUNK):
        query = select(Paper.id).where(Paper.id.in_(paper_ids[start : start + IN_CHUNK]))
        if condition is not None:
            query = query.where(condition)  # type: ignore[arg-type]
        found.update(session.scalars(query))
    return found


def view_counts_within(
    session: Session, paper_ids: list[int], missing: set[int]
) -> dict[View, int]:
    """How many of `paper_ids` each fixed view holds (counted by the database)."""
    counts = dict.fromkeys(View, 0)
    for start in range(0, len(paper_ids), IN_CHUNK):
        chunk = paper_ids[start : start + IN_CHUNK]
        for view in View:
            query = select(func.count(Paper.id)).where(Paper.id.in_(chunk))
            condition = _view_filter(view, missing)
            if condition is not None:
                query = query.where(condition)  # type: ignore[arg-type]
            counts[view] += int(session.scalar(query) or 0)
    return counts


def view_counts(session: Session, missing: set[int]) -> dict[View, int]:
    """How many papers each fixed view holds."""
    counts: dict[View, int] = {}
    for view in View:
        query = select(func.count(Paper.id))
        condition = _view_filter(view, missing)
        if condition is not None:
            query = query.where(condition)  # type: ignore[arg-type]
        counts[view] = int(session.scalar(query) or 0)
    return counts


def papers_in_subtree_ids(session: Session, tag_ids: set[int], sort: str) -> list[int]:
    """Papers carrying any of `tag_ids`, in display order."""
    tagged = select(PaperTag.paper_id).where(PaperTag.tag_id.in_(sorted(tag_ids)))
    return list(session.scalars(_ordered(select(Paper.id).where(Paper.id.in_(tagged)), None, sort)))


def missing_files(library: Library) -> frozenset[int]:
    """Papers whose stored PDF is no longer in the library's files/ folder."""
    root: Path = library.paths.root
    with library.reading() as session:
        rows = session.execute(select(File.paper_id, File.stored_path)).all()
    return frozenset(paper_id for paper_id, stored in rows if not (root / stored).is_file())


_WORD = re.compile(r"[A-Za-z][A-Za-z\-]{2,}")
STOPWORDS = frozenset(
    {
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "in",
        "into",
        "is",
        "of",
        "on",
        "or",
        "over",
        "the",
        "their",
        "to",
        "towards",
        "under",
        "using",
        "via",
        "with",
        "without",
        "we",
        "our",
        "its",
        "it",
        "this",
        "that",
        "these",
        "new",
        "how",
        "what",
        "when",
        "why",
        "which",
        "beyond",
        "between",
        "through",
        "toward",
        "vs",
        "versus",
        "study",
        "approach",
        "method",
        "methods",
        "paper",
    }
)


def suggested_searches(session: Session, limit: int = 5) -> list[str]:
    """Searches drawn from the library itself: frequent title phrases, words, an author."""
    titles = session.scalars(
        select(Paper.title).order_by(Paper.added_at.desc()).limit(SUGGESTION_TITLES)
    ).all()
    phrases: Counter[str] = Counter()
    words: Counter[str] = Counter()
    for title in titles:
        tokens = [w.lower() for w in _WORD.findall(title)]
        for first, second in itertools.pairwise(tokens):
            if first not in STOPWORDS and second not in STOPWORDS:
                phrases[f"{first} {second}"] += 1
        words.update(w for w in set(tokens) if w not in STOPWORDS)
    picks: list[str] = [f'"{p}"' for p, n in phrases.most_common(2) if n > 1]
    picks += [w for w, n in words.most_common(8) if n > 1 and all(w not in p for p in picks)][:2]
    author = _frequent_author(session)
    if author:
        picks.append(f"author:{author}")
    return picks[:limit]


def _frequent_author(session: Session) -> str | None:
    """The surname of the author with most papers (counted by the database)."""
    name = session.scalar(
        select(PaperAuthor.name)
        .group_by(PaperAuthor.name)
        .having(func.count() > 1)
        .order_by(func.count().desc())
        .limit(1)
    )
    surname = name.split()[-1] if name and name.split() else ""
    return surname if surname.isalpha() else None


def import_log_outcomes(
    library: Library, batch: str, after_id: int
) -> list[tuple[int, FileOutcome]]:
    """Outcomes the import `batch` has committed so far, after log row `after_id`."""
    with library.reading() as session:
        rows = session.execute(
            select(ImportLog, Paper.title)
            .outerjoin(Paper, Paper.id == ImportLog.paper_id)
            .where(ImportLog.batch == batch, ImportLog.id > after_id)
            .order_by(ImportLog.id)
        ).all()
    return [
        (
            entry.id,
            FileOutcome(
                entry.path,
                cast(Status, entry.status),
                paper_id=entry.paper_id,
                duplicate_of=entry.duplicate_of,
                reason=entry.reason,
                flags=entry.flags.split(),
                title=title or "",
            ),
        )
        for entry, title in rows
    ]
