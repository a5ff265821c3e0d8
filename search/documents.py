"""What the library feeds the index: one plain record per paper.

The search layer never reads the database; the app builds these from its own rows
(rule 2: the index is derived data and can always be rebuilt from them).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

STATUSES = ("unread", "to_read", "reading", "read")


@dataclass(frozen=True, slots=True)
class PaperDoc:
    """Everything the index knows about one paper.

    `revision` bumps on every change of the paper; `SearchIndex.stamps()` returns it so
    `lectern doctor` can find stale documents. `pages` are normalized page texts (NFKC,
    de-hyphenated, whitespace collapsed) and may be empty for entries without a PDF.
    `tags` are tag paths such as ``"theory/kernels"``; `added` is timezone-aware UTC.
    """

    paper_id: int
    revision: int
    title: str
    authors: list[str]
    abstract: str
    pages: list[str]
    tags: list[str]
    year: int | None
    status: str
    notes: str
    venue: str
    added: datetime
