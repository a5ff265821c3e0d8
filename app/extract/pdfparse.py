"""Parse one PDF with PyMuPDF. Runs in a worker process: arguments and results are picklable.

MuPDF raises many unrelated exception types (FileDataError, FzError*, RuntimeError,
IndexError, ValueError, RecursionError), per call and per page, so every call is wrapped
in `except Exception` and a page that raises is recorded, not fatal.
"""

from __future__ import annotations

import contextlib
import functools
import os
from pathlib import Path
from typing import Any

from app.extract.parsed import FailureKind, ParsedPdf, ParseFailure, TextLine
from app.extract.stext import page_layout, page_text, text_page
from app.paths import is_text_path
from app.textnorm import normalize_page_text, sanitize_line

PDF_MAGIC = b"%PDF-"
# Some producers put junk before the header; readers accept it within the first KiB.
MAGIC_WINDOW = 1024
LAYOUT_PAGES = 2
MAX_METADATA_VALUE = 2000
MAX_PAGES = 20_000
MAX_FILE_BYTES = 2 * 1024**3


# What files saved under a .pdf name turn out to be, by their first bytes.
_OTHER_FORMATS = (
    (b"\x1f\x8b", "a gzip-compressed file; decompress it, then add the PDF inside"),
    (b"PK\x03\x04", "a ZIP archive (or an EPUB or Office document)"),
    (b"%!PS", "a PostScript file"),
    (b"AT&TFORM", "a DjVu document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"{\\rtf", "an RTF document"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
)
# A web page saved instead of the paper: usually a login, paywall or error page.
_WEB_PAGE = (b"<!doctype html", b"<html", b"<head", b"<?xml", b"<!--")


def looks_like_pdf(path: Path) -> bool:
    """Content sniffing: a PDF header near the start of the file, whatever its name."""
    return PDF_MAGIC in _head(path)


def not_pdf_reason(path: Path) -> str:
    """Why a file without a PDF header cannot be read, naming what it is when known."""
    head = _head(path)
    for magic, what in _OTHER_FORMATS:
        if head.startswith(magic):
            return f"not a PDF: it is {what}"
    if head.lstrip(b"\xef\xbb\xbf\t\r\n ").lower().startswith(_WEB_PAGE):
        return "not a PDF: it is a web page (often a login or error page saved in its place)"
    return "not a PDF (no PDF header in the file)"


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(MAGIC_WINDOW)
    except OSError:
        return b""


def parse_pdf(path: str) -> ParsedPdf | ParseFailure:
    """Extract normalized page text, metadata and first-page layout from `path`."""
    file = Path(path)
    try:
        size = file.stat().st_size
    except OSError as exc:
        return ParseFailure(FailureKind.UNREADABLE, f"cannot read the file ({exc.strerror})")
    if size == 0:
        return ParseFailure(FailureKind.EMPTY, "the file is empty (0 bytes)")
    if size > MAX_FILE_BYTES:
        return ParseFailure(FailureKind.TOO_LARGE, "the file is larger than 2 GiB")
    if not looks_like_pdf(file):
        return ParseFailure(FailureKind.NOT_PDF, not_pdf_reason(file))

    import pymupdf  # imported here: the parent process never pays for it

    configure_mupdf()
    try:
        doc = _open(pymupdf, file)
    except Exception as exc:
        return _open_failure(file, exc)
    try:
        return _parse_open_document(doc)
    finally:
        with contextlib.suppress(Exception):
            doc.close()
        _drain_mupdf_warnings(pymupdf)


def _open(pymupdf: Any, file: Path) -> Any:
    if is_text_path(file):
        return pymupdf.open(str(file), filetype="pdf")
    # MuPDF takes a file name as UTF-8 text; one that is not valid text is read in memory.
    return pymupdf.open(stream=file.read_bytes(), filetype="pdf")


def _parse_open_document(doc: Any) -> ParsedPdf | ParseFailure:
    if not getattr(doc, "is_pdf", False):
        return ParseFailure(FailureKind.NOT_PDF, "not a PDF (the content is another format)")
    try:
        needs_password = bool(doc.needs_pass)
    except Exception:
        needs_password = False
    if needs_password and not _try_empty_password(doc):
        return ParseFailure(FailureKind.ENCRYPTED, "password-protected: cannot be opened")
    try:
        page_count = int(doc.page_count)
    except Exception as exc:
        return ParseFailure(FailureKind.DAMAGED, f"damaged PDF: {_short(exc)}")
    if page_count <= 0:
        return ParseFailure(FailureKind.DAMAGED, "damaged PDF: no readable pages")
    if page_count > MAX_PAGES:
        return ParseFailure(
            FailureKind.TOO_LARGE, f"too many pages ({page_count:,}; the limit is {MAX_PAGES:,})"
        )

    pages: list[str] = []
    failed: list[int] = []
    out_of_memory = False
    layout: list[TextLine] = []
    page_size = (612.0, 792.0)
    for number in range(page_count):
        try:
            page = doc[number]
            if number == 0:
                page_size = (float(page.rect.width), float(page.rect.height))
            textpage = text_page(page)
            if number < LAYOUT_PAGES:
                text, lines = _text_and_layout(textpage, number)
                layout.extend(lines)
            else:
                text = page_text(textpage)
            pages.append(normalize_page_text(text))
        except MemoryError:
            out_of_memory = True
            failed.append(number)
            pages.append("")
        except Exception as exc:
            out_of_memory = out_of_memory or "alloc" in str(exc)
            failed.append(number)
            pages.append("")
    if len(failed) == page_count:
        if out_of_memory:
            return ParseFailure(
                FailureKind.TOO_LARGE,
                "too large: its content expands beyond the memory allowed for one file",
            )
        return ParseFailure(FailureKind.DAMAGED, "damaged PDF: none of its pages can be read")
    return ParsedPdf(
        page_count=page_count,
        pages=pages,
        pdf_metadata=_metadata(doc),
        layout=layout,
        page_size=page_size,
        failed_pages=failed,
        encrypted_owner_only=bool(getattr(doc, "is_encrypted", False)) and not needs_password,
    )


def _try_empty_password(doc: Any) -> bool:
    # Read `needs_pass` only before authenticate(): reading it afterwards re-authenticates
    # with an empty password and silently empties get_text() (a PyMuPDF bug).
    try:
        return bool(doc.authenticate(""))
    except Exception:
        return False


def _text_and_layout(textpage: Any, number: int) -> tuple[str, list[TextLine]]:
    # The layout only feeds metadata hints: a page whose layout cannot be read keeps its text.
    try:
        return page_layout(textpage, number)
    except Exception:
        return page_text(textpage), []


def _metadata(doc: Any) -> dict[str, str]:
    try:
        raw = doc.metadata
    except Exception:
        return {}
    if not isinstance(raw, dict):  # None for encrypted documents
        return {}
    cleaned: dict[str, str] = {}
    for key, value in raw.items():
        if isinstance(value, str) and value.strip():
            cleaned[str(key)] = sanitize_line(value, MAX_METADATA_VALUE)
    return cleaned


def _open_failure(file: Path, exc: Exception) -> ParseFailure:
    if _declares_encryption(file):
        return ParseFailure(
            FailureKind.ENCRYPTED, "encrypted with a method that cannot be opened"
        )
    message = _short(exc)
    if "Failed to open file" in message or str(file) in message:
        message = "its structure is broken beyond repair"
    return ParseFailure(FailureKind.DAMAGED, f"damaged PDF: {message}")


def _declares_encryption(file: Path) -> bool:
    """True when the trailer (end of the file) names an /Encrypt dictionary."""
    try:
        with file.open("rb") as handle:
            handle.seek(0, os.SEEK_END)
            size = handle.tell()
            handle.seek(max(0, size - 65536))
            return b"/Encrypt" in handle.read()
    except OSError:
        return False


@functools.cache
def configure_mupdf() -> None:
    """Settings of the (parse worker) process's MuPDF context, made once per process."""
    import pymupdf

    try:
        # MuPDF prints errors and warnings of broken files on stderr; outcomes carry the reason.
        pymupdf.TOOLS.mupdf_display_errors(False)
        pymupdf.TOOLS.mupdf_display_warnings(False)
        # Text needs no colour management; building ICC colour links costs about a tenth
        # of the extraction time of a typical paper.
        pymupdf.TOOLS.set_icc(False)
    except Exception:
        pass


def _drain_mupdf_warnings(pymupdf: Any) -> None:
    # PyMuPDF keeps MuPDF warnings in an unbounded module-level list; a long-lived worker
    # must empty it after each document.
    with contextlib.suppress(Exception):
        pymupdf.TOOLS.mupdf_warnings(reset=True)


def _short(exc: BaseException) -> str:
    text = sanitize_line(str(exc), 200) or type(exc).__name__
    return text.removeprefix("code=2: ").removeprefix("code=7: ")


def file_size(path: str) -> int:
    """Size in bytes, 0 when unreadable (used for progress figures)."""
    try:
        return os.stat(path).st_size
    except OSError:
        return 0
