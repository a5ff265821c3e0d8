"""arXiv identifiers and DOIs: finding them in text and putting them in canonical form.

Contract: every function here is pure, offline and total (no exceptions on odd input).
"""

from __future__ import annotations

import re
from urllib.parse import unquote

# New-style ids (April 2007 on): YYMM.NNNN, five digits after the dot from January 2015.
_NEW_ID = r"(?P<new>(?P<yy>\d{2})(?P<mm>\d{2})\.(?P<num>\d{4,5}))"
# Old-style ids: archive[.SUBJECT-CLASS]/YYMMNNN, e.g. math/0211159, math.DS/0411343.
_OLD_ID = r"(?P<old>[a-z]+(?:-[a-z]+)*(?:\.[A-Za-z]{2})?/(?P<oyy>\d{2})(?P<omm>\d{2})\d{3})"
_VERSION = r"(?P<version>v\d{1,3})?"
_ARXIV_PREFIX = r"(?:\barxiv\s*:\s*|\barxiv\.org/(?:abs|pdf)/)"
# ASCII: identifiers are written in ASCII digits, and `\d` would accept any script's.
_ARXIV_RE = re.compile(
    _ARXIV_PREFIX + rf"(?:{_NEW_ID}|{_OLD_ID}){_VERSION}(?![\d/])", re.IGNORECASE | re.ASCII
)
_BARE_NEW_ID_RE = re.compile(rf"(?<![\d.]){_NEW_ID}{_VERSION}(?![\d])", re.ASCII)
_VERSION_SUFFIX = re.compile(r"v\d+$")

# A DOI is "10.<registrant>/<suffix>"; the suffix may hold almost any printable character,
# so it ends at whitespace and loses trailing sentence punctuation afterwards.
_DOI_RE = re.compile(r"(?<![\w.])10\.[0-9]{4,9}/[^\s\"'<>{}|\\^`·•]+")
_DOI_LABELLED_RE = re.compile(
    r"(?:\bdoi\s*[:.]?\s*|doi\.org/|dx\.doi\.org/)(10\.[0-9]{4,9}/[^\s\"'<>{}|\\^`·•]+)",
    re.IGNORECASE,
)
_TRAILING_PUNCT = ".,;:!?'\"”’»"
_CLOSERS = {")": "(", "]": "[", "}": "{"}


def _valid_new_id(match: re.Match[str]) -> bool:
    month = int(match.group("mm"))
    year = int(match.group("yy"))
    if not 1 <= month <= 12 or year < 7 or (year == 7 and month < 4):
        return False
    # Four-digit sequence numbers were used until December 2014, five-digit ones after.
    return (len(match.group("num")) == 5) == (year >= 15)


def _valid_old_id(match: re.Match[str]) -> bool:
    month = int(match.group("omm"))
    year = int(match.group("oyy"))
    return 1 <= month <= 12 and (year >= 91 or year <= 7)


def _format(match: re.Match[str]) -> str:
    ident = match.group("new") or match.group("old") or ""
    return ident + (match.group("version") or "")


def find_arxiv_id(text: str) -> str | None:
    """The first arXiv identifier written as "arXiv:…" or as an arxiv.org link in `text`.

    The version is kept when printed ("1802.08365v2", "math/0211159v1"). Bare numbers such
    as "1802.08365" are not taken: without the prefix they are too easily something else.
    """
    for match in _ARXIV_RE.finditer(text):
        if match.group("new") and _valid_new_id(match):
            return _format(match)
        if match.group("old") and _valid_old_id(match):
            return _format(match)
    return None


def find_bare_arxiv_id(text: str) -> str | None:
    """A new-style id standing alone (e.g. in a file name "1806.07572v2.pdf"), validated."""
    for match in _BARE_NEW_ID_RE.finditer(text):
        if _valid_new_id(match):
            return _format(match)
    return None


def strip_arxiv_version(arxiv_id: str) -> str:
    """'1802.08365v2' → '1802.08365'; also drops an "arXiv:" prefix."""
    ident = arxiv_id.strip()
    if ident.lower().startswith("arxiv:"):
        ident = ident[6:].strip()
    return _VERSION_SUFFIX.sub("", ident)


def arxiv_year(arxiv_id: str) -> int | None:
    """The year of first submission encoded in an arXiv id (YYMM), or None."""
    ident = strip_arxiv_version(arxiv_id)
    match = re.search(r"(?:^|/)(\d{2})(\d{2})[.\d]", ident)
    if not match or not 1 <= int(match.group(2)) <= 12:
        return None
    yy = int(match.group(1))
    return 1900 + yy if yy >= 91 else 2000 + yy


def _trim_doi(doi: str) -> str:
    while doi:
        last = doi[-1]
        unbalanced = last in _CLOSERS and doi.count(last) > doi.count(_CLOSERS[last])
        if last in _TRAILING_PUNCT or unbalanced:
            doi = doi[:-1]
        else:
            break
    return doi


def normalize_doi(doi: str) -> str:
    """Canonical DOI: lower case "10.xxxx/…", without URL/"doi:" prefix or trailing punctuation.

    Returns '' when `doi` holds no DOI at all.
    """
    match = _DOI_RE.search(unquote(doi.strip()))
    if not match:
        return ""
    return _trim_doi(match.group(0)).lower()


def find_doi(text: str) -> str | None:
    """The first DOI in `text`, preferring one labelled "DOI"/doi.org, normalized."""
    for pattern, group in ((_DOI_LABELLED_RE, 1), (_DOI_RE, 0)):
        for match in pattern.finditer(text):
            doi = normalize_doi(match.group(group))
            if "/" in doi and len(doi.split("/", 1)[1]) >= 2:
                return doi
    return None
