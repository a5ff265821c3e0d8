"""Venue: where the paper says it appeared (conference footers, journal headers, "To appear in").

Only notes count, never running text: a line must start with the statement, and journal
header patterns are only looked for above the title or in the page margins.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.metadata.cleaning import clean_text
from app.metadata.layout import Row

_LEAD = r"^[\W\d]{0,6}"  # footnote marks and page numbers before a note
_STATED = re.compile(
    _LEAD + r"(?:published as an? (?:conference|workshop) paper at|accepted (?:at|to|in|for"
    r" publication in)|to appear in|appeared in|appears in|appearing in|first published in"
    r"|published in|presented at)\s*:?\s*(?:the\s+)?(?P<venue>(?:proceedings|[A-Z]).{2,})",
    re.IGNORECASE,
)
_PROCEEDINGS = re.compile(_LEAD + r"(?:in\s+)?(?P<venue>proceedings of .{5,})", re.IGNORECASE)
# "33rd Conference on Neural Information Processing Systems (NeurIPS 2019), Vancouver."
_NUMBERED_CONFERENCE = re.compile(
    _LEAD + r"\d+\s?(?:st|nd|rd|th)\s+(?:annual\s+)?(?:conference|symposium|workshop)\b.*?"
    r"\((?P<venue>[A-Za-z][\w-]*\s?['’]?\d{2,4})\)",
    re.IGNORECASE,
)
# Journal running headers: "Name 59 (2022) 103061", "Name (2008) 19(2), 185-224",
# "Name, Vol 17 n. 4, pp 471-522", "Name: An International Journal, 4, 223-242, 1991".
_JOURNAL_HEADER = re.compile(
    r"^(?P<venue>[A-Z][^\d|]{4,100}?)[,.]?\s+(?:\d+\s*\(\s*(?:19|20)\d{2}\s*\)"
    r"|\(\s*(?:19|20)\d{2}\s*\)\s*\d)"
    r"|^(?P<venue2>[A-Z][^\d|]{4,100}?),?\s+vol(?:ume)?\.?\s*\d+"
    r"|^(?P<venue3>[A-Z][^\d|]{4,100}?),\s*\d+,\s*\d+\s*[-–]\s*\d+,\s*(?:19|20)\d{2}",
    re.IGNORECASE,
)
_REPOSITORY_COVER = re.compile(
    r"^(?:article|conference paper|chapter|book|thesis)\s+in\s+(?P<venue>[^·•]{3,})",
    re.IGNORECASE,
)
_VENUE_WORDS = re.compile(
    r"\b(?:proceedings|conference|journal|transactions|symposium|workshop|letters|review"
    r"|magazine|commun|annals|bulletin|advances in|systems|computing|surveys)\b",
    re.IGNORECASE,
)
_ORDINAL = re.compile(r"(\d)\s+(st|nd|rd|th)\b")
_TAIL = re.compile(
    r"(?:\s+in\s+(?:19|20)\d{2}|\s*[,;|(].*|\s+https?://\S*.*|\s*[.·•:]\s*|\s+(?:19|20)\d{2}\."
    r"|\s+vol(?:ume)?\.?\s*\d.*)$",
    re.IGNORECASE,
)
_SUBJECT_TAIL = re.compile(
    r"(?:,?\s*\d+\s*\((?:19|20)\d{2}\).*|\s+(?:19|20)\d{2}[.:]\d.*|\s*https?://\S+)$"
)
MAX_VENUE_CHARS = 150


def _tidy(venue: str) -> str:
    venue = _ORDINAL.sub(r"\1\2", clean_text(venue, MAX_VENUE_CHARS * 3))
    previous = None
    while previous != venue:
        previous = venue
        venue = _TAIL.sub("", venue).strip()
    return venue[:MAX_VENUE_CHARS].strip(" .,;:")


def _note_text(rows: Sequence[Row], index: int) -> str:
    # A note may run over the next rows of the same size in the same column.
    text = rows[index].text
    last = rows[index]
    for row in rows[index + 1 : index + 6]:
        if row.y0 - last.y1 > 0.8 * last.size or text.rstrip().endswith("."):
            break
        if abs(row.size - last.size) > 0.5 or not (row.x0 < last.x1 and last.x0 < row.x1):
            continue
        text = text[:-1] + row.text if text.endswith("-") else f"{text} {row.text}"
        last = row
    return text


def venue_from_notes(rows: Sequence[Row]) -> str | None:
    """A venue stated by a note on page 1 (footer, header, line under the title), or None."""
    for pattern in (_NUMBERED_CONFERENCE, _PROCEEDINGS, _STATED):
        for index, row in enumerate(rows):
            if not pattern.match(row.text):
                continue
            match = pattern.match(_note_text(rows, index))
            venue = _tidy(match.group("venue")) if match else ""
            if len(venue) >= 3 and (_VENUE_WORDS.search(venue) or re.search(r"\d{2}", venue)):
                return venue
    return None


def venue_from_header(rows: Sequence[Row]) -> str | None:
    """A journal named by its running header ("Journal 59 (2022) 103061"), or None."""
    for row in rows:
        header = _JOURNAL_HEADER.match(row.text)
        if header:
            raw = header.group("venue") or header.group("venue2") or header.group("venue3")
            venue = _tidy(raw or "")
            if len(venue.split()) >= 2:
                return venue
    return None


def venue_from_metadata(subject: str) -> str | None:
    """The info dict's subject when it names a journal or conference (it often does)."""
    subject = clean_text(subject, 400)
    if not subject or len(subject) > MAX_VENUE_CHARS or not _VENUE_WORDS.search(subject):
        return None
    venue = _SUBJECT_TAIL.sub("", subject).strip(" .,;:")
    return venue or None


def venue_from_cover(rows: Sequence[Row]) -> str | None:
    """Repository cover pages: "Article in Neural Computation · October 2000"."""
    for row in rows:
        match = _REPOSITORY_COVER.match(row.text)
        if match:
            venue = _tidy(match.group("venue"))
            if len(venue) >= 3:
                return venue
    return None
