"""What the result list shows: a listing of paper ids, and its rows loaded a chunk at a time.

Four kinds of listing, all answering the same two calls (`load_listing`, `fetch_rows`):

- no query: the fixed view or tag subtree from the database, in the chosen order;
- a query in "All papers" or a tag: the index, paged with `offset` (ids arrive chunk by chunk);
- a query in another fixed view: every matching id (no snippets), kept if in the view; the
  snippets of a chunk come from short searches at those papers' ranks;
- related papers: `index.related`, with the terms each shares.

Runs on the library operations thread; no Qt.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.library import Library
from app.tags import TagTree
from app.views import PaperView
from ui.queries import View, papers_in_subtree_ids, view_ids, view_members

CHUNK = 100
RELATED_LIMIT = 50
PAGE_LIMIT = 1000
"""The most hits the index returns for one call."""


@dataclass(frozen=True, slots=True)
class Scope:
    """Where to look: a fixed view, a tag's subtree, or the papers related to one paper."""

    view: View = View.ALL
    tag: str | None = None
    related_to: int | None = None


@dataclass(frozen=True, slots=True)
class ListingRequest:
    """A query in a scope, in an order."""

    query: str = ""
    scope: Scope = field(default_factory=Scope)
    sort: str = "relevance"

    @property
    def mode(self) -> str:
        """'related', 'browse' (no query), 'search' (paged index) or 'filtered'."""
        if self.scope.related_to is not None:
            return "related"
        if not self.query.strip():
            return "browse"
        if self.scope.tag is not None or self.scope.view is View.ALL:
            return "search"
        return "filtered"


@dataclass(frozen=True, slots=True)
class HitInfo:
    """The best passage of a search hit and where the matches are."""

    snippet: str
    highlights: tuple[tuple[int, int], ...]
    snippet_page: int | None
    pages: tuple[int, ...]
    hit_count: int

    @classmethod
    def from_hit(cls, hit: Any) -> HitInfo:
        """Copy the fields of a `search` hit."""
        return cls(
            snippet=hit.snippet or "",
            highlights=tuple((int(a), int(b)) for a, b in hit.highlights),
            snippet_page=hit.snippet_page,
            pages=tuple(hit.pages),
            hit_count=int(hit.hit_count),
        )

    @property
    def first_page(self) -> int | None:
        """The page to open the preview on (0-based)."""
        if self.snippet_page is not None:
            return self.snippet_page
        return self.pages[0] if self.pages else None


@dataclass(frozen=True, slots=True)
class ResultRow:
    """One row of the result list."""

    paper: PaperView
    hit: HitInfo | None = None
    shared_terms: tuple[str, ...] = ()


@dataclass(slots=True)
class Listing:
    """The ids of a listing (None where the index has not been paged that far yet)."""

    request: ListingRequest
    ids: list[int | None]
    rows: dict[int, ResultRow] = field(default_factory=dict)
    highlight_terms: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    ranks: dict[int, int] = field(default_factory=dict)
    shared_terms: dict[int, tuple[str, ...]] = field(default_factory=dict)
    related_title: str = ""

    @property
    def total(self) -> int:
        """Number of rows."""
        return len(self.ids)


@dataclass(frozen=True, slots=True)
class RowBatch:
    """Rows `start`… of a listing: their ids and data (None: the paper is gone)."""

    start: int
    ids: list[int]
    rows: list[ResultRow | None]


def load_listing(library: Library, request: ListingRequest, missing: frozenset[int]) -> Listing:
    """The listing for `request`, with its first chunk of rows."""
    mode = request.mode
    if mode == "related":
        return _related(library, request)
    if mode == "browse":
        listing = Listing(request, list(_browse_ids(library, request, missing)))
    elif mode == "search":
        # Tag counts come separately (ui.counts): the list does not wait for them.
        results = library.index.search(
            request.query,
            scope_tag=request.scope.tag,
            limit=CHUNK,
            sort=request.sort,
            with_tag_counts=False,
        )
        ids: list[int | None] = [hit.paper_id for hit in results.hits]
        ids += [None] * max(0, results.total - len(ids))
        listing = Listing(
            request,
            ids,
            highlight_terms=list(results.highlight_terms),
            warnings=list(results.warnings),
        )
        batch = _rows_for_hits(library, 0, results.hits)
        _apply(listing, batch)
        return listing
    else:
        listing = _filtered(library, request, missing)
    _apply(listing, fetch_rows(library, listing, 0, CHUNK))
    return listing


