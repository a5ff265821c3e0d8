"""Papers known by their metadata alone ("entries"), and attaching a PDF to one later.

A reading list mostly holds papers before their PDFs are downloaded: a title, authors, a
year, a link, an arXiv id or a DOI. Such a paper carries the `no_pdf` flag until a PDF is
attached, either explicitly (`attach_pdf`) or because an imported PDF matched it by DOI,
arXiv id or title and first author (the import pipeline's "attach" match).

Adding an entry that matches a paper already in the library (same DOI, arXiv id without
version, URL, or title and first author) adds nothing new: the existing paper gets the
entry's tags, its missing fields and its note.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.changes import Changes
from app.db.models import Paper, PaperAuthor, PaperTag, utcnow
from app.dedupe import author_key, title_key
from app.errors import InvalidInputError, NotFoundError
from app.importing.outcome import FileOutcome
from app.importing.pipeline import Importer, ImportReport, ProgressCallback
from app.library import Library, queue_for_index, touch
from app.metadata.identifiers import find_arxiv_id, normalize_doi, strip_arxiv_version
from app.tags import ensure_tag, split_path
from app.textnorm import sanitize, sanitize_line

NO_PDF = "no_pdf"
ATTACHED = "attached"
# Flags that describe a paper's PDF; they travel with the PDF when it moves to an entry.
# The import pipeline replaces a title from this source by the PDF's own title.
PLACEHOLDER_SOURCE = "filename"


@dataclass(frozen=True, slots=True)
class EntryFields:
    """What is known about a paper without its PDF. `same_file_as`: a paper that already
    holds this entry's PDF (found by hash), which makes it that paper."""

    title: str = ""
    authors: Sequence[str] = ()
    year: int | None = None
    url: str = ""
    arxiv_id: str | None = None
    doi: str | None = None
    venue: str = ""
    abstract: str = ""
    notes: str = ""
    tags: Sequence[str] = ()
    same_file_as: int | None = None


@dataclass(frozen=True, slots=True)
class EntryResult:
    """The paper an entry became: a new one (`created`) or an existing match."""

    paper_id: int
    created: bool
    reason: str = ""  # why an existing paper was taken: "same DOI", "same arXiv id", …


def clean_entry(fields: EntryFields) -> EntryFields:
    """Sanitized fields with canonical identifiers; InvalidInputError says what is wrong."""
    url = sanitize_line(fields.url, 2000)
    arxiv_id = _clean_arxiv(fields.arxiv_id) if fields.arxiv_id else find_arxiv_id(url)
    doi = None
    if fields.doi:
        doi = normalize_doi(fields.doi)
        if not doi:
            raise InvalidInputError(f"{fields.doi!r} is not a DOI (they look like 10.1234/…).")
    elif "doi.org/" in url:
        doi = normalize_doi(url) or None
    if fields.year is not None and not 1000 <= fields.year <= 2999:
        raise InvalidInputError(f"{fields.year} is not a plausible year.")
    title = sanitize_line(fields.title, 1000)
    if not (title or url or arxiv_id or doi):
        raise InvalidInputError("An entry needs a title, a URL, an arXiv id or a DOI.")
    authors = [name for name in (sanitize_line(n, 300) for n in fields.authors) if name]
    return replace(
        fields, title=title, authors=authors, url=url, arxiv_id=arxiv_id, doi=doi,
        venue=sanitize_line(fields.venue, 500), abstract=sanitize(fields.abstract, 20_000),
        notes=sanitize(fields.notes, 200_000).strip(),
        tags=list(dict.fromkeys("/".join(split_path(tag)) for tag in fields.tags)),
    )


def _clean_arxiv(value: str) -> str:
    text = sanitize_line(value, 200)
    bare = text[6:].strip() if text.lower().startswith("arxiv:") else text
    found = find_arxiv_id(f"arXiv:{bare}") or find_arxiv_id(text)
    if found is None:
        raise InvalidInputError(f"{value!r} is not an arXiv id (they look like 2106.09685).")
    return found


