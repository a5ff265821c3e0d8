"""The parser: the tree it builds, and its lenient reading of anything else."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from search.index import SearchIndex
from search.query import MAX_DEPTH, MAX_QUERY_CHARS, MAX_TEXT_NODES, parse_query
from search.querytree import (
    And,
    Fuzzy,
    MatchAll,
    Not,
    Or,
    Phrase,
    Prefix,
    StatusFilter,
    TagFilter,
    Term,
    YearFilter,
    positive_text_nodes,
)


def tree(text: str) -> object:
    parsed = parse_query(text)
    assert parsed.warnings == [], parsed.warnings
    return parsed.root


def test_words_are_all_required() -> None:
    assert tree("relu network") == And((Term("any", "relu"), Term("any", "network")))


def test_or_binds_tighter_than_the_implicit_and() -> None:
    expected = And((Or((Term("any", "a"), Term("any", "b"))), Term("any", "c")))
    assert tree("a OR b c") == expected
    assert tree("a AND b") == And((Term("any", "a"), Term("any", "b")))


def test_negation_forms() -> None:
    assert tree("-a") == Not(Term("any", "a"))
    assert tree("NOT a") == Not(Term("any", "a"))
    assert tree("NOT NOT a") == Term("any", "a")
    assert tree('-"a b"') == Not(Phrase("any", "a b"))
    assert tree("a -(b c)") == And(
        (Term("any", "a"), Not(And((Term("any", "b"), Term("any", "c")))))
    )


def test_hyphen_inside_a_word_is_not_negation() -> None:
    assert tree("mean-field") == Term("any", "mean-field")


def test_phrases_prefix_and_fuzzy() -> None:
    assert tree('"neural tangent kernel"') == Phrase("any", "neural tangent kernel", 0)
    assert tree('"kernel regime"~3') == Phrase("any", "kernel regime", 3)
    assert tree("netw*") == Prefix("any", "netw")
    assert tree("kernal~") == Fuzzy("any", "kernal", 1)
    assert tree("kernal~2") == Fuzzy("any", "kernal", 2)
    assert tree("kernel~0") == Term("any", "kernel")


def test_fields() -> None:
    assert tree("title:attention") == Term("title", "attention")
    assert tree('title:"attention is all"') == Phrase("title", "attention is all")
    assert tree("title:(graph OR kernel)") == Or((Term("title", "graph"), Term("title", "kernel")))
    assert tree("author:turing") == Term("authors", "turing")
    assert tree("note:x notes:y") == And((Term("notes", "x"), Term("notes", "y")))
    assert tree("body:lemma text:proof") == And((Term("body", "lemma"), Term("body", "proof")))
    assert tree("TITLE:x") == Term("title", "x")
    assert tree("title: attention") == Term("title", "attention")


def test_filters() -> None:
    assert tree("tag:theory/kernels") == TagFilter("theory/kernels")
    assert tree('tag:" deep learning / nlp "') == TagFilter("deep learning/nlp")
    assert tree("year:2019") == YearFilter(2019, 2019)
    assert tree("year:2015..2019") == YearFilter(2015, 2019)
    assert tree("year:2019..2015") == YearFilter(2015, 2019)
    assert tree("year:2015-2019") == YearFilter(2015, 2019)
    assert tree("year:>=2015") == YearFilter(2015, None)
    assert tree("year:>2015") == YearFilter(2016, None)
    assert tree("year:<2015") == YearFilter(None, 2014)
    assert tree("year:..2015") == YearFilter(None, 2015)
    for value in ("to_read", "to-read", "toread", "TO_READ", '"to read"'):
        assert tree(f"status:{value}") == StatusFilter("to_read")
    assert tree("status:unread") == StatusFilter("unread")


def test_empty_query_matches_all() -> None:
    assert tree("") == MatchAll()
    assert tree("   ") == MatchAll()


def test_smart_quotes_are_quotes() -> None:
    assert tree("“neural tangent”") == Phrase("any", "neural tangent")


@pytest.mark.parametrize(
    ("text", "expected_root", "warning"),
    [
        ('"unclosed phrase', Phrase("any", "unclosed phrase"), "closing quote"),
        ("(a b", And((Term("any", "a"), Term("any", "b"))), "closing )"),
        ("a b)", And((Term("any", "a"), Term("any", "b"))), "unmatched )"),
        ("OR a", Term("any", "a"), "OR"),
        ("a OR", Term("any", "a"), "OR"),
        ("a AND", Term("any", "a"), "AND"),
        ("a NOT", Term("any", "a"), "NOT"),
        ("foo:bar", And((Term("any", "foo"), Term("any", "bar"))), "unknown field"),
        ("title:", MatchAll(), "no value"),
        ("year:soon", MatchAll(), "year:soon"),
        ("status:later", MatchAll(), "status:later"),
        ("tag:(a b)", And((Term("any", "a"), Term("any", "b"))), "single value"),
        ("kernal~7", Fuzzy("any", "kernal", 2), "~2"),
        ('"a b"~99', Phrase("any", "a b", 10), "proximity"),
        ('"a b"*', Phrase("any", "a b"), "phrase prefix"),
        ("*", MatchAll(), "lone *"),
        ('""', MatchAll(), "empty quotes"),
    ],
)
def test_lenient_readings_are_reported(text: str, expected_root: object, warning: str) -> None:
    parsed = parse_query(text)
    assert parsed.root == expected_root
    assert any(warning in note for note in parsed.warnings), parsed.warnings


def test_limits_are_applied_and_reported() -> None:
    long = parse_query("word " * 3000)
    assert any(str(MAX_QUERY_CHARS) in note for note in long.warnings)
    many = parse_query(" ".join(f"w{n}" for n in range(MAX_TEXT_NODES + 20)))
    assert len(positive_text_nodes(many.root)) == MAX_TEXT_NODES
    deep = parse_query("(" * (MAX_DEPTH + 50) + "kernel" + ")" * (MAX_DEPTH + 50))
    assert positive_text_nodes(deep.root) == [Term("any", "kernel")]
    assert any("nested" in note for note in deep.warnings)


_SYNTAX_PIECES = [
    *'()"*~:-+|&<>=./\\ ',
    *("OR", "AND", "NOT", "title:", "tag:", "year:", "status:", "author:", "foo:"),
    *("..", "~2", "kernel", "net", "é", "ﬁ", "中文", "\u200b", "\x00"),
]
SYNTAX = st.sampled_from(_SYNTAX_PIECES)
QUERIES = st.one_of(
    st.text(max_size=200),
    st.lists(SYNTAX, max_size=60).map(" ".join),
    st.lists(SYNTAX, max_size=60).map("".join),
)


@settings(max_examples=300, deadline=None)
@given(QUERIES)
def test_parsing_never_raises(text: str) -> None:
    parsed = parse_query(text)
    assert isinstance(parsed.warnings, list)


@settings(max_examples=150, deadline=None)
@given(QUERIES)
def test_searching_never_raises(library: SearchIndex, text: str) -> None:
    results = library.search(text, limit=5)
    assert 0 <= len(results.hits) <= min(5, results.total)
    assert all(isinstance(term, str) and term for term in results.highlight_terms)


@pytest.mark.parametrize(
    "text",
    [
        "a" * 10_000,
        "(" * 10_000,
        '"' * 10_001,
        "-" * 10_000 + "x",
        "NOT " * 2_500,
        "x~" * 5_000,
        "title:" * 2_000,
        "中文字符" * 2_500,
        "\U0001f600" * 10_000,
    ],
)
def test_huge_inputs_are_handled(library: SearchIndex, text: str) -> None:
    results = library.search(text)
    assert results.total >= 0
