"""Turning a parsed query into tantivy queries, built programmatically (never parsed).

One `CompiledQuery` holds:

* ``paper_query`` — evaluated on paper documents. A bare word searches every text field
  of the paper with boosts (title 3, authors 2, abstract 2, notes 1.5, venue 1, full text
  1) and all words must match; filters (tag, year, status) score nothing.
* ``page_query`` — the positive clauses that can match body text, OR-ed, on page
  documents: used to find the pages with hits of the papers being shown.
* the positive clauses in matcher form (`search.matching`) for snippets and highlights.

``prefix*`` is expanded through the term dictionary of the unstemmed copy of the field
(the `PREFIX_CAP` most frequent words, with a warning when there are more); ``typo~`` is a
Levenshtein query (adjacent transposition costs 1) on the same unstemmed words. For a bare
``prefix*`` or ``typo~`` the unstemmed copy of all the paper's text is used, with the
title's copy for its boost.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import tantivy

from search.analysis import Analyzer, Token
from search.matching import Clause, FuzzyClause, PhraseClause, PrefixClause, TermClause
from search.pairs import token_pairs
from search.querytree import (
    And,
    Fuzzy,
    MatchAll,
    Node,
    Not,
    Or,
    ParsedQuery,
    Phrase,
    Prefix,
    StatusFilter,
    TagFilter,
    Term,
    TextField,
    TextNode,
    YearFilter,
    positive_text_nodes,
)
from search.schema import (
    ABSTRACT,
    ALL_WORDS,
    AUTHORS,
    BODY_PAIRS,
    FULLTEXT,
    KIND,
    MAX_PHRASE_TOKENS,
    NOTES,
    PAGE_TEXT,
    PAGE_WORDS,
    PAPER_ID,
    PAPER_KIND,
    STATUS,
    TAG_KEYS,
    TITLE,
    VENUE,
    YEAR,
    words_field,
)
from search.tags import fold_path

PREFIX_CAP = 64
FIELD_BOOSTS = {TITLE: 3.0, AUTHORS: 2.0, ABSTRACT: 2.0, NOTES: 1.5, VENUE: 1.0, FULLTEXT: 1.0}
FIELDS_OF: dict[TextField, tuple[str, ...]] = {
    "any": tuple(FIELD_BOOSTS),
    "title": (TITLE,),
    "authors": (AUTHORS,),
    "abstract": (ABSTRACT,),
    "notes": (NOTES,),
    "venue": (VENUE,),
    "body": (FULLTEXT,),
}
# Unstemmed fields for prefix and typo searches. A bare word looks in one field holding
# all of the paper's words (plus the title for its boost): one term-dictionary walk and
# one union per field instead of six.
WORD_FIELDS_OF: dict[TextField, tuple[tuple[str, float], ...]] = {
    "any": ((words_field(TITLE), FIELD_BOOSTS[TITLE]), (ALL_WORDS, 1.0)),
    **{
        name: ((words_field(FIELDS_OF[name][0]), 1.0),)
        for name in ("title", "authors", "abstract", "notes", "venue", "body")
    },
}
MUST, SHOULD, MUST_NOT = tantivy.Occur.Must, tantivy.Occur.Should, tantivy.Occur.MustNot


@dataclass(slots=True)
class CompiledQuery:
    """Everything `SearchIndex.search` needs to answer one query."""

    paper_query: Any
    page_query: Any | None
    clauses: list[Clause]
    body_clauses: list[Clause]
    abstract_clauses: list[Clause]
    scored: bool
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Plan:
    clause: Clause
    paper: Any
    page: Any | None


def compile_query(
    parsed: ParsedQuery, schema: Any, searcher: Any, analyzer: Analyzer
) -> CompiledQuery:
    """Build the tantivy queries and matcher clauses of `parsed` against `searcher`'s terms."""
    return _Compiler(schema, searcher, analyzer, list(parsed.warnings)).run(parsed.root)


def paper_docs_query(schema: Any) -> Any:
    """Every paper document (and no page document)."""
    return tantivy.Query.term_query(schema, KIND, PAPER_KIND)


def ids_query(schema: Any, paper_ids: list[int]) -> Any:
    """Paper and page documents of these papers.

    An OR of term queries: for the 20 ids of a result page it measured about six times
    faster than tantivy's term-set query on the same field.
    """
    return _any_of([tantivy.Query.term_query(schema, PAPER_ID, int(i)) for i in paper_ids])


