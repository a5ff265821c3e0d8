"""Finding where a query's clauses occur in a page of text, as the index would see them.

The index says *which* pages match; this module says *where*, for snippets, highlight
ranges, per-page counts and the surface forms handed to the PDF preview.

Two scans give the same answer:

* the fast scan looks only at candidate tokens. A Snowball stem keeps the first letters of
  its word (all but the last letter, up to four, with "y"→"i" at most — checked by a
  property test), so a literal search for that prefix in the lowercased page finds every
  candidate cheaply; each candidate is then confirmed with the index's own analyzer.
  Tokens containing non-ASCII letters (which ASCII folding may change) are always checked.
  Typo-tolerant words are found the same way when the index already told which words
  are one edit away (``word~``); for ``word~2`` every distinct word of the page is
  checked once with a bounded edit distance.
* the exact scan analyzes the whole page with tantivy's tokenizer (positions included). It
  is used for proximity phrases, when lowercasing would shift character offsets, and
  when the fast scan finds nothing in a text with non-ASCII letters.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from search.analysis import WORD_RE, Analyzer, Token

_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_NEEDLE_CHARS = 4


@dataclass(frozen=True, slots=True)
class TermClause:
    """One word, matched on its stem."""

    stem: str
    typed: str


@dataclass(frozen=True, slots=True)
class PhraseClause:
    """Words in order; `offsets` are relative positions, `slop` the allowed proximity."""

    stems: tuple[str, ...]
    offsets: tuple[int, ...]
    slop: int
    typed: str


@dataclass(frozen=True, slots=True)
class PrefixClause:
    """Any word whose unstemmed form starts with `prefix`."""

    prefix: str
    typed: str


@dataclass(frozen=True, slots=True)
class FuzzyClause:
    """Any word whose unstemmed form is within `distance` edits of `word`.

    `known` optionally lists the indexed words that are that close (found in the term
    dictionary when the query is compiled); pages are then scanned for those words only.
    """

    word: str
    distance: int
    typed: str
    known: frozenset[str] | None = None


Clause = TermClause | PhraseClause | PrefixClause | FuzzyClause
# Per-word verdicts of the typo-tolerant clauses: word → indexes of the clauses it matches.
Memo = dict[str, tuple[int, ...]]


@dataclass(frozen=True, slots=True)
class Match:
    """One occurrence: character span in the text and the index of its clause."""

    start: int
    end: int
    clause: int


def find_matches(
    text: str, clauses: Sequence[Clause], analyzer: Analyzer, memo: Memo | None = None
) -> list[Match]:
    """Every occurrence of every clause in `text`, sorted by position.

    `memo` may be shared by calls with the same `clauses` (it caches per-word verdicts).
    """
    if not text or not clauses:
        return []
    exact = any(isinstance(c, PhraseClause) and c.slop for c in clauses)
    lowered = text.lower()
    if exact or len(lowered) != len(text):
        found = _exact_scan(text, clauses, analyzer)
    else:
        found = _fast_scan(text, lowered, clauses, analyzer, {} if memo is None else memo)
        if not found and not text.isascii():
            # Python and tantivy may disagree on what is a letter outside ASCII (combining
            # marks of some scripts); the analyzer's own tokens settle it.
            found = _exact_scan(text, clauses, analyzer)
    found.sort(key=lambda m: (m.start, -m.end, m.clause))
    return found


def needles(stem: str) -> set[str]:
    """Literal lowercase prefixes, one of which starts every word with this stem."""
    needle = stem[: max(1, min(_NEEDLE_CHARS, len(stem) - 1))]
    found = {needle}
    for index, char in enumerate(needle):
        if char == "i":
            found.add(needle[:index] + "y" + needle[index + 1 :])
    return found


def within_distance(a: str, b: str, limit: int) -> bool:
    """Edit distance of `a` and `b` (adjacent transposition costs 1) is at most `limit`.

    Bounded search instead of a full table: strip the common ends, then try each edit at
    the first difference with one edit less. Cheap for the small limits (≤ 2) used here.
    """
    if a == b:
        return True
    if limit <= 0 or abs(len(a) - len(b)) > limit:
        return False
    head = 0
    while head < len(a) and head < len(b) and a[head] == b[head]:
        head += 1
    a, b = a[head:], b[head:]
    while a and b and a[-1] == b[-1]:
        a, b = a[:-1], b[:-1]
    if not a or not b:
        return max(len(a), len(b)) <= limit
    rest = limit - 1
    if within_distance(a[1:], b[1:], rest):
        return True
    if within_distance(a[1:], b, rest) or within_distance(a, b[1:], rest):
        return True
    return (
        len(a) > 1
        and len(b) > 1
        and a[0] == b[1]
        and a[1] == b[0]
        and (within_distance(a[2:], b[2:], rest))
    )


def _fast_scan(
    text: str, lowered: str, clauses: Sequence[Clause], analyzer: Analyzer, memo: Memo
) -> list[Match]:
    wanted: set[str] = set()
    for clause in clauses:
        if isinstance(clause, TermClause):
            wanted |= needles(clause.stem)
        elif isinstance(clause, PhraseClause):
            wanted |= needles(clause.stems[0])
        elif isinstance(clause, PrefixClause):
            wanted.add(clause.prefix[:_NEEDLE_CHARS])
        elif isinstance(clause, FuzzyClause) and clause.known is not None:
            wanted |= {word[:_NEEDLE_CHARS] for word in clause.known}
    starts = _candidate_starts(text, lowered, wanted)
    found = _fuzzy_scan(text, lowered, clauses, analyzer, memo)
    for start in sorted(starts):
        token = WORD_RE.match(text, start)
        if token is None:
            continue
        surface = token.group()
        for number, clause in enumerate(clauses):
            if isinstance(clause, TermClause):
                if analyzer.stem(surface) == clause.stem:
                    found.append(Match(start, token.end(), number))
            elif isinstance(clause, PrefixClause):
                if analyzer.fold(surface).startswith(clause.prefix):
                    found.append(Match(start, token.end(), number))
            elif isinstance(clause, FuzzyClause) and clause.known is not None:
                if analyzer.fold(surface) in clause.known:
                    found.append(Match(start, token.end(), number))
            elif isinstance(clause, PhraseClause) and analyzer.stem(surface) == clause.stems[0]:
                end = _phrase_end(text, token.end(), clause, analyzer)
                if end is not None:
                    found.append(Match(start, end, number))
    return found


def _fuzzy_scan(
    text: str, lowered: str, clauses: Sequence[Clause], analyzer: Analyzer, memo: Memo
) -> list[Match]:
    # Decide once per distinct word (the vocabulary repeats across pages, hence the memo
    # shared by one search), then locate only the words that are close enough.
    fuzzy = [
        (n, c, set(c.word))
        for n, c in enumerate(clauses)
        if isinstance(c, FuzzyClause) and c.known is None
    ]
    if not fuzzy:
        return []
    found: list[Match] = []
    for word in set(WORD_RE.findall(lowered)):
        numbers = memo.get(word)
        if numbers is None:
            folded = word if word.isascii() else analyzer.fold(word)
            numbers = tuple(n for n, c, letters in fuzzy if _close(folded, c, letters))
            memo[word] = numbers
        if numbers:
            pattern = re.compile(rf"(?<![^\W_]){re.escape(word)}(?![^\W_])")
            for token in pattern.finditer(lowered):
                found += [Match(token.start(), token.end(), n) for n in numbers]
    return found


def _close(word: str, clause: FuzzyClause, letters: set[str]) -> bool:
    # Cheap necessary conditions first: each edit changes the length by at most one and
    # brings in at most one letter the target lacks.
    if abs(len(word) - len(clause.word)) > clause.distance:
        return False
    if len(letters.union(word)) - len(letters) > clause.distance:
        return False
    return within_distance(word, clause.word, clause.distance)


def _candidate_starts(text: str, lowered: str, wanted: set[str]) -> set[int]:
    starts: set[int] = set()
    for needle in wanted:
        if not needle:
            continue
        index = lowered.find(needle)
        while index >= 0:
            if index == 0 or not text[index - 1].isalnum():
                starts.add(index)
            index = lowered.find(needle, index + 1)
    if not text.isascii():
        for char in _NON_ASCII.finditer(text):
            index = char.start()
            if not text[index].isalnum():
                continue
            while index > 0 and text[index - 1].isalnum():
                index -= 1
            starts.add(index)
    return starts


def _phrase_end(text: str, cursor: int, clause: PhraseClause, analyzer: Analyzer) -> int | None:
    # Walk the tokens that follow the first word; dropped (over-long) tokens still take a
    # position, as in the index, because they are tokens here too.
    wanted = dict(zip(clause.offsets[1:], clause.stems[1:], strict=True))
    last = clause.offsets[-1]
    end = cursor
    for offset in range(1, last + 1):
        token = WORD_RE.search(text, cursor)
        if token is None:
            return None
        stem = wanted.get(offset)
        if stem is not None and analyzer.stem(token.group()) != stem:
            return None
        cursor = end = token.end()
    return end


def _exact_scan(text: str, clauses: Sequence[Clause], analyzer: Analyzer) -> list[Match]:
    tokens = analyzer.tokens(text)
    at_position = {token.position: token for token in tokens}
    found: list[Match] = []
    for number, clause in enumerate(clauses):
        if isinstance(clause, TermClause):
            found += [Match(t.start, t.end, number) for t in tokens if t.stem == clause.stem]
        elif isinstance(clause, PrefixClause):
            found += [
                Match(t.start, t.end, number)
                for t in tokens
                if analyzer.fold(text[t.start : t.end]).startswith(clause.prefix)
            ]
        elif isinstance(clause, FuzzyClause):
            found += [
                Match(t.start, t.end, number)
                for t in tokens
                if within_distance(
                    analyzer.fold(text[t.start : t.end]), clause.word, clause.distance
                )
            ]
        elif clause.slop == 0:
            found += _exact_phrases(tokens, at_position, clause, number)
        else:
            found += _near_phrases(tokens, clause, number)
    return found


def _exact_phrases(
    tokens: list[Token], at_position: dict[int, Token], clause: PhraseClause, number: int
) -> list[Match]:
    found = []
    for token in tokens:
        if token.stem != clause.stems[0]:
            continue
        last = token
        for offset, stem in zip(clause.offsets[1:], clause.stems[1:], strict=True):
            other = at_position.get(token.position + offset)
            if other is None or other.stem != stem:
                break
            last = other
        else:
            found.append(Match(token.start, last.end, number))
    return found


def _near_phrases(tokens: list[Token], clause: PhraseClause, number: int) -> list[Match]:
    # Proximity: every word of the phrase within a window of (words + slop per gap)
    # positions, in any order — a little wider than the index's rule, so a page the index
    # matched always gets its passage highlighted.
    stems = set(clause.stems)
    relevant = [t for t in tokens if t.stem in stems]
    window = clause.offsets[-1] + clause.slop * (len(clause.stems) - 1)
    marked: set[int] = set()
    for index, anchor in enumerate(relevant):
        inside = [t for t in relevant[index:] if t.position - anchor.position <= window]
        if {t.stem for t in inside} >= stems:
            marked.update(range(index, index + len(inside)))
    return [Match(relevant[i].start, relevant[i].end, number) for i in sorted(marked)]
