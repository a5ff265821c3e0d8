"""Page text and line layout from MuPDF's structured-text printers."""

from __future__ import annotations

from pathlib import Path

import pymupdf
import pytest

from app.extract.stext import _decode, page_layout, page_text, text_page
from app.textnorm import normalize_page_text, sanitize
from tests.pdfgen import make_pdf


def _one_page(tmp_path: Path) -> pymupdf.Document:
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((72, 100), "A Bold Title", fontsize=20, fontname="hebo")
    page.insert_text((72, 400), "the body is hyphen-", fontsize=10, fontname="helv")
    page.insert_text((72, 412), "ated across two lines", fontsize=10, fontname="helv")
    path = tmp_path / "one.pdf"
    doc.save(path)
    return pymupdf.open(path)


def test_layout_lines_carry_font_size_and_weight(tmp_path: Path) -> None:
    with _one_page(tmp_path) as doc:
        text, lines = page_layout(text_page(doc[0]), 0)
    title, first, second = lines
    assert (title.text, title.size, title.bold, title.page) == ("A Bold Title", 20.0, True, 0)
    assert title.font == "Helvetica-Bold"
    assert (first.size, first.bold, first.font) == (10.0, False, "Helvetica")
    assert first.bbox[1] < second.bbox[1] and title.bbox[3] < first.bbox[1]
    # Text blocks are paragraphs: a blank line between them, single newlines inside.
    assert text.startswith("A Bold Title\n\n")
    assert normalize_page_text(text) == "A Bold Title\nthe body is hyphenated across two lines"


def test_page_text_keeps_line_ends_for_hyphenation(tmp_path: Path) -> None:
    with _one_page(tmp_path) as doc:
        text = page_text(text_page(doc[0]))
    assert "hyphen-\nated" in text
    assert "hyphenated across" in normalize_page_text(text)


def test_both_printers_read_the_same_words(tmp_path: Path) -> None:
    body = "Kernel methods and ﬁnite-width networks. " * 40
    path = make_pdf(tmp_path / "p.pdf", [body, body], title="Kernels", authors=["Ada Lovelace"])
    with pymupdf.open(path) as doc:
        for page in doc:
            flat = normalize_page_text(page_text(text_page(page)))
            laid_out = normalize_page_text(page_layout(text_page(page), page.number or 0)[0])
            assert flat.split() == laid_out.split() == normalize_page_text(page.get_text()).split()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"a\xc0\x80b", "ab"),  # MuPDF's two-byte NUL
        (b"x\xed\xa0\x80y", "xy"),  # a lone surrogate, removed by sanitize
        (b"x\xffy", "xy"),  # a byte that is no UTF-8 at all: replaced, then removed
    ],
)
def test_decoding_mupdf_output_never_fails(raw: bytes, expected: str) -> None:
    assert sanitize(_decode(raw)) == expected
