"""The title: the largest text near the top of page 1, checked against the PDF's own metadata.

Publishers and typesetters surround the title with text that can be as large (journal
banners, "Preprint" headers, cover-page boilerplate); those rows are never candidates.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from app.metadata.cleaning import clean_text, fold, letter_ratio, strip_trailing_marks, words
from app.metadata.identifiers import find_bare_arxiv_id
from app.metadata.layout import Row
from app.metadata.names import split_names

BOILERPLATE = re.compile(
    r"^(?:arxiv\s*:|preprint\b|under review|work in progress|draft\b|published (?:as|in)\b"
    r"|accepted (?:at|to|for|in)\b|to appear\b|appeared in\b|in proceedings\b|proceedings of\b"
    r"|contents lists? available|journal homepage|available online|downloaded from"
    r"|see discussions|research article$|original (?:research|article)$|review article$"
    r"|technical report\b|tech\.? rep|invited paper$|copyright\b|©|\(c\)\s*\d{4}|doi\b"
    r"|https?:|www\.|e-?mail\b|permission to\b|vol(?:ume)?\.?\s*\d|issn\b|isbn\b"
    r"|(?:extended )?abstract[\s.:—–|-]*$|abstract\s*[.:—–|]|summary[.:]?$|contents$"
    r"|(?:\d+(?:\.\d+)*\.?|[ivx]+\.)?\s*introduction$|references$|keywords?\b|index terms\b)",
    re.IGNORECASE,
)
_BOGUS_METADATA_TITLE = re.compile(
    r"^(?:microsoft (?:word|powerpoint)|untitled|no title|title$|document\d*$|paper$|slides?$"
    r"|presentation$|template|manuscript$|main$|article$|draft$|doi\s*:|https?:|www\.|arxiv\s*:)"
    r"|\.(?:dvi|tex|docx?|pdf|ps|eps|rtf|odt|indd|qxd|qxp|fm|wpd)\b",
    re.IGNORECASE,
)
_METADATA_PREFIX = re.compile(r"^\[[^\]]{1,40}\]\s*|^[A-Z]{2,8}\s+\d{1,5}\s+[-–—:]\s+")
_SECTION_NUMBER = re.compile(r"^(?:\d+(?:\.\d+)*\.?|[IVX]+\.)\s+[A-Z]")
MAX_TITLE_ROWS = 6
MAX_TITLE_CHARS = 350
# Sizes this close count as the same (rounding, optical sizes of the same font).
SAME_SIZE_RATIO = 0.05
STRONG_RATIO = 1.12


@dataclass(frozen=True, slots=True)
class TitleBlock:
    """The rows chosen as the printed title."""

    rows: tuple[Row, ...]
    text: str
    size: float
    strong: bool  # clearly set apart from the running text (larger, or bold)


def _same_class(a: Row, b: Row) -> bool:
    return abs(a.size - b.size) <= max(0.5, SAME_SIZE_RATIO * max(a.size, b.size)) and (
        a.bold == b.bold
    )


def _overlaps(a: Row, b: Row) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1


def _eligible(row: Row) -> bool:
    text = row.text
    return (
        sum(map(str.isalpha, text)) >= 2
        and letter_ratio(text) >= 0.6
        and "@" not in text
        and not BOILERPLATE.match(text.strip(" ∗*†‡§¶"))
    )


def join_rows(rows: Sequence[Row]) -> str:
    """Title text from its rows, mending words hyphenated across rows."""
    text = ""
    for row in rows:
        piece = row.text.strip()
        if text.endswith("-") and piece[:1].islower() and not text.endswith(" -"):
            text = text[:-1] + piece
        elif text.endswith("-"):
            text += piece
        else:
            text = f"{text} {piece}" if text else piece
    text = strip_trailing_marks(clean_text(text))
    # A full stop ends some printed titles; an ellipsis or an abbreviation keeps it.
    if text.endswith(".") and not text.endswith("..") and not re.search(r"\b\w{1,3}\.$", text):
        text = text[:-1]
    return text


def _groups(rows: Sequence[Row]) -> list[list[Row]]:
    eligible = [row for row in rows if _eligible(row)]
    used: set[int] = set()
    groups = []
    for start, row in enumerate(eligible):
        if start in used:
            continue
        group = [row]
        for index in range(start + 1, len(eligible)):
            other = eligible[index]
            last = group[-1]
            if other.y0 - last.y1 > 0.8 * last.size:
                break
            if index not in used and _same_class(other, last) and _overlaps(other, last):
                group.append(other)
                used.add(index)
        groups.append(group)
    return groups


_DATED = re.compile(r"\b(?:19|20)\d{2}\b|\bvol", re.IGNORECASE)


def _is_banner(group: Sequence[Row], dated: Sequence[tuple[Row, str]]) -> bool:
    # A journal's name printed large at the top is also the start of its running header
    # ("Journal Name 59 (2022) 103061"); `dated` holds the page's rows with a year or volume.
    key = fold(" ".join(row.text for row in group))
    if not key:
        return True
    return any(row not in group and folded.startswith(key) for row, folded in dated)


def find_title_block(rows: Sequence[Row], body: float, page_height: float) -> TitleBlock | None:
    """The printed title among `rows` (one page), or None when nothing stands out."""
    dated = [(row, fold(row.text)) for row in rows if _DATED.search(row.text)]
    candidates = []
    for group in _groups(rows):
        text = join_rows(group)
        if (
            len(group) > MAX_TITLE_ROWS
            or not 3 <= len(text) <= MAX_TITLE_CHARS
            or group[0].y0 > 0.75 * page_height
            or _is_banner(group, dated)
        ):
            continue
        candidates.append((group, text))
    if not candidates:
        return None
    largest = max(group[0].size for group, _ in candidates)
    top = [item for item in candidates if item[0][0].size >= largest * (1 - SAME_SIZE_RATIO / 2)]
    # Equal sizes: bold before regular (a cover's institution line), then the topmost.
    group, text = min(top, key=lambda item: (not item[0][0].bold, item[0][0].y0))
    size = group[0].size
    body_bold = _body_is_bold(rows, body)
    strong = size >= STRONG_RATIO * body or (group[0].bold and not body_bold and size >= body)
    group, text = _with_subtitle(group, text, rows, body)
    return TitleBlock(rows=tuple(group), text=text, size=size, strong=strong)


def _body_is_bold(rows: Sequence[Row], body: float) -> bool:
    body_rows = [row for row in rows if abs(row.size - body) <= 0.5]
    bold = sum(len(row.text) for row in body_rows if row.bold)
    return bold * 2 > sum(len(row.text) for row in body_rows)


def _with_subtitle(
    group: list[Row], text: str, rows: Sequence[Row], body: float
) -> tuple[list[Row], str]:
    # A subtitle set directly below in a smaller size of the same weight belongs to it.
    below = [row for row in rows if row.y0 >= group[-1].y1 - 1 and _eligible(row)]
    if not below:
        return group, text
    first = below[0]
    size = group[0].size
    if (
        first.y0 - group[-1].y1 > 1.2 * size
        or not 0.7 * size <= first.size < size * (1 - SAME_SIZE_RATIO)
        or first.size < STRONG_RATIO * body
        or first.bold != group[0].bold
    ):
        return group, text
    subtitle = [first]
    for row in below[1:3]:
        if _same_class(row, first) and row.y0 - subtitle[-1].y1 <= 0.8 * row.size:
            subtitle.append(row)
    sub_text = join_rows(subtitle)
    if (
        _SECTION_NUMBER.match(sub_text)
        or len(words(sub_text)) < 2
        or any(split_names(part) for row in subtitle for part in row.parts)
    ):
        return group, text
    joiner = " " if text.endswith((":", "-", "—", "–")) else ": "
    return group + subtitle, text + joiner + sub_text


def looks_like_title(block: TitleBlock) -> bool:
    """For a block that does not stand out by size: short, and not a sentence."""
    text = block.text
    return (
        len(block.rows) <= 3
        and len(text) <= 200
        and len(text.split()) <= 25
        and not text.rstrip().endswith((".", ",", ";"))
    )


def clean_metadata_title(raw: str) -> str:
    """The info-dict title without repository tags; '' when it is a file name or filler."""
    title = clean_text(raw)
    title = _METADATA_PREFIX.sub("", title).strip()
    if len(title) < 4 or len(title.split()) < 2 or _BOGUS_METADATA_TITLE.search(title):
        return ""
    return strip_trailing_marks(title)


def confirmed_by_text(title: str, page_text: str) -> bool:
    """True when `title` is printed in `page_text` (exactly, or nearly word for word)."""
    key = fold(title)
    if len(key) >= 6 and key in fold(page_text):
        return True
    title_words = [word for word in words(title) if len(word) >= 3]
    if len(title_words) < 3:
        return False
    present = set(words(page_text))
    return sum(word in present for word in title_words) >= 0.9 * len(title_words)


_FILENAME_NOISE = re.compile(
    r"(?<![^\W_])(?:v\d+|final|camera[- ]?ready|\(\d+\))(?![^\W_])|^\d{1,3}(?=[\s_-])",
    re.IGNORECASE,
)


def title_from_filename(file_name: str) -> str:
    """A readable title made from a file name, the last resort ("Untitled" if nothing's left)."""
    base = clean_text(re.sub(r"\.pdf$", "", Path(file_name).name, flags=re.IGNORECASE))
    stem = base
    arxiv = find_bare_arxiv_id(stem)
    if arxiv:
        stem = stem.replace(arxiv, " ")
    stem = _FILENAME_NOISE.sub(" ", stem)
    stem = re.sub(r"[_\s]+", " ", stem)
    if " " not in stem.strip():
        stem = stem.replace("-", " ")
    title = clean_text(" ".join(stem.split()).strip(" -._"))
    if sum(c.isalpha() for c in title) >= 2:
        return title
    if arxiv:
        return f"arXiv {arxiv}"
    return base if any(c.isalnum() for c in base) else "Untitled"
