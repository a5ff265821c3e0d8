"""BibTeX import: each entry becomes a paper (or finds the one already in the library).

The outcome list has one record per entry, in file order, like a PDF import's: `added`
(a new paper), `duplicate` (an existing paper matched by file, DOI, arXiv id, URL or title
and first author; it still gets the entry's tags and missing fields) or `failed` with the
reason. A PDF named in a `file` field (JabRef/Zotero `{:path/x.pdf:PDF}` or a plain path,
relative to the .bib file) is imported and attached.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import bibtexparser
from bibtexparser import model
from sqlalchemy import select

from app.db.models import File
from app.entries import NO_PDF, EntryFields, add_entries, attach_pdfs, clean_entry
from app.errors import InvalidInputError
from app.formats.latex import decode
from app.formats.persons import from_bibtex_name, split_bibtex_authors, strip_outer_braces
from app.formats.text_files import read_text_file
from app.importing.outcome import FileOutcome
from app.library import Library
from app.metadata.identifiers import find_arxiv_id, find_bare_arxiv_id, normalize_doi
from app.store import sha256_of
from app.tags import split_path
from app.textnorm import sanitize, sanitize_line

# The parser logs every malformed block; those become failed outcomes here instead.
logging.getLogger("bibtexparser").addHandler(logging.NullHandler())

NOTE_FIELDS = ("annote", "annotation", "comment", "note")
VENUE_FIELDS = ("journal", "journaltitle", "booktitle", "howpublished")
_YEAR = re.compile(r"\b([12]\d{3})\b")
_URL_MACRO = re.compile(r"^\\url\s*\{(.*)\}$", re.DOTALL)
_VERBATIM_ESCAPES = re.compile(r"\\([_%&#$~])")


@dataclass(frozen=True, slots=True)
class BibRecord:
    """One entry of a .bib file: its key (or "line N"), its fields or why it is unusable."""

    key: str
    fields: EntryFields | None
    pdf: Path | None = None
    problem: str = ""


def import_bibtex(
    library: Library, path: Path, *, tags: Sequence[str] = (), keyword_tags: bool = True
) -> list[FileOutcome]:
    """Import the entries of a .bib file, tagging each with `tags` (and its keywords)."""
    records = read_bibtex(read_text_file(path), path.parent, keyword_tags=keyword_tags)
    if not records:
        raise InvalidInputError(f"{path} holds no BibTeX entries (@article{{…}}, @misc{{…}}, …).")
    usable = [record for record in records if record.fields is not None]
    known = _papers_holding(library, [r.pdf for r in usable if r.pdf and r.pdf.is_file()])
    entries = [
        replace(record.fields, same_file_as=known.get(record.pdf) if record.pdf else None)
        for record in usable
        if record.fields is not None
    ]
    results = iter(add_entries(library, entries, tags=tags))
    outcomes: list[FileOutcome] = []
    to_attach: dict[int, tuple[int, Path]] = {}  # outcome position → (paper id, PDF)
    for record in records:
        if record.fields is None:
            outcomes.append(FileOutcome(record.key, "failed", reason=record.problem))
            continue
        result = next(results)
        if result.created:
            outcome = FileOutcome(
                record.key, "added", paper_id=result.paper_id, flags=[NO_PDF],
                title=record.fields.title,
            )
        else:
            outcome = FileOutcome(
                record.key, "duplicate", duplicate_of=result.paper_id, reason=result.reason
            )
        if record.pdf is not None and result.reason != "same file":
            to_attach[len(outcomes)] = (result.paper_id, record.pdf)
        outcomes.append(outcome)
    _attach(library, outcomes, to_attach)
    return outcomes


def _papers_holding(library: Library, pdfs: list[Path]) -> dict[Path, int]:
    """Which of these PDFs are already in the library, and as which paper."""
    hashes: dict[str, Path] = {}
    for pdf in pdfs:
        try:
            hashes[sha256_of(pdf)] = pdf
        except OSError:
            continue
    with library.reading() as session:
        rows = session.execute(
            select(File.sha256, File.paper_id).where(File.sha256.in_(list(hashes)))
        )
        return {hashes[sha]: paper_id for sha, paper_id in rows}


def _attach(
    library: Library, outcomes: list[FileOutcome], to_attach: dict[int, tuple[int, Path]]
) -> None:
    with library.reading() as session:
        ids = [paper_id for paper_id, _ in to_attach.values()]
        with_files = set(session.scalars(select(File.paper_id).where(File.paper_id.in_(ids))))
    pending: list[tuple[int, tuple[int, Path]]] = []
    for position, (paper_id, pdf) in to_attach.items():
        if paper_id in with_files:
            continue
        if not pdf.is_file():
            _note(outcomes[position], f"PDF not attached: no such file {pdf}")
        else:
            pending.append((position, (paper_id, pdf)))
    attached = attach_pdfs(library, [pair for _, pair in pending])
    for (position, _), result in zip(pending, attached, strict=True):
        outcome = outcomes[position]
        if result.status == "added":
            outcome.flags = [flag for flag in result.flags if flag != NO_PDF]
            outcome.pages = result.pages
        elif result.status == "duplicate":
            _note(outcome, f"PDF not attached: it is already in the library as #"
                           f"{result.duplicate_of} ({result.reason})")
        else:
            _note(outcome, f"PDF not attached: {result.reason}")


def _note(outcome: FileOutcome, text: str) -> None:
    outcome.reason = f"{outcome.reason}; {text}" if outcome.reason else text


# reading ----------------------------------------------------------------------------------


def read_bibtex(text: str, base_dir: Path, *, keyword_tags: bool = True) -> list[BibRecord]:
    """Every entry of a BibTeX text, in order, each usable or with the reason it is not."""
    try:
        parsed = bibtexparser.parse_string(text)
    except Exception as exc:  # the parser's own errors are not part of its documented API
        raise InvalidInputError(f"This file cannot be read as BibTeX: {exc}") from exc
    records: list[BibRecord] = []
    for block in parsed.blocks:
        line = f"line {(block.start_line or 0) + 1}"
        if isinstance(block, model.Entry):
            records.append(_record(block, base_dir, keyword_tags))
        elif isinstance(block, model.DuplicateBlockKeyBlock):
            records.append(BibRecord(block.key, None, problem=(
                f"{line}: the key {block.key!r} is already used by an earlier entry")))
        elif isinstance(block, model.DuplicateFieldKeyBlock):
            names = ", ".join(sorted(block.duplicate_keys))
            key = _key_of(block.raw) or line
            records.append(BibRecord(key, None, problem=f"{line}: field(s) {names} given twice"))
        elif isinstance(block, model.ParsingFailedBlock):
            reason = getattr(block.error, "abort_reason", "") or str(block.error)
            reason = " ".join(str(reason).split()) or "not valid BibTeX"
            key = _key_of(block.raw) or line
            records.append(BibRecord(key, None, problem=f"{line}: {reason}"))
    return records


def _key_of(raw: str | None) -> str:
    match = re.match(r"\s*@\s*\w+\s*[{(]\s*([^,\s{}()=]+)\s*,", raw or "")
    return match.group(1) if match else ""


def _record(entry: model.Entry, base_dir: Path, keyword_tags: bool) -> BibRecord:
    raw = {field.key.lower(): str(field.value) for field in entry.fields}
    key = entry.key or f"line {(entry.start_line or 0) + 1}"

    def text(name: str) -> str:
        return sanitize_line(decode(raw.get(name, "")))

    venue = next((text(name) for name in VENUE_FIELDS if text(name)), "")
    url = _verbatim(raw.get("url", "")) or (_verbatim(raw["howpublished"])
                                            if "://" in raw.get("howpublished", "") else "")
    if "://" in venue:
        venue = ""
    arxiv_id = _arxiv_id(raw, venue, url)
    if arxiv_id and find_arxiv_id(venue):  # "arXiv preprint arXiv:…" names no venue
        venue = ""
    notes = [sanitize(decode(raw[name])).strip() for name in NOTE_FIELDS if raw.get(name)]
    fields = EntryFields(
        title=text("title"),
        authors=[_person(name) for name in split_bibtex_authors(raw.get("author", ""))],
        year=_year(raw.get("year", "") or raw.get("date", "")),
        url=url,
        arxiv_id=arxiv_id,
        doi=normalize_doi(_verbatim(raw.get("doi", ""))) or None,
        venue=venue,
        abstract=sanitize(decode(raw.get("abstract", ""))).strip(),
        notes="\n\n".join(dict.fromkeys(note for note in notes if note)),
        tags=_tags(raw) if keyword_tags else [],
    )
    try:
        fields = clean_entry(fields)
    except InvalidInputError as exc:
        return BibRecord(key, None, problem=str(exc))
    return BibRecord(key, fields, pdf_from_file_field(raw.get("file", ""), base_dir))


def _person(name: str) -> str:
    unwrapped = strip_outer_braces(name)
    if unwrapped != name:  # a braced name ("{World Health Organization}") is taken as is
        return sanitize_line(decode(unwrapped), 300)
    return from_bibtex_name(sanitize_line(decode(name), 300))


def _year(value: str) -> int | None:
    match = _YEAR.search(value)
    return int(match.group(1)) if match else None


def _verbatim(value: str) -> str:
    value = value.strip()
    match = _URL_MACRO.match(value)
    if match:
        value = match.group(1)
    return sanitize_line(_VERBATIM_ESCAPES.sub(r"\1", value).replace("{", "").replace("}", ""))


def _arxiv_id(raw: dict[str, str], venue: str, url: str) -> str | None:
    eprint = _verbatim(raw.get("eprint", ""))
    prefix = (raw.get("archiveprefix", "") or raw.get("eprinttype", "")).strip().lower()
    if eprint and (prefix == "arxiv" or not prefix):
        found = find_arxiv_id(f"arXiv:{eprint}")
        if found:
            return found
    if venue.lower() == "corr" and raw.get("volume", "").startswith("abs/"):
        return find_bare_arxiv_id(raw["volume"])
    return find_arxiv_id(venue) or find_arxiv_id(url)


def _tags(raw: dict[str, str]) -> list[str]:
    tags: list[str] = []
    for name in ("keywords", "groups"):
        for part in re.split(r"[,;]", decode(raw.get(name, ""))):
            try:
                tags.append("/".join(split_path(part)))
            except InvalidInputError:
                continue
    return list(dict.fromkeys(tags))


def pdf_from_file_field(value: str, base_dir: Path) -> Path | None:
    """The first PDF named in a `file` field, resolved against the .bib file's folder."""
    for item in _split_unescaped(value, ";"):
        parts = _split_unescaped(item, ":")
        kind = ""
        if len(parts) >= 3:
            path, kind = ":".join(parts[1:-1]), parts[-1]
        elif len(parts) == 2 and parts[0] == "":
            path = parts[1]
        else:
            path = item
        path = re.sub(r"\\(.)", r"\1", path).strip()
        if path and (path.lower().endswith(".pdf") or "pdf" in kind.lower()):
            candidate = Path(path).expanduser()
            return candidate if candidate.is_absolute() else base_dir / candidate
    return None


def _split_unescaped(text: str, separator: str) -> list[str]:
    parts, current, position = [], [], 0
    while position < len(text):
        char = text[position]
        if char == "\\" and position + 1 < len(text):
            current.append(text[position : position + 2])
            position += 2
            continue
        if char == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
        position += 1
    parts.append("".join(current))
    return parts
