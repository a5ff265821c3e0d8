"""Files saved under a .pdf name that are something else say what they are."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from app.extract.parsed import FailureKind, ParseFailure
from app.extract.pdfparse import parse_pdf
from tests.pdfgen import make_pdf


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"\xef\xbb\xbf\n  <!DOCTYPE html><title>Sign in</title>", "a web page"),
        (b"<HTML><body>403 Forbidden</body></HTML>", "a web page"),
        (b"PK\x03\x04" + b"\0" * 40, "a ZIP archive"),
        (b"%!PS-Adobe-3.0\n", "a PostScript file"),
        (b"AT&TFORM\0\0\0\0DJVU", "a DjVu document"),
        (b"\x89PNG\r\n\x1a\n" + b"0" * 100, "a PNG image"),
        (b"plain words, nothing else", "no PDF header"),
    ],
)
def test_the_reason_names_the_format(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "paper.pdf"
    path.write_bytes(content)
    result = parse_pdf(str(path))
    assert isinstance(result, ParseFailure) and result.kind is FailureKind.NOT_PDF
    assert result.reason.startswith("not a PDF") and expected in result.reason


def test_a_gzipped_pdf_says_to_decompress_it(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "inner.pdf", ["Compressed by a download gone wrong. " * 20])
    path = tmp_path / "paper.pdf"
    path.write_bytes(gzip.compress(pdf.read_bytes()))
    result = parse_pdf(str(path))
    assert isinstance(result, ParseFailure)
    assert "gzip-compressed" in result.reason and "decompress it" in result.reason
