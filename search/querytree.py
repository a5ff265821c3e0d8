"""The parsed form of a query: a small tree of plain, immutable nodes.

`search.query` builds it from the user's text and `search.compile` turns it into tantivy
queries. Text nodes keep the text as typed; analysis (stemming, splitting "mean-field"
into a phrase) happens at compile time with the index's own analyzer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

# Where a text node looks: "any" is every text field of the paper with boosts.
TextField = Literal["any", "title", "authors", "abstract", "notes", "venue", "body"]


@dataclass(frozen=True, slots=True)
class Term:
    """A bare word (several tokens, e.g. ``mean-field``, make it a phrase)."""

    field: TextField
    text: str


@dataclass(frozen=True, slots=True)
class Phrase:
    """``"words in order"``, optionally ``~slop`` for proximity."""

    field: TextField
    text: str
    slop: int = 0


@dataclass(frozen=True, slots=True)
class Prefix:
    """``netw*``: any word starting with the text."""

    field: TextField
    text: str


@dataclass(frozen=True, slots=True)
class Fuzzy:
    """``kernal~`` / ``kernal~2``: words within an edit distance of the text."""

    field: TextField
    text: str
    distance: int = 1


@dataclass(frozen=True, slots=True)
class TagFilter:
    """``tag:theory/kernels``: the tag and its whole subtree (case-insensitive)."""

    path: str


@dataclass(frozen=True, slots=True)
class YearFilter:
    """``year:2019``, ``year:2015..2019``, ``year:>=2015``: inclusive bounds."""

    low: int | None
    high: int | None


@dataclass(frozen=True, slots=True)
class StatusFilter:
    """``status:unread`` and friends, already mapped to the stored value."""

    status: str


@dataclass(frozen=True, slots=True)
class MatchAll:
    """Every paper (the empty query, or a query of nothing searchable)."""


@dataclass(frozen=True, slots=True)
class And:
    children: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    children: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Not:
    child: Node


TextNode = Term | Phrase | Prefix | Fuzzy
Filter = TagFilter | YearFilter | StatusFilter
Node = TextNode | Filter | MatchAll | And | Or | Not


@dataclass(slots=True)
class ParsedQuery:
    """The tree and, in order, every note about parts that were read leniently."""

    root: Node
    warnings: list[str] = field(default_factory=list)


def positive_text_nodes(node: Node) -> list[TextNode]:
    """Text nodes that count for a match (under an even number of NOTs), in query order."""
    found: list[TextNode] = []
    stack: list[tuple[Node, bool]] = [(node, True)]
    while stack:
        current, positive = stack.pop()
        if isinstance(current, And | Or):
            stack.extend((child, positive) for child in reversed(current.children))
        elif isinstance(current, Not):
            stack.append((current.child, not positive))
        elif isinstance(current, Term | Phrase | Prefix | Fuzzy) and positive:
            found.append(current)
    return found