def fetch_rows(library: Library, listing: Listing, start: int, count: int) -> RowBatch:
    """Rows `start` to `start + count` of `listing` (reads `listing`, never changes it)."""
    end = min(listing.total, start + count)
    if start >= end:
        return RowBatch(start, [], [])
    if listing.request.mode == "search":
        request = listing.request
        results = library.index.search(
            request.query,
            scope_tag=request.scope.tag,
            limit=end - start,
            offset=start,
            sort=request.sort,
            with_tag_counts=False,
        )
        return _rows_for_hits(library, start, results.hits)
    ids = [pid for pid in listing.ids[start:end] if pid is not None]
    papers = {paper.id: paper for paper in library.papers(ids)}
    hits = _hits_at_ranks(library, listing, ids) if listing.request.mode == "filtered" else {}
    rows: list[ResultRow | None] = []
    for pid in ids:
        paper = papers.get(pid)
        rows.append(
            None
            if paper is None
            else ResultRow(paper, hits.get(pid), listing.shared_terms.get(pid, ()))
        )
    return RowBatch(start, ids, rows)


def _apply(listing: Listing, batch: RowBatch) -> None:
    for offset, (pid, row) in enumerate(zip(batch.ids, batch.rows, strict=True)):
        listing.ids[batch.start + offset] = pid
        if row is not None:
            listing.rows[batch.start + offset] = row


def _browse_ids(library: Library, request: ListingRequest, missing: frozenset[int]) -> list[int]:
    with library.reading() as session:
        if request.scope.tag is not None:
            tree = TagTree(session)
            node = tree.find(request.scope.tag)
            if node is None:
                return []
            return papers_in_subtree_ids(session, tree.subtree(node.id), request.sort)
        return view_ids(session, request.scope.view, request.sort, set(missing))


def matching_ids(
    library: Library, query: str, sort: str = "relevance", cap: int | None = None
) -> tuple[list[int], Any]:
    """Every paper id matching `query`, in `sort` order (at most `cap`), and the first page of
    results (for its total, warnings and highlight terms). The index answers at most
    `PAGE_LIMIT` hits per call, so this pages through them without snippets."""
    index = library.index
    first = index.search(query, limit=PAGE_LIMIT, sort=sort, with_snippets=False)
    ids = [hit.paper_id for hit in first.hits]
    wanted = first.total if cap is None else min(first.total, cap)
    while len(ids) < wanted:
        more = index.search(
            query, limit=PAGE_LIMIT, offset=len(ids), sort=sort, with_snippets=False
        )
        if not more.hits:
            break
        ids += [hit.paper_id for hit in more.hits]
    return ids[:wanted], first


def _filtered(library: Library, request: ListingRequest, missing: frozenset[int]) -> Listing:
    every, first = matching_ids(library, request.query, request.sort)
    ranks = {paper_id: rank for rank, paper_id in enumerate(every)}
    with library.reading() as session:
        members = view_members(session, request.scope.view, every, set(missing))
    ids: list[int | None] = [paper_id for paper_id in every if paper_id in members]
    return Listing(
        request,
        ids,
        highlight_terms=list(first.highlight_terms),
        warnings=list(first.warnings),
        ranks=ranks,
    )


def _hits_at_ranks(library: Library, listing: Listing, ids: list[int]) -> dict[int, HitInfo]:
    """Snippets for papers of a filtered listing: one short search per run of adjacent ranks."""
    ranks = sorted(listing.ranks[pid] for pid in ids if pid in listing.ranks)
    runs: list[list[int]] = []
    for rank in ranks:
        if runs and rank == runs[-1][-1] + 1:
            runs[-1].append(rank)
        else:
            runs.append([rank])
    wanted, found = set(ids), {}
    request = listing.request
    for run in runs:
        results = library.index.search(
            request.query,
            limit=len(run),
            offset=run[0],
            sort=request.sort,
            with_tag_counts=False,
        )
        found.update(
            {hit.paper_id: HitInfo.from_hit(hit) for hit in results.hits if hit.paper_id in wanted}
        )
    return found


def _rows_for_hits(library: Library, start: int, hits: list[Any]) -> RowBatch:
    ids = [hit.paper_id for hit in hits]
    papers = {paper.id: paper for paper in library.papers(ids)}
    rows: list[ResultRow | None] = [
        ResultRow(papers[hit.paper_id], HitInfo.from_hit(hit)) if hit.paper_id in papers else None
        for hit in hits
    ]
    return RowBatch(start, ids, rows)


def _related(library: Library, request: ListingRequest) -> Listing:
    source = request.scope.related_to
    assert source is not None
    related = library.index.related(source, limit=RELATED_LIMIT)
    ids: list[int | None] = [item.paper_id for item in related]
    listing = Listing(
        request,
        ids,
        shared_terms={item.paper_id: tuple(item.shared_terms) for item in related},
    )
    listing.related_title = next((p.title for p in library.papers([source])), "")
    _apply(listing, fetch_rows(library, listing, 0, CHUNK))
    return listing
