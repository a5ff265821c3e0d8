"""Offline bibliographic metadata for one parsed PDF.

`extract_metadata` reads, in order of trust: the layout of page 1 (title by size and
position, authors below it), the PDF's info dictionary when page 1 confirms it, the arXiv
stamp, identifiers and dates printed on the first pages, and finally the file name.
Every returned string has been through `app.textnorm.sanitize_line`.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from app.extract.parsed import ParsedPdf
from app.metadata.abstract import extract_abstract
from app.metadata.authors import authors_from_rows, metadata_authors
from app.metadata.cleaning import clean_text, fold
from app.metadata.dates import choose_year, year_from_rows, year_from_text
from app.metadata.identifiers import find_arxiv_id, find_bare_arxiv_id, find_doi
from app.metadata.layout import Row, body_size, is_running_text, page_rows, vertical_lines
from app.metadata.title import (
    TitleBlock,
    clean_metadata_title,
    confirmed_by_text,
    find_title_block,
    looks_like_title,
    title_from_filename,
)
from app.metadata.venue import (
    venue_from_cover,
    venue_from_header,
    venue_from_metadata,
    venue_from_notes,
)
from app.textnorm import sanitize_line

__all__ = ["PaperMetadata", "extract_metadata"]

_ARXIV_STAMP = re.compile(r"arxiv\s*:\s*\S+\s*\[[\w.\-]+\]", re.IGNORECASE)
_ARXIV_ALONE = re.compile(r"^\W*(?:preprint\W*)?arxiv\s*:\s*\S+\W*$", re.IGNORECASE)
_DOI_PLACEHOLDER = re.compile(r"x{3,}", re.IGNORECASE)
_REFERENCES = re.compile(r"^\s*(?:\d+\.?\s*)?(?:references|bibliography)\s*$", re.I | re.M)


@dataclass(frozen=True, slots=True)
class PaperMetadata:
    """What Lectern believes about a paper; see `extract_metadata`."""

    title: str  # never empty
    authors: list[str]  # "Given Family" as printed, in order
    year: int | None
    abstract: str
    arxiv_id: str | None  # with its version when printed: "1802.08365v2"
    doi: str | None  # canonical lower-case "10.xxxx/…"
    venue: str | None
    title_source: str  # "layout" | "pdf_metadata" | "filename"


@dataclass(slots=True)
class _Page:
    rows: list[Row]
    body: float


def _page(parsed: ParsedPdf, number: int) -> _Page:
    rows = page_rows(parsed.layout, number)
    return _Page(rows, body_size(rows))


def extract_metadata(parsed: ParsedPdf, file_name: str) -> PaperMetadata:
    """Title, authors, year, abstract, identifiers and venue of `parsed`, offline.

    `title` is never empty: without a usable layout or info-dict title it is made from
    `file_name`; `title_source` says which ("layout", "pdf_metadata" or "filename").
    """
    width, height = parsed.page_size
    if width <= 0 or height <= 0:
        width, height = 612.0, 792.0  # US Letter, when the page box is unusable
    info = parsed.pdf_metadata
    first = _page(parsed, 0)
    # The second page is read only when the first leaves a question open (a cover page, no
    # printed year), which saves a third of the metadata time of most papers.
    second = functools.cache(lambda: _page(parsed, 1))
    first_text = "\n".join(parsed.pages[:2])

    block = find_title_block(first.rows, first.body, height)
    title_page = first
    if block is None or not block.strong:
        # A blank or image-only cover: the paper may start on the next page.
        next_block = find_title_block(second().rows, second().body, height)
        if next_block is not None and (next_block.strong or block is None):
            block, title_page = next_block, second()
    title, source = _choose_title(block, info, first_text, file_name)

    authors: list[str] = []
    if block is not None and source != "filename":
        authors = authors_from_rows(title_page.rows, block, title_page.body, width)
    if not authors:
        authors = metadata_authors(info.get("author", ""), first_text)

    arxiv_id = _arxiv_id(parsed, first.rows, info, file_name)
    printed_year = (
        year_from_rows(first.rows, first.body, height)
        or year_from_text(parsed.pages[0] if parsed.pages else "")
        or year_from_rows(second().rows, second().body, height, notes=False)
    )
    return PaperMetadata(
        title=title,
        authors=[sanitize_line(name, 200) for name in authors],
        year=choose_year(arxiv_id, printed_year, file_name),
        abstract=extract_abstract(parsed.pages),
        arxiv_id=arxiv_id,
        doi=_doi(parsed, info),
        venue=_venue(title_page, block, height, info),
        title_source=source,
    )


def _choose_title(
    block: TitleBlock | None, info: dict[str, str], first_text: str, file_name: str
) -> tuple[str, str]:
    from_info = clean_metadata_title(info.get("title", ""))
    confirmed = bool(from_info) and confirmed_by_text(from_info, first_text)
    if block is not None and block.strong:
        printed = block.text
        if confirmed and fold(printed) != fold(from_info) and fold(printed) in fold(from_info):
            # The layout caught part of a title the info dict and page 1 agree on.
            return from_info, "pdf_metadata"
        if confirmed and fold(printed) == fold(from_info) and printed.isupper():
            return from_info, "layout"
        return printed, "layout"
    if confirmed:
        return from_info, "pdf_metadata"
    if block is not None and looks_like_title(block):
        return block.text, "layout"
    if from_info:
        # Plausible, and page 1 offers nothing better (a scan, or no distinct title).
        return from_info, "pdf_metadata"
    return sanitize_line(title_from_filename(file_name), 500), "filename"


def _arxiv_id(
    parsed: ParsedPdf, rows: list[Row], info: dict[str, str], file_name: str
) -> str | None:
    # The paper's own id is in arXiv's side stamp (or an equivalent line, or the info
    # dict); ids cited in the running text belong to other papers.
    for line in vertical_lines(parsed.layout, 0):
        found = find_arxiv_id(line.text)
        if found:
            return found
    for row in rows:
        if _ARXIV_STAMP.search(row.text) or _ARXIV_ALONE.match(row.text):
            found = find_arxiv_id(row.text)
            if found:
                return found
    for key in ("title", "subject", "keywords"):
        found = find_arxiv_id(info.get(key, ""))
        if found:
            return found
    return find_bare_arxiv_id(file_name)


def _doi(parsed: ParsedPdf, info: dict[str, str]) -> str | None:
    page = parsed.pages[0] if parsed.pages else ""
    # DOIs listed under "References" are those of cited works.
    references = _REFERENCES.search(page)
    candidates = [
        page[: references.start()] if references else page,
        " ".join(info.get(key, "") for key in ("doi", "subject", "title", "keywords")),
    ]
    for text in candidates:
        found = find_doi(text)
        if found and not _DOI_PLACEHOLDER.search(found):
            return sanitize_line(found, 300)
    return None


def _venue(
    page: _Page, block: TitleBlock | None, height: float, info: dict[str, str]
) -> str | None:
    notes = [row for row in page.rows if not is_running_text(row, page.body, height)]
    top = block.rows[0].y0 if block is not None else 0.0
    headers = [
        row for row in notes if row.y1 <= top or row.y0 < 0.12 * height or row.y1 > 0.85 * height
    ]
    venue = (
        venue_from_notes(notes)
        or venue_from_header(headers)
        or venue_from_metadata(info.get("subject", ""))
        or venue_from_cover(notes)
        or ""
    )
    return clean_text(venue, 300) or None
