"""Authors: the name lines between the title and the abstract.

Names share one typographic style (size and weight); affiliations, addresses and e-mails
in the same block usually differ from it, and never pass `is_person_name`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.metadata.cleaning import fold
from app.metadata.layout import Row
from app.metadata.names import name_chunks, names_in_chunk
from app.metadata.title import TitleBlock

_STOP = re.compile(
    r"^\s*(?:abstract\b|a\s?b\s?s\s?t\s?r\s?a\s?c\s?t\b|summary[.:]?$|keywords?\b|index terms"
    r"|(?:\d+(?:\.\d+)*\.?|[ivx]+\.)?\s*introduction\b|contents$|a\s?r\s?t\s?i\s?c\s?l\s?e\s+info)",
    re.IGNORECASE,
)
# Repository cover pages and venue notes: not author lines even when capitalized.
_NOT_AUTHORS = re.compile(
    r"^\s*(?:article|conference paper|chapter|book|thesis|published|preprint|proceedings"
    r"|to appear|accepted|in proceedings)\b",
    re.IGNORECASE,
)
# The author block ends well within this distance below the title.
MAX_BLOCK_DEPTH = 330.0
MAX_AUTHORS = 100


def _is_paragraph(row: Row, body: float, page_width: float) -> bool:
    # Running text: long, body-sized, and mostly lower-case words (affiliations are not).
    tokens = row.text.split()
    lower = sum(token[:1].islower() for token in tokens)
    return (
        row.size <= body + 0.3
        and row.x1 - row.x0 > 0.4 * page_width
        and len(row.text) > 60
        and lower >= 0.5 * len(tokens)
    )


def _single_word(chunk: str) -> bool:
    return len(chunk.split()) == 1 and chunk[:1].isupper()


def authors_from_rows(
    rows: Sequence[Row], title: TitleBlock, body: float, page_width: float
) -> list[str]:
    """Names printed below `title` on its page, in reading order."""
    # Centres, not edges: some fonts report glyph boxes far taller than the text.
    last = title.rows[-1].center
    below = [
        row
        for row in rows
        if row.page == title.rows[0].page
        and row not in title.rows
        and last + 0.5 * title.size < row.center <= last + MAX_BLOCK_DEPTH
    ]
    names: list[str] = []
    style: tuple[float, bool] | None = None
    carry = ""
    for row in below:
        if _STOP.match(row.text):
            break
        if style and (abs(row.size - style[0]) > 0.6 or row.bold != style[1]):
            if _is_paragraph(row, body, page_width):
                break
            continue
        if _NOT_AUTHORS.match(row.text):
            continue
        chunks = [chunk for part in row.parts for chunk in name_chunks(part)]
        if carry and chunks and _single_word(chunks[0]):
            chunks[0] = f"{carry} {chunks[0]}"
        carry = ""
        found = [name for chunk in chunks for name in names_in_chunk(chunk)]
        # "…, and Pascale" / "Sébillot": a name broken across two rows.
        if found and chunks and _single_word(chunks[-1]):
            carry = chunks[-1]
        if not found:
            if _is_paragraph(row, body, page_width):
                break
            continue
        if style is None:
            style = (row.size, row.bold)
        names.extend(found)
    return _dedupe(names)[:MAX_AUTHORS]


def _dedupe(names: list[str]) -> list[str]:
    seen: set[str] = set()
    unique = []
    for name in names:
        key = fold(name)
        if key not in seen:
            seen.add(key)
            unique.append(name)
    return unique


def _surname(name: str) -> str:
    """The last word of a "Given Family" name."""
    parts = name.split()
    return parts[-1] if parts else ""


def metadata_authors(raw: str, page_text: str) -> list[str]:
    """Names from the info dict's author field, kept only if page 1 prints them."""
    names = [name for chunk in name_chunks(raw) for name in names_in_chunk(chunk)]
    if not names:
        return []
    printed = fold(page_text)
    confirmed = [name for name in names if fold(_surname(name)) in printed]
    if len(confirmed) < max(1, 0.8 * len(names)):
        return []
    return _dedupe(names)[:MAX_AUTHORS]
