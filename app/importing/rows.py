"""The database rows an imported PDF becomes, written with few statements per batch.

A new paper's own row is inserted at once: it gets its id, and later files of the batch are
matched against it by identifier and title. Its authors, file and text rows wait in
`PendingRows` and go in with one statement per table when the batch commits, or earlier
when duplicate matching is about to read them (`write_if_waiting`). Going through the ORM's
unit of work instead costs about a millisecond per paper, which is what limits an import of
many small PDFs.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any, cast

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from app.db.models import File, ImportLog, Paper, PaperAuthor, PaperText, utcnow
from app.dedupe import author_key, title_key
from app.importing.job import Analysis
from app.importing.outcome import FileOutcome
from app.metadata.identifiers import strip_arxiv_version

# Column name → value, as Core inserts take them.
Values = dict[str, Any]
# A Core statement against the table: its values go in as parameters, so each insert skips
# the ORM's per-value checks (a third of a millisecond per paper).
_PAPERS = cast(Table, Paper.__table__)
_INSERT_PAPER = insert(_PAPERS).returning(_PAPERS.c.id)


def paper_fields(analysis: Analysis) -> Values:
    """The paper columns a PDF's analysis gives (authors aside: they have their own rows)."""
    meta = analysis.metadata
    return {
        "title": meta.title,
        "metadata_source": meta.title_source,
        "title_key": title_key(meta.title),
        "first_author_key": author_key(meta.authors),
        "year": meta.year,
        "abstract": meta.abstract,
        "venue": meta.venue or "",
        "arxiv_id": meta.arxiv_id or None,
        "arxiv_base": strip_arxiv_version(meta.arxiv_id) if meta.arxiv_id else None,
        "doi": meta.doi or None,
        "page_count": analysis.page_count,
        "flags": " ".join(sorted(set(analysis.flags))),
        "sketch_keys": analysis.sketch.bands if analysis.sketch else "",
    }


def fill_missing(paper: Paper, analysis: Analysis) -> None:
    """Give an existing paper (an entry a PDF is attached to) what it lacks."""
    fields = paper_fields(analysis)
    if not paper.title or paper.metadata_source == "filename":
        paper.title = fields["title"]
        paper.metadata_source = fields["metadata_source"]
        paper.title_key = fields["title_key"]
    if not paper.authors and analysis.metadata.authors:
        paper.authors = [
            PaperAuthor(position=i, name=name)
            for i, name in enumerate(analysis.metadata.authors)
        ]
        paper.first_author_key = fields["first_author_key"]
    paper.year = paper.year or fields["year"]
    paper.abstract = paper.abstract or fields["abstract"]
    paper.venue = paper.venue or fields["venue"]
    if not paper.arxiv_id and fields["arxiv_id"]:
        paper.arxiv_id = fields["arxiv_id"]
        paper.arxiv_base = fields["arxiv_base"]
    paper.doi = paper.doi or fields["doi"]
    paper.page_count = analysis.page_count
    paper.flags = " ".join(sorted(paper.flag_set | set(analysis.flags)))
    paper.sketch_keys = fields["sketch_keys"]


def text_row(paper_id: int, analysis: Analysis) -> Values:
    return {
        "paper_id": paper_id,
        "page_count": analysis.page_count,
        "data": analysis.text_blob,
        "sketch": analysis.sketch.minhash if analysis.sketch else b"",
    }


def file_row(sha256: str, size: int, stored: str, original: str) -> Values:
    """A file's row, but for the paper it belongs to."""
    return {"sha256": sha256, "size": size, "stored_path": stored, "original_path": original}


class PendingRows:
    """Authors, files and texts of the batch's new papers, not written yet."""

    def __init__(self) -> None:
        self._authors: list[Values] = []
        self._files: list[Values] = []
        self._texts: list[Values] = []
        self._papers: set[int] = set()

    def add_paper(self, session: Session, analysis: Analysis, file: Values) -> int:
        """Insert a new paper's row now; its other rows wait. Returns its id."""
        now = utcnow()
        values = {**paper_fields(analysis), "added_at": now, "updated_at": now}
        paper_id: int = session.execute(_INSERT_PAPER, values).scalar_one()
        self._authors.extend(
            {"paper_id": paper_id, "position": position, "name": name}
            for position, name in enumerate(analysis.metadata.authors)
        )
        self._files.append({**file, "paper_id": paper_id})
        self._texts.append(text_row(paper_id, analysis))
        self._papers.add(paper_id)
        return paper_id

    def write_if_waiting(self, session: Session, paper_ids: Collection[int]) -> None:
        """Write everything waiting if any of `paper_ids` has rows waiting (before reading)."""
        if not self._papers.isdisjoint(paper_ids):
            self.write(session)

    def write(self, session: Session) -> None:
        for model, rows in ((PaperAuthor, self._authors), (File, self._files),
                            (PaperText, self._texts)):
            if rows:
                session.execute(insert(model), rows)
                rows.clear()
        self._papers.clear()


def write_log(session: Session, batch: str, outcomes: Sequence[FileOutcome]) -> None:
    """One import-log row per outcome."""
    if outcomes:
        now = utcnow()
        session.execute(insert(ImportLog), [
            {
                "batch": batch, "path": outcome.path, "status": outcome.status,
                "paper_id": outcome.paper_id, "duplicate_of": outcome.duplicate_of,
                "reason": outcome.reason, "flags": " ".join(outcome.flags), "at": now,
            }
            for outcome in outcomes
        ])


def papers_by_hash(session: Session, hashes: Sequence[str]) -> dict[str, int]:
    """The papers holding files with these sha256 digests, by digest."""
    found: dict[str, int] = {}
    for start in range(0, len(hashes), 500):
        chunk = hashes[start : start + 500]
        rows = session.execute(select(File.sha256, File.paper_id).where(File.sha256.in_(chunk)))
        found.update({sha: paper_id for sha, paper_id in rows})
    return found
