"""Publication year from what page 1 prints around the paper (never from citations).

Evidence, most trusted first: the arXiv id (YYMM), a copyright line, a journal issue line,
a venue or "published" line, a date line near the title or in a margin, and a year in the
file name. The PDF's own creation date is not used: files are rebuilt and re-saved years
after publication (vignettes, theses, scans), so it misleads more often than it helps.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence

from app.metadata.identifiers import arxiv_year
from app.metadata.layout import Row, is_running_text

_YEAR = r"(?P<year>(?:19|20)\d{2})(?!\d)"
_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_COPYRIGHT = re.compile(rf"(?:©|c\u20dd|\(c\)|\bcopyright\b)[^\n\d]{{0,40}}?{_YEAR}", re.IGNORECASE)
# A journal's issue line: "MARCH 2021 | VOL. 64 | NO. 3", "Name 59 (2022) 103061".
_ISSUE_MARK = re.compile(r"\b(?:vol(?:ume)?\.?|no\.|issue|pp\.?)\s*\d", re.IGNORECASE)
_ANY_YEAR = re.compile(rf"(?<![\d.]){_YEAR}")
_ISSUE_YEAR = re.compile(rf"\d\s*\(\s*{_YEAR}\s*\)|\(\s*{_YEAR.replace('year', 'y2')}\s*\)\s*\d")
_STATED_WORDS = (
    r"(?:published|accepted|appeared|appear|proceedings|conference|symposium|workshop"
    r"|journal|transactions|letters)"
)
_STATED = re.compile(rf"\b{_STATED_WORDS}\b[^\n]{{0,120}}?(?<![\d.]){_YEAR}", re.IGNORECASE)
_STATED_BEFORE = re.compile(rf"(?<![\d.]){_YEAR}\)?[^\n]{{0,60}}\b{_STATED_WORDS}", re.IGNORECASE)
_SHORT_YEAR_VENUE = re.compile(
    r"\b[A-Z][A-Za-z]{2,9}\s?['’](?P<short>\d{2})\b"  # "POPL ’82", "KDD'14"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?(?:\s*[-–]\s*\d{1,2}(?:st|nd|rd|th)?)?"
_DATE = re.compile(
    rf"\b(?:{_DAY}\s+)?{_MONTHS}\.?\s+(?:{_DAY},?\s+)?{_YEAR}",
    re.IGNORECASE,
)
_YEAR_ALONE = re.compile(rf"^\s*{_YEAR}\s*$")  # a cover page's "2010"
# In running text only a sentence about the paper itself counts:
# "…has been published in the Journal of X (2014)", "Smith et al. (2014), published in …".
_TEXT_PUBLISHED = re.compile(
    rf"\bpublished\b[^\n]{{0,100}}?(?<![\d.]){_YEAR}"
    rf"|(?<![\d.]){_YEAR.replace('year', 'y2')}\)?,?\s+published\b",
    re.IGNORECASE,
)
_NOT_PUBLICATION = re.compile(
    r"\b(?:download|upload|access|retriev|print|generat|compil|revis|updat)\w*", re.IGNORECASE
)
_FILE_YEAR = re.compile(r"(?<!\d)(?P<year>19[5-9]\d|20[0-4]\d)(?!\d)")
# Every pattern above needs two digits in a row ("2019", "’82"): most rows have none.
_TWO_DIGITS = re.compile(r"\d\d")


def _plausible(year: int) -> bool:
    return 1900 <= year <= datetime.date.today().year + 1


def _first_year(pattern: re.Pattern[str], text: str) -> int | None:
    for match in pattern.finditer(text):
        if "short" in pattern.groupindex and match.group("short"):
            short = int(match.group("short"))
            year = 1900 + short if short > (datetime.date.today().year % 100) + 1 else 2000 + short
        else:
            groups = match.groupdict()
            year = int(groups.get("year") or groups.get("y2") or 0)
        if _plausible(year):
            return year
    return None


def year_from_rows(
    rows: Sequence[Row], body: float, page_height: float, notes: bool = True
) -> int | None:
    """The best year printed in `rows` (one page, reading order), or None.

    With `notes` false only copyright and journal-issue lines count: dates in the notes
    of later pages are often those of other versions.
    """
    classes: list[list[int]] = [[], [], [], []]
    for row in rows:
        text = row.text
        if not _TWO_DIGITS.search(text):
            continue
        found = _first_year(_COPYRIGHT, text)
        if found:
            classes[0].append(found)
            continue
        if _NOT_PUBLICATION.search(text):
            continue
        found = _first_year(_ISSUE_YEAR, text)
        if not found and _ISSUE_MARK.search(text):
            found = _first_year(_ANY_YEAR, text)
        if found:
            classes[1].append(found)
            continue
        if not notes or is_running_text(row, body, page_height):
            continue
        found = _first_year(_STATED, text) or _first_year(_STATED_BEFORE, text)
        found = found or _first_year(_SHORT_YEAR_VENUE, text)
        if found:
            classes[2].append(found)
            continue
        found = _first_year(_DATE, text)
        if not found and row.size >= 0.95 * body:  # not a figure's axis label
            found = _first_year(_YEAR_ALONE, text)
        if found:
            classes[3].append(found)
    for years in classes:
        if years:
            return years[0]
    return None


def year_from_text(page_text: str) -> int | None:
    """A year from a sentence of the running text saying where the paper was published."""
    return _first_year(_TEXT_PUBLISHED, page_text)


def year_from_file_name(file_name: str) -> int | None:
    """A year written in the file name ("NIPS-1991-…", "smith2019.pdf"), or None."""
    for match in _FILE_YEAR.finditer(file_name):
        year = int(match.group("year"))
        if _plausible(year):
            return year
    return None


def choose_year(arxiv_id: str | None, printed_year: int | None, file_name: str) -> int | None:
    """Combine the sources above, most trusted first (`printed_year` from `year_from_rows`)."""
    if arxiv_id:
        year = arxiv_year(arxiv_id)
        if year:
            return year
    return printed_year or year_from_file_name(file_name)
