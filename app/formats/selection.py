"""Which papers an export covers: all, chosen ids, a tag subtree, or both filters."""

from __future__ import annotations

from collections.abc import Sequence

from app.errors import NotFoundError
from app.library import Library
from app.views import PaperView


def chosen_papers(
    library: Library, ids: Sequence[int] | None = None, tag: str | None = None
) -> list[PaperView]:
    """The papers to export; NotFoundError names ids or a tag that do not exist."""
    papers = library.papers(ids, tag)
    if ids is not None:
        existing = papers if tag is None else library.papers(ids)
        missing = sorted(set(ids) - {paper.id for paper in existing})
        if missing:
            raise NotFoundError(f"There is no paper {', '.join(map(str, missing))}.")
    return papers
