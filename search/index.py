"""`SearchIndex`: the library's full-text index (one folder, one tantivy index).

Layout and ranking are described in `search.schema` and `search.compile`; in short, each
paper is one document (matching, ranking, counting, sorting, tag counts) plus one
document per page (pages with hits and snippet passages, cheap because a page is small;
see `search.passages`).

Lifecycle: `open` creates or opens the folder; a schema version file guards the layout
(`search.folder`), and on a mismatch (or an unreadable index) the folder is recreated
with `needs_rebuild` set, so the caller re-feeds every paper. The writer is taken on the
first change and released after `commit` (`search.writer`). Readers reload when the
folder's ``meta.json`` changed (one `stat` per search), so commits from other processes
are seen by the next search.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import Any

import tantivy

from search.analysis import Analyzer, shared_analyzer
from search.compile import CompiledQuery, compile_query, paper_docs_query
from search.documents import PaperDoc
from search.folder import Stamp, change_stamp, open_folder
from search.highlight import highlight_terms
from search.passages import PassageMaker, locate_pages, page_texts
from search.query import parse_query
from search.related import related_papers
from search.results import Hit, Related, SearchResults
from search.schema import (
    ABSTRACT,
    ADDED,
    PAPER_ID,
    REVISION,
    TAGS,
    TITLE,
    TITLE_SORT,
    YEAR,
    build_schema,
    page_documents,
    paper_document,
)
from search.tags import normalize_path
from search.writer import DEFAULT_WAIT_SECONDS, IndexBusyError, WriterSlot

__all__ = ["IndexBusyError", "SearchIndex"]

SORTS = ("relevance", "year", "added", "title")
MAX_LIMIT = 1000
TAG_BUCKETS = 100_000
_CACHE_SIZE = 64
MUST, MUST_NOT = tantivy.Occur.Must, tantivy.Occur.MustNot
# (reader generation, query text or None for "every paper", scope tag)
_FacetKey = tuple[int, str | None, str]

# sort name → (fast field, order); relevance is tantivy's own score order.
_SORT_FIELDS = {
    "year": (YEAR, tantivy.Order.Desc),
    "added": (ADDED, tantivy.Order.Desc),
    "title": (TITLE_SORT, tantivy.Order.Asc),
}


class SearchIndex:
    """The full-text index of one library. Thread-safe; one writer per folder."""

    def __init__(
        self,
        path: Path,
        index: Any,
        schema: Any,
        *,
        needs_rebuild: bool,
        wait_seconds: float,
        writer_heap_bytes: int,
        writer_threads: int,
    ) -> None:
        self.path = path
        self.needs_rebuild = needs_rebuild
        self._index = index
        self._schema = schema
        self._analyzer: Analyzer = shared_analyzer()
        self._writer = WriterSlot(
            index, heap_bytes=writer_heap_bytes, threads=writer_threads, wait_seconds=wait_seconds
        )
        self._lock = threading.RLock()
        self._searcher: Any | None = None
        self._seen: Stamp | None = None
        self._generation = 0
        self._facet_cache: OrderedDict[_FacetKey, dict[str, int]] = OrderedDict()
        self._papers: tuple[int, int] | None = None

    # opening ----------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        wait_seconds: float = DEFAULT_WAIT_SECONDS,
        writer_heap_bytes: int = 64_000_000,
        writer_threads: int = 2,
    ) -> SearchIndex:
        """Open the index in folder `path`, creating (or recreating) it when needed.

        `needs_rebuild` is True when the index was created, or wiped because its schema
        version differs or it could not be read: the caller must feed every paper again.
        `wait_seconds` bounds the wait for a writer held by another process.
        """
        path = Path(path)
        schema = build_schema()
        index, needs_rebuild = open_folder(path, schema)
        return cls(
            path,
            index,
            schema,
            needs_rebuild=needs_rebuild,
            wait_seconds=wait_seconds,
            writer_heap_bytes=writer_heap_bytes,
            writer_threads=writer_threads,
        )

    def close(self) -> None:
        """Release the writer; uncommitted changes are dropped."""
        with self._lock:
            self._writer.discard()
            self._searcher = None

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # writing ----------------------------------------------------------------------------

    def upsert(self, docs: Iterable[PaperDoc]) -> None:
        """Add or replace papers (visible to searches after `commit`)."""
        with self._lock:
            for doc in docs:
                writer = self._writer.get()
                writer.delete_documents_by_term(PAPER_ID, doc.paper_id)
                writer.add_document(paper_document(doc))
                for page in page_documents(doc):
                    writer.add_document(page)

    def delete(self, paper_ids: Iterable[int]) -> None:
        """Remove papers (visible after `commit`); unknown ids are ignored."""
        with self._lock:
            for paper_id in paper_ids:
                self._writer.get().delete_documents_by_term(PAPER_ID, int(paper_id))

    def clear(self) -> None:
        """Remove every paper (visible after `commit`)."""
        with self._lock:
            self._writer.get().delete_all_documents()

    def commit(self) -> None:
        """Make all changes durable and visible, then release the writer."""
        with self._lock:
            self._writer.commit()
            self._refresh(force=True)

    @property
    def writing(self) -> bool:
        """Whether this object holds the folder's writer (uncommitted changes pending)."""
        return self._writer.held

    # reading ----------------------------------------------------------------------------

    def stamps(self) -> dict[int, int]:
        """paper_id → revision of every paper in the index."""
        searcher = self._current()
        papers = paper_docs_query(self._schema)
        total = int(searcher.search(papers, limit=1, count=True).count)
        if total == 0:
            return {}
        addresses = [a for _, a in searcher.search(papers, limit=total, count=False).hits]
        ids = searcher.fast_field_values(PAPER_ID, addresses)
        revisions = searcher.fast_field_values(REVISION, addresses)
        return {int(i): int(r) for i, r in zip(ids, revisions, strict=True) if i is not None}

    def search(
        self,
        query: str,
        *,
        scope_tag: str | None = None,
        limit: int = 20,
        offset: int = 0,
        sort: str = "relevance",
        with_snippets: bool = True,
        with_tag_counts: bool = True,
    ) -> SearchResults:
        """Papers matching `query` (see QUERY_SYNTAX.md); never raises on query text.

        ``""`` lists every paper. `scope_tag` keeps only papers under that tag (its
        subtree). `sort` is ``relevance`` (falls back to ``added`` when the query has no
        words to rank by), ``year`` or ``added`` (newest first) or ``title`` (A–Z).

        ``with_snippets=False`` skips the page documents altogether (no snippet, pages
        or hit count in the hits): the fast way to collect ids, e.g. 1000 at a time.
        Counting tags visits every matching paper, which dominates the time of broad
        queries on large libraries; with ``with_tag_counts=False`` `tag_counts` is left
        empty so a result list can be shown first and `tag_counts` asked separately.
        """
        searcher, compiled, paper_query, scope = self._prepare(query, scope_tag)
        warnings = compiled.warnings
        if sort not in SORTS:
            warnings.append(f"unknown sort {sort!r}; sorted by relevance")
            sort = "relevance"
        limit = max(0, min(int(limit), MAX_LIMIT))
        offset = max(0, int(offset))
        if sort == "relevance" and not compiled.scored:
            sort = "added"
        ordering: dict[str, Any] = {}
        if sort != "relevance":
            field, order = _SORT_FIELDS[sort]
            ordering = {"order_by_field": field, "order": order}
        found = searcher.search(
            paper_query, limit=max(1, limit), offset=offset, count=True, **ordering
        )
        total = int(found.count)
        tag_counts: dict[str, int] = {}
        if with_tag_counts:
            tag_counts = self._facets(searcher, paper_query, query, scope, total)
        ranked = found.hits[:limit]
        addresses = [address for _, address in ranked]
        ids = self._ids(searcher, addresses)
        scores = [float(key) if sort == "relevance" else 0.0 for key, _ in ranked]
        page_query = compiled.page_query if with_snippets else None
        pages = locate_pages(searcher, self._schema, page_query, ids)
        passages = PassageMaker(searcher, self._schema, self._analyzer, compiled)
        hits = []
        for paper_id, score, address in zip(ids, scores, addresses, strict=True):
            located = pages.get(paper_id)
            numbers = located.pages if located else []
            if with_snippets:
                passage = passages.passage(paper_id, address, located)
                snippet, highlights, page = passage.text, passage.highlights, passage.page
            else:
                snippet, highlights, page = "", [], None
            hits.append(Hit(paper_id, score, snippet, highlights, page, numbers, len(numbers)))
        return SearchResults(
            query=query,
            total=total,
            hits=hits,
            tag_counts=tag_counts,
            warnings=warnings,
            highlight_terms=highlight_terms(compiled.clauses, passages.observed),
        )

    def tag_counts(self, query: str, *, scope_tag: str | None = None) -> dict[str, int]:
        """`SearchResults.tag_counts` alone: per tag path (ancestors included), how many
        papers matching `query` (within `scope_tag`) carry it. Cached until the next
        commit, so a search that computed them makes this call free."""
        searcher, _compiled, paper_query, scope = self._prepare(query, scope_tag)
        total = int(searcher.search(paper_query, limit=1, count=True).count)
        return self._facets(searcher, paper_query, query, scope, total)

    def page_hits(self, paper_id: int, query: str) -> list[tuple[int, int]]:
        """``(page, occurrences)`` for every page of `paper_id` where `query`'s text
        clauses occur, ascending by page (0-based) — for the preview's next/previous."""
        counts, _ = self._scan_paper(paper_id, query)
        return counts

    def paper_highlight_terms(self, paper_id: int, query: str) -> list[str]:
        """Like `SearchResults.highlight_terms`, but with the forms found in this paper."""
        _, terms = self._scan_paper(paper_id, query)
        return terms

    def related(self, paper_id: int, limit: int = 10) -> list[Related]:
        """Papers whose text is most like `paper_id`'s, best first (empty if unknown)."""
        searcher = self._current()
        address = self._paper_address(searcher, paper_id)
        if address is None:
            return []
        paper = searcher.doc(address)
        parts = [str(paper.get_first(TITLE) or ""), str(paper.get_first(ABSTRACT) or "")]
        parts += [text for _, text in page_texts(searcher, self._schema, paper_id)]
        return related_papers(
            searcher,
            self._schema,
            self._analyzer,
            paper_id,
            "\n".join(parts),
            max(0, min(int(limit), MAX_LIMIT)),
            lambda addresses: self._ids(searcher, addresses),
        )

    # internals --------------------------------------------------------------------------

    def _current(self) -> Any:
        with self._lock:
            self._refresh(force=False)
            assert self._searcher is not None
            return self._searcher

    def _refresh(self, *, force: bool) -> None:
        seen = change_stamp(self.path)
        if force or self._searcher is None or seen != self._seen:
            self._index.reload()
            self._searcher = self._index.searcher()
            self._seen = seen
            self._generation += 1
            self._facet_cache.clear()

    def _ids(self, searcher: Any, addresses: list[Any]) -> list[int]:
        if not addresses:
            return []
        return [int(v) for v in searcher.fast_field_values(PAPER_ID, addresses)]

    def _prepare(self, query: str, scope_tag: str | None) -> tuple[Any, CompiledQuery, Any, str]:
        searcher = self._current()
        compiled = compile_query(parse_query(query), self._schema, searcher, self._analyzer)
        paper_query = compiled.paper_query
        scope = normalize_path(scope_tag) if scope_tag else ""
        if scope:
            in_scope = tantivy.Query.const_score_query(self._in(scope), 0.0)
            paper_query = tantivy.Query.boolean_query([(MUST, paper_query), (MUST, in_scope)])
        return searcher, compiled, paper_query, scope

    def _facets(
        self, searcher: Any, query: Any, text: str, scope: str, total: int
    ) -> dict[str, int]:
        # Counting visits every matching paper, so a result set larger than half of the
        # papers in scope is counted through its complement: (all) − (not matching).
        key = (self._generation, text, scope)
        cached = self._cached(key)
        if cached is not None:
            return cached
        universe = paper_docs_query(self._schema)
        if scope:
            universe = tantivy.Query.boolean_query([(MUST, universe), (MUST, self._in(scope))])
        everything = self._cached((self._generation, None, scope))
        if everything is None:
            everything = self._remember(
                (self._generation, None, scope), _count_tags(searcher, universe)
            )
        papers = everything.get(scope, 0) if scope else self._paper_count(searcher)
        if total >= papers:
            counts = everything
        elif total * 2 <= papers:
            counts = _count_tags(searcher, query)
        else:
            rest = tantivy.Query.boolean_query([(MUST, universe), (MUST_NOT, query)])
            missing = _count_tags(searcher, rest)
            counts = {tag: n - missing.get(tag, 0) for tag, n in everything.items()}
            counts = {tag: n for tag, n in counts.items() if n > 0}
        return self._remember(key, counts)

    def _paper_count(self, searcher: Any) -> int:
        with self._lock:
            if self._papers is not None and self._papers[0] == self._generation:
                return self._papers[1]
        count = int(searcher.search(paper_docs_query(self._schema), limit=1, count=True).count)
        with self._lock:
            self._papers = (self._generation, count)
        return count

    def _in(self, scope: str) -> Any:
        return tantivy.Query.term_query(self._schema, TAGS, scope)

    def _cached(self, key: _FacetKey) -> dict[str, int] | None:
        with self._lock:
            counts = self._facet_cache.get(key)
            if counts is None:
                return None
            self._facet_cache.move_to_end(key)
            return dict(counts)

    def _remember(self, key: _FacetKey, counts: dict[str, int]) -> dict[str, int]:
        with self._lock:
            if key[0] == self._generation:
                self._facet_cache[key] = counts
                while len(self._facet_cache) > _CACHE_SIZE:
                    self._facet_cache.popitem(last=False)
        return dict(counts)

    def _paper_address(self, searcher: Any, paper_id: int) -> Any | None:
        query = tantivy.Query.boolean_query(
            [
                (MUST, paper_docs_query(self._schema)),
                (MUST, tantivy.Query.term_query(self._schema, PAPER_ID, paper_id)),
            ]
        )
        hits = searcher.search(query, limit=1, count=False).hits
        return hits[0][1] if hits else None

    def _scan_paper(self, paper_id: int, query: str) -> tuple[list[tuple[int, int]], list[str]]:
        searcher = self._current()
        compiled = compile_query(parse_query(query), self._schema, searcher, self._analyzer)
        passages = PassageMaker(searcher, self._schema, self._analyzer, compiled)
        counts = []
        if compiled.page_query is not None:
            for number, text in page_texts(
                searcher, self._schema, paper_id, within=compiled.page_query
            ):
                found = passages.matches(text, compiled.body_clauses)
                if found:
                    counts.append((number, len(found)))
        return counts, highlight_terms(compiled.clauses, passages.observed)


def _count_tags(searcher: Any, query: Any) -> dict[str, int]:
    aggregation = {"tags": {"terms": {"field": TAGS, "size": TAG_BUCKETS}}}
    buckets = searcher.aggregate(query, aggregation)["tags"]["buckets"]
    return {str(bucket["key"]): int(bucket["doc_count"]) for bucket in buckets}
