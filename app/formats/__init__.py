"""Reading lists in and out: BibTeX and Markdown export and import.

`import_file` picks the format from the file name; every import reports one
`FileOutcome` per entry, like a PDF import does.
"""

from __future__ import annotations

from pathlib import Path

from app.errors import InvalidInputError
from app.importing.outcome import FileOutcome
from app.library import Library

BIBTEX_SUFFIXES = (".bib", ".bibtex")
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".txt")


def import_file(
    library: Library, path: Path, *, tag: str | None = None, keyword_tags: bool = True
) -> list[FileOutcome]:
    """Import a .bib file or a Markdown outline (chosen by its suffix) into `library`."""
    suffix = path.suffix.lower()
    if suffix in BIBTEX_SUFFIXES:
        from app.formats.bibtex_import import import_bibtex

        return import_bibtex(library, path, tags=[tag] if tag else [], keyword_tags=keyword_tags)
    if suffix in MARKDOWN_SUFFIXES:
        from app.formats.markdown_import import import_markdown

        return import_markdown(library, path, tag=tag)
    raise InvalidInputError(
        f"Lectern imports BibTeX (.bib) and Markdown (.md) reading lists, not {path.name}. "
        "PDFs are added with `lectern add`."
    )
