"""What a search returns: plain immutable records, no tantivy objects."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Hit:
    """One paper of a result list.

    `pages` are the 0-based numbers of the pages that match the query's text clauses, in
    ascending order; `hit_count` is the number of those pages (per-page occurrence counts
    come from `SearchIndex.page_hits`). `snippet` is ~200 characters of the best passage
    (taken from the best-scoring page, `snippet_page`, or from the abstract when only
    metadata matched, then `snippet_page` is None); `highlights` are ``(start, end)``
    character ranges into `snippet`. A search made with ``with_snippets=False`` leaves
    snippet, highlights, pages and hit count empty. `score` is the relevance score (0.0
    when the results are sorted by year, date added or title).
    """

    paper_id: int
    score: float
    snippet: str
    highlights: list[tuple[int, int]]
    snippet_page: int | None
    pages: list[int]
    hit_count: int


@dataclass(frozen=True, slots=True)
class SearchResults:
    """One page of results plus facts about the whole result set.

    `total` counts papers. `tag_counts` covers every matching paper (not only `hits`),
    per tag path including ancestors (empty when the search was made with
    ``with_tag_counts=False``). `highlight_terms` are literal strings for the PDF
    preview's case-insensitive `page.search_for` (see QUERY_SYNTAX.md, "Highlighting").
    """

    query: str
    total: int
    hits: list[Hit]
    tag_counts: dict[str, int]
    warnings: list[str]
    highlight_terms: list[str]


@dataclass(frozen=True, slots=True)
class Related:
    """A paper whose text resembles another's, with the words they share most."""

    paper_id: int
    score: float
    shared_terms: list[str]
