"""Each element of the query language, end to end on a small real index."""

from __future__ import annotations

import pytest

from search.index import SearchIndex
from tests.search.conftest import ids


def found(index: SearchIndex, query: str) -> set[int]:
    return set(ids(index.search(query, limit=100)))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("relu network", {1}),
        ("RELU Networks", {1}),
        ("network", {1, 2, 4}),
        ("kernel", {1, 3}),
        ('"neural tangent kernel"', {1}),
        ('"tangent neural kernel"', set()),
        ('"kernel bandit"', {3}),
        ('"tangent governs"', set()),
        ('"tangent governs"~1', {1}),
        ("mean-field", {1}),
        ("multi-armed", {3}),
        ("network OR bandit", {1, 2, 3, 4}),
        ("bandit | adversarial", {2, 3}),
        ("(bandit OR adversarial) bound", {2, 3}),
        ("bandit OR adversarial bound", {2, 3}),
        ("network -graph", {1, 2}),
        ("network NOT graph", {1, 2}),
        ("-graph", {1, 2, 3}),
        ('-"neural tangent kernel"', {2, 3, 4}),
        ("network -(graph OR robustness)", {1}),
        ("kernel AND bandit", {3}),
        ("title:kernel", {1}),
        ('title:"graph networks"', {4}),
        ("title:(regret OR survey)", {3, 4}),
        ("author:hopper", {2}),
        ("authors:turing", {1}),
        ("abstract:perturbations", {2}),
        ("note:reread", {1}),
        ("notes:reread", {1}),
        ("venue:colt", {3}),
        ("survey", {4}),
        ("body:survey", set()),
        ("text:exploitation", {3}),
        ("tag:theory", {1, 2, 3}),
        ("tag:theory/kernels", {1}),
        ("tag:THEORY/Kernels", {1}),
        ("tag:graphs", {4}),
        ("tag:graph", set()),
        ("-tag:theory", {4}),
        ("year:2019", {1}),
        ("year:2015..2019", {1, 3}),
        ("year:2019-2021", {1, 2, 4}),
        ("year:>=2020", {2, 4}),
        ("year:>2020", {2}),
        ("year:<2016", {3}),
        ("year:<=2015", {3}),
        ("year:2020..", {2, 4}),
        ("status:unread", {4}),
        ("status:to_read", {2}),
        ("status:to-read", {2}),
        ("status:reading", {3}),
        ("status:read", {1}),
        ("netw*", {1, 2, 4}),
        ("band*", {3}),
        ("title:rob*", {2}),
        ("perturb*", {2}),
        ("abstract:perturb*", {2}),
        ("body:perturb*", {2}),  # prefix and typo searches of body: include metadata words
        ("lovel*", {1}),
        ("author:lovel*", {1}),
        ("venue:neur*", {1}),
        ("hoper~", {2}),
        ("author:hoper~", {2}),
        ("title:hoper~", set()),
        ("kernal~", {1, 3}),
        ("bnadit~", {3}),
        ("kerrnnel~2", {1, 3}),
        ("kernel year:2015..2016 status:reading", {3}),
        ("kernel tag:bandits", {3}),
        ("", {1, 2, 3, 4}),
    ],
)
def test_query_finds_exactly(library: SearchIndex, query: str, expected: set[int]) -> None:
    assert found(library, query) == expected


def test_accents_and_ligature_forms_match(index: SearchIndex) -> None:
    from tests.search.conftest import paper

    index.upsert([paper(1, pages=["A naïve Schrödinger equation solver."])])
    index.commit()
    assert found(index, "naive schrodinger") == {1}
    assert found(index, "naïve") == {1}


def test_unknown_field_is_searched_as_words_with_a_warning(library: SearchIndex) -> None:
    results = library.search("tangent:kernel")
    assert set(ids(results)) == {1}
    assert any("unknown field" in warning for warning in results.warnings)


def test_nothing_searchable_lists_everything_with_warnings(library: SearchIndex) -> None:
    results = library.search('year:soon status:later "" ***')
    assert set(ids(results)) == {1, 2, 3, 4}
    assert len(results.warnings) >= 3


def test_prefix_expansion_is_capped_with_a_warning(index: SearchIndex) -> None:
    from search.compile import PREFIX_CAP
    from tests.search.conftest import paper

    words = " ".join(f"zeta{n:03d}" for n in range(PREFIX_CAP + 10))
    index.upsert([paper(1, pages=[words]), paper(2, pages=["zeta050 only"])])
    index.commit()
    results = index.search("zeta*")
    assert any("more than" in warning for warning in results.warnings)
    assert set(ids(results)) == {1, 2}


def test_phrases_do_not_span_pages(index: SearchIndex) -> None:
    from tests.search.conftest import paper

    index.upsert(
        [
            paper(1, pages=["the end of one page is spectral", "clustering starts the next"]),
            paper(2, pages=["spectral clustering on a single page"]),
        ]
    )
    index.commit()
    assert found(index, '"spectral clustering"') == {2}
    assert found(index, '"spectral clustering"~10') == {2}
    assert found(index, "spectral clustering") == {1, 2}


def test_phrase_across_a_paragraph_break_within_a_page(index: SearchIndex) -> None:
    from tests.search.conftest import paper

    index.upsert([paper(1, pages=["first paragraph ends with spectral\nclustering begins"])])
    index.commit()
    results = index.search('"spectral clustering"')
    assert ids(results) == [1]
    hit = results.hits[0]
    start, end = hit.highlights[0]
    assert hit.snippet[start:end] == "spectral clustering"
