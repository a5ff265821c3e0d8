"""Which links in a researcher's notes point at papers, and what they identify.

Recognised: arXiv abs/pdf links and `arXiv:` ids, OpenReview forum/pdf links, DOI links
and `doi:` strings, URLs of PDF files, and pages on well-known proceedings sites. Anything
else (code, blogs, videos) is not a paper link.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal
from urllib.parse import parse_qs, urlsplit

from app.metadata.identifiers import find_arxiv_id, normalize_doi

LinkKind = Literal["arxiv", "openreview", "doi", "pdf", "page"]

_HOSTS_TEXT = """aclanthology.org proceedings.mlr.press papers.nips.cc proceedings.neurips.cc
    openaccess.thecvf.com jmlr.org dl.acm.org ieeexplore.ieee.org link.springer.com
    semanticscholar.org nature.com science.org biorxiv.org medrxiv.org papers.ssrn.com
    journals.aps.org pnas.org sciencedirect.com"""
PAPER_HOSTS = frozenset(_HOSTS_TEXT.split())
# Link texts that name the kind of link rather than the paper ("[pdf]", "[arXiv]").
_GENERIC_TEXT = """pdf arxiv abs abstract paper link here openreview forum doi url preprint version
    published camera ready full text html code slides video blog poster talk supplement
    supplementary appendix journal proceedings on at via the and of"""
GENERIC_WORDS = frozenset(_GENERIC_TEXT.split())


@dataclass(frozen=True, slots=True)
class PaperLink:
    """What a paper link identifies. `url` is kept on the entry only when no identifier
    already says where the paper is; `problem` marks a recognised link that is broken."""

    kind: LinkKind
    arxiv_id: str | None = None
    doi: str | None = None
    url: str = ""
    problem: str = ""


def classify_link(target: str) -> PaperLink | None:
    """The paper `target` (a URL, `arXiv:…` or `doi:…`) points at, or None."""
    text = target.strip()
    lowered = text.lower()
    if lowered.startswith("arxiv:"):
        found = find_arxiv_id(text)
        if found:
            return PaperLink("arxiv", arxiv_id=found)
        return PaperLink("arxiv", problem=f"{text} is not a valid arXiv id")
    if lowered.startswith("doi:"):
        return _doi_link(text[4:], text)
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    host = (parts.hostname or "").lower().removeprefix("www.")
    if parts.scheme not in ("http", "https") or not host:
        return None
    if host == "arxiv.org" or host.endswith(".arxiv.org"):
        if not re.match(r"/(?:abs|pdf)/", parts.path):
            return None
        found = find_arxiv_id(text.replace(f"//{parts.hostname}", "//arxiv.org", 1))
        if found:
            return PaperLink("arxiv", arxiv_id=found)
        return PaperLink("arxiv", problem=f"{text} does not hold a valid arXiv id")
    if host == "openreview.net":
        if parts.path.rstrip("/") not in ("/forum", "/pdf"):
            return None
        ident = parse_qs(parts.query).get("id", [""])[0].strip()
        if not re.fullmatch(r"[\w\-]{4,64}", ident):
            return PaperLink("openreview", problem=f"{text} has no OpenReview paper id")
        return PaperLink("openreview", url=f"https://openreview.net/forum?id={ident}")
    if host in ("doi.org", "dx.doi.org"):
        return _doi_link(parts.path.lstrip("/"), text)
    if parts.path.lower().endswith(".pdf"):
        return PaperLink("pdf", url=text)
    if host in PAPER_HOSTS or any(host.endswith(f".{known}") for known in PAPER_HOSTS):
        return PaperLink("page", url=text)
    return None


def _doi_link(value: str, written: str) -> PaperLink:
    doi = normalize_doi(value)
    return PaperLink("doi", doi=doi) if doi else PaperLink("doi", problem=f"{written} is not a DOI")


def is_generic_label(label: str, target: str) -> bool:
    """True when a link's text names the link ("pdf", the URL, the id), not the paper."""
    text = label.strip().strip("[](){}<>*_`'\"“”").strip()
    if not text or text == target.strip() or "://" in text or text.lower().startswith("www."):
        return True
    if find_arxiv_id(f"arXiv:{text}") or find_arxiv_id(text) or normalize_doi(text) == text.lower():
        return True
    words = re.findall(r"[^\W_]+", text.casefold())
    return all(word in GENERIC_WORDS or word.isdigit() or re.fullmatch(r"v\d+", word)
               for word in words)
