"""Word pairs agree with the index's analyzer, and phrases answered through them are exact."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from search.analysis import Analyzer
from search.index import SearchIndex
from search.pairs import PairMaker, token_pairs
from tests.search.conftest import paper

# Words of every kind the fast path must split exactly like tantivy: plain and accented
# letters, digits, a combining mark (a word character to tantivy, not to Python), a
# circled letter, a letter newer than some Unicode tables, and words too long to index.
PIECES = [
    "neural", "Networks", "naïve", "x2", "ﬁ", "e\u0301t\u0301e", "Ⓐbc", "\u0c95\u0cbf",
    "a" * 39, "b" * 40, "é" * 20, "_", "-", " ", ". ", "\n", "∑", "’s", "(1)",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30))
def test_pairs_are_the_adjacent_stems_the_analyzer_sees(pieces: list[str]) -> None:
    analyzer = Analyzer()
    text = "".join(pieces)
    expected = " ".join(token_pairs(analyzer.tokens(text)))
    assert PairMaker(analyzer).pairs(text) == expected


def test_pairs_of_plain_text() -> None:
    assert PairMaker(Analyzer()).pairs("ReLU networks, of infinite width") == (
        "relu_network network_of of_infinit infinit_width"
    )


def test_a_word_too_long_to_index_breaks_the_pair() -> None:
    assert PairMaker(Analyzer()).pairs(f"kernel {'x' * 45} machine") == ""


def _ids(index: SearchIndex, query: str) -> set[int]:
    return {hit.paper_id for hit in index.search(query, limit=100).hits}


def test_phrases_of_every_length_find_exactly_the_papers_holding_them(
    index: SearchIndex,
) -> None:
    index.upsert(
        [
            paper(1, pages=["the neural tangent kernel of wide networks"]),
            paper(2, pages=["a tangent kernel, neural in spirit"]),
            paper(3, pages=["neural tangent", "kernel on the next page"]),
            paper(4, pages=[f"neural {'q' * 45} tangent kernel"]),
            paper(5, title="Neural Tangent Kernels", pages=["unrelated text"]),
        ]
    )
    index.commit()
    assert _ids(index, '"neural tangent"') == {1, 3, 5}
    assert _ids(index, '"tangent kernel"') == {1, 2, 4, 5}
    assert _ids(index, '"neural tangent kernel"') == {1, 5}
    assert _ids(index, "body:\"neural tangent kernel\"") == {1}
    assert _ids(index, '"neural tangent"~2') == {1, 3, 4, 5}


def test_a_phrase_scores_more_where_it_occurs_more(index: SearchIndex) -> None:
    index.upsert(
        [
            paper(1, pages=["gradient descent " + "filler words here " * 20]),
            paper(2, pages=["gradient descent and gradient descent " + "filler words " * 20]),
        ]
    )
    index.commit()
    assert [hit.paper_id for hit in index.search('"gradient descent"').hits] == [2, 1]
