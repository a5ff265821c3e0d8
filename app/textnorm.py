"""Text normalization shared by import, metadata and queries.

Contract: every string that reaches SQLite, tantivy, Qt labels or logs from a PDF passes
through `sanitize` (and page text through `normalize_page_text`).
"""

from __future__ import annotations

import re
import unicodedata

# C0/C1 controls (but \t \n), bidi overrides and isolates, BOM/non-characters, line/paragraph
# separators, lone surrogates and private-use code points: none of them is text a person
# meant to search. Line and paragraph separators, CR, form feeds and vertical tabs become
# line breaks; the rest are removed.
_UNWANTED = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff\ufeff\ufff9-\uffff\ue000-\uf8ff\U000f0000-\U0010ffff\u2028\u2029]"
)
_LINE_SEPARATORS = frozenset("\u2028\u2029\r\f\v")
_ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[@-_]")
# A hyphen ending a line between two word characters. Starting with the hyphen lets the
# scan skip ahead to hyphens; the look-arounds let "a-\nb-\nc" join both breaks.
_HYPHEN_BREAK = re.compile(r"[-\u00ad\u2010](?<=\w.)\n[ \t]*(?=(\w))")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# TeX fonts without a Unicode map put the "ff" ligature at code 11, which some PDFs map to
# U+21B5 (↵): "di↵erent". After a letter it can only be that ligature; elsewhere it may be
# the alpha of a math font, which shares the code, and is left alone.
_FF_AS_ARROW = re.compile(r"(?<=[^\W\d_])\u21b5")
_NOT_WORD = re.compile(r"[\W_]+")
# Typographic ligatures (U+FB00–FB06), the one thing most PDF pages need NFKC for, with the
# letters they decompose to.
_LIGATURES = tuple(
    (chr(code), unicodedata.normalize("NFKD", chr(code))) for code in range(0xFB00, 0xFB07)
)


def sanitize(text: str, max_length: int | None = None) -> str:
    """Strip escape sequences, control, bidi-override and private-use characters; NFKC."""
    if text.isascii() and text.isprintable():
        # Printable ASCII is NFKC already and holds none of the characters removed below.
        return text if max_length is None else text[:max_length]
    if "\x1b" in text:
        text = _ANSI_ESCAPE.sub("", text)
    # NFKC neither makes nor changes any character `_UNWANTED` names (true of all of
    # Unicode), so one pass after it does for them what a pass before it would.
    text = _nfkc(text)
    text = _UNWANTED.sub(_line_break_or_nothing, text)
    if "\u21b5" in text:
        text = _FF_AS_ARROW.sub("ff", text)
    if max_length is not None and len(text) > max_length:
        text = text[:max_length]
    return text


def _nfkc(text: str) -> str:
    # What NFKC makes of a text depends only on its full compatibility decomposition, so a
    # ligature can be replaced by its letters first. Most pages are then NFKC already, which
    # `normalize` checks quickly before doing any work.
    for ligature, letters in _LIGATURES:
        if ligature in text:
            text = text.replace(ligature, letters)
    return unicodedata.normalize("NFKC", text)


def _line_break_or_nothing(match: re.Match[str]) -> str:
    return "\n" if match.group() in _LINE_SEPARATORS else ""


def sanitize_line(text: str, max_length: int = 2000) -> str:
    """`sanitize`, then fold all whitespace to single spaces (titles, names, metadata)."""
    return " ".join(sanitize(text, max_length * 4).split())[:max_length]


def normalize_page_text(text: str) -> str:
    """NFKC (ligatures), joined line-end hyphenation, collapsed whitespace.

    Line breaks inside a paragraph become spaces; paragraph breaks stay as one newline.
    """
    text = sanitize(text)
    text = _HYPHEN_BREAK.sub(_join_hyphenated, text)
    if "\u00ad" in text:
        text = text.replace("\u00ad", "")
    # str.split() folds every kind of Unicode space and the single line breaks.
    paragraphs = (" ".join(p.split()) for p in _PARAGRAPH_BREAK.split(text))
    return "\n".join(p for p in paragraphs if p)


def _join_hyphenated(match: re.Match[str]) -> str:
    # "mean-\nfield" keeps its hyphen when the next part is capitalised ("Gauss-\nNewton");
    # otherwise it is a line-end break of one word ("net-\nworks" → "networks").
    return "-" if match.group(1).isupper() else ""


def fold_for_match(text: str) -> str:
    """Case- and accent-insensitive key for comparing titles and names."""
    decomposed = unicodedata.normalize("NFKD", sanitize(text))
    # The accents NFKD splits off are combining marks, and no combining mark is a word
    # character, so removing non-word characters removes them too: all but U+0345, which
    # case folding turns into a letter (ι).
    return _NOT_WORD.sub("", decomposed.replace("\u0345", "").casefold())
