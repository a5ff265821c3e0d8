"""What a search returns: tags, scope, sorting, snippets, pages, highlights, related."""

from __future__ import annotations

from search.index import SearchIndex
from tests.search.conftest import LIBRARY, ids, paper


def test_tag_counts_include_ancestors_and_cover_all_results(library: SearchIndex) -> None:
    results = library.search("", limit=1)
    assert len(results.hits) == 1
    assert results.tag_counts == {
        "theory": 3,
        "theory/kernels": 1,
        "theory/certificates": 1,
        "robustness": 1,
        "bandits": 1,
        "graphs": 1,
        "graphs/surveys": 1,
    }
    assert library.search("kernel").tag_counts == {"theory": 2, "theory/kernels": 1, "bandits": 1}


def test_tag_counts_can_be_asked_separately(library: SearchIndex) -> None:
    listing = library.search("network", with_tag_counts=False)
    assert listing.tag_counts == {}
    assert listing.total == 3
    full = library.search("network")
    assert full.tag_counts == library.tag_counts("network")
    assert library.tag_counts("network", scope_tag="theory") == {
        "theory": 2,
        "theory/kernels": 1,
        "theory/certificates": 1,
        "robustness": 1,
    }


def test_scope_keeps_the_subtree_only(library: SearchIndex) -> None:
    scoped = library.search("network", scope_tag="theory")
    assert set(ids(scoped)) == {1, 2}
    assert scoped.total == 2
    assert scoped.tag_counts["theory"] == 2
    assert "graphs" not in scoped.tag_counts
    assert ids(library.search("", scope_tag=" theory/ kernels/ ")) == [1]
    assert library.search("", scope_tag="theory/nothing").total == 0


def test_sorts(library: SearchIndex) -> None:
    assert ids(library.search("", sort="year")) == [2, 4, 1, 3]
    assert ids(library.search("", sort="added")) == [4, 3, 2, 1]
    assert ids(library.search("", sort="title")) == [4, 2, 1, 3]
    assert ids(library.search("", sort="relevance")) == [4, 3, 2, 1]
    assert ids(library.search("network", sort="year")) == [2, 4, 1]
    assert all(hit.score == 0.0 for hit in library.search("network", sort="year").hits)


def test_unknown_sort_falls_back_to_relevance_with_a_warning(library: SearchIndex) -> None:
    results = library.search("kernel", sort="colour")
    assert set(ids(results)) == {1, 3}
    assert any("sort" in warning for warning in results.warnings)


def test_pagination(library: SearchIndex) -> None:
    everything = ids(library.search("", sort="added", limit=10))
    pages = [ids(library.search("", sort="added", limit=2, offset=o)) for o in (0, 2, 4)]
    assert pages == [everything[:2], everything[2:4], []]
    assert library.search("", limit=0).hits == []
    assert library.search("", limit=0).total == 4


def test_title_matches_outrank_body_matches(index: SearchIndex) -> None:
    body = "a page about many things, spectral methods among them"
    index.upsert(
        [
            paper(1, title="Notes", pages=[body, body]),
            paper(2, title="Spectral Methods", pages=["unrelated page text"]),
        ]
    )
    index.commit()
    assert ids(index.search("spectral")) == [2, 1]


def test_word_hits_know_their_pages_and_passage(library: SearchIndex) -> None:
    hit = library.search("relu network").hits[0]
    assert hit.paper_id == 1
    assert hit.pages == [0]
    assert hit.hit_count == 1
    assert hit.snippet_page == 0
    marked = [hit.snippet[s:e] for s, e in hit.highlights]
    assert marked == ["ReLU", "networks"]


def test_phrase_hits_know_their_pages_and_passage(library: SearchIndex) -> None:
    hit = library.search('"neural tangent kernel"').hits[0]
    assert hit.pages == [1, 2]
    assert hit.hit_count == 2
    assert hit.snippet_page in (1, 2)
    marked = {hit.snippet[s:e].lower() for s, e in hit.highlights}
    assert marked == {"neural tangent kernel"}


