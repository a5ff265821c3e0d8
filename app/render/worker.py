"""Open, render and search PDFs with PyMuPDF. Runs in the render worker process.

Contract: these are module-level functions called through `app.procs.WorkerProcess`; their
arguments and results are picklable. They return a `RenderFailure` instead of raising, except
when memory runs out: `MemoryError` then propagates so the supervisor replaces the process
(MuPDF may leave a half-freed heap behind).

MuPDF raises many unrelated exception types (FileDataError, FzError*, RuntimeError,
IndexError, ValueError, RecursionError), so every call is wrapped in `except Exception`.
"""

from __future__ import annotations

import contextlib
import math
from collections import OrderedDict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from app.extract.pdfparse import looks_like_pdf, not_pdf_reason
from app.render.hits import normalize_terms, search_page
from app.render.model import DocInfo, Rect, RenderedPage, RenderFailure
from app.textnorm import sanitize_line

MAX_IMAGE_SIDE = 4096
"""Longest side of a rendered page in pixels; larger requests are rendered at a lower zoom."""
MIN_ZOOM = 0.01
FALLBACK_PAGE_SIZE = (612.0, 792.0)
OPEN_DOCUMENTS = 2
"""Documents kept open between calls (the one being read, and the one before it)."""

_T = TypeVar("_T")
# path -> ((mtime_ns, size), document); least recently used first.
_open: OrderedDict[str, tuple[tuple[int, int], Any]] = OrderedDict()


class _Unusable(Exception):
    """A document or page that cannot be used; the message is written for the user."""


def warm_up() -> bool:
    """Import PyMuPDF now, so the first preview does not pay for it."""
    import pymupdf  # noqa: F401

    return True


def open_document_info(path: str) -> DocInfo | RenderFailure:
    """Page count and displayed page sizes (points) of the PDF at `path`."""
    return _safely(lambda: _document_info(_document(path)))


def render_page(
    path: str, page_index: int, zoom: float, terms: Sequence[str] = ()
) -> RenderedPage | RenderFailure:
    """Render one page to RGB888 at `zoom` pixels per point (clamped), with the terms' hits."""
    return _safely(lambda: _render(_document(path), page_index, zoom, terms))


def find_hits(path: str, terms: Sequence[str]) -> list[list[Rect]] | RenderFailure:
    """For every page, every match of every term; a page that cannot be read has none."""
    return _safely(lambda: _hits_by_page(_document(path), normalize_terms(terms)))


def close_documents() -> None:
    """Close every document kept open by this process."""
    while _open:
        _, (_, doc) = _open.popitem(last=False)
        _close_quietly(doc)


def clamp_zoom(width: float, height: float, zoom: float) -> float:
    """The zoom to render a `width` × `height` point page at so it fits `MAX_IMAGE_SIDE`."""
    if not math.isfinite(zoom) or zoom <= 0:
        zoom = 1.0
    longest = max(width, height)
    if math.isfinite(longest) and longest > 0:
        # One pixel of headroom: MuPDF rounds the pixmap's edges outwards.
        zoom = min(zoom, (MAX_IMAGE_SIDE - 1) / longest)
    return max(zoom, MIN_ZOOM)


def _safely(action: Callable[[], _T]) -> _T | RenderFailure:
    try:
        return action()
    except _Unusable as exc:
        return RenderFailure(str(exc))
    except MemoryError:
        raise
    except Exception as exc:  # MuPDF raises many unrelated types
        if isinstance(exc, RuntimeError) and "alloc" in str(exc):
            raise MemoryError(_describe(exc)) from None
        return RenderFailure(f"MuPDF could not read it: {_describe(exc)}")
    finally:
        _drain_mupdf_warnings()


def _document(path: str) -> Any:
    file = Path(path)
    try:
        stat = file.stat()
    except FileNotFoundError:
        raise _Unusable("the file does not exist") from None
    except OSError as exc:
        raise _Unusable(f"cannot read the file ({exc.strerror})") from None
    version = (stat.st_mtime_ns, stat.st_size)
    cached = _open.get(path)
    if cached is not None:
        if cached[0] == version:
            _open.move_to_end(path)
            return cached[1]
        del _open[path]
        _close_quietly(cached[1])
    doc = _open_pdf(file, stat.st_size)
    _open[path] = (version, doc)
    while len(_open) > OPEN_DOCUMENTS:
        _, (_, evicted) = _open.popitem(last=False)
        _close_quietly(evicted)
    return doc