def placeholder_title(fields: EntryFields) -> str:
    """A stand-in title for an entry known only by an identifier or a link."""
    if fields.arxiv_id:
        return f"arXiv:{fields.arxiv_id}"
    if fields.doi:
        return f"doi:{fields.doi}"
    return fields.url


def add_entry(
    library: Library, *, title: str, authors: Sequence[str] = (), year: int | None = None,
    url: str = "", arxiv_id: str | None = None, doi: str | None = None, venue: str = "",
    abstract: str = "", notes: str = "", tags: Sequence[str] = (),
) -> tuple[int, bool]:
    """Add a paper without a PDF; returns (paper id, created). An existing match is reused."""
    fields = EntryFields(title, authors, year, url, arxiv_id, doi, venue, abstract, notes, tags)
    result = add_entries(library, [fields])[0]
    return result.paper_id, result.created


def add_entries(
    library: Library, entries: Sequence[EntryFields], tags: Sequence[str] = ()
) -> list[EntryResult]:
    """Add many entries in one transaction (each also tagged with `tags`), in order.

    Later entries match earlier ones of the same batch. Invalid fields raise
    InvalidInputError before anything is written.
    """
    cleaned = [clean_entry(entry) for entry in entries]
    results: list[EntryResult] = []
    changes = Changes(tags=bool(tags) or any(entry.tags for entry in cleaned))
    with library.writing() as session:
        for entry in cleaned:
            found = _find_existing(session, entry)
            if found is None:
                paper = _create(session, entry)
                changes.added.add(paper.id)
                results.append(EntryResult(paper.id, True))
            else:
                paper = session.get_one(Paper, found[0])
                _merge(paper, entry)
                changes.updated.add(paper.id)
                results.append(EntryResult(paper.id, False, found[1]))
            _tag(session, paper.id, [*entry.tags, *tags])
        session.flush()
        changes.updated -= changes.added
        touch(session, changes.updated)
        queue_for_index(session, changes.added)
    library.publish(changes)
    return results


def _find_existing(session: Session, entry: EntryFields) -> tuple[int, str] | None:
    if entry.same_file_as is not None and session.get(Paper, entry.same_file_as) is not None:
        return entry.same_file_as, "same file"
    probes = []
    if entry.doi:
        probes.append((Paper.doi == entry.doi, "same DOI"))
    if entry.arxiv_id:
        probes.append((Paper.arxiv_base == strip_arxiv_version(entry.arxiv_id), "same arXiv id"))
    if entry.url:
        probes.append((Paper.url == entry.url, "same URL"))
    for condition, reason in probes:
        paper_id = session.scalar(select(Paper.id).where(condition).order_by(Paper.id).limit(1))
        if paper_id is not None:
            return paper_id, reason
    key = title_key(entry.title)
    if not key:
        return None
    rows = session.execute(
        select(Paper.id, Paper.first_author_key).where(Paper.title_key == key).order_by(Paper.id)
    ).all()
    first = author_key(list(entry.authors))
    for paper_id, other_first in rows:
        if first and first == other_first:
            return paper_id, "same title and first author"
    # Without an author to compare, a long title that only one paper has is enough.
    if len(rows) == 1 and not (first and rows[0].first_author_key):
        return rows[0].id, "same title"
    return None


def _create(session: Session, entry: EntryFields) -> Paper:
    title = entry.title or placeholder_title(entry)
    paper = Paper(
        title=title,
        title_key=title_key(entry.title),
        first_author_key=author_key(list(entry.authors)),
        year=entry.year, abstract=entry.abstract, venue=entry.venue, url=entry.url,
        arxiv_id=entry.arxiv_id,
        arxiv_base=strip_arxiv_version(entry.arxiv_id) if entry.arxiv_id else None,
        doi=entry.doi, notes=entry.notes, flags=NO_PDF, status="unread",
        metadata_source="entry" if entry.title else PLACEHOLDER_SOURCE, added_at=utcnow(),
    )
    paper.authors = [PaperAuthor(position=i, name=n) for i, n in enumerate(entry.authors)]
    session.add(paper)
    session.flush()
    return paper


