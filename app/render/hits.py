"""Find the matches of search terms on a PDF page, in reading order, without duplicates.

Runs inside the render worker (the page objects are PyMuPDF's, typed as Any).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from app.render.model import Rect
from app.textnorm import sanitize_line

MAX_TERMS = 16
MAX_TERM_LENGTH = 200
MAX_HITS_PER_PAGE = 1000
# A match mostly covered by one already kept is the same occurrence found twice, e.g.
# "kernel" inside "kernel methods" when both are terms.
_OVERLAP_DUPLICATE = 0.6
_LINE_END_HYPHENS = ("-", "\u00ad", "\u2010")
# Each match split over two lines costs two more searches of the page.
_MAX_SPLIT_MATCHES = 50
_OPTIONAL_BREAK = "(?:[-\u00ad\u2010] *\n *)?"


def normalize_terms(terms: Iterable[str]) -> list[str]:
    """Clean the terms to search: sanitized, NFKC, no quotes, no empties, no case duplicates.

    Multi-word terms stay whole, so they are searched as phrases.
    """
    cleaned: list[str] = []
    seen: set[str] = set()
    for term in terms:
        text = sanitize_line(str(term), MAX_TERM_LENGTH).strip().strip('"').strip()
        key = text.casefold()
        if text and key not in seen:
            seen.add(key)
            cleaned.append(text)
        if len(cleaned) == MAX_TERMS:
            break
    return cleaned


def search_page(page: Any, terms: Sequence[str]) -> list[Rect]:
    """Every match of every term on `page` (case-insensitive), in displayed-page points."""
    if not terms:
        return []
    import pymupdf

    textpage = page.get_textpage(flags=_search_flags())
    found: list[Rect] = []
    words: list[Any] | None = None
    for term in terms:
        rects = [_as_tuple(rect) for rect in page.search_for(term, textpage=textpage)]
        if rects:
            words = textpage.extractWORDS() if words is None else words
            found.extend(_at_word_starts(rects, term, words))
        if len(found) >= MAX_HITS_PER_PAGE:
            break
    across = _matches_across_hyphens(page, textpage, terms, words)
    unique = remove_overlaps(found + across)
    if (len(terms) > 1 or across) and len(unique) > 1:
        unique = _in_reading_order(unique, textpage.extractBLOCKS())
    rotation = page.rotation_matrix
    return [_as_tuple(pymupdf.Rect(rect) * rotation) for rect in unique[:MAX_HITS_PER_PAGE]]


def _at_word_starts(rects: list[Rect], term: str, words: Sequence[Any]) -> list[Rect]:
    """The matches that start a word: MuPDF also finds "rate" inside "accurate"."""
    needle = term.split()[0].lower()
    holders = [word for word in words if needle in str(word[4]).lower()]
    return [rect for rect in rects if _starts_a_word(rect, needle, holders)]


def _starts_a_word(rect: Rect, needle: str, words: Sequence[Any]) -> bool:
    middle = (rect[1] + rect[3]) / 2
    for x0, y0, x1, y1, text, *_ in words:
        if not (y0 <= middle <= y1 and x0 - 1.0 <= rect[0] < x1):
            continue
        lowered = str(text).lower()
        starts = [m.start() for m in re.finditer(re.escape(needle), lowered)]
        # The occurrence this rectangle covers: the one nearest its place in the word.
        estimate = (rect[0] - x0) / max(x1 - x0, 1e-6) * len(lowered)
        start = min(starts, key=lambda index: abs(index - estimate))
        return start == 0 or not _inside_word(lowered[start - 1], needle[0])
    return True  # no word holds it (ligatures, odd spacing): keep what MuPDF found


def _inside_word(before: str, first: str) -> bool:
    # Scripts written without spaces (CJK) have no word starts to respect.
    alphabetic = before.isalnum() and first.isalnum()
    return alphabetic and ord(before) < 0x2E80 and ord(first) < 0x2E80


def _search_flags() -> int:
    import pymupdf

    # No TEXT_DEHYPHENATE: with it, MuPDF 1.28 shifts the rectangles of matches that follow
    # a hyphenated line break in the same block by the removed characters. Words split at a
    # line end are matched by `_matches_across_hyphens` instead.
    # No TEXT_PRESERVE_LIGATURES: terms come from NFKC-normalized text, and "classification"
    # must match "classiﬁcation".
    return int(pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_MEDIABOX_CLIP)


@dataclass(frozen=True, slots=True)
class _Line:
    block: int
    text: str
    box: Rect


def _lines(words: Sequence[Any]) -> list[_Line]:
    grouped: dict[tuple[int, int], list[Any]] = {}
    for word in words:
        grouped.setdefault((int(word[5]), int(word[6])), []).append(word)
    lines = []
    for (block, _), members in grouped.items():
        box = (
            min(float(w[0]) for w in members),
            min(float(w[1]) for w in members),
            max(float(w[2]) for w in members),
            max(float(w[3]) for w in members),
        )
        lines.append(_Line(block, " ".join(str(w[4]) for w in members), box))
    return lines


def _matches_across_hyphens(
    page: Any, textpage: Any, terms: Sequence[str], words: list[Any] | None
) -> list[Rect]:
    """Matches of terms in words split by a hyphen at a line end ("pre-" / "training")."""
    if not _may_split(textpage.extractText(), terms):
        return []
    found: list[Rect] = []
    lines = _lines(textpage.extractWORDS() if words is None else words)
    budget = _MAX_SPLIT_MATCHES
    for upper, lower in itertools.pairwise(lines):
        if upper.block != lower.block or not upper.text.endswith(_LINE_END_HYPHENS):
            continue
        head_text = upper.text[:-1]
        joined = head_text + lower.text
        folded = joined.lower()
        if len(folded) != len(joined):  # case folding changed lengths: offsets unusable
            continue
        split = len(head_text)
        for term in terms:
            needle = term.lower()
            start = folded.find(needle, max(0, split - len(needle) + 1))
            while 0 <= start < split and budget > 0:
                end = start + len(needle)
                if end > split:
                    budget -= 1
                    head, tail = joined[start:split], joined[split:end]
                    found.extend(_part_rects(page, textpage, head, upper.box, last=True))
                    found.extend(_part_rects(page, textpage, tail, lower.box, last=False))
                start = folded.find(needle, start + 1)
    return found


def _may_split(text: str, terms: Sequence[str]) -> bool:
    """Whether a term occurs in `text` with a hyphenated line break inside (a cheap check)."""
    if not any(hyphen + "\n" in text for hyphen in _LINE_END_HYPHENS):
        return False
    for term in terms:
        parts = [r"\s+" if char.isspace() else re.escape(char) for char in term]
        pattern = _OPTIONAL_BREAK.join(parts)
        for match in re.finditer(pattern, text, flags=re.IGNORECASE):
            if "\n" in match.group(0):
                return True
    return False


def _part_rects(page: Any, textpage: Any, text: str, line: Rect, *, last: bool) -> list[Rect]:
    """The rectangle of `text` at the end (`last`) or the start of the line box `line`."""
    rects = [
        rect
        for rect in (_as_tuple(r) for r in page.search_for(text.strip(), textpage=textpage))
        if _intersection(rect, line) >= 0.5 * _area(rect)
    ]
    if not rects:
        return []
    return [max(rects, key=lambda r: r[2]) if last else min(rects, key=lambda r: r[0])]


def remove_overlaps(rects: Sequence[Rect]) -> list[Rect]:
    """Drop rectangles mostly covered by a larger one; keep the input order otherwise."""
    by_size = sorted(range(len(rects)), key=lambda i: -_area(rects[i]))
    kept: list[int] = []
    for index in by_size:
        rect = rects[index]
        area = _area(rect)
        if area <= 0:
            continue
        if all(_intersection(rect, rects[other]) < _OVERLAP_DUPLICATE * area for other in kept):
            kept.append(index)
    return [rects[i] for i in sorted(kept)]


def _in_reading_order(rects: list[Rect], blocks: Sequence[Any]) -> list[Rect]:
    # Matches of different terms come term by term; MuPDF's block order follows the text
    # flow (columns included), so sort by block, then line, then left to right.
    boxes = [tuple(float(v) for v in block[:4]) for block in blocks]

    def key(rect: Rect) -> tuple[int, int, float]:
        cx, cy = (rect[0] + rect[2]) / 2, (rect[1] + rect[3]) / 2
        block = next(
            (n for n, b in enumerate(boxes) if b[0] <= cx <= b[2] and b[1] <= cy <= b[3]),
            len(boxes),
        )
        return block, round(cy / 4), rect[0]

    return sorted(rects, key=key)


def _as_tuple(rect: Any) -> Rect:
    return (float(rect.x0), float(rect.y0), float(rect.x1), float(rect.y1))


def _area(rect: Rect) -> float:
    return max(0.0, rect[2] - rect[0]) * max(0.0, rect[3] - rect[1])


def _intersection(a: Rect, b: Rect) -> float:
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return width * height if width > 0 and height > 0 else 0.0
