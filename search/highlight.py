"""The words the PDF preview highlights for a query (`SearchResults.highlight_terms`).

The preview calls PyMuPDF's case-insensitive substring search `page.search_for(term)`, so
every term must be a string that literally occurs in the page text. The index only holds
stems, so the list is built from, per positive text clause (NOT clauses and year/status/
tag filters never contribute):

1. the word or phrase as typed (``relu``, ``mean-field``, ``netw`` for ``netw*``);
2. the stem when it is a shorter start of the typed word (``networks`` → ``network``),
   which as a substring also finds the other forms (``network``, ``networking``);
3. the forms actually matched in the passages examined for this search (``ReLU``,
   ``networks``, ``mean field``); typo-tolerant words contribute only these, plus the
   indexed words one edit away for ``word~`` (``kernal~`` → ``kernel``).

Typed forms of every clause come first, then the rest, case-insensitively de-duplicated,
at most `MAX_TERMS` (the preview's own limit).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from search.analysis import WORD_RE
from search.matching import Clause, FuzzyClause, PrefixClause, TermClause

MAX_TERMS = 16
_MIN_STEM_CHARS = 3


def highlight_terms(clauses: Sequence[Clause], observed: Mapping[int, Sequence[str]]) -> list[str]:
    """Terms for `page.search_for`; `observed[i]` are surface forms matched for clause i."""
    first: list[str] = []
    rest: list[str] = []
    for number, clause in enumerate(clauses):
        typed = _typed_form(clause)
        if typed:
            first.append(typed)
        if isinstance(clause, TermClause):
            word = typed.lower()
            if len(clause.stem) >= _MIN_STEM_CHARS and word.startswith(clause.stem):
                rest.append(clause.stem)
        rest.extend(observed.get(number, ()))
        if isinstance(clause, FuzzyClause) and clause.known:
            rest.extend(sorted(clause.known))
    terms: list[str] = []
    seen: set[str] = set()
    for term in first + rest:
        key = term.casefold()
        if term and key not in seen:
            seen.add(key)
            terms.append(term)
    return terms[:MAX_TERMS]


def _typed_form(clause: Clause) -> str:
    if isinstance(clause, FuzzyClause):
        return ""
    if isinstance(clause, PrefixClause):
        word = WORD_RE.search(clause.typed)
        return word.group() if word else ""
    return clause.typed