class _Compiler:
    def __init__(self, schema: Any, searcher: Any, analyzer: Analyzer, warnings: list[str]):
        self.schema = schema
        self.searcher = searcher
        self.analyzer = analyzer
        self.warnings = warnings
        self.plans: dict[TextNode, _Plan | None] = {}
        self.paper_docs = paper_docs_query(schema)

    def run(self, root: Node) -> CompiledQuery:
        query = self._node(root)
        if query is None:
            if not isinstance(root, MatchAll):
                self._warn("nothing searchable was left in the query; showing every paper")
            query = self.paper_docs
        clauses: list[Clause] = []
        body: list[Clause] = []
        abstract: list[Clause] = []
        page_queries: list[Any] = []
        for node in dict.fromkeys(positive_text_nodes(root)):
            plan = self.plans.get(node)
            if plan is None:
                continue
            clauses.append(plan.clause)
            if node.field in ("any", "body"):
                body.append(plan.clause)
                if plan.page is not None:
                    page_queries.append(plan.page)
            if node.field in ("any", "abstract"):
                abstract.append(plan.clause)
        page_query = _any_of(page_queries) if page_queries else None
        return CompiledQuery(
            query, page_query, clauses, body, abstract, bool(clauses), self.warnings
        )

    def _warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    def _node(self, node: Node) -> Any | None:
        if isinstance(node, MatchAll):
            return self.paper_docs
        if isinstance(node, And):
            return self._all_of(node.children)
        if isinstance(node, Or):
            options = [self._node(child) for child in node.children]
            present = [option for option in options if option is not None]
            return _any_of(present) if present else None
        if isinstance(node, Not):
            excluded = self._node(node.child)
            if excluded is None:
                return None
            return tantivy.Query.boolean_query([(MUST, self.paper_docs), (MUST_NOT, excluded)])
        if isinstance(node, TagFilter | YearFilter | StatusFilter):
            return tantivy.Query.const_score_query(self._filter(node), 0.0)
        plan = self._plan(node)
        return plan.paper if plan is not None else None

    def _all_of(self, children: tuple[Node, ...]) -> Any | None:
        clauses: list[tuple[Any, Any]] = []
        for child in children:
            if isinstance(child, Not):
                excluded = self._node(child.child)
                if excluded is not None:
                    clauses.append((MUST_NOT, excluded))
            else:
                required = self._node(child)
                if required is not None:
                    clauses.append((MUST, required))
        if not clauses:
            return None
        if all(occur == MUST_NOT for occur, _ in clauses):
            clauses.insert(0, (MUST, self.paper_docs))
        if len(clauses) == 1:
            return clauses[0][1]
        return tantivy.Query.boolean_query(clauses)

    def _filter(self, node: TagFilter | YearFilter | StatusFilter) -> Any:
        if isinstance(node, TagFilter):
            return tantivy.Query.term_query(self.schema, TAG_KEYS, fold_path(node.path))
        if isinstance(node, StatusFilter):
            return tantivy.Query.term_query(self.schema, STATUS, node.status)
        return tantivy.Query.range_query(
            self.schema,
            YEAR,
            tantivy.FieldType.Integer,
            node.low,
            node.high,
            use_inverted_index=True,
        )

    def _plan(self, node: TextNode) -> _Plan | None:
        if node not in self.plans:
            if isinstance(node, Prefix):
                self.plans[node] = self._prefix(node)
            elif isinstance(node, Fuzzy):
                self.plans[node] = self._fuzzy(node)
            else:
                self.plans[node] = self._words(node)
        return self.plans[node]

    def _words(self, node: Term | Phrase) -> _Plan | None:
        tokens = self.analyzer.tokens(node.text)
        if not tokens:
            self._warn(f"“{_short(node.text)}” has nothing searchable; it was ignored")
            return None
        if len(tokens) > MAX_PHRASE_TOKENS:
            self._warn(f"phrases are limited to {MAX_PHRASE_TOKENS} words; the rest was ignored")
            tokens = tokens[:MAX_PHRASE_TOKENS]
        fields = FIELDS_OF[node.field]
        if len(tokens) == 1:
            stem = tokens[0].stem
            typed = node.text[tokens[0].start : tokens[0].end]
            paper = self._across(fields, lambda f: tantivy.Query.term_query(self.schema, f, stem))
            page = tantivy.Query.term_query(self.schema, PAGE_TEXT, stem)
            return _Plan(TermClause(stem, typed), paper, page)
        first = tokens[0].position
        words = [(token.position - first, token.stem) for token in tokens]
        slop = node.slop if isinstance(node, Phrase) else 0
        typed = " ".join(node.text[tokens[0].start : tokens[-1].end].split())
        clause = PhraseClause(
            tuple(stem for _, stem in words), tuple(offset for offset, _ in words), slop, typed
        )

        def phrase(name: str) -> Any:
            query = tantivy.Query.phrase_query(self.schema, name, words, slop)
            if name == FULLTEXT and slop == 0:
                return self._with_pairs(query, tokens)
            return query

        paper = self._across(fields, phrase)
        page = tantivy.Query.phrase_query(self.schema, PAGE_TEXT, words, slop)
        return _Plan(clause, paper, page)

    def _with_pairs(self, phrase: Any, tokens: list[Token]) -> Any:
        """The exact phrase on the body, answered through its word pairs (`search.pairs`)."""
        pairs = [
            tantivy.Query.term_query(self.schema, BODY_PAIRS, key) for key in token_pairs(tokens)
        ]
        if len(tokens) == 2 and len(pairs) == 1:
            return pairs[0]  # the pair's term frequency is the phrase's
        if not pairs:
            return phrase
        # The pairs score nothing: they only keep the position check to the papers that
        # hold every pair of the phrase.
        held = tantivy.Query.const_score_query(
            tantivy.Query.boolean_query([(MUST, pair) for pair in pairs]), 0.0
        )
        return tantivy.Query.boolean_query([(MUST, phrase), (MUST, held)])

    def _single_word(self, node: Prefix | Fuzzy, what: str) -> str | None:
        folds = self.analyzer.folds(node.text)
        if len(folds) == 1:
            return folds[0]
        if not folds:
            self._warn(f"“{_short(node.text)}” has nothing searchable; it was ignored")
        else:
            self._warn(f"{what} works on single words; “{_short(node.text)}” was searched as is")
        return None

    def _prefix(self, node: Prefix) -> _Plan | None:
        prefix = self._single_word(node, "prefix search")
        if prefix is None:
            return self._plan(Term(node.field, node.text))
        fields = WORD_FIELDS_OF[node.field]
        expansions: dict[str, list[str]] = {}
        for name, _ in fields:
            found = self.searcher.terms_with_prefix(name, prefix, limit=PREFIX_CAP + 1)
            if len(found) > PREFIX_CAP:
                self._warn(
                    f"{prefix}* matches more than {PREFIX_CAP} words; "
                    f"the {PREFIX_CAP} most frequent were searched"
                )
            expansions[name] = [str(term) for term, _ in found[:PREFIX_CAP]]

        # One flat union of every field's expansions, each boosted by its field: the same
        # scores as a union of per-field unions, and a tenth faster to rank in tantivy.
        terms = [
            tantivy.Query.term_query(self.schema, name, term)
            if boost == 1.0
            else tantivy.Query.boost_query(tantivy.Query.term_query(self.schema, name, term), boost)
            for name, boost in fields
            for term in expansions[name]
        ]
        paper = _any_of(terms) if terms else tantivy.Query.empty_query()
        # The broadest field's words (the whole paper, or the body) locate the pages.
        body_terms = expansions[fields[-1][0]] if node.field in ("any", "body") else []
        page = (
            _any_of([tantivy.Query.term_query(self.schema, PAGE_WORDS, t) for t in body_terms])
            if body_terms
            else None
        )
        return _Plan(PrefixClause(prefix, node.text), paper, page)

    def _fuzzy(self, node: Fuzzy) -> _Plan | None:
        word = self._single_word(node, "typo tolerance")
        if word is None or len(word) <= node.distance:
            if word is not None:
                self._warn(f"“{word}” is too short for ~{node.distance}; searched as written")
            return self._plan(Term(node.field, node.text))
        distance = node.distance

        def fuzzy(name: str) -> Any:
            return tantivy.Query.fuzzy_term_query(self.schema, name, word, distance, True)

        paper = self._across_words(WORD_FIELDS_OF[node.field], fuzzy)
        known = None
        if distance == 1:
            known = frozenset(
                w for w in one_edit_away(word) if self.searcher.doc_freq(PAGE_WORDS, w) > 0
            )
        clause = FuzzyClause(word, distance, node.text, known)
        return _Plan(clause, paper, fuzzy(PAGE_WORDS))

    def _across_words(self, fields: tuple[tuple[str, float], ...], build: Any) -> Any:
        if len(fields) == 1:
            return build(fields[0][0])
        return _any_of([tantivy.Query.boost_query(build(name), boost) for name, boost in fields])

    def _across(self, fields: tuple[str, ...], build: Any) -> Any:
        if len(fields) == 1:
            return build(fields[0])
        return _any_of(
            [tantivy.Query.boost_query(build(name), FIELD_BOOSTS[name]) for name in fields]
        )


_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"


def one_edit_away(word: str) -> set[str]:
    """Every string one edit (or adjacent swap) from `word` over the folded alphabet."""
    out = {word}
    for i in range(len(word) + 1):
        head, tail = word[:i], word[i:]
        out.update(head + letter + tail for letter in _ALPHABET)
        if tail:
            out.add(head + tail[1:])
            out.update(head + letter + tail[1:] for letter in _ALPHABET)
        if len(tail) > 1:
            out.add(head + tail[1] + tail[0] + tail[2:])
    return out


def _any_of(queries: list[Any]) -> Any:
    if len(queries) == 1:
        return queries[0]
    return tantivy.Query.boolean_query([(SHOULD, query) for query in queries])


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
