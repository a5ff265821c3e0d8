"""Cutting the passage shown under a result: about 200 characters around the best hits.

The best passage is the window of text that covers the most distinct query clauses (then
the most occurrences), so for "neural tangent kernel" OR bandit a passage with both wins
over one repeating a single word. Highlights are ``(start, end)`` character ranges (Python
string indices) into the returned snippet, sorted and non-overlapping.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from search.matching import Match

SNIPPET_CHARS = 200
ELLIPSIS = "…"
# Passages are chosen among the first matches of a page; enough for any real page.
MAX_MATCHES = 400


@dataclass(frozen=True, slots=True)
class Snippet:
    text: str
    highlights: list[tuple[int, int]]


def best_window(matches: Sequence[Match], max_chars: int) -> tuple[int, int]:
    """Indices ``[first, last]`` of the run of matches that makes the best passage."""
    best = (0, 0)
    best_score = (-1, -1)
    last = 0
    for first in range(len(matches)):
        last = max(last, first)
        while last + 1 < len(matches) and matches[last + 1].end - matches[first].start <= max_chars:
            last += 1
        run = matches[first : last + 1]
        score = (len({m.clause for m in run}), len(run))
        if score > best_score:
            best, best_score = (first, last), score
    return best


def make_snippet(text: str, matches: Sequence[Match], max_chars: int = SNIPPET_CHARS) -> Snippet:
    """The best passage of `text` for `matches` (sorted by start), with highlight ranges.

    Without matches it is the beginning of the text. Line breaks become spaces.
    """
    if not text:
        return Snippet("", [])
    matches = matches[:MAX_MATCHES]
    if not matches:
        start, end = 0, _word_end(text, min(len(text), max_chars))
        return _cut(text, start, end, [])
    first, last = best_window(matches, max_chars)
    span_start = matches[first].start
    span_end = max(m.end for m in matches[first : last + 1])
    room = max(0, max_chars - (span_end - span_start))
    start = min(span_start, _word_start(text, max(0, span_start - room // 3)))
    end = max(span_end, _word_end(text, min(len(text), start + max_chars)))
    if span_end - span_start > max_chars:
        start, end = span_start, max(matches[first].end, _word_end(text, span_start + max_chars))
    inside = [m for m in matches if m.start >= start and m.end <= end]
    return _cut(text, start, end, inside)


def _cut(text: str, start: int, end: int, matches: Sequence[Match]) -> Snippet:
    lead = ELLIPSIS if start > 0 else ""
    tail = ELLIPSIS if end < len(text) else ""
    body = text[start:end].replace("\n", " ")
    shift = len(lead) - start
    ranges = sorted((m.start + shift, m.end + shift) for m in matches)
    merged: list[tuple[int, int]] = []
    for begin, finish in ranges:
        if merged and begin <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], finish))
        else:
            merged.append((begin, finish))
    return Snippet(lead + body + tail, merged)


def _word_start(text: str, index: int) -> int:
    # Move right to the start of a word so the passage does not open mid-word.
    if index <= 0:
        return 0
    if not text[index - 1].isalnum():
        return index
    space = text.find(" ", index)
    return index if space < 0 else space + 1


def _word_end(text: str, index: int) -> int:
    # Move left to the end of a word so the passage does not close mid-word.
    if index >= len(text) or not text[index].isalnum() or not text[index - 1].isalnum():
        return index
    space = text.rfind(" ", 0, index)
    return index if space <= 0 else space
