"""Random small libraries agree with a brute-force search over the same words.

The vocabulary is restricted to words that are their own stem, written with random case
and punctuation, so the reference only has to lowercase: a paper matches a word when any
of its fields holds it, and a phrase when two words are adjacent within one field value
(one page, the title, the abstract). Pages with hits must be exactly the pages that hold
the word or phrase.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from search.analysis import WORD_RE, shared_analyzer
from search.documents import PaperDoc
from search.index import SearchIndex
from tests.search.conftest import paper

CANDIDATES = ["kernel", "bandit", "regret", "graph", "spectral", "matrix", "sparse", "robust"]
VOCABULARY = [w for w in CANDIDATES if shared_analyzer().stem(w) == w]
SEPARATORS = [" ", ", ", ". ", "\n", " (", ") ", "; "]


@dataclass(frozen=True)
class Fields:
    title: list[str]
    abstract: list[str]
    pages: list[list[str]]


def written(words: list[str], styles: list[tuple[int, str]]) -> str:
    out = []
    for word, (case, separator) in zip(words, styles, strict=False):
        shown = word.upper() if case == 1 else word.capitalize() if case == 2 else word
        out.append(shown + separator)
    return "".join(out)


word_lists = st.lists(st.sampled_from(VOCABULARY), max_size=25)
styles = st.lists(st.tuples(st.integers(0, 2), st.sampled_from(SEPARATORS)), min_size=25)
libraries = st.lists(
    st.tuples(
        st.lists(st.sampled_from(VOCABULARY), max_size=4),
        st.lists(st.sampled_from(VOCABULARY), max_size=8),
        st.lists(word_lists, max_size=4),
        styles,
    ),
    min_size=1,
    max_size=6,
)


def build(
    raw: list[tuple[list[str], list[str], list[list[str]], list[tuple[int, str]]]],
) -> tuple[list[PaperDoc], dict[int, Fields]]:
    docs, truth = [], {}
    for number, (title, abstract, pages, style) in enumerate(raw, start=1):
        truth[number] = Fields(title, abstract, pages)
        docs.append(
            paper(
                number,
                title=written(title, style),
                abstract=written(abstract, style[3:]),
                pages=[written(page, style[1:]) for page in pages],
            )
        )
    return docs, truth


def has_phrase(words: list[str], first: str, second: str) -> bool:
    return any(a == first and b == second for a, b in itertools.pairwise(words))


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchIndex]:
    opened = SearchIndex.open(tmp_path_factory.mktemp("reference") / "index")
    yield opened
    opened.close()


def load(index: SearchIndex, docs: list[PaperDoc]) -> None:
    index.clear()
    index.upsert(docs)
    index.commit()


def check(index: SearchIndex, query: str, expected: dict[int, list[int]]) -> None:
    results = index.search(query, limit=100)
    got = {hit.paper_id: hit.pages for hit in results.hits}
    assert got == expected, query
    assert results.total == len(expected)
    assert all(hit.hit_count == len(hit.pages) for hit in results.hits)


def test_the_vocabulary_is_made_of_stems() -> None:
    assert len(VOCABULARY) >= 6


@settings(max_examples=20, deadline=None)
@given(libraries)
def test_words_match_like_the_reference(scratch: SearchIndex, raw: list) -> None:
    docs, truth = build(raw)
    load(scratch, docs)
    for word in VOCABULARY:
        expected = {
            number: [n for n, page in enumerate(f.pages) if word in page]
            for number, f in truth.items()
            if word in f.title or word in f.abstract or any(word in p for p in f.pages)
        }
        check(scratch, word, expected)
        check(scratch, word.upper() + "!", expected)


@settings(max_examples=20, deadline=None)
@given(libraries, st.sampled_from(VOCABULARY), st.sampled_from(VOCABULARY))
def test_phrases_match_like_the_reference(
    scratch: SearchIndex, raw: list, first: str, second: str
) -> None:
    docs, truth = build(raw)
    load(scratch, docs)
    expected = {
        number: [n for n, page in enumerate(f.pages) if has_phrase(page, first, second)]
        for number, f in truth.items()
        if has_phrase(f.title, first, second)
        or has_phrase(f.abstract, first, second)
        or any(has_phrase(page, first, second) for page in f.pages)
    }
    check(scratch, f'"{first} {second}"', expected)
    check(scratch, f"{first}-{second}", expected)
    for hit in scratch.search(f'"{first} {second}"', limit=100).hits:
        for start, end in hit.highlights:
            # Overlapping occurrences ("kernel kernel kernel") merge into one range.
            words = WORD_RE.findall(hit.snippet[start:end].lower())
            assert words[:2] == words[-2:] == [first, second]
            assert set(words) <= {first, second}


@settings(max_examples=15, deadline=None)
@given(libraries, st.sampled_from(VOCABULARY), st.sampled_from(VOCABULARY))
def test_boolean_combinations_match_like_the_reference(
    scratch: SearchIndex, raw: list, first: str, second: str
) -> None:
    docs, truth = build(raw)
    load(scratch, docs)

    def holding(word: str) -> set[int]:
        return {
            n
            for n, f in truth.items()
            if word in f.title or word in f.abstract or any(word in p for p in f.pages)
        }

    everything = set(truth)
    a, b = holding(first), holding(second)
    cases = {
        f"{first} {second}": a & b,
        f"{first} OR {second}": a | b,
        f"{first} -{second}": a - b,
        f"-{first}": everything - a,
        f"NOT ({first} OR {second})": everything - (a | b),
    }
    for query, expected in cases.items():
        assert {hit.paper_id for hit in scratch.search(query, limit=100).hits} == expected, query


TAG_PATHS = ["a", "a/b", "a/b/c", "a/d", "e", "e/f"]
tagged_libraries = st.lists(
    st.tuples(
        st.lists(st.sampled_from(VOCABULARY), max_size=6), st.sets(st.sampled_from(TAG_PATHS))
    ),
    min_size=1,
    max_size=10,
)


@settings(max_examples=15, deadline=None)
@given(tagged_libraries, st.sampled_from([None, "a", "a/b", "e"]))
def test_tag_counts_match_the_reference(
    scratch: SearchIndex, raw: list[tuple[list[str], set[str]]], scope: str | None
) -> None:
    docs = [
        paper(n, title=" ".join(words), tags=sorted(tags))
        for n, (words, tags) in enumerate(raw, start=1)
    ]
    load(scratch, docs)

    def ancestors(tags: set[str]) -> set[str]:
        return {"/".join(t.split("/")[:i]) for t in tags for i in range(1, t.count("/") + 2)}

    for query in ["", *VOCABULARY, f"-{VOCABULARY[0]}"]:
        expected: dict[str, int] = {}
        for words, tags in raw:
            paths = ancestors(tags)
            if scope is not None and scope not in paths:
                continue
            negated, word = query.startswith("-"), query.lstrip("-")
            if not query or (word in words) != negated:
                for path in paths:
                    expected[path] = expected.get(path, 0) + 1
        assert scratch.search(query, scope_tag=scope).tag_counts == expected, (query, scope)
