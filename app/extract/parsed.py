"""What a worker process returns for one file. Everything here must stay picklable."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class FailureKind(StrEnum):
    NOT_PDF = "not_pdf"
    DAMAGED = "damaged"
    EMPTY = "empty"
    ENCRYPTED = "encrypted"
    TOO_LARGE = "too_large"
    TIMED_OUT = "timed_out"
    OUT_OF_MEMORY = "out_of_memory"
    CRASHED = "crashed"
    UNREADABLE = "unreadable"


@dataclass(frozen=True, slots=True)
class ParseFailure:
    """A file that cannot become a paper, with a reason a person understands."""

    kind: FailureKind
    reason: str


@dataclass(frozen=True, slots=True)
class TextLine:
    """One line of the first pages' layout, for title/author detection.

    `size` is the largest font size in the line, `bold` whether most of it is bold;
    `bbox` is (x0, y0, x1, y1) in PDF points, y growing downwards; `page` is 0-based.
    """

    text: str
    size: float
    bold: bool
    font: str
    bbox: tuple[float, float, float, float]
    page: int
    block: int


@dataclass(slots=True)
class ParsedPdf:
    """The text and hints extracted from one PDF.

    `pages` holds normalized text (see `app.textnorm.normalize_page_text`), one string per
    page, '' for pages that failed or have no text; `failed_pages` lists the 0-based pages
    that raised. `layout` covers the first two pages.
    """

    page_count: int
    pages: list[str]
    pdf_metadata: dict[str, str]
    layout: list[TextLine]
    page_size: tuple[float, float]
    failed_pages: list[int] = field(default_factory=list)
    encrypted_owner_only: bool = False
    warnings: int = 0

    @property
    def has_text(self) -> bool:
        """True when the PDF has a usable text layer (a scan has none)."""
        return sum(len(p) for p in self.pages) >= 20 * max(1, min(self.page_count, 3))
