"""The numbers beside every node of the tag tree: of the library, or of the current results.

Runs on the library operations thread; no Qt.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from app.db.models import Paper
from app.library import Library
from app.tags import TagTree, tag_counts_by_id
from ui.listing import matching_ids
from ui.queries import View, view_counts, view_counts_within

VIEW_COUNT_LIMIT = 20_000
"""Above this many results, the fixed views show no count of them (too costly to intersect)."""


@dataclass(frozen=True, slots=True)
class Counts:
    """Counts per fixed view and per tag path; `query` says of what ('' = the library)."""

    query: str
    views: dict[View, int]
    tags: dict[str, int]
    library_size: int


def load_counts(library: Library, query: str, missing: frozenset[int]) -> Counts:
    """Counts of the whole library (no query) or of the query's results."""
    query = query.strip()
    with library.reading() as session:
        size = int(session.scalar(select(func.count(Paper.id))) or 0)
        if not query:
            tree = TagTree(session)
            by_id = tag_counts_by_id(session)
            tags = {node.path: by_id.get(tag_id, 0) for tag_id, node in tree.nodes.items()}
            return Counts("", view_counts(session, set(missing)), tags, size)
    every, first = matching_ids(library, query, cap=VIEW_COUNT_LIMIT)
    views: dict[View, int] = {View.ALL: first.total}
    if first.total <= VIEW_COUNT_LIMIT:
        with library.reading() as session:
            views = view_counts_within(session, every, set(missing))
        views[View.ALL] = first.total
    return Counts(query, views, dict(first.tag_counts), size)
