"""Is a new PDF already in the library? Duplicate, another version, or an entry to attach to.

Runs inside the import's write transaction, so two processes importing the same paper at
once cannot both add it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sqlalchemy import bindparam, or_, select
from sqlalchemy.orm import Session

from app.db.models import File, Paper, PaperText
from app.dedupe import SAME_TEXT, BandIndex, author_key, resemblance, title_key
from app.importing.job import Analysis
from app.importing.rows import PendingRows
from app.metadata.identifiers import strip_arxiv_version

MAX_VERSION_LENGTH_RATIO = 3
MatchKind = Literal["duplicate", "version", "attach"]
# Papers sharing a DOI, an arXiv id (any version) or a title key with a new PDF. One query
# for all three, built once: most PDFs match nothing, and building a statement costs more
# than running it.
_SAME_IDENTIFIER = select(
    Paper.id, Paper.doi, Paper.arxiv_id, Paper.arxiv_base, Paper.title_key,
    Paper.first_author_key, Paper.page_count,
).where(
    or_(
        Paper.doi == bindparam("doi"),
        Paper.arxiv_base == bindparam("base"),
        Paper.title_key == bindparam("key"),
    )
)
# Each candidate's text sketch, and whether it has a PDF.
_CANDIDATES = (
    select(Paper.id, PaperText.sketch, select(File.id).where(File.paper_id == Paper.id).exists())
    .outerjoin(PaperText, PaperText.paper_id == Paper.id)
    .where(Paper.id.in_(bindparam("ids", expanding=True)))
)


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

    base = strip_arxiv_version(meta.arxiv_id) if meta.arxiv_id else None
    key, first = title_key(meta.title), author_key(meta.authors)
    if meta.title_source == "filename":
        key = ""
    if meta.doi or base or key:
        # None matches nothing: SQL's NULL equals no value.
        rows = session.execute(
            _SAME_IDENTIFIER, {"doi": meta.doi, "base": base, "key": key or None}
        )
        for paper_id, doi, arxiv_id, arxiv_base, other_key, other_first, other_pages in rows:
            if meta.doi and doi == meta.doi:
                note(paper_id, "doi")
            if base and arxiv_base == base:
                same = arxiv_id == meta.arxiv_id or arxiv_id == base or meta.arxiv_id == base
                note(paper_id, "arxiv" if same else "arxiv_version")
            if (
                key
                and other_key == key
                and first
                and first == other_first
                and _similar_length(analysis.page_count, other_pages)
            ):
                note(paper_id, "title")
    if analysis.sketch is not None:
        for paper_id in bands.candidates(analysis.sketch.bands):
            note(paper_id, "text?")
    if not reasons:
        return None
    if pending is not None:
        pending.write_if_waiting(session, reasons.keys())

    sketches: dict[int, bytes] = {}
    with_files: set[int] = set()
    for paper_id, sketch, has_file in session.execute(_CANDIDATES, {"ids": sorted(reasons)}):
        if sketch:
            sketches[paper_id] = sketch
        if has_file:
            with_files.add(paper_id)
    best: Match | None = None
    for paper_id in sorted(reasons):
        why = reasons[paper_id]
        similar = 0.0
        if analysis.sketch is not None and paper_id in sketches:
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
