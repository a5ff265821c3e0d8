"""Where clauses occur in a page: the fast scan agrees with the analyzer's own tokens."""

from __future__ import annotations

import itertools
import string

from hypothesis import given, settings
from hypothesis import strategies as st

from search.analysis import Analyzer, shared_analyzer
from search.matching import (
    FuzzyClause,
    Match,
    PhraseClause,
    PrefixClause,
    TermClause,
    find_matches,
    needles,
    within_distance,
)
from search.snippets import ELLIPSIS, SNIPPET_CHARS, make_snippet

ANALYZER: Analyzer = shared_analyzer()
VOCABULARY = [
    "network", "networks", "Networking", "kernel", "kernels", "ReLU", "study", "studies",
    "studied", "dying", "die", "happy", "happiness", "optimization", "optimal", "naïve",
    "Schrödinger", "Ölfeld", "x", "a", "mean", "field", "generalization", "general",
    "spectral", "clustering", "bandit", "regret", "é", "données", "straße", "ﬁnance",
]  # fmt: skip
SEPARATORS = [" ", "  ", ", ", ". ", "-", "_", "\n", " (", ") ", "/", "'", " — "]


def reference(text: str, stem: str) -> list[tuple[int, int]]:
    return [(t.start, t.end) for t in ANALYZER.tokens(text) if t.stem == stem]


def spans(found: list[Match], clause: int = 0) -> list[tuple[int, int]]:
    return [(m.start, m.end) for m in found if m.clause == clause]


texts = st.lists(
    st.tuples(st.sampled_from(VOCABULARY), st.sampled_from(SEPARATORS)), min_size=1, max_size=40
).map(lambda parts: "".join(word + sep for word, sep in parts))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=string.ascii_lowercase + "yyeeiioo", min_size=1, max_size=14))
def test_every_word_starts_with_a_needle_of_its_stem(word: str) -> None:
    stem = ANALYZER.stem(word)
    assert not stem or any(word.startswith(needle) for needle in needles(stem))


def test_needles_cover_the_irregular_stems() -> None:
    for word in ("dying", "lying", "tying", "skies", "happily", "ugly", "early", "only"):
        assert any(word.startswith(n) for n in needles(ANALYZER.stem(word))), word


@settings(max_examples=100, deadline=None)
@given(texts, st.sampled_from(VOCABULARY))
def test_word_matches_agree_with_the_analyzer(text: str, word: str) -> None:
    stem = ANALYZER.stem(word)
    found = find_matches(text, [TermClause(stem, word)], ANALYZER)
    assert spans(found) == reference(text, stem)


@settings(max_examples=100, deadline=None)
@given(texts, st.sampled_from(VOCABULARY), st.sampled_from(VOCABULARY))
def test_phrase_matches_agree_with_the_analyzer(text: str, first: str, second: str) -> None:
    one, two = ANALYZER.stem(first), ANALYZER.stem(second)
    tokens = ANALYZER.tokens(text)
    expected = [
        (a.start, b.end)
        for a, b in itertools.pairwise(tokens)
        if a.stem == one and b.stem == two and b.position == a.position + 1
    ]
    clause = PhraseClause((one, two), (0, 1), 0, f"{first} {second}")
    assert spans(find_matches(text, [clause], ANALYZER)) == expected


@settings(max_examples=100, deadline=None)
@given(texts, st.sampled_from(["net", "stud", "kern", "na", "o", "schr", "don", "fin"]))
def test_prefix_matches_agree_with_the_analyzer(text: str, prefix: str) -> None:
    expected = [
        (t.start, t.end)
        for t in ANALYZER.tokens(text)
        if ANALYZER.fold(text[t.start : t.end]).startswith(prefix)
    ]
    assert spans(find_matches(text, [PrefixClause(prefix, prefix)], ANALYZER)) == expected


@settings(max_examples=100, deadline=None)
@given(texts, st.sampled_from(["kernal", "netwrk", "studeis", "bandti", "clusterng"]))
def test_typo_matches_agree_with_the_analyzer(text: str, word: str) -> None:
    expected = [
        (t.start, t.end)
        for t in ANALYZER.tokens(text)
        if within_distance(ANALYZER.fold(text[t.start : t.end]), word, 1)
    ]
    assert spans(find_matches(text, [FuzzyClause(word, 1, word)], ANALYZER)) == expected


def table_distance(a: str, b: str) -> int:
    rows = [[i + j if i * j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            rows[i][j] = min(
                rows[i - 1][j] + 1,
                rows[i][j - 1] + 1,
                rows[i - 1][j - 1] + (a[i - 1] != b[j - 1]),
            )
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                rows[i][j] = min(rows[i][j], rows[i - 2][j - 2] + 1)
    return rows[-1][-1]


@settings(max_examples=300, deadline=None)
@given(st.text("abcd", max_size=7), st.text("abcd", max_size=7), st.integers(0, 2))
def test_bounded_distance_agrees_with_the_full_table(a: str, b: str, limit: int) -> None:
    assert within_distance(a, b, limit) == (table_distance(a, b) <= limit)


def test_proximity_highlights_each_word_of_a_near_phrase() -> None:
    text = "the kernel of a large regime and, far away, another kernel"
    clause = PhraseClause(("kernel", "regim"), (0, 1), 3, "kernel regime")
    assert [text[m.start : m.end] for m in find_matches(text, [clause], ANALYZER)] == [
        "kernel",
        "regime",
    ]


@settings(max_examples=100, deadline=None)
@given(texts, st.sampled_from(VOCABULARY))
def test_snippet_highlights_point_at_the_matches(text: str, word: str) -> None:
    stem = ANALYZER.stem(word)
    snippet = make_snippet(text, find_matches(text, [TermClause(stem, word)], ANALYZER))
    assert len(snippet.text) <= len(text) + 2 * len(ELLIPSIS)
    for start, end in snippet.highlights:
        assert ANALYZER.stem(snippet.text[start:end]) == stem
    previous_end = -1
    for start, end in snippet.highlights:
        assert previous_end <= start < end <= len(snippet.text)
        previous_end = end


def test_snippet_prefers_the_passage_with_most_distinct_clauses() -> None:
    filler = "lorem ipsum dolor sit amet " * 20
    text = "kernel " * 5 + filler + "a kernel bandit appears here " + filler
    clauses = [TermClause("kernel", "kernel"), TermClause("bandit", "bandit")]
    snippet = make_snippet(text, find_matches(text, clauses, ANALYZER))
    marked = {snippet.text[s:e] for s, e in snippet.highlights}
    assert marked == {"kernel", "bandit"}
    assert snippet.text.startswith(ELLIPSIS) and snippet.text.endswith(ELLIPSIS)
    assert len(snippet.text) <= SNIPPET_CHARS + 2 * len(ELLIPSIS)


def test_snippet_without_matches_is_the_beginning() -> None:
    text = "word " * 100
    snippet = make_snippet(text, [])
    assert snippet.highlights == []
    assert snippet.text.startswith("word word")
    assert snippet.text.endswith(ELLIPSIS)
