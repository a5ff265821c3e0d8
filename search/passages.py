"""Pages with hits and the passages shown for them, read from the page documents.

For the papers of one result page, a single query on page documents (the query's body
clauses AND the papers' ids) finds every matching page; the best-scoring page of each
paper gives its passage. Papers matched only by metadata take their passage from the
abstract, or from the first page when there is no abstract.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import tantivy

from search.analysis import Analyzer
from search.compile import CompiledQuery, ids_query
from search.matching import Clause, Match, Memo, find_matches
from search.schema import ABSTRACT, KIND, PAGE, PAGE_KIND, PAGE_TEXT, PAPER_ID
from search.snippets import make_snippet

# Matching pages of one result page are read in one pass up to ONE_PASS_LIMIT (a second,
# larger pass when the first cap is passed), beyond that paper by paper.
PAGE_HIT_CAP = 4000
ONE_PASS_LIMIT = 40_000
MAX_PAGES_PER_PAPER = 20_000
OBSERVED_FORMS = 4
MUST = tantivy.Occur.Must


@dataclass(slots=True)
class Located:
    """The matching pages of one paper (ascending, 0-based) and the best of them."""

    best_page: int
    best_score: float
    best_address: Any
    pages: list[int] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Passage:
    text: str
    highlights: list[tuple[int, int]]
    page: int | None


def locate_pages(
    searcher: Any, schema: Any, page_query: Any | None, paper_ids: list[int]
) -> dict[int, Located]:
    """paper id → its matching pages, for the papers in `paper_ids`."""
    if page_query is None or not paper_ids:
        return {}
    query = tantivy.Query.boolean_query([(MUST, ids_query(schema, paper_ids)), (MUST, page_query)])
    found = searcher.search(query, limit=PAGE_HIT_CAP, count=True)
    if found.count <= PAGE_HIT_CAP:
        return _group(searcher, found.hits)
    if found.count <= ONE_PASS_LIMIT:
        return _group(searcher, searcher.search(query, limit=found.count, count=False).hits)
    located: dict[int, Located] = {}
    for paper_id in paper_ids:
        one = tantivy.Query.term_query(schema, PAPER_ID, paper_id)
        query = tantivy.Query.boolean_query([(MUST, one), (MUST, page_query)])
        located.update(_group(searcher, searcher.search(query, MAX_PAGES_PER_PAPER).hits))
    return located


def page_texts(
    searcher: Any, schema: Any, paper_id: int, page: int | None = None, within: Any = None
) -> list[tuple[int, str]]:
    """(page number, text) of a paper's pages — all, one, or those matching `within`."""
    clauses = [
        (MUST, tantivy.Query.term_query(schema, PAPER_ID, paper_id)),
        (MUST, tantivy.Query.term_query(schema, KIND, PAGE_KIND)),
    ]
    if page is not None:
        clauses.append((MUST, tantivy.Query.term_query(schema, PAGE, page)))
    if within is not None:
        clauses.append((MUST, within))
    hits = searcher.search(tantivy.Query.boolean_query(clauses), MAX_PAGES_PER_PAPER).hits
    addresses = [address for _, address in hits]
    if not addresses:
        return []
    numbers = searcher.fast_field_values(PAGE, addresses)
    texts = [
        (int(n), str(searcher.doc(a).get_first(PAGE_TEXT) or ""))
        for n, a in zip(numbers, addresses, strict=True)
    ]
    return sorted(texts)


class PassageMaker:
    """Cuts the passages of one search, remembering the written forms that matched."""

    def __init__(
        self, searcher: Any, schema: Any, analyzer: Analyzer, compiled: CompiledQuery
    ) -> None:
        self.searcher = searcher
        self.schema = schema
        self.analyzer = analyzer
        self.compiled = compiled
        # clause index in `compiled.clauses` → forms seen, for `highlight_terms`
        self.observed: dict[int, list[str]] = {}
        self._memos: dict[int, Memo] = {}

    def passage(self, paper_id: int, paper_address: Any, located: Located | None) -> Passage:
        """The passage of one hit: best page, else abstract, else first page."""
        if located is not None:
            text = str(self.searcher.doc(located.best_address).get_first(PAGE_TEXT) or "")
            page: int | None = located.best_page
            clauses = self.compiled.body_clauses
        else:
            text = str(self.searcher.doc(paper_address).get_first(ABSTRACT) or "")
            page, clauses = None, self.compiled.abstract_clauses
            if not text:
                first = page_texts(self.searcher, self.schema, paper_id, 0)
                if first:
                    text, page, clauses = first[0][1], 0, self.compiled.body_clauses
        matches = self.matches(text, clauses)
        snippet = make_snippet(text, matches)
        return Passage(snippet.text, snippet.highlights, page)

    def matches(self, text: str, clauses: list[Clause]) -> list[Match]:
        """Occurrences of `clauses` in `text`, recording their written forms."""
        memo = self._memos.setdefault(id(clauses), {})
        found = find_matches(text, clauses, self.analyzer, memo)
        _observe(text, found, clauses, self.compiled.clauses, self.observed)
        return found


def _group(searcher: Any, hits: list[Any]) -> dict[int, Located]:
    if not hits:
        return {}
    addresses = [address for _, address in hits]
    owners = searcher.fast_field_values(PAPER_ID, addresses)
    numbers = searcher.fast_field_values(PAGE, addresses)
    located: dict[int, Located] = {}
    for (score, address), owner, number in zip(hits, owners, numbers, strict=True):
        entry = located.get(int(owner))
        if entry is None:
            located[int(owner)] = Located(int(number), float(score), address, [int(number)])
            continue
        entry.pages.append(int(number))
        if float(score) > entry.best_score:
            entry.best_page, entry.best_score, entry.best_address = (
                int(number),
                float(score),
                address,
            )
    for entry in located.values():
        entry.pages.sort()
    return located


def _observe(
    text: str,
    matches: Sequence[Match],
    scanned: Sequence[Clause],
    clauses: Sequence[Clause],
    observed: dict[int, list[str]],
) -> None:
    position = {id(clause): index for index, clause in enumerate(clauses)}
    for match in matches:
        index = position.get(id(scanned[match.clause]))
        if index is None:
            continue
        form = " ".join(text[match.start : match.end].split())
        forms = observed.setdefault(index, [])
        if form not in forms and len(forms) < OBSERVED_FORMS:
            forms.append(form)