def test_metadata_only_matches_take_the_passage_from_the_abstract(library: SearchIndex) -> None:
    hit = library.search("graph").hits[0]
    assert hit.paper_id == 4
    assert hit.pages == [] and hit.hit_count == 0 and hit.snippet_page is None
    assert hit.snippet.startswith("Graph neural networks")
    assert [hit.snippet[s:e] for s, e in hit.highlights] == ["Graph", "graphs"]


def test_without_abstract_the_passage_is_the_first_page(library: SearchIndex) -> None:
    hit = library.search("author:noether").hits[0]
    assert hit.paper_id == 3
    assert hit.snippet_page == 0
    assert hit.snippet.startswith("Multi-armed bandits")


def test_without_snippets_only_ids_and_scores_are_filled(library: SearchIndex) -> None:
    plain = library.search("kernel", with_snippets=False)
    full = library.search("kernel")
    assert ids(plain) == ids(full) and plain.total == full.total
    assert [hit.score for hit in plain.hits] == [hit.score for hit in full.hits]
    for hit in plain.hits:
        assert (hit.snippet, hit.highlights, hit.snippet_page) == ("", [], None)
        assert (hit.pages, hit.hit_count) == ([], 0)


def test_pages_of_many_results_are_all_found(index: SearchIndex) -> None:
    from search.passages import PAGE_HIT_CAP

    pages = ["common word here"] * 30
    count = PAGE_HIT_CAP // len(pages) + 5
    index.upsert([paper(n, pages=pages) for n in range(1, count + 1)])
    index.commit()
    results = index.search("common", limit=count)
    assert results.total == count
    assert all(hit.pages == list(range(30)) for hit in results.hits)


def test_page_hits_count_occurrences_per_page(library: SearchIndex) -> None:
    assert library.page_hits(1, "kernel") == [(0, 1), (1, 1), (2, 1)]
    assert library.page_hits(1, '"neural tangent kernel"') == [(1, 1), (2, 1)]
    assert library.page_hits(3, "kernel") == [(2, 2)]
    assert library.page_hits(4, "graph") == []
    assert library.page_hits(1, "author:turing") == []


def test_highlight_terms_are_written_forms_of_the_positive_words(library: SearchIndex) -> None:
    terms = library.search("relu network").highlight_terms
    assert terms[:2] == ["relu", "network"]
    assert "networks" in terms
    text = " ".join(LIBRARY[0].pages).lower()
    assert all(term.lower() in text for term in terms)


def test_highlight_terms_leave_out_exclusions_and_filters(library: SearchIndex) -> None:
    terms = library.search("kernel -bandit tag:theory year:2019 status:read").highlight_terms
    assert [t.lower() for t in terms] == ["kernel"]
    phrase = library.search('"neural tangent kernel" mean-field').highlight_terms
    assert phrase[:2] == ["neural tangent kernel", "mean-field"]
    assert "Neural tangent kernel" in phrase or "neural tangent kernel" in phrase


def test_highlight_terms_for_prefix_and_typo(library: SearchIndex) -> None:
    assert library.search("netw*").highlight_terms[0] == "netw"
    typo = library.search("kernal~").highlight_terms
    assert "kernal" not in typo
    assert "kernel" in [t.lower() for t in typo]


def test_paper_highlight_terms_use_that_papers_words(library: SearchIndex) -> None:
    terms = library.paper_highlight_terms(2, "network")
    assert "networks" in terms


def test_related_papers_share_words(index: SearchIndex) -> None:
    kernel_text = "kernel regression with gaussian kernel matrices and kernel ridge estimators"
    index.upsert(
        [
            paper(1, title="Kernel ridge regression", pages=[kernel_text] * 3),
            paper(2, title="Gaussian kernels", pages=[kernel_text + " and gaussian processes"]),
            paper(3, title="Bandits", pages=["regret of bandit algorithms and exploration"] * 3),
            paper(4, title="More bandits", pages=["bandit exploration regret bounds"] * 2),
        ]
    )
    index.commit()
    related = index.related(1)
    assert [r.paper_id for r in related] == [2]
    assert {"kernel", "gaussian"} <= set(related[0].shared_terms)
    assert "and" not in related[0].shared_terms and "with" not in related[0].shared_terms
    assert related[0].score > 0
    assert [r.paper_id for r in index.related(3)] == [4]
    assert index.related(999) == []
    assert index.related(1, limit=0) == []
