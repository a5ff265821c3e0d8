"""Markdown outline import: headings become nested tags, paper links become entries.

One outcome per paper found (named by its link as written): `added`, `duplicate` of a
paper already in the library (which is tagged with the heading's tag instead), or
`failed` with the line and the reason. See `app.formats.outline` for what is read.
"""

from __future__ import annotations

from pathlib import Path

from app.entries import NO_PDF, EntryFields, add_entries, clean_entry
from app.errors import InvalidInputError
from app.formats.outline import OutlineEntry, parse_outline
from app.formats.text_files import read_text_file
from app.importing.outcome import FileOutcome
from app.library import Library
from app.tags import split_path


def import_markdown(library: Library, path: Path, *, tag: str | None = None) -> list[FileOutcome]:
    """Import the papers of a Markdown outline; `tag` becomes the parent of heading tags."""
    return import_outline(library, read_text_file(path), tag=tag, name=str(path))


def import_outline(
    library: Library, text: str, *, tag: str | None = None, name: str = "the outline"
) -> list[FileOutcome]:
    """`import_markdown` for text already read (`name` appears in messages)."""
    outline = parse_outline(text)
    if not outline.entries and not outline.problems:
        raise InvalidInputError(
            f"{name} holds no paper links: list items with arXiv, OpenReview, DOI or PDF links."
        )
    base = "/".join(split_path(tag)) if tag else ""
    outcomes: list[FileOutcome | None] = []
    usable: list[tuple[int, EntryFields]] = []
    for entry in outline.entries:
        try:
            if entry.problem:
                raise InvalidInputError(entry.problem)
            fields = clean_entry(_fields(entry, base))
        except InvalidInputError as exc:
            outcomes.append(FileOutcome(entry.source, "failed", reason=f"line {entry.line}: {exc}"))
            continue
        usable.append((len(outcomes), fields))
        outcomes.append(None)
    results = add_entries(library, [fields for _, fields in usable])
    for (position, fields), result in zip(usable, results, strict=True):
        source = outline.entries[position].source
        if result.created:
            outcomes[position] = FileOutcome(
                source, "added", paper_id=result.paper_id, flags=[NO_PDF], title=fields.title
            )
        else:
            outcomes[position] = FileOutcome(
                source, "duplicate", duplicate_of=result.paper_id, reason=result.reason
            )
    final = [outcome for outcome in outcomes if outcome is not None]
    final += [FileOutcome(f"line {line}", "failed", reason=why) for line, why in outline.problems]
    return final


def _fields(entry: OutlineEntry, base: str) -> EntryFields:
    topic = "/".join(part for part in (base, entry.topic) if part)
    if topic:
        topic = "/".join(split_path(topic))
    return EntryFields(
        title=entry.title, authors=entry.authors, year=entry.year, url=entry.url,
        arxiv_id=entry.arxiv_id, doi=entry.doi, notes=entry.note,
        tags=[topic] if topic else [],
    )
