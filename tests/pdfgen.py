"""Build test PDFs with PyMuPDF: real files, written into temporary folders."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pymupdf

PAGE_WIDTH = 595
PAGE_HEIGHT = 842
MARGIN = 56


def make_pdf(
    path: Path,
    pages: Sequence[str],
    *,
    title: str | None = None,
    authors: Sequence[str] = (),
    metadata: dict[str, str] | None = None,
    fontsize: float = 10,
) -> Path:
    """Write a PDF whose first page starts with a large `title` and an author line.

    `pages` are the body texts, one per page, laid out as wrapped paragraphs; the text
    layer is real, so extraction, search and highlights see exactly these words.
    """
    doc = pymupdf.open()
    for number, body in enumerate(pages or [""]):
        page = doc.new_page(width=PAGE_WIDTH, height=PAGE_HEIGHT)
        top = MARGIN
        if number == 0 and title:
            box = pymupdf.Rect(MARGIN, top, PAGE_WIDTH - MARGIN, top + 60)
            page.insert_textbox(box, title, fontsize=18, fontname="hebo", align=1)
            top += 66
            if authors:
                box = pymupdf.Rect(MARGIN, top, PAGE_WIDTH - MARGIN, top + 20)
                page.insert_textbox(box, ", ".join(authors), fontsize=11, align=1)
                top += 30
        box = pymupdf.Rect(MARGIN, top, PAGE_WIDTH - MARGIN, PAGE_HEIGHT - MARGIN)
        if body:
            spare = page.insert_textbox(box, body, fontsize=fontsize, fontname="helv")
            if spare < 0:
                raise ValueError(f"page {number + 1}'s text does not fit on one page")
    meta = dict(metadata or {})
    if title and "title" not in meta:
        meta.setdefault("title", "")
    doc.set_metadata(meta)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(path)
    doc.close()
    return path


def make_scan_pdf(path: Path, page_count: int = 1) -> Path:
    """A PDF with drawings but no text layer, like a scanned paper."""
    doc = pymupdf.open()
    for _ in range(page_count):
        page = doc.new_page(width=PAGE_WIDTH, height=PAGE_HEIGHT)
        for row in range(40):
            y = MARGIN + row * 18
            page.draw_line((MARGIN, y), (PAGE_WIDTH - MARGIN, y), width=4)
    doc.save(path)
    doc.close()
    return path


def add_noise_image(path: Path, side: int = 400, seed: int = 0) -> Path:
    """Add an incompressible image to page 1 (to make a file big without more text)."""
    import random

    pixels = random.Random(seed).randbytes(side * side * 3)
    image = pymupdf.Pixmap(pymupdf.csRGB, side, side, pixels, False)
    with pymupdf.open(path) as doc:
        doc[0].insert_image(pymupdf.Rect(0, 0, 100, 100), pixmap=image)
        data = doc.tobytes(garbage=0)
    path.write_bytes(data)
    return path
