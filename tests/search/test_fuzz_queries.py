"""Query fuzzing against a stocked index (the `library` fixture): any string gives results
or warnings, never an error."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search.index import SearchIndex

NASTY = [
    "", " ", '"', '""', '"unbalanced', "((((", "))", "a OR", "OR OR OR", "NOT", "-", "--x",
    "title:", ":", "::::", "tag:", "tag:/", "year:", "year:..", "year:99999999999999999999",
    "year:2019..1900", "status:bogus", "*", "a*", "**", "~", "a~9", '"a b"~', '"a b"~999',
    "foo:bar", "title:(a OR", "\x00\x1b[31m", "\u202eevil", "日本語 の 検索", "مرحبا",
    "a" * 10_000, "(" * 5_000, '"' * 3_001, "x:" * 2_000, "a OR " * 2_000,
    "\ud800".encode("utf-8", "surrogatepass").decode("utf-8", "replace"),
]
QUERY_ALPHABET = st.characters(codec="utf-8") | st.sampled_from(
    [*'"():*~-/ ', "OR", "AND", "NOT", "title:", "tag:", "year:", "status:", ".."]
)


@pytest.mark.parametrize("query", NASTY)
def test_hostile_queries(library: SearchIndex, query: str) -> None:
    results = library.search(query, limit=5)
    assert results.total >= 0
    assert all(isinstance(w, str) for w in results.warnings)


@settings(max_examples=3000, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(QUERY_ALPHABET, max_size=60).map("".join))
def test_thousands_of_random_queries(library: SearchIndex, query: str) -> None:
    results = library.search(query, limit=5)
    assert results.total >= 0