def _open_pdf(file: Path, size: int) -> Any:
    if size == 0:
        raise _Unusable("the file is empty")
    if not looks_like_pdf(file):
        raise _Unusable(not_pdf_reason(file))
    import pymupdf

    try:
        doc = pymupdf.open(str(file), filetype="pdf")
    except Exception:
        # MuPDF's message here only repeats the path ("Failed to open file '…'").
        raise _Unusable("the PDF is damaged and cannot be opened") from None
    try:
        if not getattr(doc, "is_pdf", False):
            raise _Unusable("not a PDF (the content is another format)")
        # Read `needs_pass` only before authenticate(): reading it afterwards re-authenticates
        # with an empty password and silently empties the text (a PyMuPDF bug).
        if doc.needs_pass and not doc.authenticate(""):
            raise _Unusable("the PDF is password-protected")
        if int(doc.page_count) <= 0:
            raise _Unusable("damaged PDF: no readable pages")
    except BaseException:
        _close_quietly(doc)
        raise
    return doc


def _document_info(doc: Any) -> DocInfo:
    sizes: list[tuple[float, float]] = []
    for index in range(int(doc.page_count)):
        try:
            rect = doc[index].rect
            size = (float(rect.width), float(rect.height))
        except Exception:  # the page fails again, with its reason, when rendered
            size = sizes[-1] if sizes else FALLBACK_PAGE_SIZE
        if not all(math.isfinite(v) and v >= 1 for v in size):
            size = FALLBACK_PAGE_SIZE
        sizes.append(size)
    return DocInfo(page_count=len(sizes), page_sizes=sizes)


def _render(doc: Any, page_index: int, zoom: float, terms: Sequence[str]) -> RenderedPage:
    import pymupdf

    page_count = int(doc.page_count)
    if not 0 <= page_index < page_count:
        raise _Unusable(f"there is no page {page_index + 1} (the PDF has {page_count})")
    page = _load_page(doc, page_index)
    rect = page.rect
    zoom_used = clamp_zoom(float(rect.width), float(rect.height), zoom)
    pixmap = page.get_pixmap(
        matrix=pymupdf.Matrix(zoom_used, zoom_used), colorspace=pymupdf.csRGB, alpha=False
    )
    if pixmap.n != 3 or pixmap.alpha:
        raise _Unusable("the page rendered in an unexpected pixel format")
    cleaned = normalize_terms(terms)
    hits = _page_hits(page, cleaned) if cleaned else []
    return RenderedPage(
        page_index=page_index,
        width=int(pixmap.width),
        height=int(pixmap.height),
        stride=int(pixmap.stride),
        samples=bytes(pixmap.samples),
        zoom_used=zoom_used,
        hits=hits,
    )


def _hits_by_page(doc: Any, terms: list[str]) -> list[list[Rect]]:
    pages: list[list[Rect]] = []
    for index in range(int(doc.page_count)):
        if not terms:
            pages.append([])
            continue
        try:
            page = doc[index]
        except Exception:  # an unreadable page has no hits
            pages.append([])
            continue
        pages.append(_page_hits(page, terms))
    return pages


def _page_hits(page: Any, terms: list[str]) -> list[Rect]:
    try:
        return search_page(page, terms)
    except MemoryError:
        raise
    except Exception as exc:  # the page still renders without highlights
        if isinstance(exc, RuntimeError) and "alloc" in str(exc):
            raise MemoryError(_describe(exc)) from None
        return []


def _load_page(doc: Any, page_index: int) -> Any:
    try:
        return doc[page_index]
    except Exception as exc:
        raise _Unusable(f"page {page_index + 1} is damaged: {_describe(exc)}") from None


def _describe(exc: BaseException) -> str:
    text = sanitize_line(str(exc), 200) or type(exc).__name__
    for prefix in ("code=2: ", "code=7: "):
        text = text.removeprefix(prefix)
    return text


def _close_quietly(doc: Any) -> None:
    with contextlib.suppress(Exception):
        doc.close()


def _drain_mupdf_warnings() -> None:
    # PyMuPDF keeps MuPDF warnings in an unbounded module-level list; this process lives long.
    with contextlib.suppress(Exception):
        import pymupdf

        pymupdf.TOOLS.mupdf_warnings(reset=True)
