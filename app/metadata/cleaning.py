"""String clean-up shared by the title, author and venue rules."""

from __future__ import annotations

import re
import unicodedata

from app.textnorm import fold_for_match, sanitize_line

# TeX places an accent before its letter; after NFKC a spacing accent becomes
# " " + combining mark, so "Cl´ement" reaches us as "Cl \u0301ement".
_DETACHED_ACCENT = re.compile(r"\s?([\u0300-\u036f]+)\s?([^\W\d_])")
FOOTNOTE_MARKS = "∗*†‡§¶‖#⋆⇤⇧♮♭♯"
_TRAILING_MARKS = re.compile(rf"[\s{re.escape(FOOTNOTE_MARKS)}]+$")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.;:!?)\]])")
_COMBINING_ACCENT = re.compile("[\u0300-\u036f]")


def fix_accents(text: str) -> str:
    """Re-attach accents that the PDF drew as separate glyphs ("Cl ́ement" → "Clément")."""
    if not _COMBINING_ACCENT.search(text):
        return text
    return unicodedata.normalize("NFC", _DETACHED_ACCENT.sub(r"\2\1", text))


def clean_text(text: str, max_length: int = 2000) -> str:
    """One sanitized line with accents repaired and no space before punctuation."""
    text = fix_accents(sanitize_line(text, max_length))
    # Soft hyphens are invisible; TeX draws © as "c" under an enclosing circle.
    text = text.replace("\u00ad", "").replace("c\u20dd", "©")
    return sanitize_line(_SPACE_BEFORE_PUNCT.sub(r"\1", text), max_length)


def strip_trailing_marks(text: str) -> str:
    """Drop footnote marks (∗ † ‡ §) left at the end of a title or a name."""
    return _TRAILING_MARKS.sub("", text).strip()


def fold(text: str) -> str:
    """Case-, accent-, space- and punctuation-insensitive key (see `fold_for_match`)."""
    return fold_for_match(fix_accents(text))


def words(text: str) -> list[str]:
    """Lower-cased alphabetic words of `text`, accents folded."""
    decomposed = unicodedata.normalize("NFKD", fix_accents(text).casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.findall(r"[^\W\d_]+", plain)


def letter_ratio(text: str) -> float:
    """Share of letters among the non-space characters."""
    visible = len(text) - sum(map(str.isspace, text))
    if not visible:
        return 0.0
    return sum(map(str.isalpha, text)) / visible


def smart_title_case(text: str) -> str:
    """Title-case a name printed in capitals ("URS HÖLZLE" → "Urs Hölzle")."""
    return " ".join(
        "-".join(piece[:1].upper() + piece[1:].lower() for piece in word.split("-"))
        for word in text.split()
    )