def _merge(paper: Paper, entry: EntryFields) -> None:
    """Fill what the existing paper lacks; never overwrite what it has."""
    if entry.title and paper.metadata_source == PLACEHOLDER_SOURCE:
        paper.title, paper.title_key = entry.title, title_key(entry.title)
        paper.metadata_source = "entry"
    if entry.authors and not paper.authors:
        paper.authors = [PaperAuthor(position=i, name=n) for i, n in enumerate(entry.authors)]
        paper.first_author_key = author_key(list(entry.authors))
    if entry.arxiv_id and not paper.arxiv_id:
        paper.arxiv_id, paper.arxiv_base = entry.arxiv_id, strip_arxiv_version(entry.arxiv_id)
    paper.doi = paper.doi or entry.doi
    paper.year = paper.year or entry.year
    paper.venue = paper.venue or entry.venue
    paper.abstract = paper.abstract or entry.abstract
    paper.url = paper.url or entry.url
    if entry.notes and entry.notes not in paper.notes:
        paper.notes = f"{paper.notes.rstrip()}\n\n{entry.notes}" if paper.notes else entry.notes


def _tag(session: Session, paper_id: int, paths: Iterable[str]) -> None:
    tag_ids = {ensure_tag(session, path) for path in paths}
    have = set(session.scalars(select(PaperTag.tag_id).where(PaperTag.paper_id == paper_id)))
    for tag_id in sorted(tag_ids - have):
        session.add(PaperTag(paper_id=paper_id, tag_id=tag_id))


# attaching PDFs ---------------------------------------------------------------------------


def import_pdfs(
    library: Library, paths: Iterable[Path], tags: Sequence[str] = (), *,
    workers: int | None = None, cancel: threading.Event | None = None,
    progress: ProgressCallback | None = None,
) -> ImportReport:
    """Import PDFs through the pipeline (which attaches them to matching entries)."""
    return Importer(library, workers=workers, cancel=cancel, progress=progress).run(
        paths, tags
    )


def attach_pdf(library: Library, paper_id: int, path: Path) -> FileOutcome:
    """Attach the PDF at `path` to paper `paper_id` (an entry without a PDF).

    The PDF is read by the import pipeline; its metadata fills the fields the entry lacks.
    A PDF already in the library gives a `duplicate` outcome and changes nothing.
    """
    return attach_pdfs(library, [(paper_id, path)])[0]


def attach_pdfs(library: Library, pairs: Sequence[tuple[int, Path]]) -> list[FileOutcome]:
    """Attach PDFs to papers, one outcome per (paper id, path) pair, in order.

    NotFoundError when a paper does not exist; a paper that already has a PDF, a PDF
    named twice, a missing file or a PDF already in the library give failed or duplicate
    outcomes.
    """
    outcomes: list[FileOutcome | None] = [None] * len(pairs)
    wanted: dict[str, int] = {}  # absolute path → position
    with library.reading() as session:
        for position, (paper_id, path) in enumerate(pairs):
            paper = session.get(Paper, paper_id)
            if paper is None:
                raise NotFoundError(f"There is no paper {paper_id}.")
            key = str(Path(path).expanduser().absolute())
            if paper.files:
                outcomes[position] = FileOutcome(
                    str(path), "failed", reason=f"paper #{paper_id} already has a PDF"
                )
            elif key in wanted:
                other = pairs[wanted[key]][0]
                outcomes[position] = FileOutcome(
                    str(path), "failed", reason=f"the same PDF is being attached to #{other}"
                )
            else:
                wanted[key] = position
    attach_to = {Path(key): pairs[position][0] for key, position in wanted.items()}
    report = Importer(library).run(list(attach_to), attach_to=attach_to) if wanted else None
    by_path = {o.path: o for o in report.outcomes} if report else {}
    for key, position in wanted.items():
        found = by_path.get(key) or FileOutcome(key, "failed", reason="not imported")
        if found.status == "added":
            found.flags = sorted({*found.flags, ATTACHED} - {NO_PDF})
        outcomes[position] = found
    return [outcome for outcome in outcomes if outcome is not None]


