"""Is a new PDF already in the library? Duplicate, another version, or an entry to attach to.

Runs inside the import's write transaction, so two processes importing the same paper at
once cannot both add it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import File, Paper, PaperText
from app.dedupe import SAME_TEXT, BandIndex, author_key, resemblance, title_key
from app.importing.job import Analysis
from app.importing.rows import PendingRows
from app.metadata.identifiers import strip_arxiv_version

MAX_VERSION_LENGTH_RATIO = 3
MatchKind = Literal["duplicate", "version", "attach"]


@dataclass(frozen=True, slots=True)
class Match:
    kind: MatchKind
    paper_id: int
    reason: str


def find_match(
    session: Session, analysis: Analysis, bands: BandIndex, pending: PendingRows | None = None
) -> Match | None:
    """The strongest relation between `analysis` and a paper already in the library.

    `pending`: rows of papers added earlier in the same batch, written before being read.
    """
    meta = analysis.metadata
    reasons: dict[int, set[str]] = {}

    def note(paper_id: int, why: str) -> None:
        reasons.setdefault(paper_id, set()).add(why)

    if meta.doi:
        for paper_id in session.scalars(select(Paper.id).where(Paper.doi == meta.doi)):
            note(paper_id, "doi")
    if meta.arxiv_id:
        base = strip_arxiv_version(meta.arxiv_id)
        rows = session.execute(select(Paper.id, Paper.arxiv_id).where(Paper.arxiv_base == base))
        for paper_id, arxiv_id in rows:
            same = arxiv_id == meta.arxiv_id or arxiv_id == base or meta.arxiv_id == base
            note(paper_id, "arxiv" if same else "arxiv_version")
    key, first = title_key(meta.title), author_key(meta.authors)
    if key and meta.title_source != "filename":
        same_title = session.execute(
            select(Paper.id, Paper.first_author_key, Paper.page_count).where(
                Paper.title_key == key
            )
        )
        for paper_id, other_first, other_pages in same_title:
            if first and other_first and first == other_first and _similar_length(
                analysis.page_count, other_pages
            ):
                note(paper_id, "title")
    if analysis.sketch is not None:
        for paper_id in bands.candidates(analysis.sketch.bands):
            note(paper_id, "text?")
    if not reasons:
        return None
    if pending is not None:
        pending.write_if_waiting(session, reasons.keys())

    sketches: dict[int, bytes] = {
        paper_id: sketch
        for paper_id, sketch in session.execute(
            select(PaperText.paper_id, PaperText.sketch).where(PaperText.paper_id.in_(reasons))
        )
    }
    with_files = set(session.scalars(select(File.paper_id).where(File.paper_id.in_(reasons))))
    best: Match | None = None
    for paper_id in sorted(reasons):
        why = reasons[paper_id]
        similar = 0.0
        if analysis.sketch is not None and sketches.get(paper_id):
            similar = resemblance(analysis.sketch.minhash, sketches[paper_id])
        match = _judge(paper_id, why, similar, paper_id in with_files)
        if match is not None and (best is None or _rank(match) > _rank(best)):
            best = match
    return best


def _similar_length(pages: int, other: int) -> bool:
    # A preprint and its published version differ by an appendix at most; a book and a
    # paper that share a title and an author are different works.
    if pages <= 0 or other <= 0:
        return True
    return max(pages, other) <= MAX_VERSION_LENGTH_RATIO * min(pages, other)


def _judge(paper_id: int, why: set[str], similar: float, has_file: bool) -> Match | None:
    identified = bool(why & {"doi", "arxiv", "arxiv_version", "title"})
    if not has_file and identified:
        return Match("attach", paper_id, "entry without a PDF")
    if similar >= SAME_TEXT:
        return Match("duplicate", paper_id, "same text")
    if "doi" in why:
        return Match("duplicate", paper_id, "same DOI")
    if "arxiv" in why:
        return Match("duplicate", paper_id, "same arXiv id")
    if "arxiv_version" in why:
        return Match("version", paper_id, "another arXiv version")
    if "title" in why:
        return Match("version", paper_id, "same title and first author")
    return None


def _rank(match: Match) -> int:
    return {"attach": 3, "duplicate": 2, "version": 1}[match.kind]
