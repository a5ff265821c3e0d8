"""The query language: user text → `ParsedQuery` (see QUERY_SYNTAX.md for the syntax).

The parser is hand-written and lenient by contract: `parse_query` never raises. Anything
it cannot read as intended (an unclosed quote or parenthesis, a stray operator, an unknown
field, an over-long query) is read in the most useful lenient way and reported in
`ParsedQuery.warnings`, so the user sees what was ignored.

Pipeline: normalize (NFKC, typographic quotes, no control characters, length cap) → lex
into tokens → recursive descent with bounded nesting → tree (`search.querytree`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

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
    YearFilter,
)
from search.schema import MAX_SLOP
from search.tags import normalize_path

MAX_QUERY_CHARS = 1000
MAX_TEXT_NODES = 64
MAX_DEPTH = 32
MAX_FUZZY_DISTANCE = 2

TEXT_FIELDS: dict[str, TextField] = {
    "title": "title",
    "author": "authors",
    "authors": "authors",
    "abstract": "abstract",
    "note": "notes",
    "notes": "notes",
    "venue": "venue",
    "body": "body",
    "text": "body",
}
FILTER_FIELDS = {"tag": "tag", "tags": "tag", "year": "year", "status": "status"}
STATUS_VALUES = {
    "unread": "unread",
    "to_read": "to_read",
    "to-read": "to_read",
    "toread": "to_read",
    "to read": "to_read",
    "reading": "reading",
    "read": "read",
}

_QUOTES = str.maketrans(dict.fromkeys("“”„‟«»″〝〞", '"'))
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_FIELD = re.compile(r"([A-Za-z_]+):(.*)", re.DOTALL)
_FUZZY = re.compile(r"(.+?)~(\d{0,6})", re.DOTALL)
_SLOP = re.compile(r"~(\d{0,6})")
_YEAR_RANGE = re.compile(r"(\d{1,4})?\s*(?:\.\.|-|–|—)\s*(\d{1,4})?")
_YEAR_COMPARE = re.compile(r"(>=|<=|>|<|=)?\s*(\d{1,4})")
_NEGATIONS = "-−"
_STOP = frozenset('()"')

NoteFn = Callable[[str], None]
TokenKind = Literal["word", "phrase", "lparen", "rparen", "or", "and", "not", "field"]


@dataclass(frozen=True, slots=True)
class _Token:
    kind: TokenKind
    text: str = ""
    slop: int = 0


def normalize_query(text: str) -> tuple[str, list[str]]:
    """NFKC, straight quotes, no control characters, at most MAX_QUERY_CHARS characters."""
    warnings: list[str] = []
    text = unicodedata.normalize("NFKC", str(text)).translate(_QUOTES)
    text = _CONTROL.sub(" ", text)
    if len(text) > MAX_QUERY_CHARS:
        warnings.append(f"only the first {MAX_QUERY_CHARS} characters of the query were used")
        text = text[:MAX_QUERY_CHARS]
    return text, warnings


def parse_query(text: str) -> ParsedQuery:
    """Parse `text` leniently; never raises. An empty or blank query matches every paper."""
    normalized, warnings = normalize_query(text)
    tokens = _lex(normalized, warnings)
    root = _Parser(tokens, warnings).parse()
    return ParsedQuery(root, warnings)


def _lex(text: str, warnings: list[str]) -> list[_Token]:
    tokens: list[_Token] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char.isspace():
            i += 1
        elif char == "(":
            tokens.append(_Token("lparen"))
            i += 1
        elif char == ")":
            tokens.append(_Token("rparen"))
            i += 1
        elif char == '"':
            i = _lex_phrase(text, i, tokens, warnings)
        elif char in _NEGATIONS and i + 1 < n and not text[i + 1].isspace():
            tokens.append(_Token("not"))
            while i < n and text[i] in _NEGATIONS:
                i += 1
        elif char == "+" and i + 1 < n and not text[i + 1].isspace():
            i += 1
        else:
            start = i
            while i < n and not text[i].isspace() and text[i] not in _STOP:
                i += 1
            _lex_chunk(text[start:i], tokens, warnings)
    return tokens


def _lex_phrase(text: str, i: int, tokens: list[_Token], warnings: list[str]) -> int:
    end = text.find('"', i + 1)
    if end < 0:
        warnings.append("a closing quote was missing; it was added at the end")
        content, i = text[i + 1 :], len(text)
    else:
        content, i = text[i + 1 : end], end + 1
    slop = 0
    match = _SLOP.match(text, i)
    if match:
        slop = int(match.group(1)) if match.group(1) else 1
        i = match.end()
        if slop > MAX_SLOP:
            warnings.append(f"proximity ~{slop} is more than {MAX_SLOP}; {MAX_SLOP} was used")
            slop = MAX_SLOP
    if i < len(text) and text[i] == "*":
        warnings.append('"…"* (phrase prefix) is not supported; the * was ignored')
        while i < len(text) and text[i] == "*":
            i += 1
    tokens.append(_Token("phrase", content, slop))
    return i


def _lex_chunk(chunk: str, tokens: list[_Token], warnings: list[str]) -> None:
    if chunk in ("OR", "||", "|"):
        tokens.append(_Token("or"))
        return
    if chunk in ("AND", "&&", "&"):
        tokens.append(_Token("and"))
        return
    if chunk == "NOT":
        tokens.append(_Token("not"))
        return
    match = _FIELD.fullmatch(chunk)
    if match:
        name, value = match.group(1).lower(), match.group(2)
        if name in TEXT_FIELDS or name in FILTER_FIELDS:
            tokens.append(_Token("field", name))
            if value:
                tokens.append(_Token("word", value))
            return
        if value:
            warnings.append(f"unknown field {match.group(1)}: — searched as words")
            tokens += [_Token("word", match.group(1)), _Token("word", value)]
            return
    tokens.append(_Token("word", chunk))


_ENDS = ("rparen", "or", "and")


class _Parser:
    def __init__(self, tokens: list[_Token], warnings: list[str]) -> None:
        self.tokens = tokens
        self.pos = 0
        self.warnings = warnings
        self.text_nodes = 0
        self.noted: set[str] = set()

    def parse(self) -> Node:
        parts: list[Node] = []
        while self.pos < len(self.tokens):
            node = self._and(0, "any")
            if node is not None:
                parts.append(node)
            if self._kind() == "rparen":
                self._note("an unmatched ) was ignored")
                self.pos += 1
        return _combine(And, parts) or MatchAll()

    def _kind(self) -> TokenKind | None:
        return self.tokens[self.pos].kind if self.pos < len(self.tokens) else None

    def _note(self, message: str) -> None:
        if message not in self.noted:
            self.noted.add(message)
            self.warnings.append(message)

    def _and(self, depth: int, field: TextField) -> Node | None:
        # Lowest precedence: "a OR b c" reads as "(a OR b) AND c", as in web search.
        items: list[Node] = []
        while True:
            kind = self._kind()
            if kind is None or kind == "rparen":
                break
            if kind in ("and", "or"):
                self.pos += 1
                if not items or self._kind() in (None, *_ENDS):
                    word = "AND" if kind == "and" else "OR"
                    self._note(f"{word} needs something on both sides; the lone {word} was ignored")
                continue
            node = self._or(depth, field)
            if node is not None:
                items.append(node)
        return _combine(And, items)

    def _or(self, depth: int, field: TextField) -> Node | None:
        first = self._unary(depth, field)
        options = [first] if first is not None else []
        while self._kind() == "or":
            self.pos += 1
            if self._kind() in (None, *_ENDS):
                self._note("OR needs something on both sides; the lone OR was ignored")
                break
            option = self._unary(depth, field)
            if option is not None:
                options.append(option)
        return _combine(Or, options)

    def _unary(self, depth: int, field: TextField) -> Node | None:
        negations = 0
        while self._kind() == "not":
            self.pos += 1
            negations += 1
        if negations and self._kind() in (None, *_ENDS):
            self._note("NOT (or -) with nothing after it was ignored")
            return None
        node = self._primary(depth, field)
        if node is None or negations % 2 == 0:
            return node
        return Not(node)

    def _primary(self, depth: int, field: TextField) -> Node | None:
        token = self.tokens[self.pos]
        self.pos += 1
        if token.kind == "lparen":
            if depth >= MAX_DEPTH:
                self._note(f"parentheses nested deeper than {MAX_DEPTH} levels were ignored")
                return None
            inner = self._and(depth + 1, field)
            if self._kind() == "rparen":
                self.pos += 1
            else:
                self._note("a closing ) was missing; it was added at the end")
            return inner
        if token.kind == "field":
            return self._field(token.text, depth)
        if token.kind == "phrase":
            if not token.text.strip():
                self._note('empty quotes "" were ignored')
                return None
            return self._text(Phrase(field, token.text, token.slop))
        if token.kind == "word":
            return self._text(_word_node(token.text, field, self._note))
        return None

    def _field(self, name: str, depth: int) -> Node | None:
        kind = self._kind()
        if kind not in ("word", "phrase", "lparen"):
            self._note(f"{name}: has no value; it was ignored")
            return None
        if name in TEXT_FIELDS:
            return self._primary(depth, TEXT_FIELDS[name])
        if kind == "lparen":
            self._note(f"{name}: takes a single value, e.g. {name}:{_EXAMPLES[name]}")
            return None
        value = self.tokens[self.pos].text
        self.pos += 1
        return _filter(FILTER_FIELDS[name], value, self._note)

    def _text(self, node: Node | None) -> Node | None:
        if node is None:
            return None
        self.text_nodes += 1
        if self.text_nodes > MAX_TEXT_NODES:
            self._note(f"only the first {MAX_TEXT_NODES} search terms were used")
            return None
        return node


_EXAMPLES = {"tag": "theory/kernels", "year": "2015..2019", "status": "unread"}


def _combine(kind: type[And] | type[Or], nodes: list[Node]) -> Node | None:
    if not nodes:
        return None
    if len(nodes) == 1:
        return nodes[0]
    return kind(tuple(nodes))


def _word_node(word: str, field: TextField, note: NoteFn) -> Node | None:
    fuzzy = _FUZZY.fullmatch(word)
    if fuzzy:
        distance = int(fuzzy.group(2)) if fuzzy.group(2) else 1
        if distance > MAX_FUZZY_DISTANCE:
            note(f"typo tolerance ~{distance} is more than {MAX_FUZZY_DISTANCE}; ~2 was used")
            distance = MAX_FUZZY_DISTANCE
        if distance == 0:
            return Term(field, fuzzy.group(1))
        return Fuzzy(field, fuzzy.group(1), distance)
    if word.endswith("*"):
        core = word.rstrip("*")
        if not core:
            note("a lone * was ignored")
            return None
        return Prefix(field, core)
    return Term(field, word)


def _filter(name: str, value: str, note: NoteFn) -> Node | None:
    if name == "tag":
        if value.endswith("*"):
            note("tag: already includes sub-tags; the * was ignored")
            value = value.rstrip("*")
        path = normalize_path(value)
        if not path:
            note("tag: has no tag path; it was ignored")
            return None
        return TagFilter(path)
    if name == "status":
        status = STATUS_VALUES.get(" ".join(value.lower().split()))
        if status is None:
            note(f"status:{value} is not one of unread, to_read, reading, read; ignored")
            return None
        return StatusFilter(status)
    return _year(value, note)


def _year(value: str, note: NoteFn) -> Node | None:
    text = value.strip()
    span = _YEAR_RANGE.fullmatch(text)
    if span and (span.group(1) or span.group(2)):
        low = int(span.group(1)) if span.group(1) else None
        high = int(span.group(2)) if span.group(2) else None
        if low is not None and high is not None and low > high:
            low, high = high, low
        return YearFilter(low, high)
    compare = _YEAR_COMPARE.fullmatch(text)
    if compare:
        year = int(compare.group(2))
        operator = compare.group(1) or "="
        bounds = {
            "=": (year, year),
            ">=": (year, None),
            ">": (year + 1, None),
            "<=": (None, year),
            "<": (None, year - 1),
        }
        low, high = bounds[operator]
        return YearFilter(low, high)
    note(f"year:{value} is not a year or a range like 2015..2019; ignored")
    return None
