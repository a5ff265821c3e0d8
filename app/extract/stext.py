"""A page's text and line layout, written out by MuPDF's own structured-text printers.

PyMuPDF's `get_text("text")` and `get_text("dict")` walk MuPDF's structured text in
PyMuPDF's glue code; for a typical paper page that walk costs 0.5 ms ("text") and 3 ms
("dict"), against about 0.1 ms for MuPDF's flattened text output and 0.7 ms for its JSON
output parsed by `json`. Both read the same structured-text page, so the words are the same.

MuPDF writes NUL as the two bytes C0 80 and passes lone surrogates through; both are
removed here or by `app.textnorm.sanitize`.
"""

from __future__ import annotations

import functools
import json
import re
from typing import Any

from app.extract.parsed import TextLine
from app.textnorm import sanitize_line

# JSON coordinates and sizes are written as integers: scale them to hundredths of a point.
_JSON_SCALE = 100.0
# An embedded subset's font name starts with six capitals and "+" ("ABCDEF+Times-Bold").
_SUBSET_PREFIX = re.compile(r"^[A-Z]{6}\+")
# Weights that set a line apart the way bold does, whatever the font's flags say.
_BOLD_NAME = re.compile(r"bold|demi|heavy|black", re.IGNORECASE)


def text_page(page: Any) -> Any:
    """MuPDF's structured text of `page`, as plain text extraction reads it."""
    import pymupdf

    return page.get_textpage(flags=pymupdf.TEXTFLAGS_TEXT)


def page_text(textpage: Any) -> str:
    """The page's text, one line of text per line of the page."""
    from pymupdf import mupdf

    # Line ends and their hyphens are kept: `normalize_page_text` judges hyphenation itself.
    flatten = mupdf.FZ_TEXT_FLATTEN_KEEP_LINES | mupdf.FZ_TEXT_FLATTEN_KEEP_HYPHENS
    buffer, _ = mupdf.fz_new_buffer_from_flattened_stext_page(textpage.this, flatten)
    return _decode(buffer.fz_buffer_extract())


def page_layout(textpage: Any, page_number: int) -> tuple[str, list[TextLine]]:
    """The page's text, its blocks separated by blank lines, and every non-blank line
    with its font, size and position (MuPDF describes a line by its first character)."""
    from pymupdf import mupdf

    buffer = mupdf.fz_new_buffer(16384)
    output = mupdf.FzOutput(buffer)
    mupdf.fz_print_stext_page_as_json(output, textpage.this, _JSON_SCALE)
    output.fz_close_output()
    data = json.loads(_decode(buffer.fz_buffer_extract()))
    lines: list[TextLine] = []
    paragraphs: list[str] = []
    for block_number, block in enumerate(data.get("blocks", ())):
        block_lines: list[str] = []
        for line in block.get("lines", ()):
            raw = str(line.get("text", ""))
            if not raw.strip():
                continue
            block_lines.append(raw)
            text = sanitize_line(raw)
            if text:
                lines.append(_text_line(line, text, page_number, block_number))
        if block_lines:
            paragraphs.append("\n".join(block_lines))
    return "\n\n".join(paragraphs), lines


def _text_line(line: dict[str, Any], text: str, page_number: int, block: int) -> TextLine:
    font = line.get("font") or {}
    name, bold_name = _font_name(str(font.get("name", "")))
    box = line.get("bbox") or {}
    x0 = float(box.get("x", 0)) / _JSON_SCALE
    y0 = float(box.get("y", 0)) / _JSON_SCALE
    return TextLine(
        text=text,
        size=round(float(font.get("size", 0)) / _JSON_SCALE, 2),
        bold=bold_name or font.get("weight") == "bold",
        font=name,
        bbox=(
            x0,
            y0,
            x0 + float(box.get("w", 0)) / _JSON_SCALE,
            y0 + float(box.get("h", 0)) / _JSON_SCALE,
        ),
        page=page_number,
        block=block,
    )


@functools.lru_cache(maxsize=512)
def _font_name(raw: str) -> tuple[str, bool]:
    # (the name without its subset prefix, whether it names a bold weight); a page repeats
    # a handful of fonts over dozens of lines.
    name = _SUBSET_PREFIX.sub("", raw)
    return sanitize_line(name, 100), _BOLD_NAME.search(name) is not None


def _decode(data: bytes) -> str:
    data = data.replace(b"\xc0\x80", b"")
    try:
        return data.decode("utf-8", "surrogatepass")
    except UnicodeDecodeError:
        return data.decode("utf-8", "replace")
