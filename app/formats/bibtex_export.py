"""BibTeX export of a selection, a tag subtree or the whole library.

Entry types: `@inproceedings` when the venue reads like a conference or workshop,
`@article` for other venues, `@misc` for preprints and papers without a venue. Personal
notes go to `annote`, which bibliography styles do not print (a `note` would appear in
the reference list of the paper being written).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.formats.citekeys import library_keys
from app.formats.latex import encode
from app.formats.persons import to_bibtex_name
from app.formats.selection import chosen_papers
from app.library import Library
from app.views import PaperView

_PROCEEDINGS = re.compile(
    r"\b(?:proc(?:eedings|\.)?|conference|conf\.|workshops?|symposium|meeting|congress|"
    r"neurips|nips|icml|iclr|cvpr|iccv|eccv|aaai|ijcai|acl|emnlp|naacl|coling|colt|aistats|"
    r"uai|kdd|sigir|sigmod|vldb|stoc|focs|soda|icalp|chi|siggraph|icassp|interspeech|icra|"
    r"iros|rss|corl|miccai|wacv|bmvc|www)\b",
    re.IGNORECASE,
)
_PREPRINT_VENUE = re.compile(r"\b(?:arxiv|preprint|corr|biorxiv|medrxiv|ssrn)\b", re.IGNORECASE)
_URL_UNSAFE = {"{": "%7B", "}": "%7D", " ": "%20", "\\": "%5C"}


def export_bibtex(
    library: Library, *, ids: Sequence[int] | None = None, tag: str | None = None,
    with_files: bool = False,
) -> str:
    """The BibTeX of the chosen papers (all, `ids`, papers under `tag`, or both filters).

    Entries are sorted by citation key. `with_files` adds JabRef-style `file` fields
    naming the stored PDFs.
    """
    papers = chosen_papers(library, ids, tag)
    with library.reading() as session:
        keys = library_keys(session)
    entries = sorted((keys[paper.id], paper) for paper in papers if paper.id in keys)
    return "\n".join(bibtex_entry(paper, key, with_files=with_files) for key, paper in entries)


def entry_type(venue: str) -> tuple[str, str | None]:
    """(BibTeX entry type, the field that holds the venue) for a venue string."""
    if not venue:
        return "misc", None
    if _PREPRINT_VENUE.search(venue):
        return "misc", "howpublished"
    if _PROCEEDINGS.search(venue):
        return "inproceedings", "booktitle"
    return "article", "journal"


def bibtex_entry(paper: PaperView, key: str, *, with_files: bool = False) -> str:
    """One `@type{key, …}` entry with its fields in a fixed order."""
    kind, venue_field = entry_type(paper.venue)
    fields: list[tuple[str, str]] = [("title", encode(paper.title, protect_case=True))]
    if paper.authors:
        names = [encode(to_bibtex_name(name)) for name in paper.authors]
        fields.append(("author", " and ".join(names)))
    if venue_field:
        fields.append((venue_field, encode(paper.venue)))
    if paper.year:
        fields.append(("year", str(paper.year)))
    if paper.doi:
        fields.append(("doi", _verbatim(paper.doi)))
    if paper.arxiv_id:
        fields.append(("eprint", _verbatim(paper.arxiv_id)))
        fields.append(("archiveprefix", "arXiv"))
    if paper.url:
        fields.append(("url", _verbatim(paper.url)))
    if paper.abstract:
        fields.append(("abstract", encode(paper.abstract)))
    if paper.tags:
        fields.append(("keywords", encode(", ".join(paper.tags))))
    if paper.notes.strip():
        fields.append(("annote", encode(paper.notes.strip())))
    if with_files and paper.file and not {"{", "}"} & set(paper.file):
        fields.append(("file", f":{_file_path(paper.file)}:PDF"))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{kind}{{{key},\n{body}\n}}\n"


def _verbatim(value: str) -> str:
    """URL-like values are not LaTeX-escaped; only characters that break BibTeX are."""
    return "".join(_URL_UNSAFE.get(char, char) for char in value)


def _file_path(path: str) -> str:
    # JabRef's file field separates with ':' and ';' and escapes them with a backslash.
    return path.replace("\\", "\\\\").replace(":", "\\:").replace(";", "\\;")
